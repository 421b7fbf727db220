using System.Text.RegularExpressions;
using Lab.Core.Model;

namespace Lab.Core.Scenarios;

/// <summary>
/// Placeholders in a scenario's shell commands, filled from the instance's own lab when the step runs: an instance
/// moved to another subnet gets its own addresses. `{{vars.vip}}`, `{{hosts.rs1.address}}` (its first address),
/// `{{hosts.rs1.on.private}}` (its address on a network), `{{lab.networks.public}}` (a subnet).
/// </summary>
public static partial class ScenarioText
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.\-]+)\s*\}\}")]
    private static partial Regex Placeholder();

    public static string Expand(string text, LabDefinition lab) =>
        Placeholder().Replace(text, m => Resolve(lab, m.Groups[1].Value)
            ?? throw new Errors.LabInputException($"'{m.Value}' names nothing in lab '{lab.Name}'; {Expected}"));

    /// <summary>The first placeholder that names nothing in the lab, described; null when all resolve.</summary>
    public static string? Problem(string text, LabDefinition lab) =>
        Placeholder().Matches(text).Where(m => Resolve(lab, m.Groups[1].Value) is null)
            .Select(m => $"'{m.Value}' names nothing in lab '{lab.Name}'; {Expected}").FirstOrDefault();

    private const string Expected = "use {{vars.NAME}}, {{hosts.HOST.address}}, {{hosts.HOST.on.NETWORK}} or {{lab.networks.NETWORK}}";

    private static string? Resolve(LabDefinition lab, string path)
    {
        var parts = path.Split('.');
        return parts switch
        {
            ["vars", var key] => lab.Vars.GetValueOrDefault(key),
            ["hosts", var host, "address"] => lab.FindHost(host)?.Address,
            ["hosts", var host, "name"] => lab.FindHost(host)?.Name,
            ["hosts", var host, "on", var network] => lab.FindHost(host)?.AddressOn(network),
            ["lab", "name"] => lab.Name,
            ["lab", "subnet"] => lab.Subnet.ToString(),
            ["lab", "networks", var network] => lab.AllNetworks.FirstOrDefault(n => n.Name == network)?.Subnet.ToString(),
            _ => null,
        };
    }
}
