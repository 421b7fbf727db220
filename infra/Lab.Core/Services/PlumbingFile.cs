namespace Lab.Core.Services;

/// <summary>
/// A file a VM needs that `lab render` does not produce, because the local target supervises that service itself
/// (e.g. the systemd units that serve clustercheck on :9200). Kept apart so tests can tell them from rendered files.
/// </summary>
public sealed record PlumbingFile(string Path, string Mode, string Content);
