using System.Runtime.InteropServices;

namespace Lab.Targets.Local.HostCommands;

/// <summary>
/// How a program inside a host runs this same tool again: the dotnet host this process runs on and the `lab.dll` next
/// to it. The host's mount namespace is a copy of the machine's, so both paths are visible there as they are here.
/// </summary>
/// <param name="Dotnet">The dotnet executable (the runtime's own root, not whatever `dotnet` is first on PATH).</param>
/// <param name="Dll">The CLI's entry assembly.</param>
public sealed record LabTool(string Dotnet, string Dll)
{
    /// <summary>
    /// The running tool, or null when this process has no `lab.dll` beside it (a program that only references the
    /// target): the shims then explain what to use instead.
    /// </summary>
    public static LabTool? Current()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "lab.dll");
        // .../shared/Microsoft.NETCore.App/<version>/ : three levels up is the dotnet root.
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/'));
        var dotnet = runtime.Parent?.Parent?.Parent is { } root ? Path.Combine(root.FullName, "dotnet") : null;
        return File.Exists(dll) && dotnet is not null && File.Exists(dotnet) ? new LabTool(dotnet, dll) : null;
    }
}
