using Lab.Core.Secrets;
using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Azure;

/// <summary>One <c>random:RandomPassword</c> per lab secret: generated per stack, stored encrypted in the stack state.</summary>
public static class SecretResources
{
    public static IEnumerable<(string Name, YMap Resource)> Build() => LabSecrets.Names.Select(name => (
        SecretSplice.ResourceName(name),
        ResourceDecl.Create("random:RandomPassword", new YMap()
            .Add("length", 20)
            // Letters and digits only, like the local target's passwords: safe inside SQL quotes, .cnf files and YAML.
            .Add("special", false))));
}
