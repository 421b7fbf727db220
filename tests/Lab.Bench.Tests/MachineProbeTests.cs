using Lab.Bench;

namespace Lab.Bench.Tests;

public sealed class MachineProbeTests
{
    [Fact]
    public void Given_an_error_log_with_the_provider_load_line_When_parsed_Then_the_Galera_version_is_found()
    {
        const string log = "2026-11-21  6:04:58 0 [Note] WSREP: wsrep_load(): loading provider library '/usr/lib/galera/libgalera_smm.so'\n" +
                           "2026-11-21  6:04:58 0 [Note] WSREP: wsrep_load(): Galera 4.23(rXXXX) by Codership Oy <info@codership.com> loaded successfully.\n";

        Assert.Equal("Galera 4.23(rXXXX)", MachineProbe.ParseGaleraVersion(log));
    }

    [Fact]
    public void Given_no_log_or_no_load_line_When_parsed_Then_the_version_is_null()
    {
        Assert.Null(MachineProbe.ParseGaleraVersion(null));
        Assert.Null(MachineProbe.ParseGaleraVersion("2026-11-21 [Note] Starting MariaDB\n"));
    }
}
