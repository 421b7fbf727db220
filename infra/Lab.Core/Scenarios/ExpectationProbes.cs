using Lab.Core.Haproxy;
using Lab.Core.Hosts;
using Lab.Core.Keepalived;
using Lab.Core.Messages;
using Lab.Core.Replication;
using Lab.Core.Services;
using Lab.Core.Sql;
using Lab.Core.Waits;

namespace Lab.Core.Scenarios;

/// <summary>Turns an expectation into a probe: one look at the lab, and what was seen (said in <paramref name="language"/>).</summary>
public sealed class ExpectationProbes(RunContext context, Language language = Language.En)
{
    public Probe For(Expectation expectation) => expectation switch
    {
        StatusExpectation e => ct => AllHostsAsync(e.Hosts, async h =>
        {
            var values = await context.Instance.Host(h).StatusAsync(e.Values.Keys, ct);
            var seen = e.Values.Keys.Select(k => $"{k}={values.GetValueOrDefault(k, "?")}");
            var ok = e.Values.All(kv => string.Equals(values.GetValueOrDefault(kv.Key), kv.Value, StringComparison.OrdinalIgnoreCase));
            return new ProbeResult(ok, string.Join(" ", seen));
        }),
        QueryExpectation e => ct => AllHostsAsync(e.Hosts, async h =>
        {
            var result = await context.Instance.Host(h).QueryAsync(e.Sql, timeout: TimeSpan.FromSeconds(10), ct: ct);
            var ok = e.Error is { } code ? result.ErrorCode == code
                : result.Ok && (e.Rows is null || result.Rows.Count == e.Rows) && (e.Value is null || result.Scalar == e.Value);
            return new ProbeResult(ok, result.Describe(language));
        }),
        LogExpectation e => async ct =>
        {
            var host = context.Instance.Host(e.Host);
            var r = await host.RunAsync($"tail -c +{context.MarkOf(e.Host) + 1} {context.LogOf(e.Host)} 2>/dev/null", ct: ct);
            var missing = e.Contains.Where(c => !r.Stdout.Contains(c, StringComparison.Ordinal)).ToList();
            var present = e.Lacks.Where(l => r.Stdout.Contains(l, StringComparison.Ordinal)).ToList();
            var miscounted = e.Counts.Select(c => (c.Key, Expected: c.Value, Seen: Occurrences(r.Stdout, c.Key))).Where(c => c.Seen != c.Expected).ToList();
            var observed = missing.Count + present.Count + miscounted.Count == 0 ? EngineText.Expectations.AllAsExpected.In(language)
                : string.Join("; ", missing.Select(m => EngineText.Expectations.NotYet.In(language, m)).Concat(present.Select(p => EngineText.Expectations.Found.In(language, p)))
                    .Concat(miscounted.Select(c => EngineText.Values.LogCounted.In(language, c.Key, c.Seen, c.Expected))));
            return new ProbeResult(missing.Count == 0 && present.Count == 0 && miscounted.Count == 0, observed);
        },
        CommandExpectation e => ct => AllHostsAsync(e.Hosts, async h =>
        {
            var lab = context.Instance.Lab;
            var r = await context.Instance.Host(h).RunAsync(ScenarioText.Expand(e.Command, lab), ct: ct);
            var output = r.Stdout + r.Stderr;
            var problems = new List<string>();
            if (r.ExitCode != e.Exit) problems.Add(EngineText.Expectations.Exited.In(language, r.ExitCode));
            if (e.EqualsText is { } equals && r.Stdout.Trim() != ScenarioText.Expand(equals, lab)) problems.Add(EngineText.Expectations.NotEqual.In(language, ScenarioText.Expand(equals, lab)));
            problems.AddRange(e.Contains.Select(c => ScenarioText.Expand(c, lab)).Where(c => !output.Contains(c, StringComparison.Ordinal))
                .Select(c => EngineText.Expectations.LogLacks.In(language, c)));
            problems.AddRange(e.Lacks.Select(l => ScenarioText.Expand(l, lab)).Where(l => output.Contains(l, StringComparison.Ordinal))
                .Select(l => EngineText.Expectations.Found.In(language, l)));
            if (e.Matches is { } pattern && !System.Text.RegularExpressions.Regex.IsMatch(output, ScenarioText.Expand(pattern, lab)))
                problems.Add(EngineText.Expectations.NoMatch.In(language, pattern));
            var trimmed = output.Trim();
            var seen = ActionExecutor.OneLine(trimmed.Length > 300 ? trimmed[..300] + "…" : trimmed);
            return new ProbeResult(problems.Count == 0, problems.Count == 0 ? seen : EngineText.Expectations.ProblemsIn.In(language, string.Join("; ", problems), seen));
        }),
        FileExpectation e => async ct =>
        {
            var text = await context.Instance.Host(e.Host).ReadFileAsync(e.Path, ct);
            if (text is null) return ProbeResult.No(EngineText.Expectations.DoesNotExist.In(language, e.Path));
            var found = e.Lacks.Where(l => text.Contains(l, StringComparison.Ordinal)).ToList();
            return new ProbeResult(e.Contains.All(c => text.Contains(c, StringComparison.Ordinal)) && found.Count == 0,
                string.Concat(found.Select(f => EngineText.Expectations.Found.In(language, f) + "; ")) + ActionExecutor.OneLine(text));
        },
        ServiceExpectation e => ct => AllHostsAsync(e.Hosts, async h =>
        {
            var host = context.Instance.Host(h);
            var status = await host.StatusAsync(host.Definition.Services[0], ct);
            return new ProbeResult(status.State.ToString().Equals(e.State, StringComparison.OrdinalIgnoreCase), status.ToString());
        }),
        BackendExpectation e => async ct =>
        {
            var r = await context.Instance.Host(e.Proxy).RunAsync(HaproxyBackend.ShowStatCommand, timeout: TimeSpan.FromSeconds(5), ct: ct);
            if (!r.Ok) return ProbeResult.No(r.Describe());
            var backends = HaproxyBackend.ParseShowStat(r.Stdout).Where(b => e.Servers.Contains(b.Server)).ToList();
            var ok = backends.Count == e.Servers.Count && backends.All(b => e.Status == "UP" ? b.IsUp : b.Status.StartsWith("DOWN", StringComparison.Ordinal));
            return new ProbeResult(ok, string.Join(", ", backends));
        },
        WorkloadExpectation e => async ct =>
        {
            var report = context.WorkloadReport ?? throw new ScenarioStepException(EngineText.Workload.NoWriterToCheck.In(language));
            var check = await report.CheckAsync(WorkloadHosts(e), ct);
            var ok = (e.LostAtLeast is { } least ? check.Lost >= least : check.Lost == e.Lost) && check.Phantoms == 0 && check.FailedButPresent == 0 && report.Ok >= e.MinOk
                     && (e.MaxInterruption is not { } max || report.LongestInterruption < max);
            return new ProbeResult(ok, $"{report.Describe(language)}; {check.Describe(language)}");
        },
        ReplicaExpectation e => ct => AllHostsAsync(e.Hosts, async h =>
        {
            var status = await ReplicaStatus.ReadAsync(context.Instance.Host(h), ct);
            if (!status.Configured) return ProbeResult.No(EngineText.Expectations.NotAReplica.In(language));
            var ok = e.Values.All(kv => string.Equals(status[kv.Key], kv.Value, StringComparison.OrdinalIgnoreCase));
            return new ProbeResult(ok, string.Join(" ", e.Values.Keys.Select(k => $"{k}={(status.Columns.ContainsKey(k) ? status[k] : "?")}")) +
                (ok ? "" : $" ({status})"));
        }),
        LagExpectation e => async ct =>
        {
            var reference = (await GtidState.ReadAsync(context.Instance.Host(e.Reference), ct)).BinlogPos;
            var host = context.Instance.Host(e.Host);
            var applied = (await GtidState.ReadAsync(host, ct)).CurrentPos;
            var behind = (long)applied.Behind(reference);
            var status = await ReplicaStatus.ReadAsync(host, ct);
            var ok = (e.Min is not { } min || behind >= min) && (e.Max is not { } max || behind <= max);
            return new ProbeResult(ok, EngineText.Expectations.Behind.In(language, e.Host, behind, e.Reference, applied.ToString(), reference.ToString()) +
                (status.Configured
                    ? EngineText.Expectations.ReplicaProgress.In(language, status["Seconds_Behind_Master"], status["Gtid_IO_Pos"], status["Relay_Log_Space"])
                    : ""));
        },
        ValueExpectation e => new ValueProbe(context, language).For(e),
        LostUpdatesExpectation or StaleReadsExpectation => new SafetySteps(context, language).For(expectation),
        VipExpectation { All: true } e => new VirtualIp(context.Instance).HeldByAll(e.Hosts, language),
        VipExpectation e => new VirtualIp(context.Instance).HeldByOneOf(e.Hosts, language),
        _ => throw new NotSupportedException(expectation.GetType().Name),
    };

