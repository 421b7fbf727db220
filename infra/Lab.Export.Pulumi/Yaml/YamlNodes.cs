namespace Lab.Export.Pulumi.Yaml;

/// <summary>A YAML value to write: the generator builds these and <see cref="YamlWriter"/> turns them into text.</summary>
public abstract record YNode
{
    public static implicit operator YNode(string text) => new YText(text);
    public static implicit operator YNode(int number) => new YInt(number);
    public static implicit operator YNode(bool value) => new YBool(value);
}

/// <summary>A string; written plain, double-quoted or as a literal block, whichever reads back identically.</summary>
public sealed record YText(string Value) : YNode;

public sealed record YInt(long Value) : YNode;

public sealed record YBool(bool Value) : YNode;

/// <summary>A mapping whose keys keep their insertion order; an entry may carry a comment line above it.</summary>
public sealed record YMap : YNode
{
    private readonly List<(string Key, YNode Value, string? Comment)> _entries = [];

    public IReadOnlyList<(string Key, YNode Value, string? Comment)> Entries => _entries;

    public YMap Add(string key, YNode value, string? comment = null)
    {
        if (_entries.Any(e => e.Key == key)) throw new ArgumentException($"duplicate YAML key '{key}'");
        _entries.Add((key, value, comment));
        return this;
    }
}

public sealed record YList(IReadOnlyList<YNode> Items) : YNode
{
    public YList(params YNode[] items) : this((IReadOnlyList<YNode>)items) { }
}
