using Lab.Core.Replication;

namespace Lab.Labs.Tests;

public sealed class GtidPositionTests
{
    [Fact]
    public void Behind_counts_missing_transactions_per_domain()
    {
        var primary = GtidPosition.Parse("0-111-57,1-112-3");
        var replica = GtidPosition.Parse("0-111-50");

        Assert.Equal(7UL + 3UL, replica.Behind(primary));
        Assert.Equal(0UL, primary.Behind(replica));
        Assert.Equal(0UL, GtidPosition.Parse("").Behind(GtidPosition.Empty));
    }

    [Fact]
    public void A_bad_position_says_what_a_gtid_looks_like()
    {
        var e = Assert.Throws<FormatException>(() => GtidPosition.Parse("0-111"));
        Assert.Contains("domain-server-sequence", e.Message);
    }
}
