using Lab.Core.Hosts;
using Lab.Core.Messages;
using Lab.Core.Model;

namespace Lab.Core.Scenarios;

/// <summary>A staged exercise: each stage does its actions, then polls its expectations until true or timed out.</summary>
public sealed record Scenario(string Name, LocalizedText Title, LocalizedText Explain, IReadOnlyList<Stage> Stages, string File)
{
    /// <summary>
    /// The hosts whose link some stage impairs (netem), in the order they first appear: each needs a kernel with netem.
    /// Restoring a link (unimpair) needs none: without netem nothing was put there to remove.
    /// </summary>
    public IReadOnlyList<string> ImpairedHosts => Stages.SelectMany(s => s.Actions).OfType<ImpairAction>()
        .Where(a => a.Impairment is not null).SelectMany(a => a.Hosts).Distinct().ToList();
}

public sealed record Stage(LocalizedText Title, LocalizedText Explain, IReadOnlyList<ScenarioAction> Actions, IReadOnlyList<Expectation> Expectations, int Line)
{
    /// <summary>
    /// `finally: true`: the scenario's last stage runs whatever happened before it (passed, failed, interrupted), every
    /// step of it even after one fails, so what the scenario took or broke is given back before the next one.
    /// </summary>
    public bool Finally { get; init; }

    /// <summary>`instructions:` what a student types for this stage in `lab guide` (the seeds' commands); empty when not written.</summary>
    public LocalizedText Instructions { get; init; } = LocalizedText.Empty;

    /// <summary>`hint:` what `lab guide` says when a student asks for help or makes no progress; empty when not written.</summary>
    public LocalizedText Hint { get; init; } = LocalizedText.Empty;
}

/// <summary>Something a stage does to the lab. <see cref="Line"/> points back into the scenario file.</summary>
public abstract record ScenarioAction(int Line)
{
    /// <summary>`timeout: 10s` on the action: longer than this (stretched on slow hosts, as waits are), the step fails naming its line.</summary>
    public TimeSpan? Timeout { get; init; }

    public string Describe() => Describe(Language.En);

    /// <summary>The action's line in the timeline, in the run's language.</summary>
    public abstract string Describe(Language language);
}

public enum ServiceVerb { Kill, Stop, Pause, Resume }

public sealed record ServiceAction(int Line, ServiceVerb Verb, IReadOnlyList<string> Hosts) : ScenarioAction(Line)
{
    public override string Describe(Language language) => (Verb switch
    {
        ServiceVerb.Kill => EngineText.Actions.Kill,
        ServiceVerb.Stop => EngineText.Actions.Stop,
        ServiceVerb.Pause => EngineText.Actions.Pause,
        _ => EngineText.Actions.Resume,
    }).In(language, string.Join(", ", Hosts));
}

public sealed record StartAction(int Line, IReadOnlyList<string> Hosts, IReadOnlyList<string> Args) : ScenarioAction(Line)
{
    /// <summary>`provider_options: "gcache.size=1M"`: merged into the options the host's configuration gives, never replacing them.</summary>
    public string? ProviderOptions { get; init; }

    public override string Describe(Language language) =>
        EngineText.Actions.Start.In(language, string.Join(", ", Hosts), (Args.Count > 0 ? " " + string.Join(' ', Args) : "") +
            (ProviderOptions is { } p ? EngineText.Values.WithProviderOptions.In(language, p) : ""));
}

public sealed record IsolateAction(int Line, IReadOnlyList<string> Hosts, bool Isolate) : ScenarioAction(Line)
{
    public override string Describe(Language language) => (Isolate ? EngineText.Actions.Isolate : EngineText.Actions.Reconnect).In(language, string.Join(", ", Hosts));
}

/// <summary>Impairs (netem: delay, jitter, loss, rate) or, when <see cref="Impairment"/> is null, restores the hosts' links.</summary>
public sealed record ImpairAction(int Line, IReadOnlyList<string> Hosts, LinkImpairment? Impairment) : ScenarioAction(Line)
{
    public override string Describe(Language language) => Impairment is { } i
        ? EngineText.Actions.Impair.In(language, string.Join(", ", Hosts), i.ToString())
        : EngineText.Actions.Unimpair.In(language, string.Join(", ", Hosts));
}

