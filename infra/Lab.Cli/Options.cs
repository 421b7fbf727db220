using System.CommandLine;

namespace Lab.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class Options
{
    public static Option<string?> Instance() => new("--instance", "-i")
    {
        Description = "Lab instance to act on (default: the lab's name for `up`, else the only instance that exists)",
    };

    public static Argument<string> Lab() => new("lab") { Description = "Lab name: a folder under labs/ (`lab list` names them)" };

    /// <summary>The host argument; `--help` replaces its description with each lab's hosts (<see cref="HostHelp"/>).</summary>
    public static Argument<string> Host() => new(HostHelp.ArgumentName) { Description = "Host name from the instance's lab (`lab status` lists them)" };

    /// <summary>--target, with every registered target named and explained in its help.</summary>
    public static Option<string> Target(CliContext context)
    {
        var targets = context.Targets.All;
        var option = new Option<string>("--target", "-t")
        {
            Description = "Where the hosts live: " + string.Join("; ", targets.Select(t => $"{t.Name}: {t.Summary}")),
            DefaultValueFactory = _ => context.Targets.Default.Name,
        };
        option.AcceptOnlyFromAmong([.. targets.Select(t => t.Name)]);
        return option;
    }

    public static Option<string?> Inventory() => new("--inventory")
    {
        Description = "Inventory file for --target ssh: each host's address, user, port, key, jump host (e.g. `pulumi stack output inventory --json > inventory.json`)",
    };
}
