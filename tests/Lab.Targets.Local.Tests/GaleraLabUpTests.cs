using Lab.Core.Galera;
using Lab.Core.Services;
using Lab.Core.Sql;
using Lab.Core.Status;
using Lab.Instances;
using Lab.Targets.Local;

namespace Lab.Targets.Local.Tests;

[Collection(GaleraLabCollection.Name)]
public sealed class GaleraLabUpTests(GaleraLabFixture lab)
{
    [Fact]
    public async Task Given_the_lab_is_up_Then_every_node_is_Primary_Synced_with_size_3()
    {
        foreach (var node in lab.Instance.HostsRunning(ServiceCatalog.Galera))
        {
            var status = await GaleraStatus.ReadAsync(node, CancellationToken.None);
            Assert.True(status.IsPrimarySynced(3), $"{node.Name}: {status}");
        }
        var whole = await LabStatusReader.ReadAsync(lab.Instance, CancellationToken.None);
        Assert.True(whole.Healthy, string.Join("; ", whole.Problems));
    }

    [Fact]
    public async Task When_db2_writes_Then_db3_and_the_client_through_HAProxy_read_it()
    {
        var i = lab.Instance;
        await i.Host("db2").ExecuteAsync("DROP DATABASE IF EXISTS it_rw; CREATE DATABASE it_rw; CREATE TABLE it_rw.t (id INT PRIMARY KEY, v VARCHAR(20)); INSERT INTO it_rw.t VALUES (1, 'from db2')");

        var onDb3 = await i.Host("db3").QueryAsync("SET SESSION wsrep_sync_wait=1; SELECT v FROM it_rw.t WHERE id=1");
        Assert.True(onDb3.Ok, onDb3.ToString());
        Assert.Equal("from db2", onDb3.Scalar);

        // The client host's own mariadb client is configured to go through HAProxy as the lab's app user.
        var throughProxy = await i.Host("client").QueryAsync("SELECT v, @@hostname FROM it_rw.t WHERE id=1");
        Assert.True(throughProxy.Ok, throughProxy.ToString());
        Assert.Equal("from db2", throughProxy.Scalar);
        Assert.Contains(throughProxy.Rows[0][1], new[] { "db1", "db2", "db3" });
    }

    [Fact]
    public async Task Given_a_host_Then_its_files_are_where_a_student_expects_them()
    {
        var db1 = lab.Instance.Host("db1");
        var galeraCnf = await db1.ReadFileAsync("/etc/mysql/mariadb.conf.d/60-galera.cnf");
        Assert.NotNull(galeraCnf);
        Assert.Contains($"wsrep_node_address       = \"{db1.Definition.Address}\"", galeraCnf);
        var grastate = await db1.ReadFileAsync("/var/lib/mysql/grastate.dat");
        Assert.NotNull(grastate);
        Assert.Matches(@"uuid:\s+[0-9a-f-]{36}", grastate);
        var hostname = await db1.RunAsync("hostname");
        Assert.Equal("db1", hostname.Stdout.Trim());
        // The machine's own /etc/mysql is untouched: the host sees a private copy.
        Assert.False(File.Exists("/etc/mysql/mariadb.conf.d/90-lab-client.cnf"), "a rendered file leaked onto the machine's /etc/mysql");
    }

    [Fact]
    public void Given_the_instance_Then_its_secrets_file_is_0600_and_has_no_default_password()
    {
        var file = lab.Layout.SecretsFile(lab.InstanceName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.DoesNotContain("qwer1234", File.ReadAllText(file));
    }

    [Fact]
    public async Task Given_the_lab_Then_the_root_namespace_cannot_reach_it_and_the_lab_has_no_default_route()
    {
        var subnet = lab.Instance.Lab.Subnet.ToString();
        var route = await ProcessRunner.RunAsync("ip", ["route", "show", subnet]);
        Assert.Contains("unreachable", route.Stdout);

        var noDefault = await lab.Instance.Host("client").RunAsync("ip route show default");
        Assert.Equal("", noDefault.Stdout.Trim());

        // A connection from the machine itself fails at once instead of leaving the machine.
        var probe = await ProcessRunner.RunAsync("bash", ["-c", $"exec 3<>/dev/tcp/{lab.Instance.Host("db1").Definition.Address}/3306"], timeout: TimeSpan.FromSeconds(5));
        Assert.NotEqual(0, probe.ExitCode);
        // An `unreachable` route answers connect() with EHOSTUNREACH ("No route to host") at once.
        Assert.Contains("No route to host", probe.Stderr);
    }

    [Fact]
    public async Task Given_an_instance_name_in_use_When_up_again_Then_one_clear_error_and_the_running_lab_is_untouched()
    {
        var e = await Assert.ThrowsAsync<InstanceExistsException>(() =>
            lab.Target.UpAsync(new Lab.Core.Targets.UpRequest(lab.Lab, lab.InstanceName), _ => { }, CancellationToken.None));
        Assert.Contains($"instance '{lab.InstanceName}' already exists", e.Message);
        Assert.Contains("lab down --instance", e.Message);
        var status = await GaleraStatus.ReadAsync(lab.Instance.Host("db1"), CancellationToken.None);
        Assert.True(status.IsPrimarySynced(3), status.ToString());
    }

    [Fact]
    public async Task Given_one_instance_When_a_second_comes_up_and_goes_down_Then_the_first_stays_Synced()
    {
        var second = TestInstances.NewName("second");
        await lab.Target.DownAsync(second, CancellationToken.None);
        try
        {
            var other = await lab.Target.UpAsync(new Lab.Core.Targets.UpRequest(lab.Lab, second), _ => { }, CancellationToken.None);
            Assert.NotEqual(lab.Instance.Lab.Subnet, other.Lab.Subnet);
            var status = await GaleraStatus.ReadAsync(other.Host("db3"), CancellationToken.None);
            Assert.True(status.IsPrimarySynced(3), $"second instance: {status}");
        }
        finally
        {
            await lab.Target.DownAsync(second, CancellationToken.None);
        }
        Assert.DoesNotContain(second, Reaper.ExistingInstances(lab.Layout));
        foreach (var node in lab.Instance.HostsRunning(ServiceCatalog.Galera))
        {
            var status = await GaleraStatus.ReadAsync(node, CancellationToken.None);
            Assert.True(status.IsPrimarySynced(3), $"first instance after the second went down: {node.Name}: {status}");
        }
    }
}
