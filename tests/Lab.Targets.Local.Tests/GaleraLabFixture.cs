namespace Lab.Targets.Local.Tests;

/// <summary>The galera lab (db1-3, haproxy, client), shared by the tests of <see cref="GaleraLabCollection"/>.</summary>
public sealed class GaleraLabFixture() : LocalLabFixture("galera", "itg");

[CollectionDefinition(Name)]
public sealed class GaleraLabCollection : ICollectionFixture<GaleraLabFixture>
{
    public const string Name = "galera lab";
}
