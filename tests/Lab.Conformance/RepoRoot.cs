namespace Lab.Conformance;

/// <summary>The repository the tests were built from: the first folder above them holding labs/ and templates/.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(System.IO.Path.Combine(dir.FullName, "labs")) && Directory.Exists(System.IO.Path.Combine(dir.FullName, "templates")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"no labs/ and templates/ above {AppContext.BaseDirectory}");
    }
}
