using Lab.Core.Errors;

namespace Lab.Export.Pulumi.Proof.Program;

/// <summary>
/// The order `pulumi up` may run the commands in: a command runs after every command it depends on (explicitly, or by
/// reading its outputs). Dependencies on non-command resources (VMs, NICs) are met once the hosts are up.
/// </summary>
public static class CommandOrder
{
    /// <summary>The command steps in a dependency order (ties keep the program's order); a cycle is an error.</summary>
    public static IReadOnlyList<CommandStep> Of(IReadOnlyList<CommandStep> commands)
    {
        var byName = commands.ToDictionary(c => c.Name);
        var done = new HashSet<string>();
        var visiting = new HashSet<string>();
        var order = new List<CommandStep>();
        void Visit(CommandStep c)
        {
            if (done.Contains(c.Name)) return;
            if (!visiting.Add(c.Name)) throw new LabException($"command '{c.Name}' depends on itself through {string.Join(", ", visiting)}");
            foreach (var d in CommandDependencies(c, byName)) Visit(byName[d]);
            visiting.Remove(c.Name);
            done.Add(c.Name);
            order.Add(c);
        }
        foreach (var c in commands) Visit(c);
        return order;
    }

    /// <summary>The commands <paramref name="step"/> waits for.</summary>
    public static IEnumerable<string> CommandDependencies(CommandStep step, IReadOnlyDictionary<string, CommandStep> commands) =>
        step.DependsOn.Where(commands.ContainsKey);
}
