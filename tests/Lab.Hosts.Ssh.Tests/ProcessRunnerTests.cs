using System.Diagnostics;
using Lab.Instances;

namespace Lab.Hosts.Ssh.Tests;

/// <summary>
/// A program that leaves a process behind holding its output pipe (what an ssh command killed on timeout does while
/// its connection still carries the remote command) must not hold the tool: found when a write was in flight to a VM
/// whose power was cut, and the scenario never ended.
/// </summary>
public sealed class ProcessRunnerTests
{
    [Fact]
    public async Task Given_a_timed_out_program_whose_pipe_a_leftover_process_holds_Then_the_result_comes_back_within_the_grace()
    {
        var clock = Stopwatch.StartNew();
        // The subshell's sleep is reparented away from the killed tree and keeps stdout open for 60 s.
        var result = await ProcessRunner.RunAsync("sh", ["-c", "(sleep 60 &); echo started; sleep 30"], timeout: TimeSpan.FromSeconds(1));

        Assert.Equal(ProcessRunner.TimedOutExitCode, result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed.TotalSeconds:0.0}s: it waited for the leftover process");
        Assert.Contains("timed out after 1s", result.Stderr);
    }

    [Fact]
    public async Task Given_a_program_that_ends_normally_Then_all_of_its_output_is_read()
    {
        var result = await ProcessRunner.RunAsync("sh", ["-c", "seq 1 20000; echo done >&2"]);

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("20000\n", result.Stdout);
        Assert.Equal("done\n", result.Stderr);
    }
}
