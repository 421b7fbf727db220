// Namespaces, overlay mounts and systemd-nspawn exist only on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
