using Lab.Core.Errors;
using Lab.Instances;

namespace Lab.Testing.Tests;

/// <summary>Instance names and process identities: what the claims rest on. No lab is started.</summary>
public sealed class NamingTests
{
    [Fact]
    public void Given_a_prefix_Then_names_carry_it_this_process_s_id_and_a_counter_and_never_repeat()
    {
        var first = InstanceNames.Next("ci");
        var second = InstanceNames.Next("ci");

        Assert.Matches($"^ci{Environment.ProcessId}x[0-9]+$", first);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("CI")]
    [InlineData("9t")]
    [InlineData("too-long-prefix")]
    public async Task Given_a_bad_prefix_When_starting_Then_it_is_refused_before_anything_is_made(string prefix)
    {
        var before = Reaper.ExistingInstances(LocalLayout.Default);

        var e = await Assert.ThrowsAsync<LabInputException>(() => LabEnvironment.StartAsync("galera", new LabEnvironmentOptions { InstancePrefix = prefix }));

        Assert.Contains(prefix, e.Message);
        Assert.Equal(before, Reaper.ExistingInstances(LocalLayout.Default));
    }

    [Fact]
    public void Given_this_process_Then_its_identity_is_alive_and_one_with_another_start_time_is_not()
    {
        var me = ProcessIdentity.Current;

        Assert.True(me.IsAlive);
        // Same id, another start: what a reused pid looks like.
        Assert.False((me with { StartTicks = me.StartTicks + 1 }).IsAlive);
    }

    [Fact]
    public async Task Given_an_unknown_lab_When_starting_Then_the_error_lists_the_labs()
    {
        var e = await Assert.ThrowsAnyAsync<LabException>(() => LabEnvironment.StartAsync("no-such-lab"));
        Assert.Contains("galera", e.Message);
    }
}
