using Lab.Core.Model;

namespace Lab.Core.Loading;

/// <summary>Finds the project's labs/ and templates/ folders and loads labs by name.</summary>
public sealed class LabCatalog
{
    public LabCatalog(string root)
    {
        Root = root;
        LabsRoot = Path.Combine(root, "labs");
        TemplatesRoot = Path.Combine(root, "templates");
    }

    public string Root { get; }
    public string LabsRoot { get; }
    public string TemplatesRoot { get; }

    /// <summary>
    /// The project root: $LAB_HOME if set, else the first folder holding labs/ and templates/ above the
    /// current directory or above the running program.
    /// </summary>
    public static LabCatalog Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LAB_HOME");
        if (!string.IsNullOrEmpty(fromEnv)) return new LabCatalog(Path.GetFullPath(fromEnv));
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "labs")) && Directory.Exists(Path.Combine(dir.FullName, "templates")))
                    return new LabCatalog(dir.FullName);
        }
        throw new InvalidOperationException("cannot find the project's labs/ and templates/ folders; run from the repository or set LAB_HOME");
    }

    public IReadOnlyList<string> LabNames =>
        Directory.Exists(LabsRoot)
            ? Directory.GetDirectories(LabsRoot).Where(d => File.Exists(Path.Combine(d, "lab.yaml"))).Select(Path.GetFileName).OfType<string>().Order().ToList()
            : [];

    public LabDefinition Load(string labName)
    {
        var file = Path.Combine(LabsRoot, labName, "lab.yaml");
        if (!File.Exists(file))
            throw new UnknownLabException(labName, LabNames);
        return new LabLoader(TemplatesRoot).Load(file);
    }
}

public sealed class UnknownLabException(string lab, IReadOnlyList<string> known)
    : Exception($"unknown lab '{lab}'; available labs: {string.Join(", ", known)}");
