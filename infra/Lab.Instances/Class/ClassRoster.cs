using Lab.Core.Errors;
using Lab.Core.Instances;

namespace Lab.Instances.Class;

/// <summary>One line of a roster: the student's name (also their instance's name) and the Unix account they log in with.</summary>
public sealed record RosterEntry(string Student, string User, int Line);

/// <summary>
/// The instructor's `students.csv`: a header naming the columns `name` and `user` (any order, others ignored), then one
/// student per line. Blank lines and lines starting with # are skipped. Every mistake is refused at its file:line.
/// </summary>
public static class ClassRoster
{
    public static IReadOnlyList<RosterEntry> Load(string file, Func<string, bool> userExists)
    {
        if (!File.Exists(file)) throw new LabInputException($"roster {file} does not exist; write one line per student: name,user (with that header line)");
        var lines = File.ReadAllLines(file);
        int[]? columns = null;
        var entries = new List<RosterEntry>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var at = $"{file}:{i + 1}";
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split(',').Select(f => f.Trim().Trim('"')).ToArray();
            if (columns is null)
            {
                columns = [Array.FindIndex(fields, f => f.Equals("name", StringComparison.OrdinalIgnoreCase)),
                           Array.FindIndex(fields, f => f.Equals("user", StringComparison.OrdinalIgnoreCase))];
                if (columns.Any(c => c < 0))
                    throw new LabInputException($"{at}: the first line must name the columns, e.g. `name,user` (found: {line})");
                continue;
            }
            if (fields.Length <= columns.Max()) throw new LabInputException($"{at}: expected a name and a user, found: {line}");
            var (name, user) = (fields[columns[0]], fields[columns[1]]);
            try { InstanceName.Validate(name); }
            catch (LabInputException e) { throw new LabInputException($"{at}: the student's name becomes their instance's name: {e.Message}"); }
            if (!userExists(user))
                throw new LabInputException($"{at}: no Unix user '{user}' on this machine; create it first (useradd --create-home {user}) or correct the line");
            if (user == "root") throw new LabInputException($"{at}: a student cannot be root; give each student an account of their own");
            if (entries.FirstOrDefault(e => e.Student == name || e.User == user) is { } twice)
                throw new LabInputException($"{at}: '{(twice.Student == name ? name : user)}' is already on line {twice.Line}; each student and each account once");
            entries.Add(new RosterEntry(name, user, i + 1));
        }
        return entries.Count > 0 ? entries : throw new LabInputException($"{file}: no students in it; write one line per student after the header `name,user`");
    }
}
