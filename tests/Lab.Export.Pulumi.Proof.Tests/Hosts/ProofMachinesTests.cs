using Lab.Conformance;
using Lab.Core.Loading;
using Lab.Export.Pulumi.Proof.Hosts;
using Lab.Export.Pulumi.Proof.Program;
using Lab.Instances;

namespace Lab.Export.Pulumi.Proof.Tests.Hosts;

/// <summary>Which machines stand in for a program's VMs, and what the NoCloud seed gives a VM's first boot.</summary>
public sealed class ProofMachinesTests
{
    private static readonly LabCatalog Catalog = new(RepoRoot.Path);
    private static readonly PayloadProof Proof = new(Catalog, new LocalLayout("/state", "/run/lab/ns", "/cache"));

    [Theory]
    [InlineData("galera", "machines")]
    [InlineData("replication", "machines")]
    [InlineData("failover", "machines")]
    [InlineData("ha-drbd", "vm")] // DRBD needs a kernel of its own
    public void Given_a_lab_Then_its_proof_runs_on_machines_unless_a_host_must_be_a_VM(string lab, string target) =>
        Assert.Equal(target, Proof.MachinesFor(Catalog.Load(lab)).Target);

    [Fact]
    public void Given_the_ha_drbd_program_When_a_VM_is_seeded_Then_its_files_carry_the_user_data_and_the_admin_user_for_lab_seed_to_copy()
    {
        var payload = ProgramPayload.From(PulumiYamlProgram.Load(Path.Combine(RepoRoot.Path, "labs", "ha-drbd", "Pulumi.yaml")));
        var node1 = payload.Vms.Single(v => v.ComputerName == "node1");
        var files = Directory.CreateTempSubdirectory("seed-").FullName;
        try
        {
            NoCloudSeed.Write(files, node1, "#cloud-config\npackages: [drbd-utils]\n", "labadmin", "ssh-ed25519 AAAA test", "i-node1");

            Assert.Equal("#cloud-config\npackages: [drbd-utils]\n", File.ReadAllText(Path.Combine(files, NoCloudSeed.SeedDir, "user-data")));
            Assert.Equal("instance-id: i-node1\nlocal-hostname: node1\n", File.ReadAllText(Path.Combine(files, NoCloudSeed.SeedDir, "meta-data")));
            var config = File.ReadAllText(Path.Combine(files, NoCloudSeed.ConfigFile));
            Assert.Contains("- name: labadmin", config);
            Assert.Contains("- ssh-ed25519 AAAA test", config);
            // The program's data disk is the one the VM's third virtio disk stands for.
            Assert.Contains("/dev/disk/azure/scsi1/lun0", node1.UserData + string.Concat(payload.Commands.Select(c => c.Create + c.Stdin)));
        }
        finally
        {
            Directory.Delete(files, true);
        }
    }
}
