using Lab.Bench;
using Spectre.Console;

namespace Lab.Cli.Views;

/// <summary>The end-of-run table of `lab bench`: each measurement with its DESIGN §5 target where it has one.</summary>
internal static class BenchSummary
{
    public static void Render(IAnsiConsole console, BenchReport report)
    {
        var m = report.Machine;
        console.MarkupLineInterpolated($"[grey]{m.Cores} cores, {m.MemoryMib} MiB, kernel {m.Kernel}; {m.MariadbVersion}; {m.GaleraVersion ?? "Galera ?"}[/]");
        var table = new Table().AddColumns("measurement", "seconds / MiB", "target", "met");
        void Row(string what, string value, string target = "", bool? met = null) =>
            table.AddRow(Markup.Escape(what), Markup.Escape(value), Markup.Escape(target),
                met switch { true => "[green]yes[/]", false => "[red]no[/]", null => "" });

        var t = report.Targets;
        if (report.Up is { } up)
        {
            Row("up (shared state)", up.UpSeconds?.ToString() ?? "failed", "≤ 5 s", t.UpWithin5s);
            Row("baseline up (bootstrap + 2 SST joins)", up.BaselineUpSeconds?.ToString() ?? "failed");
            Row("baseline / up", up.BaselineRatio is { } r ? $"{r:0.0}×" : "-", "≥ 3×", t.UpAtLeast3xFasterThanBaseline);
            Row("down", up.DownSeconds?.ToString() ?? "-");
            foreach (var f in up.Failures) Row("  failure", f);
        }
        if (report.Scenarios is { } s)
        {
            foreach (var sc in s.Scenarios)
                if (sc.NotRun is { } why) Row($"scenario {sc.Name} (not run)", why);
                else Row($"scenario {sc.Name}{(sc.Passed ? "" : " (FAILED)")}",
                    $"{sc.Seconds:0.00} (DB wait {sc.WaitingOnDatabaseSeconds:0.00}, actions {sc.ActionsSeconds:0.00}, other {sc.OtherSeconds:0.00}; restore {sc.RestoreSeconds:0.00})"
                    + (sc.LongestInterruptionSeconds is { } li ? $"; longest interruption {li:0.00}" : ""));
            Row("scenarios passed / failed / not run", $"{s.PassedCount} / {s.FailedCount} / {s.NotRunCount}");
            Row("scenario suite (sum of scenarios)", $"{s.ScenarioSeconds:0.00} (+ restores {s.RestoreSeconds:0.00})", "≤ 90 s", t.ScenarioSuiteWithin90s);
        }
        if (report.Density is { } d)
        {
            Row($"density: {d.Instances} instances all Synced ({d.Mode}, {d.Parallel} at a time)", $"{d.AllSyncedSeconds:0.00}", "all Synced", t.AllDensityInstancesSynced);
            Row("density: RSS per mariadbd (VmRSS)", d.RssMibPerMariadbd?.ToString() ?? "-", $"≤ {TargetChecks.RssPerMariadbdGoalMib:0} MiB", t.RssPerNodeAtMost64Mib);
            Row("density: own memory per mariadbd (RssAnon) / PSS", $"{d.RssAnonMibPerMariadbd?.ToString() ?? "-"} / {d.PssMibPerMariadbd?.ToString() ?? "-"}");
            if (d.Aio is { } aio) Row("density: AIO contexts (fs.aio-nr) with all up / limit", $"{aio.WithAllUp} / {aio.Max} (before {aio.Before})");
            Row("density: total RSS / MemAvailable drop", $"{d.TotalRssMib:0} / {d.MemAvailableDropMib:0}");
            Row("density: down of all", $"{d.DownSeconds:0.00}");
            foreach (var f in d.Failed) Row("  failure", f);
        }
        if (report.Vm is { } v)
        {
            Row($"vm: {v.Vms} bare VM(s) up (nothing → sshd answering), {v.Acceleration.Split(' ')[0]}", $"{v.UpSeconds:0.00} (boot {v.BootSeconds:0.00})",
                v.Vms == 1 ? (v.Acceleration.StartsWith("KVM", StringComparison.Ordinal) ? "≤ 5 s" : "≤ 30 s") : "", t.OneVmUpWithinGoal);
            Row("vm: QEMU RSS per VM / down", $"{v.QemuRssMib?.ToString() ?? "-"} MiB / {v.DownSeconds:0.00}", "≤ 512 MB");
        }
        Row("whole bench", $"{report.TotalSeconds:0.0}", "< 600 s", report.TotalSeconds < 600);
        console.Write(table);
    }
}
