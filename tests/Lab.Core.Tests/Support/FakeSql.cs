using System.Text;
using System.Text.RegularExpressions;
using Lab.Core.Hosts;

namespace Lab.Core.Tests.Support;

/// <summary>
/// The server a host's <c>mariadb</c> client talks to. The SQL on stdin is split into statements and each is answered
/// by, in order: the test's handlers (newest first, so a test can override anything), then the built-ins (SHOW GLOBAL
/// STATUS from <see cref="SetStatus"/>, SELECT @@var and SET GLOBAL/SESSION over variables, the writer's table,
/// SHOW SLAVE STATUS and its statements), else it succeeds with no rows and stays visible in <see cref="Unhandled"/>.
/// The first error stops the input, as the client does, and is printed the way the client prints it.
/// </summary>
public sealed partial class FakeSql
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly List<Func<string, Func<SqlReply>?>> _handlers = [];
    private readonly List<(Regex Pattern, TimeSpan By)> _delays = [];
    private readonly Dictionary<string, string> _status = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _variables = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _executed = [];
    private readonly List<string> _unhandled = [];

    public FakeSql(string host, TimeProvider clock)
    {
        _clock = clock;
        Writes = new FakeWritesTable(host);
        _variables["hostname"] = host;
        foreach (var v in new[] { "gtid_slave_pos", "gtid_binlog_pos", "gtid_current_pos" }) _variables[v] = "";
        _variables["read_only"] = "0";
    }

    public FakeWritesTable Writes { get; }
    public FakeReplicaThreads Replica { get; } = new();

    /// <summary>Every statement this server executed, in order, whitespace collapsed.</summary>
    public IReadOnlyList<string> Executed { get { lock (_gate) return _executed.ToList(); } }

    /// <summary>Statements nothing knew; they succeeded with no rows. A test can check the engine sent nothing unexpected.</summary>
    public IReadOnlyList<string> Unhandled { get { lock (_gate) return _unhandled.ToList(); } }

    /// <summary>Answers a statement equal to <paramref name="statement"/> (case and spacing aside).</summary>
    public void On(string statement, Func<SqlReply> reply)
    {
        var wanted = Collapse(statement).TrimEnd(';');
        AddHandler(s => s.Equals(wanted, StringComparison.OrdinalIgnoreCase) ? reply : null);
    }

    public void On(string statement, SqlReply reply) => On(statement, () => reply);

    public void On(Regex pattern, Func<Match, SqlReply> reply) =>
        AddHandler(s => pattern.Match(s) is { Success: true } m ? () => reply(m) : null);

    /// <summary>Statements matching <paramref name="pattern"/> take this long on the host's clock before they answer.</summary>
    public void Delay(Regex pattern, TimeSpan by)
    {
        lock (_gate) _delays.Add((pattern, by));
    }

    public void SetStatus(string name, string value)
    {
        lock (_gate) _status[name] = value;
    }

    public string? Status(string name)
    {
        lock (_gate) return _status.GetValueOrDefault(name);
    }

    public void SetVariable(string name, string value)
    {
        lock (_gate) _variables[name] = value;
    }

    public string? Variable(string name)
    {
        lock (_gate) return _variables.GetValueOrDefault(name);
    }

    /// <summary>
    /// Runs the client's input; <paramref name="clientArgs"/> matter only for --column-names. <paramref name="waiting"/>
    /// is told each time this input is suspended on a <see cref="Delay"/> (see <see cref="AwaitThenSignal"/>).
    /// </summary>
    public async Task<CommandResult> RunAsync(string clientArgs, string input, CancellationToken ct, Action? waiting = null)
    {
        var withNames = clientArgs.Contains("--column-names", StringComparison.Ordinal);
        var output = new StringBuilder();
        var session = new Session();
        foreach (var (statement, line) in Split(input))
        {
            foreach (var delay in DelaysFor(statement))
                await new AwaitThenSignal(Task.Delay(delay, _clock, ct), waiting);
            lock (_gate) _executed.Add(statement);
            var reply = Answer(statement, session);
            if (reply is SqlError error) return new CommandResult(1, output.ToString(), error.Render(line) + "\n");
            if (reply is SqlRows { Rows.Count: > 0 } rows)
            {
                if (withNames && rows.Columns is { } names) output.Append(string.Join('\t', names)).Append('\n');
                foreach (var row in rows.Rows) output.Append(string.Join('\t', row)).Append('\n');
            }
        }
        return new CommandResult(0, output.ToString(), "");
    }

    private sealed class Session
    {
        public bool Replicates { get; set; } = true;
    }

    private void AddHandler(Func<string, Func<SqlReply>?> handler)
    {
        lock (_gate) _handlers.Insert(0, handler);
    }

    private List<TimeSpan> DelaysFor(string statement)
    {
        lock (_gate) return _delays.Where(d => d.Pattern.IsMatch(statement)).Select(d => d.By).ToList();
    }

    private SqlReply Answer(string statement, Session session)
    {
        List<Func<string, Func<SqlReply>?>> handlers;
        lock (_gate) handlers = _handlers.ToList();
        // Handlers run outside the lock: they may change this or another host (e.g. a write applied, then an error).
        foreach (var handler in handlers)
            if (handler(statement) is { } reply) return reply();
        var builtIn = StatusOf(statement) ?? VariablesOf(statement) ?? Set(statement, session)
                      ?? Writes.TryExecute(statement, session.Replicates) ?? Replica.TryExecute(statement) ?? Literal(statement);
        if (builtIn is not null) return builtIn;
        lock (_gate) _unhandled.Add(statement);
        return SqlReply.Done;
    }

    [GeneratedRegex(@"^SHOW GLOBAL STATUS WHERE Variable_name IN \((.*)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex ShowStatus();

    [GeneratedRegex(@"^SELECT\s+(@@[\w.]+(?:\s*,\s*@@[\w.]+)*)$", RegexOptions.IgnoreCase)]
    private static partial Regex SelectVariables();

    [GeneratedRegex(@"^SET (GLOBAL|SESSION) (\w+)\s*=\s*(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SetVariableStatement();

    [GeneratedRegex(@"^SELECT (-?\d+)$")]
    private static partial Regex SelectNumber();

    private SqlReply? StatusOf(string statement)
    {
        if (ShowStatus().Match(statement) is not { Success: true } m) return null;
        var names = m.Groups[1].Value.Split(',').Select(n => n.Trim().Trim('\''));
        lock (_gate)
            return SqlReply.Table(["Variable_name", "Value"],
                names.Where(_status.ContainsKey).Select(n => new[] { n, _status[n] }).ToArray());
    }

    private SqlReply? VariablesOf(string statement)
    {
        if (SelectVariables().Match(statement) is not { Success: true } m) return null;
        var names = m.Groups[1].Value.Split(',').Select(n => n.Trim()).ToList();
        var values = new List<string>();
        lock (_gate)
            foreach (var name in names)
            {
                var bare = Regex.Replace(name[2..], "^(global|session)\\.", "", RegexOptions.IgnoreCase);
                if (!_variables.TryGetValue(bare, out var value)) return SqlReply.Error(1193, $"Unknown system variable '{bare}'");
                values.Add(value);
            }
        return SqlReply.Table(names, values.ToArray());
    }

    private SqlReply? Set(string statement, Session session)
    {
        if (SetVariableStatement().Match(statement) is not { Success: true } m) return null;
        var name = m.Groups[2].Value;
        var value = Unquote(m.Groups[3].Value.Trim());
        // SELECT @@var shows a boolean as 1/0 whatever it was set with.
        value = value.ToUpperInvariant() switch { "ON" or "TRUE" => "1", "OFF" or "FALSE" => "0", _ => value };
        if (m.Groups[1].Value.Equals("SESSION", StringComparison.OrdinalIgnoreCase))
        {
            if (name.Equals("wsrep_on", StringComparison.OrdinalIgnoreCase)) session.Replicates = value != "0";
            return SqlReply.Done;
        }
        SetVariable(name, value);
        return SqlReply.Done;
    }

    private static SqlReply? Literal(string statement) =>
        SelectNumber().Match(statement) is { Success: true } m ? SqlReply.Value(m.Groups[1].Value) : null;

    /// <summary>
    /// Statements with the input line each starts on (the client reports errors by line). Splits on ';' outside quotes;
    /// "--" comment lines are blanked first, as a dump has them.
    /// </summary>
    private static IEnumerable<(string Statement, int Line)> Split(string input)
    {
        var text = Regex.Replace(input, @"^\s*--.*$", "", RegexOptions.Multiline);
        var start = 0;
        char? quote = null;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length)
            {
                var c = text[i];
                if (quote is { } q) { if (c == q) quote = null; continue; }
                if (c is '\'' or '"' or '`') { quote = c; continue; }
                if (c != ';') continue;
            }
            var piece = text[start..i];
            var lead = piece.Length - piece.TrimStart().Length;
            var statement = Collapse(piece);
            if (statement.Length > 0) yield return (statement, 1 + text.Take(start + lead).Count(ch => ch == '\n'));
            start = i + 1;
        }
    }

    /// <summary>A SQL string literal's text ('it''s' → it's); anything else as it is.</summary>
    public static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1].Replace("''", "'") : value;

    private static string Collapse(string text) => Regex.Replace(text.Trim(), @"\s+", " ");
}
