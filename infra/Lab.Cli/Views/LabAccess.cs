using Lab.Core.Endpoints;
using Lab.Core.Instances;
using Lab.Instances;

namespace Lab.Cli.Views;

/// <summary>
/// How a client outside the lab reaches it: every endpoint (HAProxy or the VIP, each server) with where it is published
/// on this machine's loopback, and the application account with its password file. What `--json` and `lab env` print.
/// </summary>
/// <param name="PasswordFile">The 0600 file holding only the app password; null when the lab has no MariaDB.</param>
internal sealed record LabAccess(LabInstance Instance, IReadOnlyList<LabAccess.Endpoint> Endpoints, string? PasswordFile)
{
    /// <summary>One endpoint and, where the target publishes it, its 127.0.0.1 port.</summary>
    internal sealed record Endpoint(LabEndpoint Lab, PublishedEndpoint? Published);

    public Endpoint? Entry => Endpoints.FirstOrDefault(e => e.Lab.IsEntry);

    /// <summary>Reads the instance's endpoints and makes sure its password file exists (an instance from an older `up` lacks it).</summary>
    public static LabAccess Of(LabInstance instance, LocalLayout layout)
    {
        var endpoints = LabEndpoints.For(instance.Lab)
            .Select(e => new Endpoint(e, instance.Published.FirstOrDefault(p => p.Endpoint.Name == e.Name)))
            .ToList();
        var file = endpoints.Count == 0 ? null : AppPasswordFile.Ensure(layout, instance.Name, instance.Secrets);
        return new LabAccess(instance, endpoints, file);
    }
}
