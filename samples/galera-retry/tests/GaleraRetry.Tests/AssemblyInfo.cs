// The lab runs in Linux namespaces.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
