using Lab.Bench;

namespace Lab.Bench.Tests;

public sealed class SampleStatsTests
{
    [Fact]
    public void Given_an_odd_number_of_samples_When_summarised_Then_the_median_is_the_middle_one()
    {
        var stats = SampleStats.Of([4.2, 3.9, 5.1]);

        Assert.True(stats.Median == 4.2, $"median was {stats.Median}");
        Assert.True(stats.Min == 3.9 && stats.Max == 5.1, $"min/max were {stats.Min}/{stats.Max}");
        Assert.Equal([3.9, 4.2, 5.1], stats.Samples);
    }

    [Fact]
    public void Given_an_even_number_of_samples_When_summarised_Then_the_median_is_the_mean_of_the_middle_two()
    {
        var stats = SampleStats.Of([1.0, 4.0, 2.0, 3.0]);

        Assert.True(stats.Median == 2.5, $"median was {stats.Median}");
    }

    [Fact]
    public void Given_one_sample_When_summarised_Then_median_min_and_max_are_that_sample()
    {
        var stats = SampleStats.Of([7.25]);

        Assert.True(stats is { Median: 7.25, Min: 7.25, Max: 7.25 }, $"got {stats}");
    }

    [Fact]
    public void Given_samples_with_many_digits_When_summarised_Then_they_are_rounded_to_milliseconds()
    {
        var stats = SampleStats.Of([1.23456, 1.0004]);

        Assert.True(stats.Max == 1.235 && stats.Min == 1.0, $"got min {stats.Min}, max {stats.Max}");
    }

    [Fact]
    public void Given_no_samples_When_summarised_Then_Of_refuses_and_OfOrNull_says_null()
    {
        Assert.Throws<ArgumentException>(() => SampleStats.Of([]));
        Assert.Null(SampleStats.OfOrNull([]));
    }
}
