using System.Text;
using System.Text.RegularExpressions;
using Lab.Core.Hosts;

namespace Lab.Core.Tests.Support;

/// <summary>
/// The shell commands the engine runs to look at files and logs (stat for a size or mode, tail for what a log says),
/// answered from <see cref="FakeFiles"/> with the bytes and exit codes coreutils would give.
/// </summary>
public static partial class FakeFileCommands
{
    [GeneratedRegex(@"^stat -c %s (\S+)")]
    private static partial Regex Size();

    [GeneratedRegex(@"^stat -c '%a %U' '([^']+)'$")]
    private static partial Regex ModeAndOwner();

    [GeneratedRegex(@"^tail -c \+(\d+) (\S+)")]
    private static partial Regex FromByte();

    [GeneratedRegex(@"^tail -n (\d+) (\S+)")]
    private static partial Regex LastLines();

    /// <summary>The command's result, or null when it is not one of these commands.</summary>
    public static CommandResult? TryAnswer(string command, FakeFiles files)
    {
        if (Size().Match(command) is { Success: true } size)
            // The engine appends `|| echo 0`: a missing log reads as size 0, as the real shell line prints.
            return files[size.Groups[1].Value] is { } f ? Ok($"{f.Size}\n") : Ok("0\n");
        if (ModeAndOwner().Match(command) is { Success: true } mode)
            return files[mode.Groups[1].Value] is { } f
                ? Ok($"{Convert.ToString(Convert.ToInt32(f.Mode, 8), 8)} {f.Owner}\n") // %a prints the mode without a leading 0
                : Missing("stat", mode.Groups[1].Value);
        if (FromByte().Match(command) is { Success: true } from)
        {
            if (files.Read(from.Groups[2].Value) is not { } text) return Missing("tail", from.Groups[2].Value);
            var bytes = Encoding.UTF8.GetBytes(text);
            var start = (int)Math.Min(bytes.Length, Math.Max(0, long.Parse(from.Groups[1].Value) - 1)); // +N is 1-based
            return Ok(Encoding.UTF8.GetString(bytes, start, bytes.Length - start));
        }
        if (LastLines().Match(command) is { Success: true } last)
        {
            if (files.Read(last.Groups[2].Value) is not { } text) return Missing("tail", last.Groups[2].Value);
            var lines = text.EndsWith('\n') ? text[..^1].Split('\n') : text.Split('\n');
            var tail = lines.TakeLast(int.Parse(last.Groups[1].Value)).ToList();
            return Ok(text.Length == 0 ? "" : string.Join('\n', tail) + (text.EndsWith('\n') ? "\n" : ""));
        }
        return null;
    }

    private static CommandResult Ok(string stdout) => new(0, stdout, "");

    // The engine sends stderr to /dev/null for logs; the exit code is what is left of the error.
    private static CommandResult Missing(string tool, string path) => new(1, "", $"{tool}: cannot open '{path}' for reading: No such file or directory\n");
}
