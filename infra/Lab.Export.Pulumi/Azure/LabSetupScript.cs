using System.Globalization;
using Lab.Core.Model;

namespace Lab.Export.Pulumi.Azure;

/// <summary>
/// A lab's own setup step (lab.yaml `setup:`) as the script of one command resource: the step's script as root with
/// `sh -e`, then its `until` command polled every half second for as long as the step allows, as the live runner does.
/// </summary>
public static class LabSetupScript
{
    public static string For(LabStep step)
    {
        var text = $"# {step.Title} (lab.yaml line {step.Line})\n";
        if (step.Run is { } run)
            text += "sudo sh -e -s <<'LAB_SETUP_END'\n" + run.TrimEnd('\n') + "\nLAB_SETUP_END\n";
        if (step.Until is { } until)
        {
            var tries = ((int)Math.Ceiling(step.Within.TotalSeconds * 2)).ToString(CultureInfo.InvariantCulture);
            text += $"for i in $(seq 1 {tries}); do\n" +
                    "  if sudo sh -c " + Quote(until) + " >/dev/null 2>&1; then exit 0; fi\n" +
                    "  sleep 0.5\n" +
                    "done\n" +
                    $"echo {Quote($"not true after {step.Within.TotalSeconds:0}s: {until}")} >&2; exit 1\n";
        }
        return text;
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
