using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lab.Core.Loading;

/// <summary>
/// Thin reader over YamlDotNet's node tree that keeps the file name and line of every node,
/// so each validation error can say exactly where the problem is.
/// </summary>
public sealed class YamlDocument
{
    private YamlDocument(string file, YamlMappingNode root)
    {
        File = file;
        Root = new YamlMap(this, root);
    }

    public string File { get; }
    public YamlMap Root { get; }

    public static YamlDocument Load(string file) => Parse(file, System.IO.File.ReadAllText(file));

    public static YamlDocument Parse(string file, string text)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new LabFileException(file, (int)e.Start.Line, $"not valid YAML: {Clean(e)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way, without a position, on some unclosed flow collections such as
            // `- { name: db1, role: galera` (no closing brace). Point at the last thing that did parse.
            var line = parser.Current is { } last ? (int)last.End.Line : 0;
            throw new LabFileException(file, line, "not valid YAML: parsing stopped after this line; check for an unclosed '{', '[' or quote");
        }
        if (stream.Documents.Count == 0)
            throw new LabFileException(file, 0, "the file is empty; expected a YAML mapping");
        if (stream.Documents[0].RootNode is not YamlMappingNode map)
            throw new LabFileException(file, (int)stream.Documents[0].RootNode.Start.Line, "expected a YAML mapping at the top level");
        return new YamlDocument(file, map);
    }

    private static string Clean(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var paren = message.IndexOf("): ", StringComparison.Ordinal);
        return paren >= 0 && message.StartsWith('(') ? message[(paren + 3)..] : message;
    }

    internal LabFileException Error(YamlNode node, string problem) => new(File, (int)node.Start.Line, problem);
}

/// <summary>A YAML mapping with typed, located accessors. Unknown keys are rejected by <see cref="RejectUnknown"/>.</summary>
public sealed class YamlMap
{
    private readonly YamlDocument _doc;

    internal YamlMap(YamlDocument doc, YamlMappingNode node)
    {
        _doc = doc;
        Node = node;
    }

    public YamlMappingNode Node { get; }
    public int Line => (int)Node.Start.Line;
    public string File => _doc.File;

    public IEnumerable<string> Keys => Node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    public bool Has(string key) => Find(key) is not null;

    public YamlNode? Find(string key) =>
        Node.Children.FirstOrDefault(p => p.Key is YamlScalarNode s && s.Value == key).Value;

    public LabFileException Error(string problem) => new(_doc.File, Line, problem);
    public LabFileException Error(YamlNode node, string problem) => _doc.Error(node, problem);

    public int LineOf(string key)
    {
        var pair = Node.Children.FirstOrDefault(p => p.Key is YamlScalarNode s && s.Value == key);
        return pair.Key is null ? Line : (int)pair.Key.Start.Line;
    }

    public string RequireString(string key, string expected) =>
        OptionalString(key, expected) ?? throw Error($"missing '{key}': expected {expected}");

    public string? OptionalString(string key, string expected)
    {
        var node = Find(key);
        if (node is null) return null;
        if (node is not YamlScalarNode scalar || string.IsNullOrEmpty(scalar.Value))
            throw _doc.Error(node, $"'{key}' must be {expected}");
        return scalar.Value;
    }

    public int? OptionalInt(string key, string expected)
    {
        var text = OptionalString(key, expected);
        if (text is null) return null;
        return int.TryParse(text, out var value) ? value : throw _doc.Error(Find(key)!, $"'{key}' must be {expected}, got '{text}'");
    }

    public bool? OptionalBool(string key)
    {
        var text = OptionalString(key, "true or false");
        if (text is null) return null;
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw _doc.Error(Find(key)!, $"'{key}' must be true or false, got '{text}'"),
        };
    }

    public YamlMap? OptionalMap(string key)
    {
        var node = Find(key);
        if (node is null) return null;
        return node is YamlMappingNode map ? new YamlMap(_doc, map) : throw _doc.Error(node, $"'{key}' must be a mapping");
    }

    public YamlMap RequireMap(string key, string expected) =>
        OptionalMap(key) ?? throw Error($"missing '{key}': expected {expected}");

    public IReadOnlyList<YamlNode> OptionalList(string key)
    {
        var node = Find(key);
        if (node is null) return [];
        return node is YamlSequenceNode seq ? seq.Children.ToList() : throw _doc.Error(node, $"'{key}' must be a list");
    }

    public IReadOnlyList<string> OptionalStringList(string key, string expected) =>
        OptionalList(key).Select(n => n is YamlScalarNode s && !string.IsNullOrEmpty(s.Value)
            ? s.Value!
            : throw _doc.Error(n, $"each item of '{key}' must be {expected}")).ToList();

    /// <summary>A list given as one scalar or as a sequence of scalars (e.g. <c>on: db1</c> or <c>on: [db1, db2]</c>).</summary>
    public IReadOnlyList<string> OneOrMany(string key, string expected)
    {
        var node = Find(key);
        if (node is null) return [];
        if (node is YamlScalarNode s && !string.IsNullOrEmpty(s.Value)) return [s.Value!];
        return OptionalStringList(key, expected);
    }

    public YamlMap AsMap(YamlNode node, string what) =>
        node is YamlMappingNode m ? new YamlMap(_doc, m) : throw _doc.Error(node, $"{what} must be a mapping");

    public void RejectUnknown(params string[] allowed)
    {
        foreach (var pair in Node.Children)
        {
            var key = (pair.Key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key))
                throw _doc.Error(pair.Key, $"unknown key '{key}'; expected one of: {string.Join(", ", allowed)}");
        }
    }

    /// <summary>Scalar children as plain strings (for free-form variable maps).</summary>
    public IReadOnlyDictionary<string, string> ScalarEntries()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Node.Children)
        {
            var key = (pair.Key as YamlScalarNode)?.Value ?? "";
            if (pair.Value is not YamlScalarNode value)
                throw _doc.Error(pair.Value, $"'{key}' must be a plain value");
            result[key] = value.Value ?? "";
        }
        return result;
    }
}
