namespace Lab.Core.Tests.Support;

/// <summary>What a fake server answers to one SQL statement: a result set, or an error as the server would raise it.</summary>
public abstract record SqlReply
{
    /// <summary>A statement that succeeds with no result set (SET, INSERT, DDL...).</summary>
    public static SqlReply Done { get; } = new SqlRows(null, []);

    /// <summary>A single value, as <c>SELECT @@hostname</c> would return.</summary>
    public static SqlReply Value(string value) => new SqlRows(null, [[value]]);

    /// <summary>One row of values.</summary>
    public static SqlReply Row(params string[] values) => new SqlRows(null, [values]);

    /// <summary>A result set with named columns: the names are printed only when the client asked for them (--column-names).</summary>
    public static SqlReply Table(IReadOnlyList<string> columns, params string[][] rows) => new SqlRows(columns, rows);

    public static SqlReply Error(int code, string message) => new SqlError(code, message);
}

public sealed record SqlRows(IReadOnlyList<string>? Columns, IReadOnlyList<string[]> Rows) : SqlReply;

public sealed record SqlError(int Code, string Message) : SqlReply
{
    /// <summary>
    /// The line the <c>mariadb</c> client prints on stderr. Server errors name the input line; the client's own
    /// (2000 and up: cannot connect, lost connection) do not, exactly as MariaDbClient's two patterns expect.
    /// </summary>
    public string Render(int line) => Code >= 2000
        ? $"ERROR {Code} (HY000): {Message}"
        : $"ERROR {Code} ({SqlState}) at line {line}: {Message}";

    private string SqlState => Code switch
    {
        1047 => "08S01",
        1062 => "23000",
        1064 => "42000",
        1146 => "42S02",
        1213 => "40001",
        _ => "HY000",
    };

    public static SqlError CannotConnectLocally { get; } =
        new(2002, "Can't connect to local server through socket '/run/mysqld/mysqld.sock' (2)");

    public static SqlError CannotConnectTo(string address) => new(2003, $"Can't connect to server on '{address}' (115)");
}
