namespace Lab.Instances.Class;

/// <summary>
/// Who asked: root itself, or an ordinary account that came in through sudo (SUDO_USER/SUDO_UID, which sudo sets and
/// an ordinary user cannot forge without already being root).
/// </summary>
public sealed record Caller(string User, int Uid, bool ThroughSudo)
{
    public static Caller Current()
    {
        if (Native.IsRoot && Environment.GetEnvironmentVariable("SUDO_USER") is { Length: > 0 } user && user != "root" &&
            int.TryParse(Environment.GetEnvironmentVariable("SUDO_UID"), out var uid) && uid != 0)
            return new Caller(user, uid, true);
        return new Caller(Environment.UserName, Native.IsRoot ? 0 : -1, false);
    }
}
