using Lab.Core.BringUp;
using Lab.Core.Galera;
using Lab.Core.Loading;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>lab.yaml's `setup:` / `restore:` steps and a VM's data disk: read as data, placed in the plan, bad input located.</summary>
public sealed class LabStepLoaderTests : IDisposable
{
    private const string File = "labs/t/lab.yaml";

    private const string Base = """
        name: t
        network:
          subnet: 10.20.30.0/24
        roles:
          node:
            services: [pacemaker]
            mounts: [/etc/drbd.d]
            files:
              - { template: t/r0.res.hbs, path: /etc/drbd.d/r0.res }
        hosts:
          - { name: n1, address: 10.20.30.11, role: node, vm: { memory: 768, disk: 256M } }
          - { name: n2, address: 10.20.30.12, role: node, vm: { disk: 1G } }

        """;

    private readonly TempDirectory _templates = new();

    public LabStepLoaderTests() => _templates.Write("t/r0.res.hbs", "resource r0 {}\n");

    public void Dispose() => _templates.Dispose();

    private Model.LabDefinition Parse(string tail) => new LabLoader(_templates.Path).Parse(File, Base + tail);

    private LabFileException Fails(string tail) => Assert.Throws<LabFileException>(() => Parse(tail));

    [Fact]
    public void Given_setup_and_restore_steps_When_loaded_Then_each_keeps_its_hosts_script_wait_and_line()
    {
        var lab = Parse("""
            setup:
              - title: metadata
                on: [n1, n2]
                run: drbdadm create-md r0
                until: drbdadm cstate r0
                within: 2m
              - { title: primary, on: n1, run: drbdadm primary --force r0 }
            restore:
              - { title: in sync, on: n2, until: "drbdadm dstate r0" }
            """);

        Assert.Equal(2, lab.Setup.Count);
        var first = lab.Setup[0];
        Assert.True(first is { Title: "metadata", Run: "drbdadm create-md r0", Until: "drbdadm cstate r0", Line: 14 } && first.Hosts.SequenceEqual(["n1", "n2"]),
            $"first step was {first} on {string.Join(",", first.Hosts)}");
        Assert.Equal(TimeSpan.FromMinutes(2), first.Within);
        Assert.Equal($"{File}:14", first.Where);
        Assert.Equal(["n1"], lab.Setup[1].Hosts);
        var restore = Assert.Single(lab.Restore);
        Assert.True(restore is { Run: null, Until: "drbdadm dstate r0" } && restore.Within == Model.LabStep.DefaultWithin, $"restore was {restore}");
    }

    [Fact]
    public void Given_setup_steps_When_the_plan_is_made_Then_they_follow_prepare_in_order_before_any_service_starts()
    {
        var lab = Parse("""
            setup:
              - { title: one, on: n1, run: "true" }
              - { title: two, on: [n1, n2], run: "true" }
            """);

        var keys = BringUpPlan.For(lab, GaleraStart.Classic).Steps.Select(s => s.Key).ToList();

        Assert.Equal(["prepare", "setup-1", "setup-2", "start-services"], keys);
    }

    [Fact]
    public void Given_vm_disks_When_loaded_Then_they_are_in_megabytes_and_a_host_without_one_has_none()
    {
        var lab = Parse("");

        Assert.Equal(256, lab.Hosts[0].VmSize.DataDiskMb);
        Assert.Equal(768, lab.Hosts[0].VmSize.MemoryMb);
        Assert.Equal(1024, lab.Hosts[1].VmSize.DataDiskMb);
        Assert.Null(Model.VmSize.Default.DataDiskMb);
    }

    [Theory]
    [InlineData("setup:\n  - { title: x, on: n3, run: \"true\" }", 14, "unknown host 'n3'")]
    [InlineData("setup:\n  - { title: x, on: n1 }", 14, "give 'run'")]
    [InlineData("setup:\n  - { on: n1, run: \"true\" }", 14, "missing 'title'")]
    [InlineData("setup:\n  - { title: x, run: \"true\" }", 14, "missing 'on'")]
    [InlineData("setup:\n  - { title: x, on: n1, run: \"true\", within: 5s }", 14, "'within' bounds 'until'")]
    [InlineData("restore:\n  - { title: x, on: n1, until: \"true\", within: soon }", 14, "'within: soon' is not a duration")]
    [InlineData("restore:\n  - { title: x, on: n1, run: \"true\", sudo: yes }", 14, "unknown key 'sudo'")]
    public void Given_a_bad_step_When_loaded_Then_the_error_names_the_file_line_and_the_fix(string tail, int line, string expected)
    {
        var e = Fails(tail);

        Assert.True(e.File == File && e.Line == line && e.Message.Contains(expected, StringComparison.Ordinal), $"got {e.Message}");
    }

    [Theory]
    [InlineData("512", "must be a size in M or G")]
    [InlineData("8M", "between 16M and 64G")]
    [InlineData("100G", "between 16M and 64G")]
    [InlineData("1T", "must be a size in M or G")]
    public void Given_a_bad_disk_size_When_loaded_Then_the_error_names_the_host_and_the_line(string size, string expected)
    {
        var yaml = Base.Replace("vm: { disk: 1G }", $"vm: {{ disk: {size} }}");
        var e = Assert.Throws<LabFileException>(() => new LabLoader(_templates.Path).Parse(File, yaml));

        Assert.True(e.Line == 12 && e.Message.Contains("host 'n2'") && e.Message.Contains(expected), $"got {e.Message}");
    }
}
