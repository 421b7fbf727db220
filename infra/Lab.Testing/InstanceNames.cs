using System.Text.RegularExpressions;
using Lab.Core.Errors;

namespace Lab.Testing;

/// <summary>
/// Names for the instances a test process makes: prefix, process id, counter (t4711x1). Two test processes on one machine
/// never pick the same name, and the name says which process to look for.
/// </summary>
public static partial class InstanceNames
{
    public const string DefaultPrefix = "t";
    public const string PrefixVariable = "LAB_TEST_INSTANCE_PREFIX";

    private static int _counter;

    [GeneratedRegex("^[a-z][a-z0-9]{0,7}$")]
    private static partial Regex Prefix();

    /// <param name="prefix">Null: LAB_TEST_INSTANCE_PREFIX, else "t".</param>
    public static string Next(string? prefix = null)
    {
        prefix ??= Environment.GetEnvironmentVariable(PrefixVariable) is { Length: > 0 } own ? own : DefaultPrefix;
        if (!Prefix().IsMatch(prefix))
            throw new LabInputException($"instance prefix '{prefix}' (LabEnvironmentOptions.InstancePrefix or {PrefixVariable}) must be a lowercase letter " +
                                        "followed by at most 7 lowercase letters or digits");
        return $"{prefix}{Environment.ProcessId}x{Interlocked.Increment(ref _counter)}";
    }
}
