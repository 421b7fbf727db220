namespace Lab.Labs.Tests.Support;

/// <summary>The repository this test assembly was built from: the first folder above it holding labs/ and templates/.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(System.IO.Path.Combine(dir.FullName, "labs")) && Directory.Exists(System.IO.Path.Combine(dir.FullName, "templates")))
                return dir.FullName;
        throw new InvalidOperationException($"no folder with labs/ and templates/ above {AppContext.BaseDirectory}");
    }
}
