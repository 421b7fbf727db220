namespace Lab.Core.Rendering;

/// <summary>A file as it lands on a host.</summary>
public sealed record RenderedFile(string Host, string Path, string Content, string Mode, string Owner, string Template);
