namespace Lab.Testing;

/// <summary>How <see cref="LabEnvironment.StartAsync(string, LabEnvironmentOptions?, CancellationToken)"/> brings a lab up.</summary>
public sealed record LabEnvironmentOptions
{
    /// <summary>
    /// The instance's name; by default a new one per call, unique on this machine: the prefix, this process's id and a
    /// counter (t4711x1, t4711x2...). A name given here must not be in use.
    /// </summary>
    public string? InstanceName { get; init; }

    /// <summary>
    /// The first letters of generated names (a letter first, at most 8): default LAB_TEST_INSTANCE_PREFIX, else "t", so
    /// people sharing a machine can tell whose instances are whose.
    /// </summary>
    public string? InstancePrefix { get; init; }

    /// <summary>
    /// The folder holding the project's labs/ and templates/: default LAB_HOME, else the first folder above the current
    /// directory or the test assembly that has both (the package copies them next to the test assembly).
    /// </summary>
    public string? LabHome { get; init; }

    /// <summary>Where the hosts live: local (namespaces on this machine, the default and the only one publishing on 127.0.0.1), machines or vm.</summary>
    public string Target { get; init; } = "local";

    /// <summary>Told each step of the bring-up and of scenarios, as `lab up` shows them (e.g. ITestOutputHelper.WriteLine).</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>How long the bring-up may take before it is abandoned and what it made is removed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
}
