namespace Lab.Core.Scenarios;

/// <summary>
/// Galera provider options, "key=value;key=value" as in wsrep_provider_options, in order. Merging keeps every option of
/// the first list and puts the second's over it key by key: the way to add to the lab's configuration, where
/// --wsrep-provider-options on the command line would replace all of it (losing gcache.size and the rest).
/// </summary>
public sealed class ProviderOptionList
{
    private readonly List<KeyValuePair<string, string>> _options;

    private ProviderOptionList(List<KeyValuePair<string, string>> options) => _options = options;

    public static readonly ProviderOptionList Empty = new([]);

    public IReadOnlyList<KeyValuePair<string, string>> Options => _options;

    public static bool TryParse(string text, out ProviderOptionList options, out string problem)
    {
        options = Empty;
        problem = "";
        var list = new List<KeyValuePair<string, string>>();
        foreach (var part in text.Trim().Trim('"', '\'').Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = eq > 0 ? part[..eq].Trim() : "";
            var value = eq > 0 ? part[(eq + 1)..].Trim() : "";
            if (key.Length == 0 || value.Length == 0)
            {
                problem = $"'{part}' is not key=value";
                return false;
            }
            // The systemd start passes options through MYSQLD_OPTS, which splits at whitespace; no Galera option needs any.
            if (key.Any(char.IsWhiteSpace) || value.Any(char.IsWhiteSpace))
            {
                problem = $"'{part}' has a space in it";
                return false;
            }
            list.RemoveAll(o => o.Key == key);
            list.Add(new(key, value));
        }
        if (list.Count == 0)
        {
            problem = "no option given";
            return false;
        }
        options = new ProviderOptionList(list);
        return true;
    }

    /// <summary>This list with <paramref name="over"/>'s options replacing those of the same key, new keys at the end.</summary>
    public ProviderOptionList MergedWith(ProviderOptionList over)
    {
        var merged = _options.ToList();
        foreach (var option in over._options)
        {
            var at = merged.FindIndex(o => o.Key == option.Key);
            if (at >= 0) merged[at] = option;
            else merged.Add(option);
        }
        return new ProviderOptionList(merged);
    }

    public override string ToString() => string.Join(';', _options.Select(o => $"{o.Key}={o.Value}"));
}
