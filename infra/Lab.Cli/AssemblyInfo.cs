// Namespaces, nsenter and /proc exist only on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// The tests read the views (LabAccess, ShellExports) without going through a real lab.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Lab.Cli.Tests")]
