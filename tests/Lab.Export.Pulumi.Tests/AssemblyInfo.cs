// The CLI tests run the real `lab` command tree, whose local target exists only on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
