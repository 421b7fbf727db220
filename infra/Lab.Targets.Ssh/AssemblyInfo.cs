// ssh, systemd-nspawn, network namespaces and /proc exist only on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
