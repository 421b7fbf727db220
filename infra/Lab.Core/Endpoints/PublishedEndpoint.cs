namespace Lab.Core.Endpoints;

/// <summary>A lab endpoint made reachable from this machine's own loopback (see the local target's port forwards).</summary>
public sealed record PublishedEndpoint(LabEndpoint Endpoint, string LocalAddress, int LocalPort)
{
    public string Local => $"{LocalAddress}:{LocalPort}";
}
