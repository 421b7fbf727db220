using Lab.Core.Status;
using Lab.Instances.Class;

namespace Lab.Cli.Class;

/// <summary>One student's row: where their instance stands, how far they got in a guide, and their last check.</summary>
public sealed record ClassSheetRow(string Student, string User, string Instance, string Health, string? Problem, string? Guide, string? Check);

/// <summary>The class at a glance, read from the instances themselves and what `guide` and `check` saved beside them.</summary>
public sealed record ClassSheet(string Class, string Lab, DateTimeOffset ReadUtc, IReadOnlyList<ClassSheetRow> Rows)
{
    public const string Healthy = "healthy", NotHealthy = "not healthy", NoInstance = "no instance", Unreadable = "unreadable";

    public static async Task<ClassSheet> ReadAsync(CliContext context, ClassRecord record, CancellationToken ct)
    {
        var existing = context.ExistingInstances();
        var rows = await Task.WhenAll(record.Seats.Select(async seat =>
        {
            var (health, problem) = (NoInstance, (string?)null);
            if (existing.Contains(seat.Instance))
            {
                try
                {
                    var status = await LabStatusReader.ReadAsync(context.Open(seat.Instance), ct);
                    (health, problem) = status.Healthy ? (Healthy, null) : (NotHealthy, status.Problems[0] is var p ? $"{p.Host}: {p.What}" : null);
                }
                catch (Lab.Core.Errors.LabException e) { (health, problem) = (Unreadable, e.Message.Split('\n')[0]); }
            }
            var dir = context.Layout.InstanceDir(seat.Instance);
            return new ClassSheetRow(seat.Student, seat.User, seat.Instance, health, problem, GuideOf(dir), CheckOf(dir));
        }));
        return new ClassSheet(record.Name, record.Lab, DateTimeOffset.UtcNow, rows);
    }

    /// <summary>The guide the student last worked in and how far they got (saved by `lab guide`).</summary>
    private static string? GuideOf(string instanceDir) =>
        global::Lab.Core.Guide.GuideProgress.TryLoad(instanceDir) is { } p ? $"{p.Scenario} {p.StagesDone}/{p.StagesTotal}" + (p.Completed ? " ✓" : "") : null;

    /// <summary>The student's last `lab check` score.</summary>
    private static string? CheckOf(string instanceDir) =>
        global::Lab.Core.Checks.CheckReport.TryLoad(instanceDir) is { } r ? $"{r.Passed}/{r.Total} ({r.Percent}%)" : null;
}
