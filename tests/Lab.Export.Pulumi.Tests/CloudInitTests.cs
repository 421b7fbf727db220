using System.Text;
using Lab.Core.Model;
using Lab.Core.Services;
using Lab.Export.Pulumi.Azure;
using Lab.Export.Pulumi.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests;

/// <summary>Each VM's cloud-init is a valid #cloud-config carrying byte for byte the files `lab render` gives its host.</summary>
public sealed class CloudInitTests
{
    private readonly GaleraProgram _galera = new();

    private string CloudConfigOf(HostDefinition host)
    {
        var customData = GaleraProgram.Properties(_galera.Resource($"{host.Name}-vm")).Map("osProfile").Map("customData");
        Assert.Equal(["fn::toBase64"], customData.Keys());
        return GaleraProgram.EvaluateWithFakeSecrets(customData.Str("fn::toBase64"));
    }

    public static TheoryData<string> Hosts => new(new Lab.Core.Loading.LabCatalog(RepoRoot.Path).Load("galera").Hosts.Select(h => h.Name));

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Given_a_host_When_its_cloud_init_is_evaluated_Then_it_is_cloud_config_yaml_with_packages(string hostName)
    {
        var host = _galera.Lab.Host(hostName);

        var text = CloudConfigOf(host);

        Assert.StartsWith("#cloud-config\n", text);
        var config = YamlTree.ParseMap(text);
        var unknown = config.Keys().Except(["package_update", "packages", "write_files", "runcmd"]).ToList();
        Assert.True(unknown.Count == 0, $"unexpected cloud-config keys: {string.Join(", ", unknown)}");
        var packages = config.Seq("packages").Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
        Assert.Contains("mariadb-client", packages);
        if (host.Runs("galera")) Assert.Superset(new HashSet<string> { "mariadb-server", "galera-4", "rsync" }, packages.ToHashSet());
        if (host.Runs("haproxy")) Assert.Contains("haproxy", packages);
        // Azure accepts at most 64 KiB of base64 custom data.
        Assert.True(Encoding.UTF8.GetByteCount(text) * 4 / 3 + 4 < 65536, $"{hostName}: cloud-init is {text.Length} characters");
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Given_a_host_When_its_cloud_init_is_compared_with_lab_render_Then_every_file_has_the_same_path_mode_owner_and_bytes(string hostName)
    {
        var host = _galera.Lab.Host(hostName);
        var rendered = _galera.Renderer.RenderHost(_galera.Lab, host, GaleraProgram.FakeSecrets);
        Assert.NotEmpty(rendered);

        var written = YamlTree.ParseMap(CloudConfigOf(host)).Seq("write_files").Children.Cast<YamlMappingNode>()
            .ToDictionary(f => f.Str("path"));

        var carrySecrets = _galera.Renderer.RenderHost(_galera.Lab, host, SecretSplice.Tokens()).Where(SecretFiles.CarriesSecret).Select(f => f.Path).ToHashSet();
        foreach (var file in rendered)
        {
            if (carrySecrets.Contains(file.Path))
            {
                Assert.False(written.ContainsKey(file.Path), $"{hostName}: {file.Path} carries a password and must not be in cloud-init");
                continue;
            }
            Assert.True(written.TryGetValue(file.Path, out var entry), $"{hostName}: {file.Path} is not written by cloud-init");
            Assert.Equal(file.Mode, entry.Str("permissions"));
            Assert.Equal(file.Owner, entry.Str("owner").Split(':')[0]);
            Assert.Equal("true", entry.Str("defer"));
            Assert.Null(entry.Find("encoding"));
            var content = entry.Str("content");
            Assert.True(file.Content == content, $"{hostName}:{file.Path} differs from `lab render`:\n{FirstDifference(file.Content, content)}");
        }
        var extra = written.Keys.Except(rendered.Select(f => f.Path)).Except(carrySecrets).Order().ToList();
        // Besides the lab's files: its units, and the drop-ins the ssh target writes too (a killed server stays down).
        Assert.Equal(ServiceCatalog.SystemdFilesFor(host).Concat(SystemdDropIn.For(host)).Select(f => f.Path).Order(), extra);
        Assert.All(extra, p => Assert.StartsWith("/etc/systemd/system/", p));
    }

    [Fact]
    public void Given_galera_hosts_When_their_first_boot_commands_are_read_Then_mariadb_waits_for_the_bring_up_and_clustercheck_listens()
    {
        foreach (var host in _galera.Lab.HostsRunning("galera"))
        {
            var runcmd = YamlTree.ParseMap(CloudConfigOf(host)).Seq("runcmd").Children
                .Select(c => string.Join(' ', ((YamlSequenceNode)c).Children.Select(a => ((YamlScalarNode)a).Value))).ToList();
            Assert.Contains("systemctl stop mariadb", runcmd);
            Assert.Contains("systemctl enable --now clustercheck.socket", runcmd);
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i]) i++;
        return $"at char {i}: expected «{Slice(expected, i)}» got «{Slice(actual, i)}»";
    }

    private static string Slice(string s, int at) => s.Substring(at, Math.Min(40, s.Length - at)).Replace("\n", "\\n");
}
