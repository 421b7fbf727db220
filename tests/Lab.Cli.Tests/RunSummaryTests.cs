using Lab.Cli.Views;
using Lab.Core.Model;
using Lab.Core.Scenarios;

namespace Lab.Cli.Tests;

/// <summary>The count line `lab run` ends with: scenarios not run are counted apart, never as failures.</summary>
public sealed class RunSummaryTests
{
    private static ScenarioResult Result(string outcome)
    {
        var scenario = new Scenario(outcome, new LocalizedText(outcome, outcome), new LocalizedText("", ""), [], $"{outcome}.yaml");
        return outcome switch
        {
            "passed" => new ScenarioResult(scenario, [], TimeSpan.FromSeconds(1), null),
            "failed" => new ScenarioResult(scenario, [], TimeSpan.FromSeconds(1), "expected more"),
            _ => ScenarioResult.NotRunBecause(scenario, "needs netem on db2"),
        };
    }

    [Theory]
    [InlineData("passed,passed", "2 passed, 0 failed")]
    [InlineData("passed,failed", "1 passed, 1 failed")]
    [InlineData("passed,passed,passed,passed,passed,not-run", "5 passed, 1 not run")]
    [InlineData("passed,failed,not-run", "1 passed, 1 failed, 1 not run")]
    public void Given_outcomes_Then_the_count_line_says_them(string outcomes, string line)
    {
        Assert.Equal(line, RunSummary.CountLine(outcomes.Split(',').Select(Result).ToList()));
    }
}
