using Lab.Core.Hosts;
using Lab.Core.Messages;

namespace Lab.Core.Scenarios;

/// <summary>
/// The wsrep_provider_options a node is started with when a scenario adds some: the host's own configuration (as the
/// server reads it, every option file and group, from `my_print_defaults --mysqld`) with the given options put over
/// it key by key. Read on the host itself, so every target merges into what that host really has.
/// </summary>
public static class MergedProviderOptions
{
    public const string PrintDefaults = "my_print_defaults --mysqld";

    /// <summary>The merged options, e.g. "gcache.size=1M;evs.join_retrans_period=PT0.1S" for given "gcache.size=1M".</summary>
    public static async Task<string> ForAsync(ILabHost host, string given, Language language, CancellationToken ct)
    {
        var result = await host.RunAsync(PrintDefaults, timeout: TimeSpan.FromSeconds(15), ct: ct);
        if (!result.Ok) throw new ScenarioStepException(EngineText.Values.CannotReadConfiguration.In(language, host.Name, result.Describe()));
        // The server takes the last occurrence; option files write it either way.
        var configured = result.Stdout.Split('\n', StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("--wsrep_provider_options=", StringComparison.Ordinal) || l.StartsWith("--wsrep-provider-options=", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf('=') + 1)..]).LastOrDefault();
        var own = ProviderOptionList.Empty;
        if (configured is not null && !ProviderOptionList.TryParse(configured, out own, out var problem))
            throw new ScenarioStepException($"{host.Name}: wsrep_provider_options in its configuration ({configured}): {problem}");
        if (!ProviderOptionList.TryParse(given, out var added, out var wrong))
            throw new ScenarioStepException($"{host.Name}: provider_options {given}: {wrong}");
        return own.MergedWith(added).ToString();
    }

    public static string Argument(string merged) => "--wsrep_provider_options=" + merged;

    public static string UndoKey(string host) => $"provider-options {host}";

    /// <summary>
    /// At the end of a scenario that left a node running with added options: stop it and start it with its own
    /// configuration. A node the scenario left down is left to the health restore, whose next start is plain anyway.
    /// </summary>
    public static async Task RestartWithOwnAsync(ILabHost host, string service, CancellationToken ct)
    {
        if ((await host.StatusAsync(service, ct)).State == ServiceState.Stopped) return;
        await host.StopAsync(service, ct);
        await host.StartAsync(service, [], ct);
    }
}
