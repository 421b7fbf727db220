using Lab.Core.Galera;
using Lab.Core.Messages;
using Lab.Core.Model;

namespace Lab.Core.Targets;

/// <summary>What `lab up` asks of a target. Options a target cannot honour are refused by it, with the reason.</summary>
/// <param name="GaleraStart">How a new Galera cluster forms; targets without a shared initial state use the seeds' way.</param>
/// <param name="Inventory">The existing hosts (ssh target only).</param>
/// <param name="Language">The language of the progress lines (`lab run --lang`).</param>
/// <param name="Bare">`lab up --bare`: hosts as right after `apt install`, nothing of the lab configured (see <see cref="BringUp.BringUpPlan.For"/>);
/// a target that cannot give that refuses it (<see cref="BareMode.Refuse"/>).</param>
public sealed record UpRequest(
    LabDefinition Lab,
    string Instance,
    GaleraStart GaleraStart = GaleraStart.SharedState,
    bool KeepOnFailure = false,
    string? Inventory = null,
    Language Language = Language.En,
    bool Bare = false);
