using Lab.Core.Loading;

namespace Lab.Core.Scenarios.Sessions;

/// <summary>
/// Checks a scenario's session actions in the order they run, before anything runs: a session is opened by its first
/// use, which says where (<c>on</c>); it stays on that host; a reap needs an earlier send in the same session, and a
/// session with a statement in flight takes nothing else until it is reaped. Fills in each action's host and file.
/// </summary>
public static class SessionPlan
{
    private sealed record Known(string Host, int OpenedAt)
    {
        public int? SentAt { get; set; }
    }

    public static IReadOnlyList<Stage> Resolve(string file, IReadOnlyList<Stage> stages)
    {
        var sessions = new Dictionary<string, Known>(StringComparer.Ordinal);
        var fullPath = Path.GetFullPath(file);
        var resolved = stages.Select(stage => stage with
        {
            Actions = stage.Actions.Select(a => a is SessionAction s ? Check(file, s, sessions) with { File = fullPath } : a).ToList(),
        }).ToList();
        if (sessions.FirstOrDefault(s => s.Value.SentAt is not null) is { Key: { } name, Value: { } left })
            throw new LabFileException(file, left.SentAt!.Value,
                $"session '{name}' sends a statement that is never reaped; add {{ session: {{ name: {name}, reap: true }} }} later, with the error or rows it must give");
        return resolved;
    }

    private static SessionAction Check(string file, SessionAction action, Dictionary<string, Known> sessions)
    {
        LabFileException Error(string problem) => new(file, action.Line, problem);

        if (!sessions.TryGetValue(action.Session, out var known))
        {
            if (action.Verb == SessionVerb.Reap)
                throw Error($"session '{action.Session}' has sent nothing to reap" + Open(sessions));
            if (action.Host is null)
                throw Error($"session '{action.Session}' is first used here, so say where it opens, e.g. session: {{ name: {action.Session}, on: db1, ... }}" + Open(sessions));
            known = new Known(action.Host, action.Line);
            sessions[action.Session] = known;
        }
        else if (action.Host is { } host && host != known.Host)
            throw Error($"session '{action.Session}' is on {known.Host} (opened at line {known.OpenedAt}); a session stays on its host: name a new session for {host}");

        switch (action.Verb)
        {
            case SessionVerb.Reap when known.SentAt is null:
                throw Error($"session '{action.Session}' has nothing in flight to reap: reap follows a send in the same session");
            case SessionVerb.Reap:
                known.SentAt = null;
                break;
            case var _ when known.SentAt is { } sent:
                throw Error($"session '{action.Session}' still runs the statement sent at line {sent}: reap it first (one statement at a time per session)");
            case SessionVerb.Send:
                known.SentAt = action.Line;
                break;
        }
        return action with { Host = known.Host };
    }

    private static string Open(Dictionary<string, Known> sessions) =>
        sessions.Count == 0 ? "" : $" (sessions so far: {string.Join(", ", sessions.Select(s => $"{s.Key} on {s.Value.Host}"))})";
}
