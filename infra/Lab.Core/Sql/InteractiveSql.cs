using Lab.Core.Errors;
using Lab.Core.Hosts;
using Lab.Core.Instances;

namespace Lab.Core.Sql;

/// <summary>
/// `lab sql HOST STATEMENT` on any target: the host's own <c>mariadb -e</c>, whose standard output, standard error and
/// exit code are the caller's to pass on unchanged. Scenarios and status use <see cref="MariaDbClient.QueryAsync"/>
/// instead, which parses rows and errors.
/// </summary>
public static class InteractiveSql
{
    /// <summary>
    /// The real client waits as long as a statement runs; this bound only keeps a wedged connection from holding the
    /// tool forever (Ctrl-C stops it sooner).
    /// </summary>
    public static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    /// <summary>Runs the statement on the named host; a host that cannot answer SQL is refused with one line naming those that can.</summary>
    public static async Task<CommandResult> RunAsync(LabInstance instance, string hostName, ClientStatement statement, CancellationToken ct)
    {
        var host = instance.Host(hostName);
        if (!SqlHosts.CanAnswer(host.Definition))
            throw new LabInputException(SqlHosts.WhyNot(instance.Lab, host.Definition));
        return await host.RunAsync(statement.CommandLine, timeout: Limit, ct: ct);
    }
}
