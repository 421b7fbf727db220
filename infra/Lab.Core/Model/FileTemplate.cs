namespace Lab.Core.Model;

/// <summary>One template rendered to one absolute path on a host.</summary>
/// <param name="Template">Path under <c>templates/</c>, e.g. <c>galera/60-galera.cnf.hbs</c>.</param>
/// <param name="Path">Absolute path on the host, as a student would find it on a VM.</param>
/// <param name="Mode">Octal file mode; files holding secrets are 0600.</param>
/// <param name="Owner">Unix owner name (root by default).</param>
public sealed record FileTemplate(string Template, string Path, string Mode, string Owner);
