namespace Lab.Export.Pulumi;

/// <summary>Writes a generated program into a folder, replacing the previous Pulumi.yaml only when it changed.</summary>
public static class PulumiExporter
{
    public static (string Path, bool Changed) Write(PulumiProgram program, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, PulumiProgram.FileName);
        if (File.Exists(path) && File.ReadAllText(path) == program.Text) return (path, false);
        // Write beside and rename, so an interrupted export never leaves half a program behind.
        var temp = path + ".tmp";
        File.WriteAllText(temp, program.Text);
        File.Move(temp, path, overwrite: true);
        return (path, true);
    }
}
