using Lab.Instances.Rootless;

namespace Lab.Targets.Local.Tests;

/// <summary>How many subordinate ids /etc/subuid gives a user: what rootless mode's preflight asks for.</summary>
public sealed class SubordinateIdsTests : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    [Fact]
    public void Given_lines_by_name_and_by_uid_When_counted_Then_both_add_up_and_other_users_do_not_count()
    {
        File.WriteAllLines(_file, ["alice:100000:65536", "bob:165536:65536", "1005:231072:1000", "broken line", "alice:x:1"]);

        Assert.Equal(66536, SubordinateIds.Count(_file, "alice", 1005));
        Assert.Equal(65536, SubordinateIds.Count(_file, "bob", 1006));
        Assert.Equal(0, SubordinateIds.Count(_file, "carol", 1007));
        Assert.Equal(0, SubordinateIds.Count("/nonexistent/subuid", "alice", 1005));
    }

    public void Dispose() => File.Delete(_file);
}
