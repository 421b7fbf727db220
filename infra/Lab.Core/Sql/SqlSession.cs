using System.Globalization;
using Lab.Core.Hosts;

namespace Lab.Core.Sql;

/// <summary>
/// One server connection held across a scenario's stages by the host's own <c>mariadb</c> client, kept running with
/// its input open: statements go in one after another on the same connection, so a transaction stays open between
/// them. The end of each statement's output is found without asking the server: after the statement the client runs
/// <c>\! echo MARKER</c> itself, which prints the marker on both outputs once the statement is done (a marker
/// <c>SELECT</c> could itself wait on a lock or <c>wsrep_sync_wait</c>). <c>--force</c> keeps the client going
/// after an error, <c>--skip-reconnect</c> keeps it from silently opening a new connection (and so losing the
/// transaction) when the server goes away.
/// </summary>
public sealed class SqlSession : IAsyncDisposable
{
    public const string ClientCommand = "mariadb --batch --skip-column-names --unbuffered --force --skip-reconnect";

    /// <summary>
    /// The connection's id, the server's clock and uptime (so clean-up never kills a same-numbered connection of a
    /// restarted server). No table is read: a node outside the Primary component refuses table reads (1047), but a
    /// session may well be opened there to show exactly that.
    /// </summary>
    private const string IdentityQuery = "SELECT CONNECTION_ID(), UNIX_TIMESTAMP(); SHOW GLOBAL STATUS LIKE 'Uptime'";

    private const string ServerStartQuery = "SELECT 0, UNIX_TIMESTAMP(); SHOW GLOBAL STATUS LIKE 'Uptime'";

    private readonly ILabHost _host;
    private readonly IHostProcess _client;
    private readonly TimeProvider _clock;
    private readonly string _tag = Guid.NewGuid().ToString("N")[..12];
    private int _statements;
    private Task<SessionReply>? _last;

    private SqlSession(ILabHost host, string name, IHostProcess client, TimeProvider clock)
    {
        _host = host;
        Name = name;
        _client = client;
        _clock = clock;
    }

    public string Name { get; }
    public string HostName => _host.Name;

    /// <summary>The server's id for this connection (what <c>SHOW PROCESSLIST</c> and <c>KILL</c> use).</summary>
    public long ConnectionId { get; private set; }

    private double _serverStarted;

    /// <summary>A statement was sent and its reply not read yet (it may still run).</summary>
    public bool HasUnread { get; private set; }

