// Namespaces, nsenter and /proc exist only on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
// Lab.Testing removes a dead test process's instances under a lock of its own, taken the same way.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Lab.Testing")]
