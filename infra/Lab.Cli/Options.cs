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
}
