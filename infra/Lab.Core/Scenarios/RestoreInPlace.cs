using Lab.Core.BringUp;
using Lab.Core.Waits;

namespace Lab.Core.Scenarios;

/// <summary>
/// The preparation between scenarios of a lab that says how to restore itself (lab.yaml `restore:`): its steps run on
/// the same instance, in place, where recreating it would cost minutes (VMs). A fresh instance is already at its start.
/// </summary>
public static class RestoreInPlace
{
    public static ScenarioSuite.Preparation Before(Until until, Action<string> note, bool freshInstance)
    {
        var fresh = freshInstance;
        return async (current, ct) =>
        {
            if (fresh)
            {
                fresh = false;
                return current;
            }
            await new LabStepRunner(current, until).RunAllAsync(current.Lab.Restore, note, ct);
            return current;
        };
    }
}
