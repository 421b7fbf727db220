using Lab.Core.Services;

namespace Lab.Core.Status.Health;

/// <summary>A database server whose process runs but that gave no reading: starting, hung, or refusing the tool.</summary>
internal static class ServerSilence
{
    /// <summary>Null when the server is simply not running (or powered off): other parts of the rule report that.</summary>
    public static HealthProblem? Check(HostStatus host, NoReading? missing, LabCommands commands) => missing switch
    {
        null or { State: NoReading.Down or NoReading.Paused or NoReading.Off } => null,
        // A joining or starting server opens its socket only once it is ready: give it time.
        { State: NoReading.NoAnswer } => new HealthProblem(host.Name, "mariadbd runs but does not answer", commands.Watch) { Detail = missing.Reason },
        _ => new HealthProblem(host.Name, "mariadbd answered with an error",
            commands.Log(host.Name, ServiceCatalog.Get(ServiceCatalog.MariaDb).LogPath)) { Detail = missing.Reason },
    };
}
