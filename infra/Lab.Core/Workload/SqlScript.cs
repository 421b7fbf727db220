using System.Text;
using System.Text.RegularExpressions;
using Lab.Core.Hosts;

namespace Lab.Core.Workload;

/// <summary>
/// One unit of work in a script: statements on consecutive lines. An error the client reports "at line N" belongs to
/// the operation holding line N; a row whose first two columns are <c>op</c> and the operation's id is its answer.
/// </summary>
public sealed record ScriptOp(long Id, IReadOnlyList<string> Lines);

public enum OpOutcome { Ok, Failed, Unknown }

/// <summary>An error the client reported for an operation, at its <see cref="Line"/> (0 is the operation's first line).</summary>
public sealed record OpError(int Line, int Code, string Message);

/// <summary>What came of one operation: ok (it printed its row), failed (a server error), or unknown (no evidence either way).</summary>
public sealed record OpResult(long Id, OpOutcome Outcome, IReadOnlyList<string[]> Rows, IReadOnlyList<OpError> Errors)
{
    public int? ErrorCode => Errors.Count > 0 ? Errors[0].Code : null;
}

/// <summary>
/// Many operations through one run of the host's own <c>mariadb</c> client (one process and one connection for a whole
/// batch, so the per-operation cost is a round trip, not a process start). <c>--force</c> keeps going after an error,
/// and each error names its line, which names its operation.
/// </summary>
public static partial class SqlScript
{
    public const string Tag = "op";

    /// <summary>The connection dropped mid-statement: the server may or may not have applied it.</summary>
    private static readonly int[] InDoubt = [2006, 2013];

    [GeneratedRegex(@"^ERROR (\d+) \([0-9A-Z]+\) at line (\d+): (.*)$", RegexOptions.Multiline)]
    private static partial Regex LineError();

    [GeneratedRegex(@"^ERROR (\d+) \([0-9A-Z]+\): (.*)$", RegexOptions.Multiline)]
    private static partial Regex UnplacedError();

    public static string Build(IReadOnlyList<string> header, IReadOnlyList<ScriptOp> ops)
    {
        var text = new StringBuilder();
        foreach (var line in header.Concat(ops.SelectMany(o => o.Lines))) text.Append(line).Append('\n');
        return text.ToString();
    }

    public static async Task<IReadOnlyList<OpResult>> RunAsync(ILabHost host, IReadOnlyList<string> header, IReadOnlyList<ScriptOp> ops, TimeSpan timeout, CancellationToken ct)
    {
        CommandResult result;
        try
        {
            result = await host.RunAsync("mariadb -N -B --force", Build(header, ops), timeout, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = new CommandResult(-1, "", e.Message);
        }
        return Parse(header.Count, ops, result);
    }

    /// <summary>Attributes the client's output to the operations; <paramref name="headerLines"/> come before the first one.</summary>
    public static IReadOnlyList<OpResult> Parse(int headerLines, IReadOnlyList<ScriptOp> ops, CommandResult result)
    {
        var firstLine = new List<int>(ops.Count);
        var next = headerLines + 1;
        foreach (var op in ops)
        {
            firstLine.Add(next);
            next += op.Lines.Count;
        }
        var errors = LineError().Matches(result.Stderr)
            .Select(m => (Code: int.Parse(m.Groups[1].Value), Line: int.Parse(m.Groups[2].Value), Message: m.Groups[3].Value.Trim()))
            .ToList();
        var rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))
            .Where(r => r.Length >= 2 && r[0] == Tag && long.TryParse(r[1], out _))
            .ToLookup(r => long.Parse(r[1]));
        // Nothing ran at all (the client could not connect): every operation definitely failed.
        var unplaced = rows.Count == 0 && errors.Count == 0 && !result.Ok ? UnplacedError().Match(result.Stderr) : null;

        var results = new List<OpResult>(ops.Count);
        for (var i = 0; i < ops.Count; i++)
        {
            var (from, to) = (firstLine[i], firstLine[i] + ops[i].Lines.Count - 1);
            var own = errors.Where(e => e.Line >= from && e.Line <= to).ToList();
            var answer = rows[ops[i].Id].ToList();
            if (unplaced is { Success: true })
                results.Add(new OpResult(ops[i].Id, OpOutcome.Failed, [], [new OpError(0, int.Parse(unplaced.Groups[1].Value), unplaced.Groups[2].Value.Trim())]));
            else if (own.Count > 0)
                results.Add(new OpResult(ops[i].Id, own.Any(e => InDoubt.Contains(e.Code)) ? OpOutcome.Unknown : OpOutcome.Failed, answer,
                    own.Select(e => new OpError(e.Line - from, e.Code, e.Message)).ToList()));
            else
                results.Add(new OpResult(ops[i].Id, answer.Count > 0 ? OpOutcome.Ok : OpOutcome.Unknown, answer, []));
        }
        return results;
    }
}