/// <summary>SQL that must succeed, or must fail with <see cref="Error"/>; optionally it must take longer or shorter than given (a commit that waits).</summary>
public sealed record SqlAction(int Line, string Host, string Sql, int? Error, TimeSpan? SlowerThan = null, TimeSpan? FasterThan = null) : ScenarioAction(Line)
{
    public override string Describe(Language language) => $"{Host}: {Sql}" + (Error is { } e ? EngineText.Actions.SqlExpectsError.In(language, e) : "") +
        (SlowerThan is { } s ? EngineText.Actions.SqlSlowerThan.In(language, s.TotalSeconds) : "") +
        (FasterThan is { } f ? EngineText.Actions.SqlFasterThan.In(language, f.TotalSeconds) : "");
}

public sealed record ShellAction(int Line, string Host, string Command, int Exit) : ScenarioAction(Line)
{
    public override string Describe(Language language) => $"{Host}$ {Command}";
}

public sealed record EditFileAction(int Line, string Host, string Path, string Replace, string With) : ScenarioAction(Line)
{
    public override string Describe(Language language) => EngineText.Actions.EditFile.In(language, Host, Path, Replace, With);
}

public sealed record ProviderOptionsAction(int Line, string Host, string Options) : ScenarioAction(Line)
{
    public override string Describe(Language language) => $"{Host}: SET GLOBAL wsrep_provider_options='{Options}'";
}

/// <summary>Remembers where each host's service log ends, so later log expectations only read what came after.</summary>
public sealed record MarkLogAction(int Line, IReadOnlyList<string> Hosts) : ScenarioAction(Line)
{
    public override string Describe(Language language) => EngineText.Actions.MarkLog.In(language, string.Join(", ", Hosts));
}

/// <summary>The seed's full-crash recovery: compare seqnos (grastate.dat, else --wsrep-recover), bootstrap the most advanced, start the rest.</summary>
public sealed record BootstrapMostAdvancedAction(int Line, IReadOnlyList<string> Hosts) : ScenarioAction(Line)
{
    public override string Describe(Language language) => EngineText.Actions.BootstrapMostAdvanced.In(language, string.Join(", ", Hosts));
}

/// <summary>Deletes one acknowledged row on one node only (wsrep_on=OFF), to show the loss check catches it.</summary>
public sealed record RemoveAcknowledgedWriteAction(int Line, string Host) : ScenarioAction(Line)
{
    public override string Describe(Language language) => EngineText.Actions.RemoveAcknowledgedWrite.In(language, Host);
}

/// <summary>Points a replica at a source with GTID (CHANGE MASTER TO ... MASTER_USE_GTID=slave_pos), starting as <see cref="Start"/> says.</summary>
public sealed record AttachAction(int Line, string Host, string Source, Replication.AttachStart Start) : ScenarioAction(Line)
{
    public override string Describe(Language language) => (Start switch
    {
        Replication.AttachStart.Copy => EngineText.Actions.AttachCopy,
        Replication.AttachStart.Current => EngineText.Actions.AttachCurrent,
        _ => EngineText.Actions.AttachKeep,
    }).In(language, Host, Source);
}

/// <summary>Makes a replica the primary: STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only=OFF.</summary>
public sealed record PromoteAction(int Line, string Host) : ScenarioAction(Line)
{
    public override string Describe(Language language) => EngineText.Actions.Promote.In(language, Host);
}

/// <summary>MHA's failover: promote the candidate that received the most (GTID), after it applied its relay log; repoint the others.</summary>
public sealed record PromoteMostAdvancedAction(int Line, IReadOnlyList<string> Hosts) : ScenarioAction(Line)
{
    public override string Describe(Language language) => EngineText.Actions.PromoteMostAdvanced.In(language, string.Join(", ", Hosts));
}

public sealed record WorkloadAction(int Line, bool Start, string Through) : ScenarioAction(Line)
{
    public override string Describe(Language language) => Start ? EngineText.Actions.StartWriter.In(language, Through) : EngineText.Actions.StopWriter.In(language);
}

