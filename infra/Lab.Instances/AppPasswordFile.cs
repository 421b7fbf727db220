using Lab.Core.Secrets;

namespace Lab.Instances;

/// <summary>
/// The application account's password alone in a 0600 file in the instance directory, so a CI job or a test reads it
/// with `cat` (or `-p"$(cat FILE)"`) instead of the tool printing it where logs keep it. It goes with the directory at
/// `lab down`.
/// </summary>
public static class AppPasswordFile
{
    /// <summary>The account every MariaDB lab creates for clients (templates/*/accounts.sql.hbs).</summary>
    public const string User = "app";

    public const string FileName = "app-password";

    public static string PathOf(LocalLayout layout, string instance) => System.IO.Path.Combine(layout.InstanceDir(instance), FileName);

    /// <summary>Writes the file unless it already holds this password; returns its path.</summary>
    public static string Ensure(LocalLayout layout, string instance, LabSecrets secrets)
    {
        var file = PathOf(layout, instance);
        var password = secrets["app_password"];
        if (File.Exists(file) && File.ReadAllText(file) == password) return file;
        // Created empty with 0600 first, so the password is never readable by others, not even briefly.
        using (File.Create(file)) { }
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(file, password);
        return file;
    }
}
