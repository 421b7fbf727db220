using Xunit.Abstractions;
using Xunit.Sdk;

namespace Lab.Conformance;

/// <summary>
/// Runs the conformance cases grouped by lab, scenarios in file order: the fixture then brings each lab up once (and
/// heals or recreates it between scenarios) instead of switching labs at every case as xunit's hash order would.
/// </summary>
public sealed class LabScenarioOrderer : ITestCaseOrderer
{
    public const string TypeName = "Lab.Conformance.LabScenarioOrderer";
    public const string Assembly = "Lab.Conformance";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(c => Argument(c, 0)).ThenBy(c => Index(c)).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static string Argument(ITestCase c, int i) => c.TestMethodArguments is { } a && a.Length > i ? a[i]?.ToString() ?? "" : "";

    private static int Index(ITestCase c) => c.TestMethodArguments is { Length: > 2 } a && a[2] is int n ? n : 0;
}
