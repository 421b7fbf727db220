using System.Diagnostics;
using Lab.Instances;

namespace Lab.Testing.Tests;

/// <summary>
/// What a lab leaves behind: nothing after dispose, and nothing a later start cannot clear when its test process died
/// without disposing; never another process's instance, nor one made by `lab up`.
/// </summary>
[Collection(GaleraEnvironmentCollection.Name)]
public sealed class LifecycleTests(GaleraEnvironmentFixture fixture)
{
    private static readonly LocalLayout Layout = LocalLayout.Default;

    [Fact]
    public async Task Given_a_lab_When_disposed_Then_its_namespaces_files_forwarders_and_claim_are_gone_and_disposing_again_is_harmless()
    {
        var lab = await LabEnvironment.StartAsync("galera");
        var name = lab.Name;
        var entry = lab.Entry;
        Assert.NotEmpty(Namespaces(name));
        Assert.True(File.Exists(TestProcessClaims.File(Layout, name)));

        await lab.DisposeAsync();

        Assert.Empty(Namespaces(name));
        Assert.False(Directory.Exists(Layout.InstanceDir(name)), Layout.InstanceDir(name));
        Assert.False(File.Exists(TestProcessClaims.File(Layout, name)));
        // Its forwarders are gone too: nothing listens on the entry's port any more.
        using (var probe = new System.Net.Sockets.TcpClient())
            await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync(entry));
        await lab.DisposeAsync();
    }

    [Fact]
    public async Task Given_an_instance_whose_test_process_died_When_a_lab_starts_Then_that_instance_is_removed_and_live_or_unclaimed_ones_are_kept()
    {
        var dead = await DeadProcessAsync();
        var orphan = await LabEnvironment.StartAsync("galera");
        var unclaimed = await LabEnvironment.StartAsync("galera");
        LabEnvironment? next = null;
        try
        {
            // The orphan: its claim and record name a process that has exited, as after a test process was killed.
            Fake(orphan.Name, dead, keepClaim: true);
            // Like an instance of `lab up`: a dead creator, and no claim of a test process: not the library's to remove.
            Fake(unclaimed.Name, dead, keepClaim: false);

            next = await LabEnvironment.StartAsync("galera");

            Assert.Empty(Namespaces(orphan.Name));
            Assert.False(Directory.Exists(Layout.InstanceDir(orphan.Name)));
            Assert.False(File.Exists(TestProcessClaims.File(Layout, orphan.Name)));
            Assert.NotEmpty(Namespaces(unclaimed.Name));
            // This process is alive: its shared lab stays.
            Assert.NotEmpty(Namespaces(fixture.Lab.Name));
            Assert.True((await fixture.Lab.StatusAsync()).Healthy);
        }
        finally
        {
            await orphan.DisposeAsync();
            await unclaimed.DisposeAsync();
            if (next is not null) await next.DisposeAsync();
        }
        Assert.Empty(Namespaces(unclaimed.Name));
    }

    /// <summary>Rewrites the instance's record (and claim, or removes it) to say <paramref name="maker"/> made it.</summary>
    private static void Fake(string instance, ProcessIdentity maker, bool keepClaim)
    {
        var record = InstanceRecord.TryLoad(Layout, instance)!;
        (record with { CreatorPid = maker.Pid }).Save(Layout);
        var claim = TestProcessClaims.List(Layout).Single(c => c.Instance == instance);
        if (keepClaim) TestProcessClaims.Write(Layout, claim with { Process = maker });
        else TestProcessClaims.Remove(Layout, instance);
    }

    /// <summary>A process that ran and exited (and was reaped), so its identity belongs to nobody now.</summary>
    private static async Task<ProcessIdentity> DeadProcessAsync()
    {
        using var p = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var identity = ProcessIdentity.Of(p.Id)!;
        p.Kill();
        await p.WaitForExitAsync();
        Assert.False(identity.IsAlive);
        return identity;
    }

    private static IReadOnlyList<string> Namespaces(string instance) =>
        Directory.Exists("/run/netns") ? Directory.GetFiles("/run/netns", LocalLayout.InstancePrefix(instance) + "*") : [];
}