/// <summary>
/// A condition a stage checks after its actions, polled until true or <see cref="Within"/> passes; with
/// <see cref="Hold"/>, it must then stay true that long, polled too: the way to show that something does not happen
/// (the VIP does not move) is to watch for longer than it would take.
/// </summary>
public abstract record Expectation(int Line, TimeSpan Within)
{
    public TimeSpan? Hold { get; init; }

    public string Describe() => Describe(Language.En);

    /// <summary>The expectation's line in the timeline, in the run's language.</summary>
    public abstract string Describe(Language language);

    /// <summary><see cref="Describe(Language)"/> with the hold, as the timeline shows the step.</summary>
    public string DescribeStep(Language language = Language.En) =>
        Hold is { } hold ? EngineText.Expectations.AndStillSo.In(language, Describe(language), hold.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)) : Describe(language);
}

public sealed record StatusExpectation(int Line, TimeSpan Within, IReadOnlyList<string> Hosts, IReadOnlyDictionary<string, string> Values) : Expectation(Line, Within)
{
    public override string Describe(Language language) => $"{string.Join(", ", Hosts)}: {string.Join(", ", Values.Select(v => $"{v.Key}={v.Value}"))}";
}

/// <summary>A query's outcome: a row count, a first value, or an error code.</summary>
public sealed record QueryExpectation(int Line, TimeSpan Within, IReadOnlyList<string> Hosts, string Sql, int? Rows, string? Value, int? Error) : Expectation(Line, Within)
{
    public override string Describe(Language language) => $"{string.Join(", ", Hosts)}: {Sql} → " +
        (Error is { } e ? $"ERROR {e}" : Rows is { } r ? EngineText.Expectations.Rows.In(language, r) + (Value is null ? "" : $", '{Value}'") : $"'{Value}'");
}

public sealed record LogExpectation(int Line, TimeSpan Within, string Host, IReadOnlyList<string> Contains, IReadOnlyList<string> Lacks) : Expectation(Line, Within)
{
    /// <summary>`count: { "IST received": 1 }`: how many times each text occurs since the mark, exactly.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; init; } = new Dictionary<string, int>();

    public override string Describe(Language language) => EngineText.Expectations.LogSinceMark.In(language, Host) +
        string.Join(", ", Contains.Select(c => EngineText.Expectations.LogHas.In(language, c)).Concat(Lacks.Select(l => EngineText.Expectations.LogLacks.In(language, l)))
            .Concat(Counts.Select(c => EngineText.Values.LogTimes.In(language, c.Key, c.Value))));
}

public sealed record FileExpectation(int Line, TimeSpan Within, string Host, string Path, IReadOnlyList<string> Contains) : Expectation(Line, Within)
{
    /// <summary>`lacks:`: texts the file must not contain.</summary>
    public IReadOnlyList<string> Lacks { get; init; } = [];

    public override string Describe(Language language) =>
        (Contains.Count > 0 ? EngineText.Expectations.FileContains.In(language, Host, Path, string.Join(", ", Contains.Select(c => $"\"{c}\""))) : $"{Host}:{Path}") +
        (Lacks.Count > 0 ? EngineText.Expectations.Without.In(language, string.Join(", ", Lacks.Select(c => $"\"{c}\""))) : "");
}

public sealed record ServiceExpectation(int Line, TimeSpan Within, IReadOnlyList<string> Hosts, string State) : Expectation(Line, Within)
{
    public override string Describe(Language language) => EngineText.Expectations.Service.In(language, string.Join(", ", Hosts), State);
}

public sealed record BackendExpectation(int Line, TimeSpan Within, string Proxy, IReadOnlyList<string> Servers, string Status) : Expectation(Line, Within)
{
    public override string Describe(Language language) => EngineText.Expectations.Backend.In(language, Proxy, string.Join(", ", Servers), Status);
}

