namespace Lab.Instances.Class;

/// <summary>Appends each refused attempt to the classes' access log, so the instructor sees who tried what.</summary>
public static class AccessLog
{
    public static void Refused(LocalLayout layout, Caller caller, string command, string reason)
    {
        var file = ClassRecord.AccessLog(layout);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.AppendAllText(file, $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} refused user={caller.User} uid={caller.Uid} command=\"{command}\" reason=\"{reason}\"\n");
    }
}
