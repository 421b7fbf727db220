using Lab.Core.Messages;

namespace Lab.Core.Scenarios;

/// <summary>
/// Runs an action under its `timeout:`, stretched by the instance's pace as every wait is. When the time is up the
/// action is cancelled (a client or command it ran is killed) and the step fails naming the file and the action's line.
/// </summary>
public static class ActionTimeout
{
    public static async Task<string?> RunAsync(ScenarioAction action, string file, double pace, TimeProvider clock, Language language,
        Func<CancellationToken, Task<string?>> run, CancellationToken ct)
    {
        if (action.Timeout is not { } timeout) return await run(ct);
        var limit = timeout * pace;
        using var deadline = new CancellationTokenSource(limit, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        string? detail;
        try
        {
            detail = await run(linked.Token);
        }
        catch (Exception) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // Whatever the cancelled step threw (the killed client's error, a cancellation), the cause is the timeout.
            throw TimedOut(action, file, limit, language);
        }
        // A step that finished anyway, past its time, still took too long.
        return deadline.IsCancellationRequested && !ct.IsCancellationRequested ? throw TimedOut(action, file, limit, language) : detail;
    }

    private static ScenarioStepException TimedOut(ScenarioAction action, string file, TimeSpan limit, Language language) =>
        new(EngineText.Values.ActionTimedOut.In(language, $"{file}:{action.Line}", limit.TotalSeconds, action.Describe(language)));

    /// <summary>A client's own limit, beyond the action's timeout so the cancellation is what ends it; null keeps the client's default.</summary>
    public static TimeSpan? ClientLimit(ScenarioAction action, double pace) => action.Timeout is { } t ? t * pace + TimeSpan.FromSeconds(5) : null;
}
