using Lab.Instances;
namespace Lab.Targets.Local.Tests;

/// <summary>
/// The bookkeeping of mount points `up` creates on the machine, with a throwaway state directory and throwaway
/// "machine" directories standing in for /etc/corosync or /run/keepalived.
/// </summary>
public sealed class MountPointsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dfx-mountpoints-").FullName;

    public MountPointsTests() => Directory.CreateDirectory(Machine("/")); // the machine's root exists, as / does

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private LocalLayout Layout => new(Path.Combine(_root, "state"), Path.Combine(_root, "ns"), Path.Combine(_root, "cache"));

    /// <summary>A path on the pretend machine.</summary>
    private string Machine(string path) => Path.Combine(_root, "machine") + path;

    private async Task UpAsync(string instance, params string[] mounts)
    {
        Directory.CreateDirectory(Layout.InstanceDir(instance)); // as the instance claim leaves it
        await CreatedMountPoints.EnsureAsync(Layout, instance, mounts.Select(Machine), CancellationToken.None);
    }

    private Task<int> DownAsync(string instance) => CreatedMountPoints.ReleaseAsync(Layout, instance, CancellationToken.None);

    [Fact]
    public async Task Given_mount_points_the_machine_lacks_When_up_then_down_Then_they_are_created_and_removed_with_their_missing_parents()
    {
        Directory.CreateDirectory(Machine("/etc"));
        Directory.CreateDirectory(Machine("/var/lib/mysql"));

        await UpAsync("a", "/etc/corosync", "/run/keepalived", "/var/lib/mysql");

        Assert.True(Directory.Exists(Machine("/etc/corosync")) && Directory.Exists(Machine("/run/keepalived")), "up should have created the mount points");
        var listed = File.ReadAllLines(Layout.MountPointsFile("a")).Select(l => l[Machine("").Length..]).Order().ToList();
        Assert.True(listed.SequenceEqual(["/etc/corosync", "/run", "/run/keepalived"]),
            $"expected only what the machine lacked to be listed, got: {string.Join(", ", listed)}");

        var removed = await DownAsync("a");

        Assert.True(removed == 3, $"expected 3 directories removed, got {removed}");
        Assert.False(Directory.Exists(Machine("/etc/corosync")) || Directory.Exists(Machine("/run")), "down left a directory up had created");
        Assert.True(Directory.Exists(Machine("/etc")) && Directory.Exists(Machine("/var/lib/mysql")), "down removed a directory the machine already had");
    }

    [Fact]
    public async Task Given_two_instances_sharing_a_created_mount_point_When_the_first_goes_down_Then_it_stays_until_the_last_goes()
    {
        await UpAsync("a", "/run/keepalived");
        await UpAsync("b", "/run/keepalived");

        var firstDown = await DownAsync("a");
        Directory.Delete(Layout.InstanceDir("a"), recursive: true);

        Assert.True(firstDown == 0 && Directory.Exists(Machine("/run/keepalived")),
            $"the first down removed {firstDown} directories; /run/keepalived exists: {Directory.Exists(Machine("/run/keepalived"))}, but b still mounts over it");

        var lastDown = await DownAsync("b");

        Assert.True(lastDown == 2 && !Directory.Exists(Machine("/run")), $"the last down removed {lastDown} directories; /run exists: {Directory.Exists(Machine("/run"))}");
    }

    [Fact]
    public async Task Given_a_created_mount_point_that_someone_filled_When_down_Then_it_is_kept()
    {
        await UpAsync("a", "/etc/corosync");
        File.WriteAllText(Machine("/etc/corosync/corosync.conf"), "totem {}");

        await DownAsync("a");

        Assert.True(File.Exists(Machine("/etc/corosync/corosync.conf")), "down removed a directory that was no longer empty");
    }

    [Fact]
    public async Task Given_an_instance_with_no_list_When_down_Then_nothing_is_touched()
    {
        Directory.CreateDirectory(Machine("/run/keepalived"));

        var removed = await DownAsync("never-up");

        Assert.True(removed == 0 && Directory.Exists(Machine("/run/keepalived")), $"removed {removed} without a list");
    }
}
