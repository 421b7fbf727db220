using System.CommandLine;

namespace Lab.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class Options
{
    public static Option<string?> Instance() => new("--instance", "-i")
    {
        Description = "Lab instance to act on (default: the lab's name for `up`, else the only instance that exists)",
    };

    public static Argument<string> Lab() => new("lab") { Description = "Lab name: a folder under labs/ (galera, ...)" };

    public static Argument<string> Host() => new("host") { Description = "Host name from the lab definition (db1, db2, db3, haproxy, client)" };

    public static Option<string> Target()
    {
        var option = new Option<string>("--target", "-t")
        {
            Description = "Where the hosts live: local (Linux namespaces here), machines (systemd-nspawn containers here, over ssh), ssh (existing VMs from --inventory), azure (`pulumi up` of labs/<lab>/Pulumi.yaml, one stack per instance, then ssh)",
            DefaultValueFactory = _ => "local",
        };
        option.AcceptOnlyFromAmong("local", "machines", "ssh", "azure");
        return option;
    }

    public static Option<string?> Inventory() => new("--inventory")
    {
        Description = "Inventory file for --target ssh: each host's address, user, port, key, jump host (e.g. `pulumi stack output inventory --json > inventory.json`)",
    };
}