    /// <summary>Starts the client on the host and reads the connection's id; a server that does not answer is an error naming the host.</summary>
    public static async Task<SqlSession> OpenAsync(ILabHost host, string name, TimeProvider clock, TimeSpan timeout, CancellationToken ct)
    {
        var client = await host.StartProcessAsync(ClientCommand, ct);
        var session = new SqlSession(host, name, client, clock);
        try
        {
            var reply = await session.RunAsync(IdentityQuery, timeout, ct);
            if (!reply.Result.Ok) throw new SqlSessionException(host.Name, name, reply.Result.Describe(Messages.Language.En));
            (session.ConnectionId, session._serverStarted) = Identity(reply.Rows)
                ?? throw new SqlSessionException(host.Name, name, $"unexpected answer to `{IdentityQuery}`: {string.Join(" | ", reply.Rows.Select(r => string.Join(' ', r)))}");
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Hands the statement to the client and returns at once; the task completes with its reply when the client has
    /// finished it. One statement at a time: the previous reply must have been read.
    /// </summary>
    public Task<SessionReply> Send(string sql)
    {
        if (HasUnread) throw new InvalidOperationException($"session {Name}: the statement sent before has not been reaped");
        var marker = $"lab-session-{_tag}-{++_statements}";
        // `\!` runs until the end of the line or a `;`: two echoes joined with && stay one client command.
        var text = Terminated(sql) + "\n\\! echo " + marker + " && echo " + marker + " >&2\n";
        HasUnread = true;
        _last = ExchangeAsync(text, marker);
        return _last;
    }

    /// <summary>Waits for the reply of the statement sent last; a <see cref="TimeoutException"/> leaves it unread (still running).</summary>
    public async Task<SessionReply> ReapAsync(TimeSpan timeout, CancellationToken ct)
    {
        var last = _last is not null && HasUnread ? _last : throw new InvalidOperationException($"session {Name}: nothing was sent to reap");
        var reply = await last.WaitAsync(timeout, _clock, ct);
        HasUnread = false;
        return reply;
    }

    /// <summary>Sends the statement and waits for its reply.</summary>
    public Task<SessionReply> RunAsync(string sql, TimeSpan timeout, CancellationToken ct)
    {
        _ = Send(sql);
        return ReapAsync(timeout, ct);
    }

    /// <summary>
    /// Ends the session so that nothing it holds (an open transaction, a table lock, FLUSH TABLES WITH READ LOCK)
    /// outlives it: closes the client's input, which ends an idle client and with it the connection; a client still
    /// inside a statement gets its connection killed on the server (only if that server has not restarted since, when
    /// the same id could be someone else's), and a client that still does not end is killed. Says which it took.
    /// </summary>
    public async Task<SessionEnd> EndAsync(CancellationToken ct)
    {
        try
        {
            _client.CloseInput();
            // A client inside a statement reads its end of input only when the statement ends: no point waiting.
            var busy = _last is { IsCompleted: false };
            if (!busy && await _client.WaitForExitAsync(QuitGrace, ct)) return SessionEnd.Quit;
            await KillOnServerAsync(ct);
            if (await _client.WaitForExitAsync(KillGrace, ct)) return SessionEnd.ConnectionKilled;
            _client.Kill();
            return SessionEnd.ClientKilled;
        }
        finally
        {
            await _client.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private static readonly TimeSpan QuitGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(5);

    /// <summary>KILL CONNECTION through a new client on the host, if the server is the one the session connected to.</summary>
    private async Task KillOnServerAsync(CancellationToken ct)
    {
        var now = await _host.QueryAsync(ServerStartQuery, timeout: TimeSpan.FromSeconds(10), ct: ct);
        // Not answering, or restarted since: the session's connection is gone with the server it was on.
        if (!now.Ok || Identity(now.Rows) is not { } server || Math.Abs(server.Started - _serverStarted) > 2) return;
        // wsrep_on=OFF for the killer's own connection: a node outside the Primary component refuses KILL (1047)
        // from a replicating session, and a session stuck there is just what needs killing. --force: a server built
        // without wsrep has no such variable, and the KILL must run all the same.
        await _host.QueryAsync($"SET SESSION wsrep_on = OFF; KILL CONNECTION {ConnectionId}", "--force", TimeSpan.FromSeconds(10), ct);
    }

    /// <summary>From the rows [id, now] and [Uptime, seconds]: the id and when the server started (UNIX time).</summary>
    private static (long Id, double Started)? Identity(IReadOnlyList<string[]> rows) =>
        rows.Count == 2 && rows[0].Length == 2 && rows[1].Length == 2
        && long.TryParse(rows[0][0], CultureInfo.InvariantCulture, out var id)
        && double.TryParse(rows[0][1], CultureInfo.InvariantCulture, out var now)
        && double.TryParse(rows[1][1], CultureInfo.InvariantCulture, out var uptime)
            ? (id, now - uptime)
            : null;

    /// <summary>Writes the statement and reads both outputs up to the marker; not cancellable, it ends at the latest with the client.</summary>
    private async Task<SessionReply> ExchangeAsync(string text, string marker)
    {
        try
        {
            await _client.WriteAsync(text);
        }
        catch (IOException)
        {
            // The client is gone: reading below finds the end of its output and what it said last.
        }
        var stdout = ReadToMarkerAsync(_client.ReadOutputLineAsync, marker);
        var stderr = ReadToMarkerAsync(_client.ReadErrorLineAsync, marker);
        var (outLines, outEnded) = await stdout;
        var (errLines, errEnded) = await stderr;
        return SessionReply.Parse(outLines, errLines, outEnded || errEnded, _clock.GetTimestamp());
    }

    private static async Task<(List<string> Lines, bool Ended)> ReadToMarkerAsync(Func<CancellationToken, ValueTask<string?>> read, string marker)
    {
        var lines = new List<string>();
        while (await read(CancellationToken.None) is { } line)
        {
            if (line == marker) return (lines, false);
            lines.Add(line);
        }
        return (lines, true);
    }

    /// <summary>
    /// The client runs a statement when it reads its terminator: a `;` on a line of its own ends one left open, even
    /// behind a trailing `-- comment`, and the client ignores it after a statement that was already ended.
    /// </summary>
    internal static string Terminated(string sql) => sql.TrimEnd() + "\n;";
}

/// <summary>How a session ended: its client quit when its input closed, or only after its connection was killed, or it had to be killed.</summary>
public enum SessionEnd { Quit, ConnectionKilled, ClientKilled }

/// <summary>A session that could not be opened or used.</summary>
public sealed class SqlSessionException(string host, string session, string problem)
    : Lab.Core.Errors.LabException($"{host}: session {session}: {problem}");
