namespace Lab.Core.Guide;

/// <summary>
/// Where a guided run starts and how it behaves: <see cref="StartAt"/> is the first unfinished stage (0-based),
/// <see cref="LogMarks"/> the marks saved with it, <see cref="HintAfter"/> how long without progress before a hint
/// is shown unasked (null: never).
/// </summary>
public sealed record GuideOptions(int StartAt, TimeSpan? HintAfter)
{
    public IReadOnlyDictionary<string, long> LogMarks { get; init; } = new Dictionary<string, long>();

    /// <summary>The stage whose start set <see cref="LogMarks"/> last (-1: none): resuming there, its marks are not taken again.</summary>
    public int LogMarksStage { get; init; } = -1;
}

/// <summary>How a guided run ended.</summary>
public enum GuideOutcome { Completed, Quit }

/// <summary>
/// A point worth saving: <paramref name="StagesDone"/> stages finished, the log marks at that moment and the stage
/// that set them, and whether the scenario is complete.
/// </summary>
public sealed record GuideCheckpoint(int StagesDone, IReadOnlyDictionary<string, long> LogMarks, int LogMarksStage, bool Completed);
