namespace Lab.Core.Guide;

/// <summary>What a student typed to the guide (one line on its standard input).</summary>
public enum GuideKey { Hint, Solve, Quit, Done, Unknown }

public static class GuideKeys
{
    /// <summary>`h`/`hint`, `s`/`solve`, `q`/`quit`; an empty line is "done" (for a stage with nothing to check).</summary>
    public static GuideKey Parse(string line) => line.Trim().ToLowerInvariant() switch
    {
        "h" or "hint" or "?" => GuideKey.Hint,
        "s" or "solve" => GuideKey.Solve,
        "q" or "quit" or "exit" => GuideKey.Quit,
        "" or "d" or "done" => GuideKey.Done,
        _ => GuideKey.Unknown,
    };
}
