namespace Lab.Core.Hosts;

public enum ServiceState { Stopped, Running, Paused }

public enum ServiceSignal { Kill, Pause, Resume }

/// <summary>A supervised service's state and process id (0 when stopped).</summary>
public sealed record ServiceStatus(string Service, ServiceState State, int Pid)
{
    public override string ToString() => State == ServiceState.Stopped ? "stopped" : $"{State.ToString().ToLowerInvariant()} (pid {Pid})";
}
