namespace Lab.Labs.Tests.Support;

/// <summary>The repository this test assembly was built from: the first folder above it holding labs/ and templates/.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Lab.Core.Loading.LabCatalog.Locate().Root;
}
