namespace Lab.Targets.Local.HostCommands;

/// <summary>`service NAME start|stop|restart|status` and `service --status-all`, as Debian's wrapper maps them to systemctl.</summary>
public static class SysvServiceCommand
{
    private const string Usage = "Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]";

    public static async Task<int> RunAsync(HostServiceSession session, IReadOnlyList<string> args, CancellationToken ct)
    {
        if (args is ["--status-all"])
        {
            foreach (var unit in session.Units.All)
                session.Out.WriteLine($" [ {(session.StateOf(unit.Unit).IsActive ? "+" : "-")} ]  {unit.Unit[..unit.Unit.LastIndexOf('.')]}");
            return 0;
        }
        if (args.Count < 2) return session.Fail(1, Usage);
        var (name, command) = (args[0], args[1]);
        return command switch
        {
            "start" => await session.StartAsync(name, null, ct),
            "stop" => await session.StopAsync(name, ct),
            "restart" or "--full-restart" or "force-reload" => await session.RestartAsync(name, null, ct),
            "status" => session.Status(name, 10),
            _ => session.Fail(1, $"service {name} {command}: not available on this lab host; use start, stop, restart or status"),
        };
    }
}
