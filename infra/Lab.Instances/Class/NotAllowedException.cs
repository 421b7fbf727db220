using Lab.Core.Errors;

namespace Lab.Instances.Class;

/// <summary>A student asked for something outside their own instance (exit 77, sysexits' EX_NOPERM).</summary>
public sealed class NotAllowedException(string message) : LabException(message);
