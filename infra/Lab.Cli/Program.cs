using Lab.Cli;
using Spectre.Console;

return await LabApp.RunAsync(args, AnsiConsole.Console);
