using Lab.Core.Errors;

namespace Lab.Core.Targets;

/// <summary>`lab up --bare` (hosts as right after `apt install`, the lab left to the student) where a target cannot give it.</summary>
public static class BareMode
{
    /// <summary>Refuses a bare request on <paramref name="target"/>, saying where bare labs are made instead.</summary>
    public static void Refuse(UpRequest request, string target)
    {
        if (request.Bare)
            throw new LabInputException(
                $"--bare is not available on the {target} target yet: its hosts are provisioned with the lab's configuration. " +
                $"Make the bare lab on this machine: lab up {request.Lab.Name} --bare --target local");
    }
}
