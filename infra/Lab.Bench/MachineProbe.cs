using System.Text.RegularExpressions;
using Lab.Core.Instances;
using Lab.Core.Services;
using Lab.Core.Sql;
using Lab.Instances;
using Lab.Targets.Local;

namespace Lab.Bench;

/// <summary>Describes the machine and the database software the numbers were measured with.</summary>
public static partial class MachineProbe
{
    [GeneratedRegex(@"Galera (\S+) by Codership")]
    private static partial Regex GaleraLoaded();

    public static async Task<MachineInfo> ReadAsync(LabInstance? running, CancellationToken ct)
    {
        var mariadb = await ProcessRunner.RunAsync("mariadbd", ["--version"], ct: ct);
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : Environment.OSVersion.VersionString;
        var (galera, provider) = running is null ? (null, null) : await GaleraVersionsAsync(running, ct);
        return new MachineInfo(Environment.ProcessorCount, ProcMemory.MemTotalMib(), kernel,
            mariadb.Ok ? mariadb.Stdout.Trim() : $"unknown ({mariadb.Describe()})", galera, provider);
    }

    /// <summary>The library's own version line from the error log ("Galera 4.x") and wsrep_provider_version.</summary>
    private static async Task<(string? Galera, string? Provider)> GaleraVersionsAsync(LabInstance running, CancellationToken ct)
    {
        var node = running.HostsRunning(ServiceCatalog.Galera).FirstOrDefault();
        if (node is null) return (null, null);
        string? galera = null, provider = null;
        try
        {
            var log = await node.ReadFileAsync(ServiceCatalog.Get(ServiceCatalog.Galera).LogPath, ct);
            galera = ParseGaleraVersion(log);
            var status = await node.StatusAsync(["wsrep_provider_version"], ct);
            provider = status.GetValueOrDefault("wsrep_provider_version");
        }
        catch (Exception e) when (e is SqlException or Lab.Core.Hosts.HostCommandException) { }
        return (galera, provider);
    }

    public static string? ParseGaleraVersion(string? errorLog) =>
        errorLog is not null && GaleraLoaded().Match(errorLog) is { Success: true } m ? "Galera " + m.Groups[1].Value : null;
}
