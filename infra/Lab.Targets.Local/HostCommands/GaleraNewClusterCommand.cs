using Lab.Core.Services;

namespace Lab.Targets.Local.HostCommands;

/// <summary>
/// `galera_new_cluster [UNIT]`: MariaDB's script restarts the server with --wsrep-new-cluster (this node alone forms a
/// new Primary component); the same here, through the supervisor. mariadbd itself still refuses when grastate.dat
/// says safe_to_bootstrap: 0, and the command then fails as the script does.
/// </summary>
public static class GaleraNewClusterCommand
{
    public static async Task<int> RunAsync(HostServiceSession session, IReadOnlyList<string> args, CancellationToken ct)
    {
        var typed = args.Count > 0 ? args[0] : "mariadb.service";
        var unit = session.Units.Find(typed);
        IReadOnlyList<string>? extra = unit is not null && ServiceCatalog.IsDatabase(unit.Service) ? ["--wsrep-new-cluster"] : null;
        return await session.RestartAsync(typed, extra, ct);
    }
}