/// <summary>
/// After the writer stopped: nothing acknowledged is missing on the checked servers (<see cref="Hosts"/>, default every
/// database server); the longest interruption is bounded.
/// </summary>
public sealed record WorkloadExpectation(int Line, TimeSpan Within, int Lost, TimeSpan? MaxInterruption, int MinOk, IReadOnlyList<string>? Hosts = null) : Expectation(Line, Within)
{
    /// <summary>
    /// Set by <c>lost: { min: N }</c>: at least N acknowledged writes must be missing, for a loss whose size depends on
    /// timing (a crash with relaxed durability); <see cref="Lost"/> is then not checked.
    /// </summary>
    public int? LostAtLeast { get; init; }

    public override string Describe(Language language)
    {
        var where = Hosts is { } h ? string.Join(", ", h) : EngineText.Expectations.EveryNode.In(language);
        return (LostAtLeast is { } least ? EngineText.Expectations.AtLeastLost.In(language, least, where, MinOk)
                : Lost == 0 ? EngineText.Expectations.NoneLost.In(language, where, MinOk) : EngineText.Expectations.SomeLost.In(language, Lost, where, MinOk)) +
            (MaxInterruption is { } m ? EngineText.Expectations.LongestInterruptionBelow.In(language, m.TotalSeconds) : "");
    }
}

/// <summary>SHOW SLAVE STATUS columns (Slave_IO_Running, Seconds_Behind_Master, Last_IO_Errno...) equal the given values.</summary>
public sealed record ReplicaExpectation(int Line, TimeSpan Within, IReadOnlyList<string> Hosts, IReadOnlyDictionary<string, string> Values) : Expectation(Line, Within)
{
    public override string Describe(Language language) => $"{string.Join(", ", Hosts)} SHOW SLAVE STATUS: {string.Join(", ", Values.Select(v => $"{v.Key}={v.Value}"))}";
}

/// <summary>How many transactions <see cref="Host"/> lacks compared with <see cref="Reference"/>'s binlog, by GTID sequence.</summary>
public sealed record LagExpectation(int Line, TimeSpan Within, string Host, string Reference, long? Min, long? Max) : Expectation(Line, Within)
{
    public override string Describe(Language language) => EngineText.Expectations.Lag.In(language, Host, Reference,
        Min is { } lo && Max is { } hi ? $"{lo}..{hi}" : Min is { } m ? $">= {m}" : $"<= {Max}");
}

/// <summary>
/// A command on each host (as root) whose exit code and output must come out as given, polled like every expectation:
/// what the client actually received from a balancer, what `ipvsadm -Ln --stats`, `drbdadm dstate r0` or `crm_mon`
/// say. <see cref="EqualsText"/> compares the trimmed standard output; the others look at standard output and error.
/// </summary>
public sealed record CommandExpectation(int Line, TimeSpan Within, IReadOnlyList<string> Hosts, string Command, int Exit, IReadOnlyList<string> Contains,
    IReadOnlyList<string> Lacks, string? Matches, string? EqualsText = null) : Expectation(Line, Within)
{
    public override string Describe(Language language) => $"{string.Join(", ", Hosts)}$ {Command}" + (EqualsText is { } e ? $" → '{e}'" : "") +
        (Contains.Count > 0 ? EngineText.Expectations.Shows.In(language, string.Join(", ", Contains.Select(c => $"\"{c}\""))) : "") +
        (Lacks.Count > 0 ? EngineText.Expectations.Without.In(language, string.Join(", ", Lacks.Select(c => $"\"{c}\""))) : "") +
        (Matches is null ? "" : EngineText.Expectations.Matching.In(language, Matches)) +
        (Exit == 0 ? "" : EngineText.Expectations.ExitCode.In(language, Exit));
}

/// <summary>
/// Exactly one host holds the lab's virtual IP, and it is one of <see cref="Hosts"/>; with <see cref="All"/>, every
/// one of them holds it at once and nobody else does (a split brain: two hosts answering for one address).
/// </summary>
public sealed record VipExpectation(int Line, TimeSpan Within, IReadOnlyList<string> Hosts, bool All = false) : Expectation(Line, Within)
{
    public override string Describe(Language language) => All ? EngineText.Expectations.VipOnAll.In(language, string.Join(", ", Hosts))
        : Hosts.Count == 1 ? EngineText.Expectations.VipOnOne.In(language, Hosts[0])
        : EngineText.Expectations.VipOnOneOf.In(language, string.Join(", ", Hosts));
}
