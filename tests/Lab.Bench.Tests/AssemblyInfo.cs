// The project under test targets Linux only (it measures the local target).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
