namespace Lab.Targets.Local.HostCommands;

/// <summary>`systemctl VERB [UNIT...]` for the verbs the seeds use, parsed as systemctl does (options anywhere).</summary>
public static class SystemctlCommand
{
    public const string Supported = "start, stop, restart, status, is-active, is-failed, list-units, daemon-reload";

    public static async Task<int> RunAsync(HostServiceSession session, IReadOnlyList<string> args, CancellationToken ct)
    {
        var quiet = false;
        var lines = 10;
        var now = false;
        var words = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            switch (a)
            {
                case "-q" or "--quiet": quiet = true; break;
                case "--now": now = true; break;
                case "--no-pager" or "-l" or "--full" or "--no-block" or "--no-ask-password" or "--system": break;
                case "-n" or "--lines" when i + 1 < args.Count && int.TryParse(args[i + 1], out var n): lines = n; i++; break;
                case var l when l.StartsWith("--lines=", StringComparison.Ordinal) && int.TryParse(l[8..], out var m): lines = m; break;
                case var o when o.StartsWith('-'):
                    return session.Fail(1, $"systemctl: option {o} is not available on this lab host (its services are run by the lab tool, not systemd); verbs: {Supported}");
                default: words.Add(a); break;
            }
        }
        if (words.Count == 0) return ListUnits(session);
        var verb = words[0];
        var targets = words.Skip(1).ToList();
        if (targets.Count == 0 && verb is not ("daemon-reload" or "list-units"))
            return session.Fail(1, $"Too few arguments.");

        var worst = 0;
        switch (verb)
        {
            case "daemon-reload": return 0; // nothing to reload: services read their configuration when they start
            case "list-units": return ListUnits(session);
            case "is-active":
            case "is-failed":
            {
                var any = false;
                foreach (var t in targets)
                {
                    var state = session.StateOf(t).Active;
                    if (!quiet) session.Out.WriteLine(state);
                    any |= verb == "is-active" ? state == "active" : state == "failed";
                    if (verb == "is-active" && state != "active") worst = 3;
                }
                return verb == "is-active" ? worst : any ? 0 : 1;
            }
            case "enable" or "disable":
                session.Error.WriteLine($"systemctl {verb}: this lab host has no boot to start services at; its services stay as they are" +
                                        (now ? $" (--now: {(verb == "enable" ? "starting" : "stopping")} them)" : ""));
                if (!now) return 0;
                verb = verb == "enable" ? "start" : "stop";
                break;
        }
        foreach (var t in targets)
        {
            var code = verb switch
            {
                "start" => await session.StartAsync(t, null, ct),
                "stop" => await session.StopAsync(t, ct),
                "restart" or "try-restart" or "reload-or-restart" => await session.RestartAsync(t, null, ct),
                "status" => session.Status(t, lines),
                _ => session.Fail(1, $"systemctl {verb}: not available on this lab host (its services are run by the lab tool, not systemd); verbs: {Supported}"),
            };
            worst = Math.Max(worst, code);
            if (verb == "status" && targets.Count > 1 && t != targets[^1]) session.Out.WriteLine();
        }
        return worst;
    }

    private static int ListUnits(HostServiceSession session)
    {
        var rows = session.Units.All.Select(u => (u, session.StateOf(u.Unit))).ToList();
        var width = Math.Max(4, rows.Select(r => r.u.Unit.Length).DefaultIfEmpty(4).Max());
        session.Out.WriteLine($"  {"UNIT".PadRight(width)} LOAD   ACTIVE   SUB       DESCRIPTION");
        foreach (var (u, s) in rows)
            session.Out.WriteLine($"  {u.Unit.PadRight(width)} loaded {s.Active,-8} {(s.Active == "failed" ? "failed" : s.Sub),-9} {u.Description}");
        session.Out.WriteLine();
        session.Out.WriteLine($"{rows.Count} loaded units listed.");
        return 0;
    }
}
