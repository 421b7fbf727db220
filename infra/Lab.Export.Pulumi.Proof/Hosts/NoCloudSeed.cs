using Lab.Export.Pulumi.Proof.Program;

namespace Lab.Export.Pulumi.Proof.Hosts;

/// <summary>
/// Hands a machine its VM's user-data the way cloud-init's NoCloud data source reads it, before the first boot:
/// <c>/var/lib/cloud/seed/nocloud/{user-data,meta-data}</c>. What Azure's platform gives a VM besides its customData
/// (the admin user and key of <c>osProfile</c>) goes into the image's own configuration, as Azure's image carries its
/// own cloud.cfg.d for its data source.
/// </summary>
public static class NoCloudSeed
{
    public const string SeedDir = "var/lib/cloud/seed/nocloud";
    public const string ConfigFile = "etc/cloud/cloud.cfg.d/90-lab-payload-proof.cfg";

    /// <param name="userData">The VM's customData, interpolations resolved: byte for byte what Azure would decode.</param>
    public static void Write(string root, VmPayload vm, string userData, string adminUser, string publicKey, string instanceId)
    {
        var seed = Path.Combine(root, SeedDir);
        Directory.CreateDirectory(seed);
        File.WriteAllText(Path.Combine(seed, "user-data"), userData);
        File.WriteAllText(Path.Combine(seed, "meta-data"), $"instance-id: {instanceId}\nlocal-hostname: {vm.ComputerName}\n");
        var config = Path.Combine(root, ConfigFile);
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        File.WriteAllText(config, Config(adminUser, publicKey));
    }

    internal static string Config(string adminUser, string publicKey) => $"""
        # Written by the payload proof of an Azure program: what Azure gives a VM besides its customData.
        # Azure's image uses its own data source; here the seed directory (NoCloud) carries the same user-data.
        datasource_list: [ NoCloud, None ]
        # osProfile.adminUsername and linuxConfiguration.ssh.publicKeys: Azure creates this user with passwordless sudo.
        users:
          - name: {adminUser}
            sudo: "ALL=(ALL) NOPASSWD:ALL"
            shell: /bin/bash
            lock_passwd: true
            ssh_authorized_keys:
              - {publicKey.Trim()}
        # The host key written before boot is the one the proof's known_hosts trusts (on Azure: made at first boot).
        ssh_deletekeys: false
        ssh_genkeytypes: []
        # The lab network is configured from outside the container before boot (on Azure: DHCP from the VNet).
        network:
          config: disabled

        """;
}
