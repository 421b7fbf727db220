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

    [Fact]
    public void Given_status_and_smaps_rollup_When_parsed_Then_rss_anon_file_and_pss_are_in_mib()
    {
        const string status = "VmRSS:\t   83968 kB\nRssAnon:\t   57344 kB\nRssFile:\t   26624 kB\nRssShmem:\t       0 kB\n";
        const string rollup = "7ffd-7ffe ---p 00000000 00:00 0  [rollup]\nRss:              83968 kB\nPss:              59392 kB\nPss_Anon:  57344 kB\n";

        var m = ProcessMemory.Parse(status, rollup);

        Assert.Equal(new ProcessMemory(82.0, 56.0, 26.0, 58.0), m);
    }

    [Fact]
    public void Given_a_kernel_without_smaps_rollup_When_parsed_Then_pss_is_unknown_not_zero()
    {
        Assert.Null(ProcessMemory.Parse("VmRSS:\t 1024 kB\n", null)!.PssMib);
    }

    [Fact]
    public void Given_this_test_process_When_reading_its_memory_Then_its_own_and_shared_pages_add_up_to_its_rss()
    {
        var m = ProcMemory.Of(Environment.ProcessId);

        Assert.True(m is { PssMib: > 0 } && m.RssAnonMib > 0 && m.RssFileMib > 0 && m.PssMib <= m.RssMib + 1 &&
                    Math.Abs(m.RssAnonMib + m.RssFileMib - m.RssMib) < 16, $"got {m}");
    }

    [Fact]
    public void Given_a_process_that_is_gone_When_reading_its_memory_Then_null()
    {
        Assert.Null(ProcMemory.Of(int.MaxValue));
    }
}
