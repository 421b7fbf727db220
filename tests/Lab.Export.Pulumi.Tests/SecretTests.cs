using Lab.Core.Secrets;
using Lab.Export.Pulumi.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests;

/// <summary>No password is in the program or its outputs: files get them from random:RandomPassword at `pulumi up`.</summary>
public sealed class SecretTests
{
    private readonly GaleraProgram _galera = new();

    [Fact]
    public void Given_each_lab_secret_When_the_program_is_read_Then_it_is_a_random_password_resource()
    {
        foreach (var name in LabSecrets.Names)
        {
            var resource = _galera.Resource(name.Replace('_', '-'));
            Assert.Equal("random:RandomPassword", resource.Str("type"));
            Assert.True(int.Parse(resource.Map("properties").Str("length")) >= 16, $"{name}: too short");
        }
    }

    [Fact]
    public void Given_the_program_text_When_searched_Then_no_token_placeholder_or_secret_value_appears()
    {
        var text = _galera.Program.Text;

        foreach (var name in LabSecrets.Names)
        {
            Assert.DoesNotContain(SecretSplice.Token(name), text);
            Assert.DoesNotContain(LabSecrets.Placeholders()[name], text);
        }
        Assert.DoesNotContain("qwer1234", text);
        Assert.DoesNotContain("PRIVATE KEY", text);
    }

    [Fact]
    public void Given_every_rendered_line_holding_a_secret_When_found_in_cloud_init_Then_it_references_the_random_password()
    {
        var text = _galera.Program.Text;
        var spliced = 0;
        foreach (var host in _galera.Lab.Hosts)
            foreach (var file in _galera.Renderer.RenderHost(_galera.Lab, host, SecretSplice.Tokens()))
                foreach (var line in file.Content.Split('\n').Where(l => l.Contains("LABSECRET:")))
                {
                    var expected = SecretSplice.ToPulumi(line);
                    Assert.Contains(".result}", expected);
                    Assert.True(text.Contains(expected), $"{host.Name}:{file.Path}: no line «{expected}» in the program");
                    spliced++;
                }
        Assert.True(spliced >= 5, $"expected the galera files to hold several secrets, found {spliced} lines");
    }

    [Fact]
    public void Given_the_outputs_When_read_Then_none_refers_to_a_password_or_the_private_key()
    {
        var secretRoots = LabSecrets.Names.Select(n => n.Replace('_', '-')).Append("sshPrivateKey").ToHashSet();

        var leaks = YamlTree.Scalars(_galera.Root.Map("outputs"), "outputs")
            .SelectMany(s => Interpolation.References(s.Value).Select(r => (s.Path, Root: Interpolation.Root(r))))
            .Where(r => secretRoots.Contains(r.Root)).ToList();

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    [Fact]
    public void Given_the_private_key_When_used_Then_only_command_connections_refer_to_it()
    {
        var uses = YamlTree.Scalars(_galera.Resources, "resources")
            .Where(s => Interpolation.References(s.Value).Contains("sshPrivateKey")).Select(s => s.Path).ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, p => Assert.Matches(@"\.properties\.connection\.(proxy\.)?privateKey$", p));
    }
}
