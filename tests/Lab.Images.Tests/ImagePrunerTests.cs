using Lab.Images;

namespace Lab.Images.Tests;

/// <summary>A new image build removes the older ones of its family, but never one a VM overlay still boots from.</summary>
public sealed class ImagePrunerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lab-prune-").FullName;

    private string Image(string name)
    {
        var dir = Path.Combine(_root, "cache", name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "disk.raw"), "image");
        File.WriteAllText(dir + ".lock", "");
        return dir;
    }

    [Fact]
    public void Given_older_builds_When_a_new_one_is_complete_Then_the_unused_ones_go_and_the_used_ones_stay()
    {
        var current = Image("debian-bookworm-aaaaaaaaaaaa");
        var unused = Image("debian-bookworm-bbbbbbbbbbbb");
        var backing = Image("debian-bookworm-cccccccccccc");
        var building = Image("debian-bookworm-dddddddddddd.tmp123");
        var otherFamily = Image("ubuntu-noble-eeeeeeeeeeee");
        var state = Path.Combine(_root, "state", "vms", "i1", "db1");
        Directory.CreateDirectory(state);
        // What qemu-img writes: the magic, then (within the first cluster) the backing file's path.
        File.WriteAllBytes(Path.Combine(state, "disk.qcow2"), [(byte)'Q', (byte)'F', (byte)'I', 0xfb, 0, 0, 0, 3, .. System.Text.Encoding.ASCII.GetBytes(backing + "/disk.raw"), 0, 0]);
        var said = new List<string>();

        ImagePruner.PruneOlderThan(current, [Path.Combine(_root, "state")], said.Add);

        Assert.True(Directory.Exists(current));
        Assert.False(Directory.Exists(unused));
        Assert.False(File.Exists(unused + ".lock"));
        Assert.True(Directory.Exists(backing));
        Assert.True(Directory.Exists(building));
        Assert.True(Directory.Exists(otherFamily));
        Assert.Contains(said, s => s.Contains("removed the older image debian-bookworm-bbbbbbbbbbbb"));
        Assert.Contains(said, s => s.Contains("keeping the older image debian-bookworm-cccccccccccc") && s.Contains("disk.qcow2"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
