// STAND-IN until main's 127.0.0.1 forward is merged: delete this folder then.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Lab.Core.Endpoints;
using Lab.Core.Instances;

namespace Lab.Testing;

internal sealed class StandInForwards : IDisposable
{
    private readonly List<Process> _processes = [];

    public IReadOnlyList<PublishedEndpoint> Published { get; }

    public StandInForwards(LabInstance instance)
    {
        var published = new List<PublishedEndpoint>();
        foreach (var e in LabEndpoints.For(instance.Lab))
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            var p = Process.Start(new ProcessStartInfo("socat",
                [$"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork", $"EXEC:ip netns exec lab.{instance.Name}.client socat STDIO TCP\\:{e.Address}\\:{e.Port}"])
            { UseShellExecute = false })!;
            _processes.Add(p);
            published.Add(new PublishedEndpoint(e, "127.0.0.1", port));
        }
        Published = published;
        foreach (var p in published)
        {
            var sw = Stopwatch.StartNew();
            while (sw.Elapsed < TimeSpan.FromSeconds(5))
            {
                try { using var c = new TcpClient(); c.Connect(IPAddress.Loopback, p.LocalPort); break; }
                catch (SocketException) { Thread.Sleep(20); }
            }
        }
    }

    public void Dispose()
    {
        foreach (var p in _processes) { try { p.Kill(true); } catch (InvalidOperationException) { } }
    }
}
