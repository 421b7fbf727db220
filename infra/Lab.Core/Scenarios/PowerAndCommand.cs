namespace Lab.Core.Scenarios;

/// <summary>
/// Pulls the plug on the hosts' machines (<see cref="On"/> false: `power: { off: node1 }`) or boots them again
/// (`power: { on: node1 }`, returning once they answer). A machine powered off is powered on again when the scenario
/// ends, pass or fail.
/// </summary>
public sealed record PowerAction(int Line, IReadOnlyList<string> Hosts, bool On) : ScenarioAction(Line)
{
    public override string Describe() => On
        ? $"power on {string.Join(", ", Hosts)} (boot from the same disks, wait until it answers)"
        : $"power off {string.Join(", ", Hosts)} (pull the plug: no shutdown, no flush)";
}

/// <summary>
/// A command on each host (as root) exits with <see cref="Exit"/> and its output (trimmed) equals or contains the given
/// text: `command: { on: node1, run: "drbdadm dstate r0", equals: UpToDate/UpToDate }`. For state a tool prints
/// (drbdadm, crm_mon) that no SQL can read.
/// </summary>
public sealed record CommandExpectation(int Line, TimeSpan Within, IReadOnlyList<string> Hosts, string Command, string? EqualsText,
    IReadOnlyList<string> Contains, int Exit) : Expectation(Line, Within)
{
    public override string Describe() => $"{string.Join(", ", Hosts)}$ {Command} → " + string.Join(", ", new[]
    {
        Exit != 0 ? $"exit {Exit}" : null,
        EqualsText is { } e ? $"'{e}'" : null,
        Contains.Count > 0 ? "contains " + string.Join(", ", Contains.Select(c => $"\"{c}\"")) : null,
    }.Where(p => p is not null).DefaultIfEmpty("exit 0"));
}
