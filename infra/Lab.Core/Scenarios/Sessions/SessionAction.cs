using Lab.Core.Messages;

namespace Lab.Core.Scenarios.Sessions;

/// <summary>What a session action does with its session's connection.</summary>
public enum SessionVerb
{
    /// <summary>Runs SQL and waits for its outcome.</summary>
    Run,

    /// <summary>Hands SQL to the session and goes on at once; a later reap reads its outcome.</summary>
    Send,

    /// <summary>Waits for the outcome of what the session sent.</summary>
    Reap,
}

/// <summary>
/// SQL in a named session: one connection, opened on <see cref="Host"/> at the session's first use, that keeps its
/// transaction and locks across stages until the scenario ends. <see cref="Error"/>, <see cref="Rows"/> and
/// <see cref="EqualsValue"/> say what a run or reap must give (nothing: success); a session goes on after an expected
/// error. <see cref="Host"/> and <see cref="File"/> are filled in by <see cref="SessionPlan"/> for every use.
/// </summary>
public sealed record SessionAction(int Line, string Session, string? Host, SessionVerb Verb, string? Sql, int? Error, int? Rows, string? EqualsValue,
    TimeSpan? StatementTimeout) : ScenarioAction(Line)
{
    /// <summary>The scenario file, for failures that point at the action (file:line).</summary>
    public string File { get; init; } = "";

    public override string Describe(Language language)
    {
        var who = $"{Host ?? "?"} [{Session}]";
        var what = Verb switch
        {
            SessionVerb.Run => $"{who}: {Sql}",
            SessionVerb.Send => EngineText.Sessions.Send.In(language, who, Sql ?? ""),
            _ => EngineText.Sessions.Reap.In(language, who),
        };
        return what + (Error is { } e ? EngineText.Actions.SqlExpectsError.In(language, e) : "")
            + (Rows is { } r ? EngineText.Sessions.ExpectsRows.In(language, r) : "")
            + (EqualsValue is { } v ? EngineText.Sessions.ExpectsValue.In(language, v) : "");
    }
}
