using Lab.Bench;

namespace Lab.Bench.Tests;

public sealed class ProcMemoryTests
{
    private const string Status = "Name:\tmariadbd\nVmPeak:\t 1371240 kB\nVmRSS:\t  104412 kB\nRssAnon:\t   61260 kB\n";
    private const string MemInfo = "MemTotal:       24681340 kB\nMemFree:        23597260 kB\nMemAvailable:   24094208 kB\n";

    [Fact]
    public void Given_a_proc_status_with_tabs_When_reading_VmRSS_Then_the_kib_value_is_returned()
    {
        Assert.Equal(104412, ProcMemory.KibField(Status, "VmRSS"));
    }

    [Fact]
    public void Given_meminfo_with_spaces_When_reading_MemAvailable_Then_the_kib_value_is_returned()
    {
        Assert.Equal(24094208, ProcMemory.KibField(MemInfo, "MemAvailable"));
    }

    [Fact]
    public void Given_a_field_that_is_only_a_prefix_of_another_When_reading_Then_only_the_exact_name_matches()
    {
        Assert.Null(ProcMemory.KibField("VmRSSx:\t 1 kB\n", "VmRSS"));
        Assert.Null(ProcMemory.KibField(Status, "VmSwap"));
    }

    [Fact]
    public void Given_this_test_process_When_reading_its_own_rss_Then_it_is_a_positive_number_of_mib()
    {
        var rss = ProcMemory.RssMib(Environment.ProcessId);

        Assert.True(rss is > 1 and < 100_000, $"own RSS was {rss}");
    }
}
