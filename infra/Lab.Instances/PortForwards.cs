using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Lab.Core.Endpoints;
using Lab.Core.Model;
using Lab.Core.Waits;

namespace Lab.Instances;

/// <summary>
/// The way into a lab from the machine itself: one `socat` per lab endpoint, listening on 127.0.0.1 in the machine's
/// namespace; each connection it accepts is carried on from inside one of the lab's own host namespaces. Loopback only,
/// so nothing is reachable from off the machine, and the guard routes stay: the lab's addresses themselves remain
/// unreachable from outside the lab. The forwarders belong to the instance: `down` stops them (found by their command
/// line, so even an `up` killed before it recorded them leaves nothing behind).
/// </summary>
public static class PortForwards
{
    public const string LocalAddress = "127.0.0.1";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string File(LocalLayout layout, string instance) => Path.Combine(layout.InstanceDir(instance), "ports.json");

    private static string Log(LocalLayout layout, string instance) => Path.Combine(layout.InstanceDir(instance), "port-forwards.log");

    /// <summary>Starts a forwarder per endpoint, from <paramref name="viaHost"/>'s namespace, and records the ports.</summary>
    public static async Task<IReadOnlyList<PublishedEndpoint>> PublishAsync(LocalLayout layout, string instance, IReadOnlyList<LabEndpoint> endpoints,
        string viaHost, CancellationToken ct)
    {
        var netns = LocalLayout.NetnsPath(LocalLayout.HostNetns(instance, viaHost));
        var published = new List<PublishedEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var port = FreeLoopbackPort();
            // fork: one child per connection, which enters the lab host's network namespace and connects there.
            var command = $"exec socat TCP-LISTEN:{port},bind={LocalAddress},reuseaddr,fork " +
                          $"'EXEC:nsenter --net={netns} socat STDIO TCP\\:{endpoint.Address}\\:{endpoint.Port}' >> {Log(layout, instance)} 2>&1 < /dev/null";
            await ProcessRunner.RequireAsync("setsid", ["-f", "sh", "-c", command], ct: ct);
            await Until.Real.HoldsAsync($"127.0.0.1:{port} forwarding to {endpoint.Name}", _ =>
                Task.FromResult(new ProbeResult(IsListening(port), $"nothing listens on {LocalAddress}:{port} yet (see {Log(layout, instance)})")),
                new WaitPolicy(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5)), ct);
            published.Add(new PublishedEndpoint(endpoint, LocalAddress, port));
        }
        System.IO.File.WriteAllText(File(layout, instance), JsonSerializer.Serialize(published, Json));
        return published;
    }

    /// <summary>What the instance published, or nothing (other targets, older instances).</summary>
    public static IReadOnlyList<PublishedEndpoint> Load(LocalLayout layout, string instance)
    {
        var file = File(layout, instance);
        if (!System.IO.File.Exists(file)) return [];
        try { return JsonSerializer.Deserialize<List<PublishedEndpoint>>(System.IO.File.ReadAllText(file)) ?? []; }
        catch (JsonException) { return []; }
    }

    /// <summary>Stops every forwarder of the instance (those whose command line names its namespaces); returns how many.</summary>
    public static int Stop(string instance)
    {
        var marker = $"--net={LocalLayout.NetnsPath(LocalLayout.InstancePrefix(instance))}";
        var stopped = 0;
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            if (!OwnedProcess.IsLive(pid, argv => IsForwarderOf(argv, marker))) continue;
            if (Native.Signal(pid, Native.SIGKILL)) stopped++;
        }
        return stopped;
    }

    /// <summary>
    /// The listening socat: `socat TCP-LISTEN:... EXEC:nsenter --net=/run/netns/lab.NAME.HOST ...`. The marker ends with
    /// the dot after the instance's name, so "galera" never matches "galera-2".
    /// </summary>
    private static bool IsForwarderOf(string[] argv, string marker) =>
        Path.GetFileName(argv[0]) == "socat" && argv.Any(a => a.StartsWith("TCP-LISTEN:", StringComparison.Ordinal))
        && argv.Any(a => a.Contains(marker, StringComparison.Ordinal));

    /// <summary>A port the kernel says is free now; socat takes it a moment later (a lost race fails the wait, named).</summary>
    private static int FreeLoopbackPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>True when a socket listens on 127.0.0.1:<paramref name="port"/> in this namespace (/proc/net/tcp, state 0A).</summary>
    private static bool IsListening(int port)
    {
        var local = $"0100007F:{port:X4}";
        return System.IO.File.ReadLines("/proc/net/tcp").Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(f => f.Length > 3 && f[1] == local && f[3] == "0A");
    }
}
