namespace Lab.Instances;

/// <summary>What the machine's mount table says (namespace files, overlays and bind mounts the tool made).</summary>
public static class MountPoints
{
    public static bool IsMountPoint(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd('/');
        return File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')).Any(f => f.Length > 4 && f[4] == full);
    }
}
