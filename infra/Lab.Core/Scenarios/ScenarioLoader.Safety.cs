using Lab.Core.Loading;
using Lab.Core.Workload;

namespace Lab.Core.Scenarios;

/// <summary>The data-safety workloads' forms: `workload: { kind: increments | stale-reads, ... }`, `workload: { stop: KIND }`, and their expectations.</summary>
public sealed partial class ScenarioLoader
{
    private const int DefaultSafetyCount = 200;

    private ScenarioAction ReadSafetyAction(YamlMap body, int line)
    {
        if (body.Has("stop"))
        {
            body.RejectUnknown("stop");
            var stop = body.RequireString("stop", "the workload to stop: " + string.Join(" or ", SafetyKinds.All));
            return SafetyKinds.All.Contains(stop) ? new StopSafetyAction(line, stop)
                : throw body.Error($"'stop: {stop}' must name a workload kind: {string.Join(" or ", SafetyKinds.All)}");
        }
        var kind = body.RequireString("kind", string.Join(" or ", SafetyKinds.All));
        switch (kind)
        {
            case SafetyKinds.Increments:
                body.RejectUnknown("kind", "through", "lock", "count");
                var count = SafetyCount(body, IncrementWorkload.MaxPerWriter);
                return new IncrementsAction(line, Hosts(body, "through"), body.OptionalBool("lock") ?? true, count);
            case SafetyKinds.StaleReads:
                body.RejectUnknown("kind", "from", "write", "read", "sync_wait", "count");
                var from = body.RequireString("from", "the host whose mariadb client writes and reads (its [client] settings hold the password), e.g. client");
                RequireHost(body, from);
                var writer = body.RequireString("write", "the node written to");
                RequireHost(body, writer);
                var waits = body.Has("sync_wait") ? body.OneOrMany("sync_wait", "wsrep_sync_wait values, e.g. [0, 1]") : ["0", "1"];
                var syncWaits = waits.Select(w => int.TryParse(w, out var v) && v is >= 0 and <= 15 ? v
                    : throw body.Error(body.Find("sync_wait")!, $"sync_wait '{w}' must be a wsrep_sync_wait value from 0 to 15, e.g. [0, 1]")).ToList();
                return new StaleReadsAction(line, from, writer, Hosts(body, "read"), syncWaits, SafetyCount(body, StaleReadWorkload.MaxReads));
            default:
                throw body.Error($"workload kind '{kind}' must be {string.Join(" or ", SafetyKinds.All)} (the writer of lost-write checks is `workload: {{ start: HOST }}`)");
        }
    }

    private static int SafetyCount(YamlMap body, int max)
    {
        var count = body.OptionalInt("count", "a number of operations") ?? DefaultSafetyCount;
        return count is >= 1 && count <= max ? count : throw body.Error(body.Find("count")!, $"count {count} must be from 1 to {max}");
    }

    private static Expectation ReadSafetyExpectation(YamlMap body, string kind, int line, TimeSpan within)
    {
        long? Bound(string key) => body.OptionalInt(key, "a count");
        if (kind == "lost_updates")
        {
            body.RejectUnknown("min", "max", "min_acknowledged", "deadlocks");
            var (min, max) = (Bound("min"), Bound("max"));
            if (min is null && max is null) throw body.Error("give 'max' (e.g. max: 0) and/or 'min' (lost updates)");
            (long?, long?)? deadlocks = null;
            if (body.Has("deadlocks"))
            {
                var d = body.RequireMap("deadlocks", "{ min: N } and/or { max: N }: increments the clients saw refused with 1213");
                d.RejectUnknown("min", "max");
                var (dMin, dMax) = (d.OptionalInt("min", "a count"), d.OptionalInt("max", "a count"));
                if (dMin is null && dMax is null) throw d.Error("give 'min' and/or 'max', e.g. deadlocks: { max: 0 }");
                deadlocks = (dMin, dMax);
            }
            return new LostUpdatesExpectation(line, within, min, max, body.OptionalInt("min_acknowledged", "a count") ?? 1) { Deadlocks = deadlocks };
        }
        body.RejectUnknown("sync_wait", "min", "max", "min_reads");
        var syncWait = body.OptionalInt("sync_wait", "a wsrep_sync_wait value, e.g. 1") ?? throw body.Error("say which reads: sync_wait: 0 or 1");
        var (lo, hi) = (Bound("min"), Bound("max"));
        if (lo is null && hi is null) throw body.Error("give 'max' (e.g. max: 0) and/or 'min' (stale reads)");
        return new StaleReadsExpectation(line, within, syncWait, lo, hi, body.OptionalInt("min_reads", "a count") ?? 1);
    }
}
