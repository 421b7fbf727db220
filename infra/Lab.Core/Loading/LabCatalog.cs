using Lab.Core.Model;

namespace Lab.Core.Loading;

/// <summary>Finds the project's labs/ and templates/ folders and loads labs by name.</summary>
public sealed class LabCatalog
{
    private readonly Lazy<string> _root;

    public LabCatalog(string root) => _root = new Lazy<string>(root);

    private LabCatalog(Func<string> root) => _root = new Lazy<string>(root);

    /// <summary>A catalog found only when first used, so `lab --help` works anywhere.</summary>
    public static LabCatalog Deferred(Func<LabCatalog> locate) => new(() => locate().Root);

    public string Root => _root.Value;
    public string LabsRoot => Path.Combine(Root, "labs");
    public string TemplatesRoot => Path.Combine(Root, "templates");

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
        throw new Lab.Core.Errors.LabException("cannot find the project's labs/ and templates/ folders; run from the repository or set LAB_HOME");
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
    : Lab.Core.Errors.LabException($"unknown lab '{lab}'; available labs: {string.Join(", ", known)}");
