using Lab.Cli;
using Spectre.Console;

// Not root: a command on local-target instances runs again inside the user's own namespaces (rootless mode).
if (await RootlessEntry.RunInsideAsync(args, Console.Error) is { } rootless) return rootless;

// In a CI log or a pipe there is no terminal to measure: no colour codes, and lines wide enough that a
// file:line error message is never split.
var console = Console.IsOutputRedirected
    ? AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(Console.Out) })
    : AnsiConsole.Console;
if (Console.IsOutputRedirected) console.Profile.Width = 200;
return await LabApp.RunAsync(args, console, childrenShareStdout: true, error: Console.Error,
    terminal: !Console.IsInputRedirected && !Console.IsOutputRedirected);
