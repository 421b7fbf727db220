using System.Text.Json;

namespace Lab.Instances.Class;

/// <summary>A student's place in a class: who they are, the account they use, and the one instance they own.</summary>
public sealed record ClassSeat(string Student, string User, int Uid, string Instance);

/// <summary>
/// A class on this machine, written by `lab class up` before any instance is made, so `lab class down` finds them all
/// even after an interrupted up, and so a student's own commands know which instance is theirs.
/// </summary>
/// <param name="SudoRule">The sudoers file and wrapper this class installed (`lab class sudo-rule --install`), removed with the class.</param>
public sealed record ClassRecord(string Name, string Lab, DateTimeOffset CreatedUtc, IReadOnlyList<ClassSeat> Seats, InstalledSudoRule? SudoRule = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string Dir(LocalLayout layout) => Path.Combine(layout.StateRoot, "classes");
    public static string FileOf(LocalLayout layout, string name) => Path.Combine(Dir(layout), name + ".json");

    /// <summary>Where refused attempts are written: one line each, kept after the class is gone (for the instructor).</summary>
    public static string AccessLog(LocalLayout layout) => Path.Combine(Dir(layout), "access.log");

    public static IReadOnlyList<ClassRecord> All(LocalLayout layout) =>
        Directory.Exists(Dir(layout))
            ? Directory.GetFiles(Dir(layout), "*.json").Order(StringComparer.Ordinal)
                .Select(f => JsonSerializer.Deserialize<ClassRecord>(File.ReadAllText(f), Json)).OfType<ClassRecord>().ToList()
            : [];

    public static ClassRecord? TryLoad(LocalLayout layout, string name) =>
        File.Exists(FileOf(layout, name)) ? JsonSerializer.Deserialize<ClassRecord>(File.ReadAllText(FileOf(layout, name)), Json) : null;

    /// <summary>The seat of a Unix account in any class on this machine.</summary>
    public static StudentSeat? SeatOf(LocalLayout layout, string user) =>
        All(layout).SelectMany(c => c.Seats.Where(s => s.User == user).Select(s => new StudentSeat(c.Name, s))).FirstOrDefault();

    public void Save(LocalLayout layout)
    {
        Directory.CreateDirectory(Dir(layout));
        File.WriteAllText(FileOf(layout, Name), JsonSerializer.Serialize(this, Json));
    }

    public void Delete(LocalLayout layout) => File.Delete(FileOf(layout, Name));
}

/// <summary>A seat with the name of its class.</summary>
public sealed record StudentSeat(string Class, ClassSeat Seat);

/// <summary>The files a class's sudo rule put on the machine.</summary>
public sealed record InstalledSudoRule(string SudoersFile, string Wrapper);
