using Lab.Core.Scenarios;
using Lab.Labs.Tests.Support;

namespace Lab.Labs.Tests;

/// <summary>docs/scenarios.md is the format's reference: a new action or expectation that it does not describe is a gap an instructor falls into.</summary>
public sealed class ScenarioReferenceTests
{
    private static readonly string Reference = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "scenarios.md"));

    public static TheoryData<string> Kinds()
    {
        var data = new TheoryData<string>();
        foreach (var kind in ScenarioLoader.ActionKindNames.Concat(ScenarioLoader.ExpectationKindNames).Distinct()) data.Add(kind);
        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_reference_has_a_row_and_an_example_for_every_kind(string kind)
    {
        Assert.True(Reference.Contains($"| `{kind}`", StringComparison.Ordinal) || Reference.Contains($", `{kind}` |", StringComparison.Ordinal),
            $"docs/scenarios.md has no table row for `{kind}`: add one to its Actions or Expectations table");
        Assert.True(Reference.Contains($"- {kind}:", StringComparison.Ordinal), $"docs/scenarios.md shows no example of `- {kind}: ...`");
    }
}
