using System.Text.RegularExpressions;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Sql;
using YamlDotNet.RepresentationModel;

namespace Lab.Core.Scenarios.Sessions;

/// <summary>
/// Reads one <c>session:</c> action. What depends on the other actions (the host of a session named before, a reap
/// with nothing sent) is checked by <see cref="SessionPlan"/> once the whole scenario is read.
/// </summary>
public static partial class SessionActionReader
{
    public const string Kind = "session";

    private const string Shape = "{ name: s1, on: HOST, run: SQL } (or send: SQL, or reap: true), with error, rows, equals or timeout (optional)";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,31}$")]
    private static partial Regex SessionName();

    /// <summary>Longer than this, a statement waits on something that a scenario should wait for with an expectation.</summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    public static SessionAction Read(YamlMap entry, LabDefinition lab)
    {
        var body = entry.RequireMap(Kind, Shape);
        body.RejectUnknown("name", "on", "run", "send", "reap", "error", "rows", "equals", "timeout");
        var name = body.RequireString("name", "the session's name, e.g. s1");
        if (!SessionName().IsMatch(name))
            throw body.Error(body.Find("name")!, $"session name '{name}' must start with a letter and hold only letters, digits, '-' and '_' (at most 32), e.g. s1");

        string? host = null;
        if (body.Has("on"))
        {
            var hosts = body.OneOrMany("on", "a host name");
            if (hosts.Count != 1) throw body.Error(body.Find("on")!, "a session is on exactly one host: 'on' names one, e.g. on: db1");
            host = hosts[0];
            var definition = lab.FindHost(host)
                ?? throw body.Error(body.Find("on")!, $"unknown host '{host}'; lab '{lab.Name}' has: {string.Join(", ", lab.Hosts.Select(h => h.Name))}");
            if (!SqlHosts.CanAnswer(definition)) throw body.Error(body.Find("on")!, SqlHosts.WhyNot(lab, definition));
        }

        var verbs = new[] { "run", "send", "reap" }.Where(body.Has).ToList();
        if (verbs.Count != 1)
            throw body.Error($"a session action takes exactly one of run (SQL, wait for it), send (SQL, go on at once) or reap: true (wait for what was sent); found {(verbs.Count == 0 ? "none" : string.Join(", ", verbs))}");
        var verb = verbs[0] switch { "run" => SessionVerb.Run, "send" => SessionVerb.Send, _ => SessionVerb.Reap };
        string? sql = null;
        if (verb == SessionVerb.Reap)
        {
            if (body.Find("reap") is not YamlScalarNode || body.OptionalBool("reap") != true)
                throw body.Error(body.Find("reap")!, "'reap' must be true: it waits for the outcome of the statement this session sent");
        }
        else sql = body.RequireString(verbs[0], "SQL, e.g. \"START TRANSACTION; UPDATE t SET v = v + 1 WHERE id = 1\"");

        var error = body.OptionalInt("error", "a MariaDB error code such as 1213");
        var rows = body.OptionalInt("rows", "a row count");
        var equals = body.Find("equals") is YamlScalarNode e ? e.Value ?? "" : body.Has("equals") ? throw body.Error(body.Find("equals")!, "'equals' must be a plain value") : null;
        if (error is not null && (rows is not null || equals is not null))
            throw body.Error("'error' says the statement fails, so it gives no rows: use either error, or rows and/or equals");
        var timeout = ReadTimeout(body);
        if (verb == SessionVerb.Send)
        {
            var early = new[] { "error", "rows", "equals", "timeout" }.FirstOrDefault(body.Has);
            if (early is not null)
                throw body.Error(body.Find(early)!, $"'{early}' belongs on the reap: a send goes on at once, e.g. session: {{ name: {name}, reap: true, {early}: ... }}");
        }
        return new SessionAction(entry.Line, name, host, verb, sql, error, rows, equals, timeout);
    }

    private static TimeSpan? ReadTimeout(YamlMap body)
    {
        if (body.OptionalString("timeout", "a duration such as 10s") is not { } text) return null;
        var at = body.Find("timeout")!;
        if (!Scenarios.DurationText.TryParse(text, out var timeout) || timeout <= TimeSpan.Zero)
            throw body.Error(at, $"'timeout: {text}' must be a duration more than 0; write e.g. 500ms, 10s or 2m");
        if (timeout > MaxTimeout) throw body.Error(at, $"'timeout: {text}' is more than {MaxTimeout.TotalMinutes:0} minutes");
        return timeout;
    }
}
