using System.Diagnostics;
using Lab.Labs.Tests.Support;

namespace Lab.Labs.Tests;

/// <summary>
/// scripts/test-summary, the end of ./run-tests: sums the trx files, lists skipped tests with their reasons, ends with
/// "N passed, N failed, N skipped", and fails a CI run in which a test that needs real labs or machines was skipped.
/// </summary>
public sealed class TestSummaryScriptTests : IDisposable
{
    private readonly string _results = Directory.CreateTempSubdirectory("dfx-trx-").FullName;

    public void Dispose() => Directory.Delete(_results, recursive: true);

    /// <summary>A trx file as `dotnet test --logger trx` writes it with xunit, cut down to what the script reads.</summary>
    private void WriteTrx(string name, int passed, int failed, params (string Test, string Reason)[] skipped)
    {
        var results = string.Concat(skipped.Select(s => $"""
                <UnitTestResult executionId="1" testId="2" testName="{s.Test}" computerName="vm" duration="00:00:00.0010000" outcome="NotExecuted" testListId="3">
                  <Output>
                    <ErrorInfo>
                      <Message>{System.Security.SecurityElement.Escape(s.Reason)}</Message>
                    </ErrorInfo>
                  </Output>
                </UnitTestResult>

            """));
        results += string.Concat(Enumerable.Range(0, passed).Select(i => $"""    <UnitTestResult testName="Lab.P{i}" outcome="Passed" testListId="3" />""" + "\n"));
        File.WriteAllText(Path.Combine(_results, name), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="x" name="vm" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
            {results}  </Results>
              <ResultSummary outcome="Completed">
                <Counters total="{passed + failed + skipped.Length}" executed="{passed + failed}" passed="{passed}" failed="{failed}" error="0" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="0" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
              </ResultSummary>
            </TestRun>
            """);
    }

    private async Task<(int ExitCode, string[] Lines)> SummariseAsync(bool ci)
    {
        var psi = new ProcessStartInfo(Path.Combine(RepoRoot.Path, "scripts", "test-summary")) { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(_results);
        // The tests themselves may run under CI: each case sets the variable it is about.
        psi.Environment.Remove("CI");
        if (ci) psi.Environment["CI"] = "true";
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output.TrimEnd('\n').Split('\n'));
    }

    private const string MachinesTest = "Lab.Targets.Ssh.Tests.MachinesConformanceTests.Kill_node1_ist";
    private const string MachinesReason = "machines target unavailable: no cgroup hierarchy under /sys/fs/cgroup & <no systemd>";

    [Fact]
    public async Task Given_two_projects_results_When_summarised_Then_the_last_line_is_the_sum_of_passed_failed_and_skipped()
    {
        WriteTrx("a.trx", passed: 40, failed: 0);
        WriteTrx("b.trx", passed: 2, failed: 1, (MachinesTest, MachinesReason));

        var (exit, lines) = await SummariseAsync(ci: false);

        Assert.True(lines[^1] == "42 passed, 1 failed, 1 skipped", $"last line was '{lines[^1]}'; output:\n{string.Join('\n', lines)}");
        Assert.True(exit == 1, $"a failed test must fail the run; exit was {exit}");
    }

    [Fact]
    public async Task Given_a_skipped_machines_test_outside_CI_When_summarised_Then_it_is_listed_with_its_reason_and_the_run_passes()
    {
        WriteTrx("a.trx", passed: 40, failed: 0, (MachinesTest, MachinesReason));

        var (exit, lines) = await SummariseAsync(ci: false);

        Assert.True(lines.Contains($"  {MachinesTest}: {MachinesReason}"), $"expected the test and its reason listed; output:\n{string.Join('\n', lines)}");
        Assert.True(exit == 0 && lines[^1] == "40 passed, 0 failed, 1 skipped", $"exit {exit}; output:\n{string.Join('\n', lines)}");
    }

    [Fact]
    public async Task Given_a_skipped_machines_test_under_CI_When_summarised_Then_the_run_fails_and_still_ends_with_the_counts()
    {
        WriteTrx("a.trx", passed: 40, failed: 0, (MachinesTest, MachinesReason));

        var (exit, lines) = await SummariseAsync(ci: true);

        Assert.True(exit != 0, $"a CI run that skipped a real-lab test must fail; exit was 0, output:\n{string.Join('\n', lines)}");
        Assert.True(lines.Any(l => l.Contains("FAILED under CI", StringComparison.Ordinal)) && lines[^1] == "40 passed, 0 failed, 1 skipped",
            $"output:\n{string.Join('\n', lines)}");
    }

    [Fact]
    public async Task Given_nothing_skipped_under_CI_When_summarised_Then_the_run_passes()
    {
        WriteTrx("a.trx", passed: 40, failed: 0);

        var (exit, lines) = await SummariseAsync(ci: true);

        Assert.True(exit == 0 && lines.SequenceEqual(["40 passed, 0 failed, 0 skipped"]), $"exit {exit}; output:\n{string.Join('\n', lines)}");
    }
}
