using System.Text.RegularExpressions;
using Lab.Core.Hosts;
using Lab.Core.Messages;
using Lab.Core.Services;
using Lab.Core.Waits;

namespace Lab.Core.Galera;

/// <summary>
/// The seeds' recovery procedures, as code: find the most advanced node (grastate.dat seqno, or
/// `mariadbd --wsrep-recover` when a crash left seqno -1), mark it safe_to_bootstrap, start it as a new cluster
/// (galera_new_cluster), then start the others. Its account is in <paramref name="language"/>.
/// </summary>
public sealed partial class GaleraRecovery(Until until, Action<string> progress, Language language = Language.En)
{
    [GeneratedRegex(@"Recovered position:?\s+([0-9a-f-]{36}):(-?\d+)")]
    private static partial Regex RecoveredPosition();

    public sealed record NodePosition(string Node, long Seqno, string Source);

    /// <summary>
    /// Every node's last committed position. Read in parallel: a crashed node needs `mariadbd --wsrep-recover`, a full
    /// InnoDB start-up of a second or more, and each node's is independent of the others'.
    /// </summary>
    public async Task<IReadOnlyList<NodePosition>> PositionsAsync(IReadOnlyList<ILabHost> nodes, CancellationToken ct)
    {
        foreach (var node in nodes)
            if ((await node.StatusAsync(ServiceCatalog.Galera, ct)).State != ServiceState.Stopped)
                throw new Lab.Core.Errors.LabException($"{node.Name}: mariadbd is running; the seqno can only be read from a stopped node");
        return await Task.WhenAll(nodes.Select(node => PositionAsync(node, ct)));
    }

    private static async Task<NodePosition> PositionAsync(ILabHost node, CancellationToken ct)
    {
        var text = await node.ReadFileAsync(GraState.Path, ct) ?? "";
        var state = GraState.Parse(text);
        if (state.Seqno >= 0) return new NodePosition(node.Name, state.Seqno, "grastate.dat");
        // seqno -1: the server crashed; InnoDB knows the last committed position.
        var run = await node.RunAsync("mariadbd --user=mysql --wsrep-recover --log-error=/tmp/wsrep-recover.log >/dev/null 2>&1; cat /tmp/wsrep-recover.log; rm -f /tmp/wsrep-recover.log",
            timeout: TimeSpan.FromMinutes(2), ct: ct);
        var match = RecoveredPosition().Match(run.Stdout);
        if (!match.Success) throw new HostCommandException(node.Name, "mariadbd --wsrep-recover", run);
        return new NodePosition(node.Name, long.Parse(match.Groups[2].Value), "--wsrep-recover");
    }

    /// <returns>A one-line account for the report: every node's seqno and the node chosen.</returns>
    public async Task<string> BootstrapMostAdvancedAsync(IReadOnlyList<ILabHost> nodes, CancellationToken ct)
    {
        var positions = await PositionsAsync(nodes, ct);
        var best = positions.MaxBy(p => p.Seqno)!;
        var chosen = nodes.First(n => n.Name == best.Node);
        var account = EngineText.BringUp.BootstrapChosen.In(language, string.Join(", ", positions.Select(p => $"{p.Node} seqno {p.Seqno} ({p.Source})")), chosen.Name);
        progress(account);

        var grastate = await chosen.ReadFileAsync(GraState.Path, ct) ?? "";
        await chosen.WriteFileAsync(GraState.Path, Regex.Replace(grastate, @"safe_to_bootstrap:\s*0", "safe_to_bootstrap: 1"), "0660", "mysql", ct);
        await chosen.StartAsync(ServiceCatalog.Galera, ["--wsrep-new-cluster"], ct);
        var bringUp = new GaleraBringUp(until, progress, language);
        await bringUp.WaitSyncedAsync([chosen], 1, ct);
        var others = nodes.Where(n => n != chosen).ToList();
        await Task.WhenAll(others.Select(n => n.StartAsync(ServiceCatalog.Galera, ct: ct)));
        await bringUp.WaitSyncedAsync(nodes, nodes.Count, ct);
        return account;
    }
}
