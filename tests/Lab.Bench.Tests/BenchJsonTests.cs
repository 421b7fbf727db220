using System.Text.Json;
using Lab.Bench;

namespace Lab.Bench.Tests;

public sealed class BenchJsonTests
{
    private static BenchReport Sample(bool withDensity = true)
    {
        var up = new UpReport(3, SampleStats.Of([4.1, 4.3, 4.0]), SampleStats.Of([15.0, 16.0, 14.5]), 3.66, SampleStats.Of([0.3]), [], ["cluster formed (2.00s)"], []);
        var scenarios = new ScenarioSuiteReport("bench-ab12-s", 4.2, 80, 60, 10,
            [new ScenarioTiming("haproxy-failover", true, 20.5, 15.0, 3.0, 2.5, 1.0, 6.2, null)]);
        var density = withDensity
            ? new DensityReport(10, "parallel", 2, 40.0, true, [], SampleStats.Of([8.0, 9.0]), SampleStats.Of([101.0, 99.5]), 2000, 2500, 8.0,
                [new NodeMemory("bench-ab12-d1", "db1", 4242, 101.0, 75.0, 26.0, 80.5)], SampleStats.Of([75.0]), SampleStats.Of([80.5]),
                new AioUsage(0, 0, 65536))
            : null;
        var machine = new MachineInfo(2, 24103, "6.1.0", "mariadbd Ver 10.11", "Galera 4.23(rXXXX)", "26.4.23(rXXXX)");
        return new BenchReport(DateTimeOffset.Parse("2026-11-21T06:00:00Z"), 300.5, machine, up, scenarios, density,
            TargetChecks.From(up, scenarios, density, 10), ["shared machine"]);
    }

    [Fact]
    public void Given_a_report_When_serialised_Then_every_name_is_snake_case_at_every_level()
    {
        using var doc = JsonDocument.Parse(BenchJson.Serialize(Sample()));

        var bad = Names(doc.RootElement).Where(n => n.Any(char.IsUpper) || n.Contains('-')).ToList();
        Assert.True(bad.Count == 0, $"names not in snake_case: {string.Join(", ", bad)}");
    }

    [Fact]
    public void Given_a_report_When_serialised_Then_the_measurements_the_issue_asks_for_are_where_a_reader_looks()
    {
        using var doc = JsonDocument.Parse(BenchJson.Serialize(Sample()));
        var root = doc.RootElement;

        Assert.Equal(4.1, root.GetProperty("up").GetProperty("up_seconds").GetProperty("median").GetDouble());
        Assert.Equal(15.0, root.GetProperty("up").GetProperty("baseline_up_seconds").GetProperty("median").GetDouble());
        Assert.Equal(3.66, root.GetProperty("up").GetProperty("baseline_ratio").GetDouble());
        Assert.Equal(3, root.GetProperty("up").GetProperty("up_seconds").GetProperty("samples").GetArrayLength());
        Assert.Equal(0.3, root.GetProperty("up").GetProperty("down_seconds").GetProperty("min").GetDouble());
        var scenario = root.GetProperty("scenarios").GetProperty("scenarios")[0];
        Assert.Equal(15.0, scenario.GetProperty("waiting_on_database_seconds").GetDouble());
        Assert.Equal(6.2, scenario.GetProperty("longest_interruption_seconds").GetDouble());
        var density = root.GetProperty("density");
        Assert.Equal(99.5, density.GetProperty("rss_mib_per_mariadbd").GetProperty("min").GetDouble());
        Assert.Equal(2500, density.GetProperty("mem_available_drop_mib").GetDouble());
        Assert.Equal(80.5, density.GetProperty("pss_mib_per_mariadbd").GetProperty("median").GetDouble());
        Assert.Equal(75.0, density.GetProperty("nodes")[0].GetProperty("rss_anon_mib").GetDouble());
        Assert.Equal(65536, density.GetProperty("aio").GetProperty("max").GetInt64());
        Assert.Equal(1, root.GetProperty("scenarios").GetProperty("passed_count").GetInt32());
        Assert.Equal(0, root.GetProperty("scenarios").GetProperty("failed_count").GetInt32());
        Assert.Equal("Galera 4.23(rXXXX)", root.GetProperty("machine").GetProperty("galera_version").GetString());
        Assert.True(root.GetProperty("targets").GetProperty("up_within5s").GetBoolean(), BenchJson.Serialize(Sample()));
    }

    [Fact]
    public void Given_a_skipped_section_When_serialised_Then_it_is_null_rather_than_missing()
    {
        using var doc = JsonDocument.Parse(BenchJson.Serialize(Sample(withDensity: false)));

        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("density").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("targets").GetProperty("rss_per_node_at_most64_mib").ValueKind);
    }

    [Fact]
    public void Given_a_file_in_a_new_directory_When_written_Then_the_directory_is_made_and_the_json_reads_back()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"bench-json-{Guid.NewGuid():N}");
        var file = Path.Combine(dir, "out.json");
        try
        {
            BenchJson.Write(Sample(), file);

            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            Assert.Equal(300.5, doc.RootElement.GetProperty("total_seconds").GetDouble());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    private static IEnumerable<string> Names(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Names(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Names),
        _ => [],
    };
}
