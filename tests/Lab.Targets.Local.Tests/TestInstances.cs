namespace Lab.Targets.Local.Tests;

/// <summary>
/// Instance names for tests that use the real state directory: new for every test, so a test never takes down, or
/// collides with, an instance that another run or a person has up under a fixed name.
/// </summary>
internal static class TestInstances
{
    /// <param name="purpose">A few letters saying what the instance is for (at most 8, to stay within 20 characters).</param>
    public static string NewName(string purpose) => $"t{purpose}-{Guid.NewGuid().ToString("N")[..10]}";
}
