using System.Text.RegularExpressions;

namespace Lab.Core.Tests.Support;

/// <summary>
/// A server's replica configuration as SHOW SLAVE STATUS shows it, and the statements that change it (CHANGE MASTER
/// TO, START/STOP SLAVE [IO_THREAD|SQL_THREAD], RESET SLAVE ALL), with MariaDB's refusals: no RESET or CHANGE MASTER
/// while a thread runs, no START SLAVE without a source. GTID positions are not moved here: they are the test's to set.
/// </summary>
public sealed partial class FakeReplicaThreads
{
    // The columns the engine reads, in the server's order.
    private static readonly string[] Columns =
    [
        "Slave_IO_State", "Master_Host", "Master_User", "Master_Port", "Connect_Retry", "Slave_IO_Running", "Slave_SQL_Running",
        "Last_Errno", "Last_Error", "Relay_Log_Space", "Seconds_Behind_Master", "Last_IO_Errno", "Last_IO_Error",
        "Last_SQL_Errno", "Last_SQL_Error", "Using_Gtid", "Gtid_IO_Pos",
    ];

    private readonly Lock _gate = new();
    private Dictionary<string, string>? _columns; // null: not a replica, SHOW SLAVE STATUS is empty

    [GeneratedRegex(@"^(START|STOP) SLAVE(?: (IO_THREAD|SQL_THREAD))?$", RegexOptions.IgnoreCase)]
    private static partial Regex StartStop();

    [GeneratedRegex(@"^CHANGE MASTER TO (.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ChangeMaster();

    [GeneratedRegex(@"(\w+)\s*=\s*('(?:[^']|'')*'|[^,\s]+)")]
    private static partial Regex Option();

    public bool Configured { get { lock (_gate) return _columns is not null; } }

    public string this[string column]
    {
        get { lock (_gate) return _columns?.GetValueOrDefault(column) ?? ""; }
        set
        {
            lock (_gate)
            {
                if (!Columns.Contains(column)) throw new ArgumentException($"SHOW SLAVE STATUS has no column {column} in this fake");
                (_columns ?? throw new InvalidOperationException("not a replica: call Replicate first"))[column] = value;
            }
        }
    }

    /// <summary>Test set-up: replicating from <paramref name="sourceAddress"/> with both threads running, caught up.</summary>
    public void Replicate(string sourceAddress, string received = "")
    {
        lock (_gate)
        {
            _columns = Configure(sourceAddress, "repl");
            _columns["Slave_IO_Running"] = _columns["Slave_SQL_Running"] = "Yes";
            _columns["Slave_IO_State"] = "Waiting for master to send event";
            _columns["Seconds_Behind_Master"] = "0";
            _columns["Gtid_IO_Pos"] = received;
        }
    }

    public SqlReply? TryExecute(string statement)
    {
        if (statement.Equals("SHOW SLAVE STATUS", StringComparison.OrdinalIgnoreCase))
            lock (_gate)
                return _columns is null ? SqlReply.Table(Columns) : SqlReply.Table(Columns, Columns.Select(c => _columns[c]).ToArray());
        if (statement.Equals("RESET SLAVE ALL", StringComparison.OrdinalIgnoreCase))
            lock (_gate)
            {
                if (Running()) return Busy();
                _columns = null;
                return SqlReply.Done;
            }
        if (ChangeMaster().Match(statement) is { Success: true } change)
            lock (_gate)
            {
                if (Running()) return Busy();
                var options = Option().Matches(change.Groups[1].Value)
                    .ToDictionary(m => m.Groups[1].Value.ToUpperInvariant(), m => FakeSql.Unquote(m.Groups[2].Value));
                var received = _columns?.GetValueOrDefault("Gtid_IO_Pos") ?? "";
                _columns = Configure(options.GetValueOrDefault("MASTER_HOST", ""), options.GetValueOrDefault("MASTER_USER", ""));
                _columns["Gtid_IO_Pos"] = received;
                if (options.TryGetValue("MASTER_PORT", out var port)) _columns["Master_Port"] = port;
                if (options.TryGetValue("MASTER_CONNECT_RETRY", out var retry)) _columns["Connect_Retry"] = retry;
                return SqlReply.Done;
            }
        if (StartStop().Match(statement) is { Success: true } verb)
            lock (_gate)
            {
                var start = verb.Groups[1].Value.Equals("START", StringComparison.OrdinalIgnoreCase);
                var thread = verb.Groups[2].Value.ToUpperInvariant();
                if (_columns is null)
                    // STOP SLAVE on a non-replica is only a warning; START SLAVE is an error.
                    return start ? SqlReply.Error(1200, "Misconfigured slave: MASTER_HOST was not set; Fix in config file or with CHANGE MASTER TO") : SqlReply.Done;
                var value = start ? "Yes" : "No";
                if (thread is "" or "IO_THREAD") _columns["Slave_IO_Running"] = value;
                if (thread is "" or "SQL_THREAD") _columns["Slave_SQL_Running"] = value;
                _columns["Slave_IO_State"] = _columns["Slave_IO_Running"] == "Yes" ? "Waiting for master to send event" : "";
                _columns["Seconds_Behind_Master"] = _columns["Slave_SQL_Running"] == "Yes" ? "0" : "NULL";
                return SqlReply.Done;
            }
        return null;
    }

    private bool Running() => _columns is { } c && (c["Slave_IO_Running"] == "Yes" || c["Slave_SQL_Running"] == "Yes");

    private static SqlReply Busy() => SqlReply.Error(1198, "This operation cannot be performed as you have a running slave ''; run STOP SLAVE '' first");

    private static Dictionary<string, string> Configure(string host, string user)
    {
        var columns = Columns.ToDictionary(c => c, _ => "", StringComparer.OrdinalIgnoreCase);
        columns["Master_Host"] = host;
        columns["Master_User"] = user;
        columns["Master_Port"] = "3306";
        columns["Connect_Retry"] = "60";
        columns["Slave_IO_Running"] = columns["Slave_SQL_Running"] = "No";
        columns["Last_Errno"] = columns["Last_IO_Errno"] = columns["Last_SQL_Errno"] = "0";
        columns["Relay_Log_Space"] = "256";
        columns["Seconds_Behind_Master"] = "NULL";
        columns["Using_Gtid"] = "Slave_Pos";
        return columns;
    }
}
