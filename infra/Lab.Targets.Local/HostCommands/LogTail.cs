namespace Lab.Targets.Local.HostCommands;

/// <summary>The last lines of a service's log file, read from its end (a database's error log grows for the whole lab).</summary>
public static class LogTail
{
    public static IReadOnlyList<string> Read(string path, int lines)
    {
        if (lines <= 0 || !File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        // Read back from the end in blocks until enough newlines are in hand (one more: the file's last one ends a line).
        const int block = 64 * 1024;
        var start = stream.Length;
        var buffer = new List<byte>();
        while (start > 0 && buffer.Count(b => b == (byte)'\n') <= lines)
        {
            var size = (int)Math.Min(block, start);
            start -= size;
            var chunk = new byte[size];
            stream.Position = start;
            stream.ReadExactly(chunk);
            buffer.InsertRange(0, chunk);
        }
        var all = System.Text.Encoding.UTF8.GetString(buffer.ToArray()).TrimEnd('\n').Split('\n');
        if (all is [""]) return [];
        return all.Length > lines ? all[^lines..] : all;
    }
}
