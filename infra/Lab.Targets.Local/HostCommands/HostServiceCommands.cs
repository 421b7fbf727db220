namespace Lab.Targets.Local.HostCommands;

/// <summary>Runs one of <see cref="ServiceShims.Programs"/> with the arguments a student typed.</summary>
public static class HostServiceCommands
{
    public static Task<int> RunAsync(HostServiceSession session, string program, IReadOnlyList<string> args, CancellationToken ct) => program switch
    {
        "systemctl" => SystemctlCommand.RunAsync(session, args, ct),
        "service" => SysvServiceCommand.RunAsync(session, args, ct),
        "journalctl" => JournalctlCommand.RunAsync(session, args, ct),
        "galera_new_cluster" => GaleraNewClusterCommand.RunAsync(session, args, ct),
        _ => Task.FromResult(session.Fail(1, $"lab host-service: unknown program '{program}'; known: {string.Join(", ", ServiceShims.Programs)}")),
    };
}
