namespace Lab.Core.Guide;

/// <summary>What kind of line the guide shows, so a terminal can colour it; the text is already in the run's language.</summary>
public enum GuideLine
{
    /// <summary>The scenario's or a stage's title.</summary>
    Title,
    /// <summary>An explanation, in the scenario's own words.</summary>
    Text,
    /// <summary>What to type, or which shell to open: shown as it is, to be copied.</summary>
    Command,
    /// <summary>What the guide checks, or did itself.</summary>
    Note,
    /// <summary>A stage held (✓), or the guide ended.</summary>
    Passed,
    /// <summary>A hint, or what was last seen.</summary>
    Hint,
    /// <summary>A step of a solve that failed, or a final stage that did not finish.</summary>
    Problem,
}

/// <summary>Where the guide's lines go (the terminal in `lab guide`).</summary>
public interface IGuideView
{
    void Show(GuideLine kind, string text);
}
