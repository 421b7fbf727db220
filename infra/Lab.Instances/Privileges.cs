using Lab.Core.Errors;

namespace Lab.Instances;

/// <summary>Targets that build hosts on this machine (namespaces, mounts, containers) need root; say so before anything is made.</summary>
public static class Privileges
{
    public static void RequireRoot(string why)
    {
        if (!Native.IsRoot) throw new PreflightException($"{why}: run as root (sudo ./lab ...)");
        if (Rootless.RootlessMode.Active)
            throw new PreflightException($"{why}: run as root (sudo ./lab ...); without root, lab runs the local target only (rootless mode)");
    }
}
