using Lab.Core.Hosts;
using Lab.Core.Sql;

namespace Lab.Core.Status;

/// <summary>
/// Why nothing could be read from a server: a short state that fits a table cell ("down", "no answer") and the full
/// reason (the client's own error), which belongs below the table.
/// </summary>
public sealed record NoReading(string State, string Reason)
{
    public const string Down = "down";
    public const string Paused = "paused";
    public const string NoAnswer = "no answer";
    public const string Error = "error";
    public const string Off = "off";

    // The client reached no server: nothing listens on the socket or port, or the connection died (2002, 2003, 2006, 2013).
    private static readonly int[] UnreachableCodes = [2002, 2003, 2006, 2013];

    /// <summary>The service a reading needs is not running, so it was not asked.</summary>
    public static NoReading NotRunning(ServiceStatus service, string process) => service.State == ServiceState.Paused
        ? new(Paused, $"{process} is paused (SIGSTOP): it holds its connections but answers nothing")
        : new(Down, $"{process} is not running");

    public static NoReading PoweredOff => new(Off, "the machine is powered off");

    /// <summary>A reading that failed: a server that does not answer is told apart from one that answered with an error.</summary>
    public static NoReading From(Exception e) => e switch
    {
        SqlException { Code: var code } when UnreachableCodes.Contains(code) => new(NoAnswer, e.Message),
        _ => new(Error, e.Message),
    };

    public override string ToString() => $"{State}: {Reason}";
}
