namespace Lab.Core.Haproxy;

/// <summary>HAProxy's view of one server of a backend (from the runtime API's <c>show stat</c>).</summary>
public sealed record HaproxyBackend(string Backend, string Server, string Status, string CheckStatus, string LastCheck)
{
    public const string SocketPath = "/run/haproxy/admin.sock";
    public const string ShowStatCommand = "echo 'show stat' | socat -t 2 stdio UNIX-CONNECT:" + SocketPath;

    /// <summary>UP after at least one completed check; HAProxy shows new servers as UP before checking them (INI).</summary>
    public bool IsUp => Status == "UP" && CheckStatus is not ("INI" or "");

    /// <summary>Parses <c>show stat</c> CSV: the first line names the columns.</summary>
    public static IReadOnlyList<HaproxyBackend> ParseShowStat(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("# ", StringComparison.Ordinal)) return [];
        var columns = lines[0][2..].Split(',');
        int Col(string name) => Array.IndexOf(columns, name);
        int px = Col("pxname"), sv = Col("svname"), st = Col("status"), cs = Col("check_status"), lc = Col("last_chk");
        var result = new List<HaproxyBackend>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            if (f.Length < columns.Length - 1 || f[sv] is "FRONTEND" or "BACKEND") continue;
            string At(int i) => i >= 0 && i < f.Length ? f[i] : "";
            result.Add(new HaproxyBackend(At(px), At(sv), At(st), At(cs), At(lc)));
        }
        return result;
    }

    public override string ToString() => $"{Server} {Status}" + (CheckStatus.Length > 0 ? $" ({CheckStatus}{(LastCheck.Length > 0 ? ": " + LastCheck : "")})" : "");
}
