using System.Text;
using System.Text.RegularExpressions;
using Lab.Cli;
using Lab.Core.Loading;
using Lab.Core.Scenarios;
using Lab.Instances;
using Lab.Labs.Tests.Support;
using Spectre.Console;
using YamlDotNet.RepresentationModel;

namespace Lab.Labs.Tests;

/// <summary>
/// docs/ci.md's workflows are meant to be copied as they are: each is valid YAML, every `lab` command in them parses
/// with the real command tree and names scenarios the lab has, and each takes its lab down whatever happened.
/// </summary>
public sealed partial class CiWorkflowDocTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "ci.md"));

    /// <summary>Every ```yaml block of docs/ci.md, by the heading it stands under.</summary>
    private static IReadOnlyDictionary<string, YamlMappingNode> Workflows()
    {
        var found = new Dictionary<string, YamlMappingNode>();
        string heading = "";
        var lines = Doc.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal)) heading = lines[i][3..].Trim();
            if (lines[i].Trim() != "```yaml") continue;
            var block = new StringBuilder();
            for (i++; lines[i].Trim() != "```"; i++) block.AppendLine(lines[i]);
            var stream = new YamlStream();
            stream.Load(new StringReader(block.ToString())); // throws, naming line and column, when it is not YAML
            found.Add(heading, (YamlMappingNode)stream.Documents.Single().RootNode);
        }
        return found;
    }

    private static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode s => [s.Value ?? ""],
        YamlSequenceNode q => q.Children.SelectMany(Scalars),
        YamlMappingNode m => m.Children.Values.SelectMany(Scalars),
        _ => [],
    };

    /// <summary>Each `./lab ...` in the shell text, as the words the program receives (up to a redirection, pipe or `)`).</summary>
    private static IEnumerable<string[]> LabCommands(string shell) =>
        LabCall().Matches(shell).Select(m => Words(shell[(m.Index + m.Length)..]));

    [GeneratedRegex(@"(?<=^|[\s(""])\./lab\s+", RegexOptions.Multiline)]
    private static partial Regex LabCall();

    private static string[] Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                word.Append(text, i + 1, end - i - 1);
                inWord = true;
                i = end;
            }
            else if (c is ' ' or '\t' or '\n' or '>' or '|' or ';' or '&' or ')')
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
                if (c is not (' ' or '\t')) break;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord) words.Add(word.ToString());
        return [.. words];
    }

    [Fact]
    public void Given_docs_ci_md_Then_it_has_a_GitHub_Actions_and_a_GitLab_CI_workflow_that_are_valid_YAML()
    {
        var workflows = Workflows();

        Assert.Equal(["GitHub Actions", "GitLab CI"], workflows.Keys.Order());
        Assert.True(workflows["GitHub Actions"].Children.ContainsKey("jobs"), "the GitHub workflow has no jobs:");
    }

    [Fact]
    public void Given_each_workflow_Then_every_lab_command_parses_with_the_real_command_tree_and_names_scenarios_that_exist()
    {
        var layout = new LocalLayout(Path.Combine(Path.GetTempPath(), "lab-ci-doc", "state"), "/run/lab/ns", "/var/cache/lab");
        var catalog = new LabCatalog(RepoRoot.Path);
        var root = LabApp.Build(new CliContext(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) }), () => catalog, layout));

        foreach (var (name, workflow) in Workflows())
        {
            var commands = Scalars(workflow).SelectMany(LabCommands).ToList();
            var verbs = commands.Select(c => c[0]).ToHashSet();
            Assert.True(new[] { "up", "env", "run", "down" }.All(verbs.Contains), $"{name}: expected lab up, env, run and down; found: {string.Join(", ", verbs)}");
            foreach (var words in commands)
            {
                var parse = root.Parse(words);
                Assert.True(parse.Errors.Count == 0, $"{name}: `lab {string.Join(' ', words)}`: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
                if (words[0] != "run") continue;
                var scenarios = parse.GetValue<string[]>("scenario") ?? [];
                var loader = new ScenarioLoader(catalog.Load(parse.GetValue<string>("lab")!));
                Assert.True(scenarios.Length > 0 && scenarios.All(loader.Names.Contains), $"{name}: `lab {string.Join(' ', words)}` names a scenario the lab lacks; it has: {string.Join(", ", loader.Names)}");
                Assert.True(parse.GetValue<string?>("--junit") is not null, $"{name}: `lab run` without --junit publishes nothing");
            }
        }
    }

    [Fact]
    public void Given_each_workflow_Then_lab_down_runs_whatever_happened_before()
    {
        var workflows = Workflows();

        var github = (YamlMappingNode)((YamlMappingNode)workflows["GitHub Actions"]["jobs"]).Children.Values.Single();
        var steps = ((YamlSequenceNode)github["steps"]).Children.Cast<YamlMappingNode>().ToList();
        var down = steps.SingleOrDefault(s => s.Children.TryGetValue("run", out var run) && Scalars(run).SelectMany(LabCommands).Any(c => c[0] == "down"));
        Assert.True(down is not null && down.Children.TryGetValue("if", out var condition) && Scalars(condition).Single() == "always()",
            "GitHub Actions: the `lab down` step must say `if: always()`");
        Assert.True(steps.IndexOf(down!) == steps.Count - 1, "GitHub Actions: `lab down` is not the last step");

        var gitlab = (YamlMappingNode)workflows["GitLab CI"].Children.Values.Single();
        Assert.True(gitlab.Children.TryGetValue("after_script", out var after) && Scalars(after).SelectMany(LabCommands).Any(c => c[0] == "down"),
            "GitLab CI: `lab down` belongs in after_script, which runs even when the job failed");
        Assert.False(Scalars(gitlab["script"]).SelectMany(LabCommands).Any(c => c[0] == "down"), "GitLab CI: `lab down` in script is skipped when a step fails");
    }
}
