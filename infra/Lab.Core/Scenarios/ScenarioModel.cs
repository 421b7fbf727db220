using Lab.Core.Model;

namespace Lab.Core.Scenarios;

/// <summary>A staged exercise: each stage does its actions, then polls its expectations until true or timed out.</summary>
public sealed record Scenario(string Name, LocalizedText Title, LocalizedText Explain, IReadOnlyList<Stage> Stages, string File);

public sealed record Stage(LocalizedText Title, LocalizedText Explain, IReadOnlyList<ScenarioAction> Actions, IReadOnlyList<Expectation> Expectations, int Line);

/// <summary>Something a stage does to the lab. <see cref="Line"/> points back into the scenario file.</summary>
public abstract record ScenarioAction(int Line)
{
    public abstract string Describe();
}

public enum ServiceVerb { Kill, Stop, Pause, Resume }

public sealed record ServiceAction(int Line, ServiceVerb Verb, IReadOnlyList<string> Hosts) : ScenarioAction(Line)
{
    public override string Describe() => $"{Verb.ToString().ToLowerInvariant()} {string.Join(", ", Hosts)}";
}

public sealed record StartAction(int Line, IReadOnlyList<string> Hosts, IReadOnlyList<string> Args) : ScenarioAction(Line)
{
    public override string Describe() => $"start {string.Join(", ", Hosts)}" + (Args.Count > 0 ? " " + string.Join(' ', Args) : "");
}

public sealed record IsolateAction(int Line, IReadOnlyList<string> Hosts, bool Isolate) : ScenarioAction(Line)
{
    public override string Describe() => (Isolate ? "cut off the network: " : "reconnect: ") + string.Join(", ", Hosts);
}

/// <summary>SQL that must succeed, or must fail with <see cref="Error"/>.</summary>
public sealed record SqlAction(int Line, string Host, string Sql, int? Error) : ScenarioAction(Line)
{
    public override string Describe() => $"{Host}: {Sql}" + (Error is { } e ? $" (expect ERROR {e})" : "");
}

public sealed record ShellAction(int Line, string Host, string Command, int Exit) : ScenarioAction(Line)
{
    public override string Describe() => $"{Host}$ {Command}";
}

public sealed record EditFileAction(int Line, string Host, string Path, string Replace, string With) : ScenarioAction(Line)
{
    public override string Describe() => $"{Host}: edit {Path}: '{Replace}' → '{With}'";
}

public sealed record ProviderOptionsAction(int Line, string Host, string Options) : ScenarioAction(Line)
{
    public override string Describe() => $"{Host}: SET GLOBAL wsrep_provider_options='{Options}'";
}

/// <summary>Remembers where each host's service log ends, so later log expectations only read what came after.</summary>
public sealed record MarkLogAction(int Line, IReadOnlyList<string> Hosts) : ScenarioAction(Line)
{
    public override string Describe() => $"mark the log of {string.Join(", ", Hosts)}";
}

/// <summary>The seed's full-crash recovery: compare seqnos (grastate.dat, else --wsrep-recover), bootstrap the most advanced, start the rest.</summary>
public sealed record BootstrapMostAdvancedAction(int Line, IReadOnlyList<string> Hosts) : ScenarioAction(Line)
{
    public override string Describe() => $"bootstrap from the node with the highest seqno among {string.Join(", ", Hosts)}, then start the others";
}

/// <summary>Deletes one acknowledged row on one node only (wsrep_on=OFF), to show the loss check catches it.</summary>
public sealed record RemoveAcknowledgedWriteAction(int Line, string Host) : ScenarioAction(Line)
{
    public override string Describe() => $"{Host}: delete one acknowledged row behind the cluster's back (wsrep_on=OFF)";
}

public sealed record WorkloadAction(int Line, bool Start, string Through) : ScenarioAction(Line)
{
    public override string Describe() => Start ? $"start writing through HAProxy from {Through}" : "stop the writer";
}

/// <summary>A condition a stage checks after its actions, polled until true or <see cref="Within"/> passes.</summary>
public abstract record Expectation(int Line, TimeSpan Within)
{
    public abstract string Describe();
}

public sealed record StatusExpectation(int Line, TimeSpan Within, IReadOnlyList<string> Hosts, IReadOnlyDictionary<string, string> Values) : Expectation(Line, Within)
{
    public override string Describe() => $"{string.Join(", ", Hosts)}: {string.Join(", ", Values.Select(v => $"{v.Key}={v.Value}"))}";
}

/// <summary>A query's outcome: a row count, a first value, or an error code.</summary>
public sealed record QueryExpectation(int Line, TimeSpan Within, IReadOnlyList<string> Hosts, string Sql, int? Rows, string? Value, int? Error) : Expectation(Line, Within)
{
    public override string Describe() => $"{string.Join(", ", Hosts)}: {Sql} → " +
        (Error is { } e ? $"ERROR {e}" : Rows is { } r ? $"{r} row(s)" + (Value is null ? "" : $", '{Value}'") : $"'{Value}'");
}

public sealed record LogExpectation(int Line, TimeSpan Within, string Host, IReadOnlyList<string> Contains, IReadOnlyList<string> Lacks) : Expectation(Line, Within)
{
    public override string Describe() => $"{Host} log since mark: " +
        string.Join(", ", Contains.Select(c => $"has \"{c}\"").Concat(Lacks.Select(l => $"no \"{l}\"")));
}

public sealed record FileExpectation(int Line, TimeSpan Within, string Host, string Path, IReadOnlyList<string> Contains) : Expectation(Line, Within)
{
    public override string Describe() => $"{Host}:{Path} contains {string.Join(", ", Contains.Select(c => $"\"{c}\""))}";
}

public sealed record ServiceExpectation(int Line, TimeSpan Within, IReadOnlyList<string> Hosts, string State) : Expectation(Line, Within)
{
    public override string Describe() => $"{string.Join(", ", Hosts)}: service {State}";
}

public sealed record BackendExpectation(int Line, TimeSpan Within, string Proxy, IReadOnlyList<string> Servers, string Status) : Expectation(Line, Within)
{
    public override string Describe() => $"{Proxy}: backend {string.Join(", ", Servers)} {Status}";
}

/// <summary>After the writer stopped: nothing acknowledged is missing on any node; the longest interruption is bounded.</summary>
public sealed record WorkloadExpectation(int Line, TimeSpan Within, int Lost, TimeSpan? MaxInterruption, int MinOk) : Expectation(Line, Within)
{
    public override string Describe() => (Lost == 0 ? "every acknowledged write on every node" : $"exactly {Lost} acknowledged write(s) missing") + $", at least {MinOk} acknowledged" +
        (MaxInterruption is { } m ? $", longest interruption < {m.TotalSeconds:0.#}s" : "");
}
