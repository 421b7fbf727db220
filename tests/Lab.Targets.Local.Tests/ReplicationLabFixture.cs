namespace Lab.Targets.Local.Tests;

/// <summary>The replication lab (primary, replica1-2, client), shared by the tests of <see cref="ReplicationLabCollection"/>.</summary>
public sealed class ReplicationLabFixture() : LocalLabFixture("replication", "itr");

[CollectionDefinition(Name)]
public sealed class ReplicationLabCollection : ICollectionFixture<ReplicationLabFixture>
{
    public const string Name = "replication lab";
}
