namespace Lab.Core.Hosts;

/// <summary>What a command run on a host printed and how it exited.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => ExitCode == 0;

    /// <summary>One line for error messages: the exit code and the most telling output.</summary>
    public string Describe()
    {
        var text = (Stderr.Trim().Length > 0 ? Stderr : Stdout).Trim();
        var lines = text.Split('\n');
        var tail = string.Join(" | ", lines.TakeLast(3)).Trim();
        return $"exit {ExitCode}" + (tail.Length > 0 ? $": {tail}" : "");
    }
}

/// <summary>A command on a host that failed where success was required.</summary>
public sealed class HostCommandException(string host, string command, CommandResult result)
    : Lab.Core.Errors.LabException($"{host}: `{Shorten(command)}` failed ({result.Describe()})")
{
    public string Host { get; } = host;
    public CommandResult Result { get; } = result;

    private static string Shorten(string command) => command.Length > 120 ? command[..117] + "..." : command;
}
