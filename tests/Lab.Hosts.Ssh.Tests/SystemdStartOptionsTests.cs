using Lab.Core.Services;
using Lab.Hosts.Ssh;
using Lab.Instances;

namespace Lab.Hosts.Ssh.Tests;

/// <summary>
/// The systemd start with extra server options, run as real shell against a stand-in systemctl: merged provider
/// options ("a=b;c=d") must reach MYSQLD_OPTS whole, where Debian's mariadb.service expands them into mariadbd's words.
/// </summary>
public sealed class SystemdStartOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hv-systemctl-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Given_merged_provider_options_and_another_option_When_the_start_script_runs_Then_MYSQLD_OPTS_holds_both_and_splits_into_two_server_words()
    {
        var calls = Path.Combine(_dir, "calls");
        // The stand-in records each call, one line of arguments separated by '|'.
        await File.WriteAllTextAsync(Path.Combine(_dir, "systemctl"), $"#!/bin/sh\n(IFS='|'; echo \"$*\") >> {calls}\nexit 0\n");
        File.SetUnixFileMode(Path.Combine(_dir, "systemctl"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        const string provider = "--wsrep_provider_options=gcache.size=1M;evs.join_retrans_period=PT0.1S";

        var script = SystemdUnits.StartScript(ServiceCatalog.Galera, ["--wsrep-sst-method=mariabackup", provider]);
        var run = await ProcessRunner.RunAsync("env", [$"PATH={_dir}:/usr/bin:/bin", "sh", "-c", script], timeout: TimeSpan.FromSeconds(10));

        Assert.True(run.ExitCode == 0, run.Describe());
        var lines = await File.ReadAllLinesAsync(calls);
        var set = Assert.Single(lines, l => l.StartsWith("set-environment|", StringComparison.Ordinal));
        var opts = set["set-environment|".Length..];
        Assert.Equal($"MYSQLD_OPTS=--wsrep-sst-method=mariabackup {provider}", opts);
        Assert.Contains("start|mariadb.service", lines);
        Assert.Contains("unset-environment|MYSQLD_OPTS", lines);
        // What the unit's `sh -c "set -f; ... exec mariadbd $MYSQLD_OPTS ..."` gives the server: the ';' stays inside one word.
        var words = await ProcessRunner.RunAsync("env", [opts, "sh", "-c", "set -f; printf '%s\\n' $MYSQLD_OPTS"], timeout: TimeSpan.FromSeconds(10));
        Assert.Equal(["--wsrep-sst-method=mariabackup", provider], words.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