    /// <summary>The servers a writer's rows are checked on: those named, else every Galera node, else every MariaDB server.</summary>
    private IReadOnlyList<ILabHost> WorkloadHosts(WorkloadExpectation e)
    {
        if (e.Hosts is { } named) return named.Select(context.Instance.Host).ToList();
        var galera = context.Instance.HostsRunning(ServiceCatalog.Galera);
        return galera.Count > 0 ? galera : context.Instance.HostsRunning(ServiceCatalog.MariaDb);
    }

    /// <summary>How many times <paramref name="text"/> occurs in <paramref name="log"/>, occurrences not overlapping.</summary>
    private static int Occurrences(string log, string text)
    {
        var count = 0;
        for (var at = log.IndexOf(text, StringComparison.Ordinal); at >= 0; at = log.IndexOf(text, at + text.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private static async Task<ProbeResult> AllHostsAsync(IReadOnlyList<string> hosts, Func<string, Task<ProbeResult>> probe)
    {
        var results = await Task.WhenAll(hosts.Select(async h =>
        {
            try { return (Host: h, Result: await probe(h)); }
            catch (Exception e) when (e is SqlException or HostCommandException) { return (Host: h, Result: ProbeResult.No(e.Message)); }
        }));
        return new ProbeResult(results.All(r => r.Result.Satisfied), string.Join("; ", results.Select(r => $"{r.Host}: {r.Result.Observed}")));
    }
}
