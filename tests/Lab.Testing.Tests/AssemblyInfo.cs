// Namespaces, nsenter and /proc exist only on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
// Real MariaDB/Galera processes; on a 2-core machine the classes run one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
