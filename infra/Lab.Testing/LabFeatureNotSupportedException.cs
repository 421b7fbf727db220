namespace Lab.Testing;

/// <summary>
/// A fault these hosts cannot have, with the reason and the way out: e.g. a link impairment on namespaces of a kernel
/// without netem (run on the vm target instead). A test may catch it to skip what the machine cannot do.
/// </summary>
public sealed class LabFeatureNotSupportedException(string message, Exception? inner = null) : NotSupportedException(message, inner);
