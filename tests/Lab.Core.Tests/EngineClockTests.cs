using System.Text.RegularExpressions;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>
/// The engine waits only through an injected <see cref="TimeProvider"/> (an <c>Until</c> or a clock passed in), so its
/// tests run on virtual time. A static real clock in Lab.Core would make some wait real again, silently.
/// </summary>
public sealed partial class EngineClockTests
{
    // Waits/Until.cs defines Until.Real (for the programs' composition roots) and is the one place that delays.
    private const string UntilFile = "Until.cs";

    [GeneratedRegex(@"Until\.Real|TimeProvider\.System|Thread\.Sleep|DateTime(Offset)?\.(Utc)?Now|Stopwatch|Environment\.TickCount|CancelAfter|Task\.Delay|new\s+(System\.Threading\.)?Timer\b")]
    private static partial Regex RealTime();

    [Fact]
    public void Given_the_Lab_Core_sources_When_scanned_Then_nothing_outside_Until_reads_or_waits_on_the_real_clock()
    {
        var project = Directory.EnumerateFiles(RepoRoot.Path, "Lab.Core.csproj", SearchOption.AllDirectories).Single();
        var sources = Directory.EnumerateFiles(Path.GetDirectoryName(project)!, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();

        var offenders = sources.Where(f => Path.GetFileName(f) != UntilFile)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line.Trim())))
            .Where(l => !l.Text.StartsWith("//") && !l.Text.StartsWith("///") && RealTime().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(RepoRoot.Path, l.File)}:{l.Line}: {l.Text}")
            .ToList();

        Assert.True(sources.Count > 40, $"expected to scan the Lab.Core sources, found {sources.Count} file(s) next to {project}");
        Assert.True(offenders.Count == 0, "real-clock use in Lab.Core:\n" + string.Join("\n", offenders));
    }
}
