using Lab.Core.Errors;
using Lab.Core.Secrets;
using Lab.Export.Pulumi.Proof.Program;

namespace Lab.Export.Pulumi.Proof;

/// <summary>
/// The local stand-ins for what `pulumi up` would know: config defaults, the run's own SSH key, fresh random passwords
/// for the <c>random:RandomPassword</c> resources, a VM's private address for its public one, the stack name.
/// An expression with no local value is an error, never an empty string.
/// </summary>
public sealed class ProofValues(ProgramPayload payload, LabSecrets secrets, string stack, string sshPublicKey, string sshPrivateKey)
{
    public string Resolve(string text) => PulumiInterpolation.Resolve(text, Value);

    public string Value(string expression)
    {
        switch (expression)
        {
            case "sshPublicKey": return sshPublicKey.Trim();
            case "sshPrivateKey": return sshPrivateKey;
            case "pulumi.stack": return stack;
        }
        if (payload.Program.ConfigDefaults.TryGetValue(expression, out var configured)) return configured;
        var root = PulumiInterpolation.Root(expression);
        var rest = expression[root.Length..];
        if (rest == ".result" && payload.Program.Resources.Any(r => r.Name == root && r.Type == "random:RandomPassword"))
            return secrets[root.Replace('-', '_')];
        if (rest == ".ipAddress" && payload.PublicIps.TryGetValue(root, out var address)) return address;
        throw new LabException($"{payload.Program.File}: ${{{expression}}} has no local value in the payload proof");
    }
}
