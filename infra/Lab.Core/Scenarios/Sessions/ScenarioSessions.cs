using Lab.Core.Sql;

namespace Lab.Core.Scenarios.Sessions;

/// <summary>The named SQL sessions a scenario run has open, by name; each is ended by the run's clean-up.</summary>
public sealed class ScenarioSessions
{
    private readonly Dictionary<string, SqlSession> _open = new(StringComparer.Ordinal);

    public SqlSession? Find(string name)
    {
        lock (_open) return _open.GetValueOrDefault(name);
    }

    public void Add(SqlSession session)
    {
        lock (_open) _open[session.Name] = session;
    }

    /// <summary>Ends the named session if it is open (idempotent, as clean-up must be); returns how, or null when it was not open.</summary>
    public async Task<SessionEnd?> EndAsync(string name, CancellationToken ct)
    {
        SqlSession? session;
        lock (_open)
        {
            if (!_open.Remove(name, out session)) return null;
        }
        return await session.EndAsync(ct);
    }

    /// <summary>The names of the sessions still open.</summary>
    public IReadOnlyList<string> Names
    {
        get { lock (_open) return _open.Keys.ToList(); }
    }
}
