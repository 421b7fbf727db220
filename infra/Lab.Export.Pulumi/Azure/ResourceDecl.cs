using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Azure;

/// <summary>One entry of the program's <c>resources:</c> section, pinned to the provider version its schema list came from.</summary>
public static class ResourceDecl
{
    public static YMap Create(string type, YMap properties, IEnumerable<string>? dependsOn = null,
        IEnumerable<(string Key, YNode Value)>? moreOptions = null)
    {
        var options = new YMap().Add("version", VersionOf(type));
        var deps = dependsOn?.ToList() ?? [];
        if (deps.Count > 0) options.Add("dependsOn", new YList(deps.Select(d => (YNode)PulumiText.Of(d)).ToList()));
        foreach (var (key, value) in moreOptions ?? []) options.Add(key, value);
        return new YMap().Add("type", type).Add("properties", properties).Add("options", options);
    }

    private static string VersionOf(string type) => type.Split(':')[0] switch
    {
        "azure-native" => AzureDefaults.AzureNativeVersion,
        "command" => AzureDefaults.CommandVersion,
        "random" => AzureDefaults.RandomVersion,
        var p => throw new ArgumentException($"no pinned version for provider '{p}'"),
    };
}
