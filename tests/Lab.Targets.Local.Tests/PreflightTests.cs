using Lab.Core.Errors;
using Lab.Core.Targets;
using Lab.Instances;
using System.Diagnostics;
using Lab.Core.Loading;

namespace Lab.Targets.Local.Tests;

public sealed class PreflightTests
{
    [Fact]
    public void Given_a_machine_without_galera_When_checked_Then_the_error_names_the_packages_and_how_to_install()
    {
        var lab = LabCatalog.Locate().Load("galera");

        var e = Assert.Throws<PreflightException>(() => Preflight.CheckPackages(lab, path => !path.Contains("galera") && !path.Contains("haproxy")));

        Assert.Equal("missing Debian packages: galera-4 haproxy; install them with: scripts/install-packages (or apt-get install galera-4 haproxy)", e.Message);
    }

    [Fact]
    public async Task Given_a_user_who_is_not_root_and_has_no_subordinate_ids_When_lab_up_Then_one_line_says_what_root_must_provide_and_nothing_is_made()
    {
        var catalog = LabCatalog.Locate();
        var instance = TestInstances.NewName("nobody");
        var psi = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", Path.Combine(AppContext.BaseDirectory, "lab.dll"), "up", "galera", "--instance", instance })
            psi.ArgumentList.Add(a);
        psi.Environment["LAB_HOME"] = catalog.Root;
        psi.Environment["HOME"] = "/tmp";
        psi.Environment["DOTNET_CLI_HOME"] = "/tmp";
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(1, process.ExitCode);
        // Not root: rootless mode, which nobody (no lines in /etc/subuid) cannot have; the line names the missing piece and root's command.
        Assert.Contains("error: lab is not running as root, so it runs the local target in rootless mode", output);
        Assert.Contains("ask root to run: ", output);
        Assert.Single(output.Trim().Split('\n'));
        Assert.DoesNotContain(instance, Reaper.ExistingInstances(LocalLayout.Default));
    }

    [Fact]
    public async Task Given_a_bad_instance_name_When_up_Then_it_is_refused_before_anything_is_made()
    {
        var catalog = LabCatalog.Locate();
        var target = new LocalTarget(catalog, LocalLayout.Default);

        var e = await Assert.ThrowsAsync<LabInputException>(() => target.UpAsync(new UpRequest(catalog.Load("galera"), "Bad_Name"), _ => { }, CancellationToken.None));

        Assert.Contains("instance name 'Bad_Name'", e.Message);
        Assert.DoesNotContain("Bad_Name", Reaper.ExistingInstances(LocalLayout.Default));
    }
}

/// <summary>A state directory a host mounts over would vanish inside that host (its services' pid files, its mount sources).</summary>
public sealed class StateRootTests
{
    [Fact]
    public void Given_a_state_directory_under_tmp_When_a_lab_mounts_tmp_Then_preflight_refuses_naming_both()
    {
        var lab = LabCatalog.Locate().Load("failover");

        var e = Assert.Throws<PreflightException>(() => Preflight.CheckStateRoot(lab, "/tmp/lab-state"));

        Assert.Contains("/tmp/lab-state", e.Message);
        Assert.Contains("mounts /tmp", e.Message);
        Assert.Contains("LAB_STATE_DIR", e.Message);
    }

    [Fact]
    public void Given_the_default_state_directory_Then_every_lab_passes()
    {
        var catalog = LabCatalog.Locate();
        foreach (var name in catalog.LabNames) Preflight.CheckStateRoot(catalog.Load(name), "/var/lib/lab");
    }
}
