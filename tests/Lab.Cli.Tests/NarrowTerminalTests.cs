using Lab.Cli.Tests.Support;
using Lab.Cli.Views;
using Lab.Core.Messages;
using Lab.Core.Model;
using Lab.Core.Scenarios;

namespace Lab.Cli.Tests;

/// <summary>A run on an 80-column terminal, in Korean: every line fits, and a wrapped line stays under its own start.</summary>
public sealed class NarrowTerminalTests
{
    private const int Columns = 80;

    private static (ScenarioConsoleObserver Observer, StringWriter Output) Observer(Language language)
    {
        var writer = new StringWriter();
        var console = CliRunner.PlainConsole(writer);
        console.Profile.Width = Columns;
        return (new ScenarioConsoleObserver(console, language), writer);
    }

    [Fact]
    public void Given_a_long_step_and_status_detail_When_printed_at_80_columns_Then_no_line_is_wider_and_continuations_are_indented()
    {
        var (observer, output) = Observer(Language.Ko);
        var stage = new Stage(new LocalizedText("start db1", "db1 시작: SST가 아닌 IST로 복귀"),
            new LocalizedText("", "mariadb.service처럼 시작 전에 마지막 커밋 위치를 복구(galera_recovery)하므로 db1은 놓친 부분만 요청한다."), [], [], 1);
        var description = "db1, db2, db3: wsrep_cluster_size=3, wsrep_cluster_status=Primary, wsrep_local_state_comment=Synced";
        var detail = string.Join("; ", new[] { "db1", "db2", "db3" }.Select(h => $"{h}: wsrep_cluster_size=3 wsrep_cluster_status=Primary wsrep_local_state_comment=Synced"));

        observer.StageStarted(3, stage);
        observer.StepFinished(new StepResult(3, "start db1", StepKind.Expectation, description, TimeSpan.FromSeconds(7.05), TimeSpan.FromSeconds(6.1), true, detail));

        var lines = output.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.All(lines, l => Assert.True(TerminalLines.Cells(l) <= Columns, $"{TerminalLines.Cells(l)} cells: {l}"));
        var step = Array.FindIndex(lines, l => l.Contains("확인 db1, db2, db3:"));
        Assert.True(step > 0 && lines[step + 1].StartsWith(new string(' ', 28), StringComparison.Ordinal), $"the step's description did not go on under itself:\n{string.Join("\n", lines)}");
        // Each node's status on lines of its own, under the detail column; nothing starts at column 0 but the stage's explanation wrap.
        Assert.Equal(3, lines.Count(l => l.StartsWith(new string(' ', 26) + "db", StringComparison.Ordinal)));
        var node = Array.FindIndex(lines, l => l.StartsWith(new string(' ', 26) + "db1:", StringComparison.Ordinal));
        Assert.True(lines[node + 1].StartsWith(new string(' ', 28) + "wsrep_", StringComparison.Ordinal),
            $"db1's wrapped status should hang under its name:\n{string.Join("\n", lines)}");
        Assert.All(lines, l => Assert.StartsWith("  ", l));
        var words = string.Join(" ", lines).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("wsrep_local_state_comment=Synced", words); // wrapped at spaces, never inside a value that fits
    }

    [Theory]
    [InlineData("수업 실습 그대로: 3대 중 2대가 살아 있으면 과반수이므로 Primary를 유지하고 쓰기를 받는다.", 20)]
    [InlineData("a-very-long-path/that/does/not/fit/anywhere/var/lib/mysql/grastate.dat", 10)]
    [InlineData("short", 40)]
    public void Given_text_When_wrapped_Then_every_line_fits_and_nothing_is_lost(string text, int width)
    {
        var lines = TerminalLines.Wrap(text, width, width);

        Assert.All(lines, l => Assert.True(TerminalLines.Cells(l) <= width, $"{TerminalLines.Cells(l)} cells > {width}: {l}"));
        Assert.Equal(text.Replace(" ", ""), string.Concat(lines).Replace(" ", ""));
    }
}
