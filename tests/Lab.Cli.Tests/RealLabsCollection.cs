namespace Lab.Cli.Tests;

/// <summary>Every test class that needs the real labs shares one <see cref="RealLabsFixture"/>: the labs come up once.</summary>
[CollectionDefinition(Name)]
public sealed class RealLabsCollection : ICollectionFixture<RealLabsFixture>
{
    public const string Name = "real labs";
}
