using Lab.Core.Errors;
using Lab.Core.Rendering;

namespace Lab.Export.Pulumi.Azure;

/// <summary>
/// Files that carry a password never travel in customData (every VM keeps its customData readable in
/// /var/lib/cloud and the Azure API). They are written by a command resource instead: its script reads the files from
/// the command's stdin, a secret input, so the passwords exist only in the encrypted stack state and on the VM, in
/// the file, with its own owner and mode.
/// </summary>
public static class SecretFiles
{
    public const string EndMarker = "LAB_FILE_END";

    /// <summary>A rendered file holds a secret when `lab render` with token secrets put a token in it.</summary>
    public static bool CarriesSecret(RenderedFile file) => file.Content.Contains("LABSECRET:", StringComparison.Ordinal);

    public static string CommandName(string host) => $"{host}-secret-files";

    /// <summary>
    /// A shell script for `sh -e -s` as root writing each file byte for byte (tokens still in; the caller splices).
    /// Created empty with its final mode and owner first, so the content is never readable by anyone else.
    /// </summary>
    public static string Script(string host, IEnumerable<RenderedFile> files)
    {
        var text = $"# {host}: the files that carry passwords, from this command's secret stdin.\numask 077\n";
        foreach (var f in files)
        {
            if (f.Content.Split('\n').Contains(EndMarker))
                throw new LabInputException($"host {host}: {f.Path} contains a line '{EndMarker}', which ends the file's here-document early");
            text += $"mkdir -p '{Path.GetDirectoryName(f.Path)}'\n" +
                    $"install -m {f.Mode} -o {f.Owner} -g {f.Owner} /dev/null '{f.Path}'\n";
            // A here-document always ends its text with a newline: drop that one byte when the file has none.
            var (body, writer) = f.Content.EndsWith('\n') ? (f.Content, "cat") : (f.Content + "\n", "head -c -1");
            text += $"{writer} > '{f.Path}' <<'{EndMarker}'\n{body}{EndMarker}\n";
        }
        return text;
    }
}
