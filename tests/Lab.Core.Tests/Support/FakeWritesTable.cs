using System.Text.RegularExpressions;
using Lab.Core.Workload;

namespace Lab.Core.Tests.Support;

/// <summary>
/// One node's copy of the writer's table (<see cref="WriteWorkload.Table"/>) as a set of ids. A change made on a node
/// is applied to the copies it replicates to, unless the session turned replication off (<c>wsrep_on=OFF</c>), which
/// is how a scenario removes a row behind the cluster's back.
/// </summary>
public sealed partial class FakeWritesTable(string node)
{
    private readonly Lock _gate = new();
    private readonly SortedSet<long> _ids = [];
    private readonly List<FakeWritesTable> _replicas = [];
    private bool _exists;

    [GeneratedRegex(@"^INSERT INTO labcheck\.writes \(id\) VALUES \((\d+)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex Insert();

    [GeneratedRegex(@"^DELETE FROM labcheck\.writes WHERE id\s*=\s*(\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Delete();

    [GeneratedRegex(@"^(DROP TABLE IF EXISTS labcheck\.writes|CREATE TABLE labcheck\.writes\b.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Recreate();

    [GeneratedRegex(@"^CREATE DATABASE IF NOT EXISTS labcheck$", RegexOptions.IgnoreCase)]
    private static partial Regex CreateDatabase();

    public string Node { get; } = node;

    public IReadOnlyList<long> Ids { get { lock (_gate) return _ids.ToList(); } }

    /// <summary>Every table in <paramref name="tables"/> applies what any of the others applies (a Galera cluster).</summary>
    public static void ReplicateAmong(IReadOnlyList<FakeWritesTable> tables)
    {
        foreach (var t in tables) t.ReplicatesTo(tables.Where(o => o != t).ToArray());
    }

    /// <summary>What this node applies is applied on <paramref name="replicas"/> too (a binlog primary and its replicas).</summary>
    public void ReplicatesTo(params FakeWritesTable[] replicas)
    {
        lock (_gate) _replicas.AddRange(replicas);
    }

    /// <summary>Test set-up: the writer created its (empty) table here and on the replicas.</summary>
    public void Create() => Apply(t => t._ids.Clear(), replicate: true);

    /// <summary>Test set-up: a row on this node only.</summary>
    public void Plant(long id) => Apply(t => t._ids.Add(id), replicate: false);

    /// <summary>Test set-up: a row gone from this node only.</summary>
    public void Remove(long id) => Apply(t => t._ids.Remove(id), replicate: false);

    /// <summary>An INSERT that replicates, for a handler that fakes a server which applied a write and then reported an error.</summary>
    public void InsertReplicated(long id) => Apply(t => t._ids.Add(id), replicate: true);

    /// <summary>The reply when <paramref name="statement"/> is about this table, else null.</summary>
    public SqlReply? TryExecute(string statement, bool replicate)
    {
        if (CreateDatabase().IsMatch(statement)) return SqlReply.Done;
        if (Recreate().IsMatch(statement))
        {
            Apply(t => { t._ids.Clear(); t._exists = true; }, replicate);
            return SqlReply.Done;
        }
        if (Insert().Match(statement) is { Success: true } insert)
        {
            var id = long.Parse(insert.Groups[1].Value);
            if (Missing() is { } missing) return missing;
            lock (_gate)
                if (_ids.Contains(id)) return SqlReply.Error(1062, $"Duplicate entry '{id}' for key 'PRIMARY'");
            Apply(t => t._ids.Add(id), replicate);
            return SqlReply.Done;
        }
        if (Delete().Match(statement) is { Success: true } delete)
        {
            if (Missing() is { } missing) return missing;
            var id = long.Parse(delete.Groups[1].Value);
            Apply(t => t._ids.Remove(id), replicate);
            return SqlReply.Done;
        }
        if (statement.Equals("SELECT id FROM labcheck.writes", StringComparison.OrdinalIgnoreCase))
            return Missing() ?? SqlReply.Table(["id"], Ids.Select(id => new[] { id.ToString() }).ToArray());
        return null;
    }

    private SqlError? Missing()
    {
        lock (_gate) return _exists ? null : new SqlError(1146, "Table 'labcheck.writes' doesn't exist");
    }

    private void Apply(Action<FakeWritesTable> change, bool replicate)
    {
        List<FakeWritesTable> targets;
        lock (_gate)
        {
            _exists = true;
            change(this);
            targets = replicate ? _replicas.ToList() : [];
        }
        // One table's lock at a time: replicas are updated after this node's lock is released.
        foreach (var replica in targets)
            lock (replica._gate)
            {
                replica._exists = true;
                change(replica);
            }
    }
}
