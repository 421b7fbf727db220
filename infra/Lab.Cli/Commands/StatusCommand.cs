using Spectre.Console;
using System.CommandLine;
using System.Text.Json;
using Lab.Cli.Views;
using Lab.Core.Status;

namespace Lab.Cli.Commands;

internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var instance = Options.Instance();
        var json = new Option<bool>("--json") { Description = "Print the status as JSON (for CI)" };
        var command = new Command("status", "Show each host's services, each database node's wsrep_cluster_status, wsrep_cluster_size, wsrep_local_state_comment and wsrep_ready, and HAProxy's view of each backend")
        {
            instance, json,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var name = context.ResolveInstance(parse.GetValue(instance));
            var target = context.Targets.Of(name);
            var lab = target.Open(name);
            var status = await LabStatusReader.ReadAsync(lab, ct);
            if (parse.GetValue(json))
                context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(StatusJson.From(status, target.Describe(lab)), StatusJson.Options));
            else
                StatusView.Render(context.Console, status);
            return status.Healthy ? 0 : 3;
        }));
        return command;
    }
}
