using System.CommandLine;
using Lab.Core.Errors;
using Lab.Core.Loading;

namespace Lab.Cli;

/// <summary>
/// The host names `--help` shows, read from every lab in labs/ rather than written once for Galera. Only when help is
/// asked for: loading each lab.yaml is not worth it on every run.
/// </summary>
internal static class HostHelp
{
    public const string ArgumentName = "host";

    public static void Describe(Command root, LabCatalog catalog)
    {
        string text;
        try
        {
            var labs = catalog.LabNames;
            if (labs.Count == 0) return;
            text = "Host name from the instance's lab: " +
                   string.Join("; ", labs.Select(l => $"{l}: {string.Join(", ", catalog.Load(l).Hosts.Select(h => h.Name))}"));
        }
        catch (LabException)
        {
            return; // no labs/ here, or a broken lab.yaml: the general description stays
        }
        foreach (var command in root.Subcommands)
            foreach (var argument in command.Arguments.Where(a => a.Name == ArgumentName))
                argument.Description = text;
    }
}
