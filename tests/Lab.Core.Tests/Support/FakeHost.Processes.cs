using Lab.Core.Hosts;

namespace Lab.Core.Tests.Support;

public sealed partial class FakeHost
{
    /// <summary>
    /// Not modelled: a fake has no program to keep running. Sessions are tested against real hosts (the local target's
    /// galera lab), where the real `mariadb` client holds the connection.
    /// </summary>
    public Task<IHostProcess> StartProcessAsync(string command, CancellationToken ct = default) =>
        throw new NotSupportedException($"{Name} is a fake host: it cannot keep `{command}` running; test sessions on a real target");
}
