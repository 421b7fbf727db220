// Namespaces, nsenter and /proc exist only on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
// Each test class here drives real MariaDB/Galera processes; on a 2-core machine they run one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
