using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Lab.Reports.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, as root (no sandbox), with a profile of its own per call: the rendered DOM and every
/// console line the page caused, or a screenshot. The report has no script at all, so any console line (an uncaught
/// error, a blocked load the content security policy refused) is a defect.
/// </summary>
public static partial class HeadlessChromium
{
    public const string Binary = "/usr/bin/chromium";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static bool Installed => File.Exists(Binary);

    /// <summary>
    /// Opens the page once: the DOM after it loaded (--dump-dom), the console lines it logged (--enable-logging=stderr),
    /// and, when <paramref name="screenshot"/> is given, a PNG of its first <paramref name="height"/> pixels at
    /// <paramref name="width"/> wide.
    /// </summary>
    public static async Task<(string Dom, IReadOnlyList<string> Console)> LoadAsync(string file, string? screenshot = null, int width = 1400, int height = 2000)
    {
        string[] shot = screenshot is null ? [] : ["--hide-scrollbars", $"--window-size={width},{height}", $"--screenshot={Path.GetFullPath(screenshot)}"];
        if (screenshot is not null) File.Delete(screenshot);
        var (stdout, stderr) = await RunAsync([.. shot, "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(Path.GetFullPath(file)).AbsoluteUri]);
        if (screenshot is not null && !File.Exists(screenshot)) throw new InvalidOperationException($"chromium wrote no screenshot to {screenshot}:\n{stderr}");
        var console = stderr.Split('\n').Where(l => ConsoleLine().IsMatch(l)).Select(l => l.Trim()).ToList();
        return (stdout, console);
    }

    // Chromium logs every console message of a page, whatever its level, as ":INFO:CONSOLE(line)]" or ":INFO:CONSOLE:line]".
    [GeneratedRegex(@":CONSOLE[:(]\d+")]
    private static partial Regex ConsoleLine();

    private static async Task<(string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var profile = Directory.CreateTempSubdirectory("lab-chromium-");
        try
        {
            var psi = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", $"--user-data-dir={profile.FullName}" }.Concat(args))
                psi.ArgumentList.Add(a);
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds:0} s:\n{await stderr}");
            }
            if (process.ExitCode != 0) throw new InvalidOperationException($"chromium {string.Join(' ', args)} exited {process.ExitCode}:\n{await stderr}");
            return (await stdout, await stderr);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
