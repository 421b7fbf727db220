namespace Lab.Core.Sql;

/// <summary>Rows returned by the <c>mariadb</c> client (tab-separated batch output), or the server's error.</summary>
public sealed record SqlResult(IReadOnlyList<string[]> Rows, int? ErrorCode, string? ErrorMessage)
{
    public bool Ok => ErrorCode is null;

    public string? Scalar => Rows.Count > 0 && Rows[0].Length > 0 ? Rows[0][0] : null;

    public override string ToString() => Describe(Messages.Language.En);

    public string Describe(Messages.Language language) => Ok
        ? Messages.EngineText.Expectations.Rows.In(language, Rows.Count) + (Scalar is { } s ? Messages.EngineText.Expectations.FirstValue.In(language, s) : "")
        : $"ERROR {ErrorCode}: {ErrorMessage}";
}

/// <summary>A statement that had to succeed did not.</summary>
public sealed class SqlException(string host, string statement, SqlResult result)
    : Lab.Core.Errors.LabException($"{host}: `{statement}` failed: ERROR {result.ErrorCode}: {result.ErrorMessage}")
{
    public string Host { get; } = host;
    public int Code { get; } = result.ErrorCode ?? -1;
}
