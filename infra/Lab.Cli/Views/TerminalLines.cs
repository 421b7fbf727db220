namespace Lab.Cli.Views;

/// <summary>
/// Breaks text into lines that fit the terminal, at spaces, counting the cells each character takes (Hangul takes two).
/// The console would wrap a long line too, but at column 0: a step's wrapped detail then no longer reads as the step's.
/// </summary>
internal static class TerminalLines
{
    /// <summary>The cells <paramref name="text"/> takes on a terminal: two for Hangul and CJK, one for the rest the engine prints.</summary>
    public static int Cells(string text) => text.Sum(Cells);

    private static int Cells(char c) => c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3' or >= '\uFF00' and <= '\uFF60' ? 2 : 1;

    /// <summary>
    /// The lines of <paramref name="text"/>: its own line breaks kept, the first line at most <paramref name="first"/> cells
    /// wide, the others <paramref name="rest"/>. A word wider than a whole line is cut.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, int first, int rest)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var width = lines.Count == 0 ? first : rest;
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Cells(candidate) <= width || line.Length == 0 && Cells(word) <= width)
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0) lines.Add(line);
                line = word;
                // A word longer than a line (a path, a long status value) is cut where the line ends.
                while (Cells(line) > (lines.Count == 0 ? first : rest))
                {
                    var fit = Fit(line, Math.Max(1, lines.Count == 0 ? first : rest));
                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }

    private static int Fit(string text, int width)
    {
        var cells = 0;
        for (var i = 0; i < text.Length; i++)
        {
            cells += Cells(text[i]);
            if (cells > width) return Math.Max(1, i);
        }
        return text.Length;
    }
}
