using Lab.Hosts.Ssh.Inventory;
using Lab.Hosts.Ssh.Transport;
using Lab.Instances;

namespace Lab.Hosts.Ssh;

/// <summary>The instance's shared OpenSSH connections (ControlMaster sockets), private to root, closed at `down`.</summary>
public static class SshConnections
{
    /// <summary>Control sockets live under /run (short paths: a socket path has at most 107 bytes).</summary>
    public static string ControlDir(string instance) => Path.Combine("/run/lab/ssh", instance);

    /// <param name="pace">See <see cref="SshArguments"/>: the first connection to a host becomes the shared one, so every
    /// caller for a paced instance passes its pace.</param>
    public static SshRunner Runner(string instance, SshInventory inventory, double pace = 1)
    {
        var dir = ControlDir(instance);
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new SshRunner(new SshArguments(dir, inventory.KnownHosts, pace));
    }

    /// <summary>Closes every connection the instance opened and removes its socket directory; true when there was one.</summary>
    public static async Task<bool> CloseAsync(LocalLayout layout, string instance, CancellationToken ct)
    {
        var target = InventoryRecord.TryLoad(layout, instance);
        if (target is not null && File.Exists(target.Inventory))
        {
            try
            {
                var inventory = InventoryLoader.Load(target.Inventory);
                var runner = Runner(instance, inventory);
                await Task.WhenAll(inventory.Hosts.Values.Select(h => runner.CloseAsync(h, ct)));
            }
            catch (Lab.Core.Loading.LabFileException) { } // an unreadable inventory has no connections to close
        }
        if (!Directory.Exists(ControlDir(instance))) return false;
        Directory.Delete(ControlDir(instance), recursive: true);
        return true;
    }
}
