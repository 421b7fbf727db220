namespace Lab.Conformance;

/// <summary>
/// A private state directory for one test run, outside /tmp: lab hosts mount their own /tmp, and a state directory
/// under it would vanish inside them (the local target refuses it for that reason).
/// </summary>
public static class TestStateRoot
{
    public const string Parent = "/var/lib/lab-tests";

    public static string Create(string prefix) =>
        Directory.CreateDirectory(Path.Combine(Parent, $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)])).FullName;
}
