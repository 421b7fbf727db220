using Spectre.Console;
using System.CommandLine;
using System.Text.Json;
using Lab.Cli.Views;
using Lab.Core.Instances;
using Lab.Core.Status;

namespace Lab.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var instance = Options.Instance();
        var json = new Option<bool>("--json")
        {
            Description = "Print the status as JSON (for CI): every host's addresses and readings, the endpoints (lab address and 127.0.0.1 port), " +
                          "the app account and its password file; docs/lab-up.schema.json describes it",
        };
        var watch = new Option<bool>("--watch", "-w") { Description = "Read the status again every --interval seconds and show it whenever it changes, until Ctrl-C" };
        var interval = new Option<double>("--interval") { Description = "Seconds between two reads with --watch", DefaultValueFactory = _ => 2 };
        var command = new Command("status",
            "Show each host's services and what the lab's health rests on: galera: wsrep_cluster_status, size, " +
            "local_state_comment, ready and HAProxy's backends; replication and failover: each server's role, read_only, IO and SQL " +
            "threads, lag and GTID position, and who holds the virtual IP; ha-drbd: the DRBD role and where MariaDB runs. " +
            "Ends with the lab's own verdict: exit 0 when healthy, 3 when not, each problem with its host and the next command to run")
        {
            instance, json, watch, interval,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var name = context.ResolveInstance(parse.GetValue(instance));
            var target = context.TargetFor(name);
            var lab = target.Open(name);
            if (parse.GetValue(watch))
                return await WatchAsync(context, lab, TimeSpan.FromSeconds(Math.Max(0.2, parse.GetValue(interval))), ct);
            var status = await ReadAsync(context, lab, ct);
            if (parse.GetValue(json))
                context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(
                    StatusJson.From(status, target.Describe(lab), LabAccess.Of(lab, context.Layout)), StatusJson.Options));
            else
                StatusView.Render(context.Console, status);
            return status.Healthy ? ExitCodes.Ok : ExitCodes.NotHealthy;
        }));
        return command;
    }

    /// <summary>The status, with suggested commands naming the instance when the tool could not pick it alone.</summary>
    public static async Task<LabStatus> ReadAsync(CliContext context, LabInstance lab, CancellationToken ct) =>
        await LabStatusReader.ReadAsync(lab, ct) with { NameInstanceInHints = context.ExistingInstances().Count > 1 };

    /// <summary>
    /// Shows the status again whenever it changes: in place on a terminal, appended (with the time) in a log, until
    /// Ctrl-C (or the command's cancellation, which then returns the last status's verdict).
    /// </summary>
    private static async Task<int> WatchAsync(CliContext context, LabInstance lab, TimeSpan interval, CancellationToken ct)
    {
        var console = context.Console;
        var inPlace = console.Profile.Capabilities.Ansi && console.Profile.Capabilities.Interactive;
        string? shown = null;
        var healthy = false;
        try
        {
            while (true)
            {
                var status = await ReadAsync(context, lab, ct);
                healthy = status.Healthy;
                var text = Plain(status, console.Profile.Width);
                if (text != shown)
                {
                    if (inPlace) console.Clear(home: true);
                    else if (shown is not null) console.WriteLine();
                    console.MarkupLineInterpolated($"[grey]{DateTime.Now:HH:mm:ss} · every {interval.TotalSeconds:0.#}s · Ctrl-C to stop[/]");
                    StatusView.Render(console, status);
                    shown = text;
                }
                await Task.Delay(interval, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return healthy ? ExitCodes.Ok : ExitCodes.NotHealthy;
        }
    }

    /// <summary>The status as plain text at the console's width: what decides whether anything changed.</summary>
    private static string Plain(LabStatus status, int width)
    {
        var writer = new StringWriter();
        var plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        plain.Profile.Width = width;
        StatusView.Render(plain, status);
        return writer.ToString();
    }
}
