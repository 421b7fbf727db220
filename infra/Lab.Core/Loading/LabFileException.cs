namespace Lab.Core.Loading;

/// <summary>Bad input in a lab, scenario or template file, located by file and line.</summary>
public sealed class LabFileException : Lab.Core.Errors.LabException
{
    public LabFileException(string file, int line, string problem)
        : base(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
        Problem = problem;
    }

    public string File { get; }
    public int Line { get; }
    public string Problem { get; }
}
