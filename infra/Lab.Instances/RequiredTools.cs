using Lab.Core.Errors;

namespace Lab.Instances;

/// <summary>The programs a target runs on this machine, checked before it creates anything, with the packages to install.</summary>
public static class RequiredTools
{
    public static void Check(string target, IEnumerable<(string Path, string Package)> tools)
    {
        var missing = tools.Where(t => !File.Exists(t.Path)).Select(t => t.Package).Distinct().ToList();
        if (missing.Count > 0)
            throw new PreflightException($"the {target} target needs: {string.Join(" ", missing)}; install them with scripts/install-packages (or apt-get install {string.Join(" ", missing)})");
    }

    /// <summary>The last lines of a log (a machine's console), or null when there is none yet.</summary>
    public static string? Tail(string file, int lines = 10) =>
        File.Exists(file) ? string.Join("\n", File.ReadLines(file).TakeLast(lines)) : null;
}
