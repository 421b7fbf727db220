using Lab.Instances;

namespace Lab.Targets.Local.Tests;

/// <summary>The long-running program a session holds: lines in and out on both outputs, end of input, and a kill that takes its children too.</summary>
public sealed class PipedProcessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Given_lines_written_Then_each_is_answered_on_both_outputs_and_closing_input_ends_the_program()
    {
        await using var program = PipedProcess.Start("sh", ["-c", "while read l; do echo \"out $l\"; echo \"err $l\" >&2; done; exit 7"]);

        await program.WriteAsync("one\ntwo\n");

        using var limit = new CancellationTokenSource(Limit);
        Assert.Equal("out one", await program.ReadOutputLineAsync(limit.Token));
        Assert.Equal("out two", await program.ReadOutputLineAsync(limit.Token));
        Assert.Equal("err one", await program.ReadErrorLineAsync(limit.Token));
        Assert.Equal("err two", await program.ReadErrorLineAsync(limit.Token));
        program.CloseInput();
        Assert.True(await program.WaitForExitAsync(Limit), "the program did not end at the end of its input");
        Assert.Null(await program.ReadOutputLineAsync(limit.Token));
        Assert.Null(await program.ReadErrorLineAsync(limit.Token));
    }

    [Fact]
    public async Task Given_a_program_busy_in_a_child_Then_a_read_can_be_cancelled_and_kill_ends_it_with_the_child()
    {
        await using var program = PipedProcess.Start("sh", ["-c", "sleep 300 & echo $!; wait"]);
        using var limit = new CancellationTokenSource(Limit);
        var child = int.Parse((await program.ReadOutputLineAsync(limit.Token))!);
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await program.ReadOutputLineAsync(soon.Token));
        Assert.True(Directory.Exists($"/proc/{child}"), "the child was not running before the kill");
        program.Kill();

        Assert.True(await program.WaitForExitAsync(Limit), "the program did not end when killed");
        // Gone, or a zombie waiting for whoever inherited it to reap it: either way it no longer runs.
        var gone = await ProcessRunner.RunAsync("sh", ["-c",
            $"for i in $(seq 50); do grep -qs '^State:[[:space:]]*[RSD]' /proc/{child}/status || exit 0; sleep 0.1; done; exit 1"]);
        Assert.True(gone.Ok, $"the child {child} outlived the kill");
    }
}
