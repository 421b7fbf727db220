using System.Text;

namespace Lab.Core.Tests.Support;

public sealed record FakeFile(string Content, string Mode, string Owner)
{
    public long Size => Encoding.UTF8.GetByteCount(Content);
}

/// <summary>A host's files as a path → content, mode and owner table; logs are files that tests append to.</summary>
public sealed class FakeFiles
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeFile> _files = new(StringComparer.Ordinal);
    private readonly List<(string Path, FakeFile File)> _writes = [];

    /// <summary>Every write through the host (not the test's own set-up), in order.</summary>
    public IReadOnlyList<(string Path, FakeFile File)> Writes { get { lock (_gate) return _writes.ToList(); } }

    public FakeFile? this[string path] { get { lock (_gate) return _files.GetValueOrDefault(path); } }

    public string? Read(string path) => this[path]?.Content;

    /// <summary>Test set-up: the file exists with this content.</summary>
    public void Put(string path, string content, string mode = "0644", string owner = "root")
    {
        lock (_gate) _files[path] = new FakeFile(content, mode, owner);
    }

    /// <summary>What the engine's WriteFileAsync does: replaces the file, recorded in <see cref="Writes"/>.</summary>
    public void Write(string path, string content, string mode, string owner)
    {
        var file = new FakeFile(content, mode, owner);
        lock (_gate)
        {
            _files[path] = file;
            _writes.Add((path, file));
        }
    }

    /// <summary>Appends to a file (a service writing its log), creating it as a log would be.</summary>
    public void Append(string path, string text)
    {
        lock (_gate)
            _files[path] = _files.TryGetValue(path, out var f) ? f with { Content = f.Content + text } : new FakeFile(text, "0640", "mysql");
    }
}
