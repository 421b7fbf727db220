using Lab.Core.Errors;
using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Model;
using Lab.Core.Waits;

namespace Lab.Core.BringUp;

/// <summary>
/// Carries out a lab's own <see cref="LabStep"/>s (lab.yaml's `setup:` and `restore:`) through <see cref="ILabHost"/>:
/// the script on every named host at once, then the `until` command polled on each. A failure names lab.yaml's line,
/// the host, the exit code and what the script printed last.
/// </summary>
public sealed class LabStepRunner(LabInstance instance, Until until)
{
    private readonly Until until = until.Paced(instance.Pace);

    /// <summary>How long one script may run (stretched by the pace on slow hosts): a mkfs or a package step, not a wait.</summary>
    public static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    public async Task RunAllAsync(IEnumerable<LabStep> steps, Action<string> progress, CancellationToken ct)
    {
        foreach (var step in steps)
        {
            var started = until.Clock.GetTimestamp();
            await RunAsync(step, ct);
            progress($"✓ {string.Join(", ", step.Hosts)}: {step.Title} ({until.Clock.GetElapsedTime(started).TotalSeconds:0.00}s)");
        }
    }

    public async Task RunAsync(LabStep step, CancellationToken ct)
    {
        var hosts = step.Hosts.Select(instance.Host).ToList();
        if (step.Run is { } script)
            await Task.WhenAll(hosts.Select(async host =>
            {
                var r = await host.RunAsync("sh -e -s", script, ScriptTimeout, ct);
                if (!r.Ok)
                    throw new LabException($"{step.Where}: '{step.Title}' failed on {host.Name} (exit {r.ExitCode}){Tail(r)}\n" +
                                           $"fix the script in lab.yaml, or look around with `lab shell {host.Name}`");
            }));
        if (step.Until is { } check)
            await Task.WhenAll(hosts.Select(async host =>
            {
                try
                {
                    await until.HoldsAsync($"{host.Name}: `{check}` succeeds", async c =>
                    {
                        var r = await host.RunAsync(check, timeout: TimeSpan.FromSeconds(30), ct: c);
                        return new ProbeResult(r.Ok, r.Ok ? "exit 0" : r.Describe());
                    }, new WaitPolicy(step.Within, TimeSpan.FromMilliseconds(500)), ct);
                }
                catch (WaitTimeoutException e)
                {
                    throw new LabException($"{step.Where}: '{step.Title}': {e.Message}", e);
                }
            }));
    }

    private static string Tail(CommandResult r)
    {
        var lines = (r.Stderr.Trim() + "\n" + r.Stdout.Trim()).Trim().Split('\n').TakeLast(6).ToList();
        return lines.Count == 0 || lines[0].Length == 0 ? "" : "\n  " + string.Join("\n  ", lines);
    }
}
