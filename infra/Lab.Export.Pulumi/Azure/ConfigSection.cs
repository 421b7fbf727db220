using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Azure;

/// <summary>The project's <c>config:</c> block: what an instructor sets per student stack, with defaults where one is safe.</summary>
public static class ConfigSection
{
    public static YMap Build() => new YMap()
        .Add(Names.Location, Entry($"Azure region of this student's lab", AzureDefaults.Location))
        .Add(Names.VmSize, Entry("VM size of every host (1 vCPU / 1 GiB is enough for the lab)", AzureDefaults.VmSize))
        .Add(Names.AdminUser, Entry("Login user on every VM (SSH key only)", AzureDefaults.AdminUser))
        // No default: opening SSH to the whole internet must be a choice someone typed.
        .Add(Names.AdminCidr, Entry("Public address range allowed to SSH to the jump host and to see HAProxy stats, e.g. 203.0.113.7/32"))
        .Add(Names.SshPublicKey, Entry("SSH public key installed for adminUser on every VM (contents of ~/.ssh/id_ed25519.pub)"))
        .Add(Names.SshPrivateKey, Entry("The matching private key, used by the bring-up commands; set it with --secret", secret: true));

    private static YMap Entry(string description, string? fallback = null, bool secret = false)
    {
        var map = new YMap().Add("type", "string").Add("description", description);
        if (fallback is not null) map.Add("default", fallback);
        if (secret) map.Add("secret", true);
        return map;
    }
}
