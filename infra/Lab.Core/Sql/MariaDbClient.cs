using System.Text.RegularExpressions;
using Lab.Core.Hosts;

namespace Lab.Core.Sql;

/// <summary>
/// SQL through the host's own <c>mariadb</c> client, exactly what a student types on that host. The statement goes
/// on stdin, so no shell quoting can change it.
/// </summary>
public static partial class MariaDbClient
{
    [GeneratedRegex(@"ERROR (\d+) \([0-9A-Z]+\)(?: at line \d+)?: (.*)")]
    private static partial Regex ServerError();

    [GeneratedRegex(@"ERROR (\d+) \(HY000\): (.*)")]
    private static partial Regex ClientError();

    /// <summary>Runs SQL on the host; <paramref name="clientArgs"/> are extra options for the client (e.g. <c>-h haproxy</c>).</summary>
    public static async Task<SqlResult> QueryAsync(this ILabHost host, string sql, string clientArgs = "", TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var command = ("mariadb -N -B " + clientArgs).TrimEnd();
        var result = await host.RunAsync(command, sql.TrimEnd().TrimEnd(';') + ";\n", timeout ?? TimeSpan.FromSeconds(30), ct);
        return Parse(result);
    }

    public static async Task<SqlResult> ExecuteAsync(this ILabHost host, string sql, CancellationToken ct = default)
    {
        var result = await host.QueryAsync(sql, ct: ct);
        return result.Ok ? result : throw new SqlException(host.Name, sql.Trim(), result);
    }

    /// <summary>SHOW GLOBAL STATUS for the given variables (missing ones are absent from the result).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> StatusAsync(this ILabHost host, IEnumerable<string> names, CancellationToken ct = default)
    {
        var list = string.Join(",", names.Select(n => $"'{n}'"));
        var result = await host.QueryAsync($"SHOW GLOBAL STATUS WHERE Variable_name IN ({list})", timeout: TimeSpan.FromSeconds(10), ct: ct);
        if (!result.Ok) throw new SqlException(host.Name, "SHOW GLOBAL STATUS", result);
        return result.Rows.Where(r => r.Length >= 2).ToDictionary(r => r[0], r => r[1], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The code and message of one error line the client printed (<c>ERROR 1213 (40001) at line 2: Deadlock found ...</c>), else null.</summary>
    public static (int Code, string Message)? ErrorLine(string line)
    {
        var match = ServerError().Match(line);
        return match.Success && match.Index == 0 ? (int.Parse(match.Groups[1].Value), match.Groups[2].Value.Trim()) : null;
    }

    public static SqlResult Parse(CommandResult result)
    {
        if (result.Ok)
        {
            var rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
            return new SqlResult(rows, null, null);
        }
        var text = (result.Stderr + "\n" + result.Stdout).Trim();
        var match = ServerError().Match(text);
        if (!match.Success) match = ClientError().Match(text);
        if (match.Success)
            return new SqlResult([], int.Parse(match.Groups[1].Value), match.Groups[2].Value.Trim());
        // Not a server error: the client could not run at all. Code -1 keeps it distinct from any real MariaDB code.
        return new SqlResult([], -1, text.Length > 0 ? text.Split('\n')[0] : $"mariadb exited {result.ExitCode}");
    }
}
