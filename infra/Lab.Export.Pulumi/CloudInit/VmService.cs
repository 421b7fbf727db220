namespace Lab.Export.Pulumi.CloudInit;

/// <summary>How one lab service is installed and prepared on a Debian VM by cloud-init.</summary>
/// <param name="Packages">Debian packages the service needs.</param>
/// <param name="Files">Extra files the VM needs for the service (systemd units).</param>
/// <param name="FirstBoot">Commands run once, after the packages and files are in place (cloud-init runcmd).</param>
public sealed record VmService(string Name, IReadOnlyList<string> Packages, IReadOnlyList<PlumbingFile> Files, IReadOnlyList<string[]> FirstBoot);
