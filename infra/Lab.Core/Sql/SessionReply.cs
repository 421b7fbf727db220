namespace Lab.Core.Sql;

/// <summary>
/// What one statement (or several, sent together) in a <see cref="SqlSession"/> gave back: the rows of all of them,
/// every error the client printed (with <c>--force</c> it goes on to the next statement after one), and whether the
/// client ended before it finished them.
/// </summary>
/// <param name="Finished">When the reply was complete (a <see cref="TimeProvider"/> timestamp): how long a sent statement waited.</param>
public sealed record SessionReply(IReadOnlyList<string[]> Rows, IReadOnlyList<(int Code, string Message)> Errors, bool ClientEnded, string Other, long Finished)
{
    /// <summary>The rows, and the first error as the statement's outcome: the shape every SQL check of the engine reads.</summary>
    public SqlResult Result => Errors.Count > 0 ? new SqlResult(Rows, Errors[0].Code, Errors[0].Message)
        : ClientEnded ? new SqlResult(Rows, -1, Other.Length > 0 ? Other : "the mariadb client ended")
        : new SqlResult(Rows, null, null);

    /// <summary>
    /// Reads the client's output up to the marker that followed the statement. Standard output holds tab-separated
    /// rows; standard error holds each failed statement between dashed lines, then <c>ERROR code (state) at line N:
    /// message</c>, whose message may go on over further lines until the next dashed line.
    /// </summary>
    public static SessionReply Parse(IReadOnlyList<string> stdout, IReadOnlyList<string> stderr, bool clientEnded, long finished)
    {
        var rows = stdout.Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        var errors = new List<(int Code, string Message)>();
        var other = new List<string>();
        for (var i = 0; i < stderr.Count; i++)
        {
            if (MariaDbClient.ErrorLine(stderr[i]) is not { } error)
            {
                if (!IsStatementEcho(stderr, i)) other.Add(stderr[i]);
                continue;
            }
            var message = new System.Text.StringBuilder(error.Message);
            while (i + 1 < stderr.Count && stderr[i + 1] != Dashes && MariaDbClient.ErrorLine(stderr[i + 1]) is null)
                message.Append(' ').Append(stderr[++i].Trim());
            errors.Add((error.Code, message.ToString().Trim()));
        }
        return new SessionReply(rows, errors, clientEnded, string.Join(" | ", other.Where(l => l.Trim().Length > 0)), finished);
    }

    private const string Dashes = "--------------";

    /// <summary>The client repeats a failed statement between two dashed lines before its error: not news.</summary>
    private static bool IsStatementEcho(IReadOnlyList<string> lines, int i)
    {
        if (lines[i] == Dashes || lines[i].Length == 0) return true;
        var before = lines.Take(i).Count(l => l == Dashes);
        return before % 2 == 1;
    }
}
