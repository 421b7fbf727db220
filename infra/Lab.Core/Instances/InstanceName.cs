using System.Text.RegularExpressions;

namespace Lab.Core.Instances;

/// <summary>Instance names become parts of namespace, file and directory names, so they are kept short and plain.</summary>
public static partial class InstanceName
{
    [GeneratedRegex("^[a-z][a-z0-9-]{0,19}$")]
    private static partial Regex Pattern();

    public static string Validate(string name) =>
        Pattern().IsMatch(name) ? name
            : throw new Lab.Core.Errors.LabInputException($"instance name '{name}' must start with a letter and use at most 20 lowercase letters, digits or '-'");
}
