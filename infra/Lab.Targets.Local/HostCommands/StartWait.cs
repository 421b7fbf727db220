using System.Net.Sockets;
using Lab.Core.Hosts;
using Lab.Core.Services;

namespace Lab.Targets.Local.HostCommands;

/// <summary>
/// What systemd waits for before `systemctl start` returns: MariaDB's unit is Type=notify, ready once the server takes
/// connections (after a joining Galera node's state transfer), within its TimeoutStartSec of 15 minutes; other services
/// are ready once their process runs, and one that dies on its configuration does so at once.
/// </summary>
public static class StartWait
{
    private const string DatabaseSocket = "/run/mysqld/mysqld.sock";
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan QuickDeath = TimeSpan.FromMilliseconds(300);

    /// <summary>True when the service came up, false when its process exited first (systemd's "Job ... failed").</summary>
    public static async Task<bool> ReadyAsync(ServiceSupervisor supervisor, string service, CancellationToken ct)
    {
        var database = ServiceCatalog.IsDatabase(service);
        var deadline = DateTime.UtcNow + (database ? DatabaseTimeout : QuickDeath);
        while (true)
        {
            if (supervisor.Status(service).State == ServiceState.Stopped) return false;
            if (database && Accepts(DatabaseSocket)) return true;
            if (DateTime.UtcNow >= deadline) return !database;
            await Task.Delay(database ? 100 : 50, ct);
        }
    }

    private static bool Accepts(string path)
    {
        if (!File.Exists(path)) return false;
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException) { return false; } // a socket file left by a killed server: nobody listens
    }
}
