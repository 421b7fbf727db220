using Lab.Core.Hosts;
using Lab.Core.Messages;
using Lab.Core.Sql;

namespace Lab.Core.Scenarios;

/// <summary>Where a value is read: a global status variable, or an SQL query's first column of its first row.</summary>
public sealed record ValueSource(string? Status, string? Sql)
{
    /// <summary>What the value is called in step lines and observations: the variable's name or the query.</summary>
    public string Label => Status ?? Sql ?? "";

    public string Describe(Language language) => Status is { } s ? EngineText.Values.StatusOf.In(language, s) : $"\"{Sql}\"";

    /// <summary>The value on <paramref name="host"/>; a missing variable, an SQL error or an empty result is a <see cref="ValueUnreadableException"/>.</summary>
    public async Task<string> ReadAsync(ILabHost host, Language language, CancellationToken ct)
    {
        if (Status is { } name)
        {
            var values = await host.StatusAsync([name], ct);
            return values.TryGetValue(name, out var value) ? value : throw new ValueUnreadableException(EngineText.Values.NoStatusVariable.In(language, name));
        }
        var result = await host.QueryAsync(Sql!, timeout: TimeSpan.FromSeconds(10), ct: ct);
        if (!result.Ok) throw new ValueUnreadableException(result.Describe(language));
        return result.Rows.Count > 0 && result.Rows[0].Length > 0 ? result.Rows[0][0] : throw new ValueUnreadableException(EngineText.Values.NoRow.In(language));
    }
}

/// <summary>A value could not be read (no such variable, an SQL error, no row): what was seen instead.</summary>
public sealed class ValueUnreadableException(string message) : Lab.Core.Errors.LabException(message);
