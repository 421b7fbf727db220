using Lab.Core.Errors;

namespace Lab.Instances.Class;

/// <summary>
/// What lets students run `sudo lab ...` and nothing else as root: a wrapper script that runs this build of the tool
/// with this machine's state directory fixed (sudo drops the caller's environment), and a sudoers file that allows the
/// class's accounts exactly that wrapper, without a password. The tool itself then keeps each student to their own
/// instance (<see cref="Caller"/>, the class record).
/// </summary>
public sealed class SudoRule(ClassRecord @class, string wrapper, IReadOnlyList<string> toolCommand, LocalLayout layout, string labHome)
{
    public const string DefaultWrapper = "/usr/local/bin/lab";
    private const string Marker = "# Made by `lab class sudo-rule --install`";

    public string SudoersFile { get; } = $"/etc/sudoers.d/lab-class-{@class.Name}";

    public string SudoersText
    {
        get
        {
            var alias = "LAB_CLASS_" + new string(@class.Name.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
            return $"{Marker} for class {@class.Name}; `lab class down` removes it.\n" +
                   $"# The tool lets each of these accounts act only on the lab instance it owns.\n" +
                   $"User_Alias {alias} = {string.Join(", ", @class.Seats.Select(s => s.User))}\n" +
                   $"{alias} ALL=(root) NOPASSWD: {wrapper}\n";
        }
    }

    public string WrapperText =>
        "#!/bin/sh\n" +
        $"{Marker} for class {@class.Name}; `lab class down` removes it.\n" +
        "# sudo resets the environment: the project and this machine's lab state are fixed here.\n" +
        $"export LAB_HOME={Quote(labHome)} LAB_STATE_DIR={Quote(layout.StateRoot)} LAB_CACHE_DIR={Quote(layout.CacheRoot)}\n" +
        $"exec {string.Join(' ', toolCommand.Select(Quote))} \"$@\"\n";

    /// <summary>Writes the wrapper and the sudoers file (checked by visudo first, so a bad rule never breaks sudo).</summary>
    public async Task<InstalledSudoRule> InstallAsync(CancellationToken ct)
    {
        if (File.Exists(wrapper) && !File.ReadAllText(wrapper).Contains(Marker))
            throw new LabInputException($"{wrapper} exists and was not made by lab; choose another path for the students' command with --wrapper PATH");
        foreach (var dir in Ancestors(Path.GetDirectoryName(Path.GetFullPath(wrapper))!))
            if (Directory.Exists(dir) && (File.GetUnixFileMode(dir) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
                throw new LabInputException($"{dir} is writable by others, so a student could replace {wrapper}; choose a wrapper path in a directory only root writes (--wrapper PATH)");
        if (!File.Exists("/usr/sbin/visudo") && !File.Exists("/usr/bin/visudo"))
            throw new PreflightException("sudo is not installed (no visudo); install it: apt-get install sudo");

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(wrapper))!);
        await File.WriteAllTextAsync(wrapper, WrapperText, ct);
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                      UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var candidate = SudoersFile + ".new";
        await File.WriteAllTextAsync(candidate, SudoersText, ct);
        File.SetUnixFileMode(candidate, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        var check = await ProcessRunner.RunAsync("visudo", ["-c", "-f", candidate], ct: ct);
        if (check.ExitCode != 0)
        {
            File.Delete(candidate);
            throw new LabException($"visudo refused the rule for class {@class.Name}: {(check.Stdout + check.Stderr).Trim()}");
        }
        File.Move(candidate, SudoersFile, overwrite: true);
        return new InstalledSudoRule(SudoersFile, wrapper);
    }

    /// <summary>Removes what <see cref="InstallAsync"/> wrote, only if it still carries the tool's marker.</summary>
    public static IReadOnlyList<string> Remove(InstalledSudoRule rule)
    {
        var removed = new List<string>();
        foreach (var file in new[] { rule.SudoersFile, rule.Wrapper })
            if (File.Exists(file) && File.ReadAllText(file).Contains(Marker))
            {
                File.Delete(file);
                removed.Add(file);
            }
        return removed;
    }


    private static IEnumerable<string> Ancestors(string dir)
    {
        for (var d = dir; !string.IsNullOrEmpty(d); d = Path.GetDirectoryName(d)) yield return d;
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
