using Lab.Core.Instances;
using Lab.Core.Messages;

namespace Lab.Core.Galera;

/// <summary>How far a health restore had to go, in the order it escalates: each step only when the one before was not enough.</summary>
public enum RestoreStep
{
    /// <summary>Reconnect, resume, re-form, start what is down, and wait (bounded) for the cluster to sync by itself.</summary>
    InPlace,

    /// <summary>The client connections left on a stuck node (a held FLUSH TABLES WITH READ LOCK) were ended, wsrep_desync turned off.</summary>
    EndedSessions,

    /// <summary>The stuck node was restarted and rejoined.</summary>
    RestartedNodes,

    /// <summary>Last resort: the instance was removed and brought up again.</summary>
    Recreated,
}

/// <summary>What a health restore did: the step it reached, the hosts it acted on, how long it took, and the instance to go on with.</summary>
public sealed record HealthRestore(RestoreStep Step, IReadOnlyList<string> Hosts, TimeSpan Took, LabInstance Instance)
{
    /// <summary>Whether it had to go beyond waiting in place (what a run reports).</summary>
    public bool Escalated => Step != RestoreStep.InPlace;

    public string Describe(Language language)
    {
        var hosts = string.Join(", ", Hosts);
        return Step switch
        {
            RestoreStep.InPlace => EngineText.Restore.StepInPlace.In(language),
            RestoreStep.EndedSessions => EngineText.Restore.StepEndedSessions.In(language, hosts),
            RestoreStep.RestartedNodes => EngineText.Restore.StepRestarted.In(language, hosts),
            _ => EngineText.Restore.StepRecreated.In(language),
        };
    }
}
