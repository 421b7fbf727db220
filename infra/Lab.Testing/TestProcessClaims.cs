using System.Text.Json;
using Lab.Core.Targets;
using Lab.Instances;

namespace Lab.Testing;

/// <summary>
/// Which test process holds which instance: one small file per instance under the state root, written before the
/// instance is claimed and removed after it is gone. A test process killed mid-run (a CI job cancelled, a debugger
/// stopped) leaves its file behind; the next <see cref="LabEnvironment.StartAsync(string, LabEnvironmentOptions?, CancellationToken)"/>
/// on this machine sees that its process is dead and removes the instance. Instances made by `lab up` have no such
/// file and are never touched; neither is an instance whose process still runs.
/// </summary>
public static class TestProcessClaims
{
    /// <param name="Instance">The instance.</param>
    /// <param name="Process">The test process that made it.</param>
    /// <param name="Lab">The lab, for messages.</param>
    public sealed record Claim(string Instance, ProcessIdentity Process, string Lab, DateTimeOffset CreatedUtc);

    /// <summary>The folder holding the claims: beside instances/, so `lab down` and `lab list` never mistake it for one.</summary>
    public static string Folder(LocalLayout layout) => Path.Combine(layout.StateRoot, "test-processes");

    public static string File(LocalLayout layout, string instance) => Path.Combine(Folder(layout), instance + ".json");

    public static void Write(LocalLayout layout, Claim claim)
    {
        Directory.CreateDirectory(Folder(layout));
        System.IO.File.WriteAllText(File(layout, claim.Instance), JsonSerializer.Serialize(claim));
    }

    public static void Remove(LocalLayout layout, string instance) => System.IO.File.Delete(File(layout, instance));

    public static IReadOnlyList<Claim> List(LocalLayout layout)
    {
        if (!Directory.Exists(Folder(layout))) return [];
        var claims = new List<Claim>();
        foreach (var file in Directory.GetFiles(Folder(layout), "*.json"))
        {
            try
            {
                if (JsonSerializer.Deserialize<Claim>(System.IO.File.ReadAllText(file)) is { } claim) claims.Add(claim);
            }
            catch (Exception e) when (e is JsonException or IOException) { /* being written by its process, or not ours */ }
        }
        return claims;
    }

    /// <summary>
    /// Removes every instance whose test process is dead, and its claim; returns the instances removed. An instance is
    /// removed only when its record, where there is one, names the same process as creator: a claim can never take
    /// down an instance someone else made under that name after the claim was left behind.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RemoveOrphansAsync(LocalLayout layout, TargetRegistry targets, Action<string> progress, CancellationToken ct)
    {
        if (!Directory.Exists(Folder(layout))) return [];
        // One remover at a time: two test processes starting together would otherwise both take down the same orphan.
        using var _ = await FileLock.AcquireAsync(Path.Combine(Folder(layout), ".lock"), "the test-process claims lock", ct);
        var removed = new List<string>();
        foreach (var claim in List(layout).Where(c => !c.Process.IsAlive))
        {
            var record = InstanceRecord.TryLoad(layout, claim.Instance);
            var exists = Reaper.ExistingInstances(layout).Contains(claim.Instance);
            if (exists && (record is null || record.CreatorPid == claim.Process.Pid))
            {
                progress($"removing instance '{claim.Instance}' (lab {claim.Lab}): the test process {claim.Process.Pid} that made it at {claim.CreatedUtc:u} is gone");
                await targets.DownAsync(claim.Instance, ct);
                removed.Add(claim.Instance);
            }
            Remove(layout, claim.Instance);
        }
        return removed;
    }
}
