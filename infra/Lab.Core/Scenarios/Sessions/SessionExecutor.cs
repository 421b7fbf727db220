using Lab.Core.Messages;
using Lab.Core.Sql;

namespace Lab.Core.Scenarios.Sessions;

/// <summary>
/// Carries out a <see cref="SessionAction"/>: opens the session at its first use (and registers its end with the run's
/// clean-up, so an open transaction or a held lock never outlives the scenario), runs, sends or reaps, and checks the
/// outcome. A failure names the scenario file and line, the host, the session and what the server said.
/// </summary>
public sealed class SessionExecutor(RunContext context, TimeProvider clock, Language language)
{
    /// <summary>How long a statement may take, unless the action says `timeout:`; stretched on slow hosts like every wait.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, long> _sentAt = new(StringComparer.Ordinal);

    public async Task<string?> RunAsync(SessionAction action, CancellationToken ct)
    {
        var where = $"{action.File}:{action.Line}";
        var who = $"{action.Host} [{action.Session}]";
        var timeout = (action.StatementTimeout ?? DefaultTimeout) * context.Instance.Pace;
        var session = context.Sessions.Find(action.Session) ?? await OpenAsync(action, where, timeout, ct);
        SessionReply reply;
        try
        {
            switch (action.Verb)
            {
                case SessionVerb.Send:
                    _ = session.Send(action.Sql!); // its reply is kept by the session until reaped
                    _sentAt[action.Session] = clock.GetTimestamp();
                    return EngineText.Sessions.Sent.In(language, session.ConnectionId);
                case SessionVerb.Reap:
                    reply = await session.ReapAsync(timeout, ct);
                    break;
                default:
                    reply = await session.RunAsync(action.Sql!, timeout, ct);
                    break;
            }
        }
        catch (TimeoutException)
        {
            throw new ScenarioStepException(EngineText.Sessions.NoAnswer.In(language, where, who, timeout.TotalSeconds));
        }
        catch (InvalidOperationException e)
        {
            throw new ScenarioStepException($"{where}: {who}: {e.Message}");
        }
        var detail = Check(action, reply, where, who);
        if (action.Verb == SessionVerb.Reap && _sentAt.Remove(action.Session, out var sent))
            detail = EngineText.Sessions.Waited.In(language, clock.GetElapsedTime(sent, reply.Finished).TotalSeconds) + (detail is null ? "" : " " + detail);
        return detail;
    }

    private async Task<SqlSession> OpenAsync(SessionAction action, string where, TimeSpan timeout, CancellationToken ct)
    {
        var host = context.Instance.Host(action.Host!);
        SqlSession session;
        try
        {
            session = await SqlSession.OpenAsync(host, action.Session, clock, timeout, ct);
        }
        catch (TimeoutException)
        {
            throw new ScenarioStepException(EngineText.Sessions.NotOpened.In(language, where, $"{action.Host} [{action.Session}]",
                EngineText.Sessions.NoAnswerToOpen.In(language, timeout.TotalSeconds)));
        }
        catch (SqlSessionException e)
        {
            throw new ScenarioStepException(EngineText.Sessions.NotOpened.In(language, where, $"{action.Host} [{action.Session}]", e.Message));
        }
        context.Sessions.Add(session);
        context.UndoAtEnd($"session {action.Session}", EngineText.Sessions.End.In(language, action.Session, action.Host!, session.ConnectionId),
            c => context.Sessions.EndAsync(action.Session, c));
        return session;
    }

    private string? Check(SessionAction action, SessionReply reply, string where, string who)
    {
        var result = reply.Result;
        var seen = result.Describe(language) + (reply.Errors.Count > 1 ? EngineText.Sessions.MoreErrors.In(language, reply.Errors.Count - 1) : "");
        if (reply.ClientEnded && reply.Errors.Count == 0)
            throw new ScenarioStepException(EngineText.Sessions.ClientEnded.In(language, where, who, result.ErrorMessage ?? ""));
        if (action.Error is { } code)
            return result.ErrorCode == code ? $"ERROR {code}: {result.ErrorMessage}"
                : throw new ScenarioStepException(EngineText.Sessions.WrongError.In(language, where, who, code, seen));
        if (!result.Ok) throw new ScenarioStepException(EngineText.Sessions.Failed.In(language, where, who, seen));
        if ((action.Rows is { } rows && result.Rows.Count != rows) || (action.EqualsValue is { } value && result.Scalar != value))
            throw new ScenarioStepException(EngineText.Sessions.WrongResult.In(language, where, who, Expected(action), seen));
        return result.Rows.Count == 0 ? null : result.Scalar is { } s && result.Rows.Count == 1 ? $"→ {s}" : result.Describe(language);
    }

    private string Expected(SessionAction action) =>
        string.Join(", ", new[]
        {
            action.Rows is { } r ? EngineText.Expectations.Rows.In(language, r) : null,
            action.EqualsValue is { } v ? $"'{v}'" : null,
        }.OfType<string>());
}
