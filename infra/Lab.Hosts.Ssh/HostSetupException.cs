namespace Lab.Hosts.Ssh;

/// <summary>A host cannot become a lab host as it is (wrong distribution, missing packages); the message says what to do.</summary>
public sealed class HostSetupException(string message) : Lab.Core.Errors.LabException(message);
