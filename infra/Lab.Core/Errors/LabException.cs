namespace Lab.Core.Errors;

/// <summary>
/// A failure the user can act on (bad input, a missing package, a host that does not answer, a lab that did not
/// become healthy): its message names what, where and the fix. The CLI prints these as one line; any other exception
/// is a bug and is shown as one, with its stack, so a bug never masquerades as a user error.
/// </summary>
public class LabException : Exception
{
    public LabException(string message) : base(message) { }

    public LabException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>Input that names something that does not exist or is malformed (an instance name, a host, an option).</summary>
public sealed class LabInputException(string message) : LabException(message);

/// <summary>Something the machine lacks before anything is created: privileges, packages, a CLI.</summary>
public sealed class PreflightException(string message) : LabException(message);
