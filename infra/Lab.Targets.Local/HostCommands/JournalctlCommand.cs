using Lab.Core.Services;

namespace Lab.Targets.Local.HostCommands;

/// <summary>
/// `journalctl -u UNIT [-n N] [-f]`: a namespace host has no journal; a service's journal is its log file (the
/// service's standard output and error, as systemd would collect them), printed as it is.
/// </summary>
public static class JournalctlCommand
{
    public static async Task<int> RunAsync(HostServiceSession session, IReadOnlyList<string> args, CancellationToken ct)
    {
        string? unit = null;
        int? lines = null;
        var follow = false;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            if (a.StartsWith("--unit=", StringComparison.Ordinal)) unit = a[7..];
            else if (a == "--unit") unit = Value();
            else if (a.StartsWith("--lines=", StringComparison.Ordinal)) lines = ParseLines(a[8..]);
            else if (a == "--lines") lines = ParseLines(Value());
            else if (a is "--follow") follow = true;
            else if (a is "--no-pager" or "--pager-end" or "--catalog" or "--boot" or "--full" or "--no-hostname") { if (a == "--pager-end") lines ??= 1000; }
            else if (a.StartsWith('-') && !a.StartsWith("--", StringComparison.Ordinal) && a.Length > 1)
            {
                // Short options bundle as in `journalctl -xeu mariadb.service`; -u and -n take the rest or the next word.
                for (var c = 1; c < a.Length; c++)
                {
                    var flag = a[c];
                    if (flag is 'u' or 'n')
                    {
                        var value = c + 1 < a.Length ? a[(c + 1)..] : Value();
                        if (flag == 'u') unit = value; else lines = ParseLines(value);
                        break;
                    }
                    if (flag == 'f') follow = true;
                    else if (flag == 'e') lines ??= 1000;
                    else if (flag is not ('x' or 'b' or 'l' or 'a' or 'q'))
                        return session.Fail(1, $"journalctl: option -{flag} is not available on this lab host; use: journalctl -u <service> [-n N] [-f]");
                }
            }
            else return session.Fail(1, $"journalctl: '{a}' is not available on this lab host; use: journalctl -u <service> [-n N] [-f]");
        }
        if (unit is null)
            return session.Fail(1, $"journalctl: this lab host keeps one log per service; name it: journalctl -u <service> [-n N] [-f] (services here: {string.Join(", ", session.Units.All.Select(u => u.Unit))})");
        if (session.Units.Find(unit) is not { } found)
        {
            session.Out.WriteLine("-- No entries --"); // what journalctl prints for a unit that never logged here
            return 0;
        }
        var path = ServiceCatalog.Get(found.Service).LogPath;
        var tail = LogTail.Read(path, lines ?? (follow ? 10 : int.MaxValue));
        foreach (var line in tail) session.Out.WriteLine(line);
        if (!follow) return 0;
        await FollowAsync(session.Out, path, ct);
        return 0;
    }

    private static int ParseLines(string? value) =>
        value is null or "all" ? int.MaxValue : int.TryParse(value.TrimStart('+'), out var n) && n >= 0 ? n : 10;

    /// <summary>Prints what the service appends until interrupted (Ctrl-C), as `journalctl -f` does.</summary>
    private static async Task FollowAsync(TextWriter output, string path, CancellationToken ct)
    {
        var position = File.Exists(path) ? new FileInfo(path).Length : 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var length = File.Exists(path) ? new FileInfo(path).Length : 0;
                if (length < position) position = 0; // truncated or replaced: read the new file from its start
                if (length > position)
                {
                    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    stream.Position = position;
                    using var reader = new StreamReader(stream);
                    output.Write(await reader.ReadToEndAsync(ct));
                    output.Flush();
                    position = stream.Position;
                }
                await Task.Delay(200, ct);
            }
        }
        catch (OperationCanceledException) { }
    }
}
