namespace Lab.Instances.Rootless;

/// <summary>
/// Makes a directory of the machine writable inside the holder's mount namespace without changing it for anyone else:
/// the directory is bind-mounted aside, a private tmpfs goes over it, and every entry it had is put back (directories
/// and files bind-mounted from the aside copy, symbolic links recreated). New entries then land in the tmpfs only.
/// This is how /run gets its own /run/netns and /run/lab, and how a lab gets a mount point the machine lacks
/// (/var/log/haproxy), where only the machine's root could create them.
/// </summary>
public static class ShadowedDirectory
{
    /// <summary>The tmpfs's source name: what /proc/self/mountinfo shows for a shadowed directory.</summary>
    public const string Source = "lab-rootless";

    /// <summary>
    /// The shell function: shadow DIR ASIDE [NAME...]; NAMEs are entries not put back (the machine's own /run/netns
    /// holds root's namespaces, never the user's). --rbind everywhere: a plain bind of a tree with mounts inherited from
    /// the machine's namespace is refused in a user namespace.
    /// </summary>
    public const string Function = """
        shadow() {
          d=$1; s=$2; shift 2
          mode=$(stat -c %a "$d")
          mkdir -p "$s"
          mount --rbind "$d" "$s"
          mount -t tmpfs -o mode="$mode" lab-rootless "$d"
          for p in "$s"/* "$s"/.[!.]* "$s"/..?*; do
            [ -e "$p" ] || [ -L "$p" ] || continue
            n=${p##*/}
            case " $* " in *" $n "*) continue;; esac
            if [ -L "$p" ]; then ln -sfn "$(readlink "$p")" "$d/$n"
            elif [ -d "$p" ]; then mkdir -p "$d/$n"; mount --rbind "$p" "$d/$n"
            else [ -e "$d/$n" ] || : > "$d/$n"; mount --bind "$p" "$d/$n"; fi
          done
        }
        """;

    /// <summary>True when <paramref name="dir"/> is already shadowed in this mount namespace.</summary>
    public static bool IsShadowed(string dir) =>
        File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')).Any(f =>
        {
            var dash = Array.IndexOf(f, "-");
            return f.Length > 4 && f[4] == dir && dash > 0 && dash + 2 < f.Length && f[dash + 1] == "tmpfs" && f[dash + 2] == Source;
        });

    /// <summary>Shadows <paramref name="dir"/> (from inside the holder), keeping the aside copy under <paramref name="asideRoot"/>.</summary>
    public static async Task ShadowAsync(string dir, string asideRoot, CancellationToken ct)
    {
        if (IsShadowed(dir)) return;
        await ProcessRunner.RequireAsync("sh", ["-ec", Function + "\nshadow \"$@\"", "shadow", dir, AsidePath(asideRoot, dir)], ct: ct);
    }

    /// <summary>Where the machine's <paramref name="dir"/> stays reachable: /var/log → ASIDE/var-log.</summary>
    public static string AsidePath(string asideRoot, string dir) => Path.Combine(asideRoot, dir.Trim('/').Replace('/', '-'));
}
