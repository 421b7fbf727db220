namespace Lab.Core.Model;

/// <summary>
/// One of a lab's networks (a bridge of its own): LVS-NAT needs a public side and a private side behind the director.
/// A lab with a single `network:` has one, named <see cref="DefaultName"/>.
/// </summary>
public sealed record NetworkDefinition(string Name, Ipv4Subnet Subnet)
{
    public const string DefaultName = "lan";
}
