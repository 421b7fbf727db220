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

    [Fact]
    public void Given_every_VM_When_its_customData_is_read_Then_it_refers_to_no_password()
    {
        var secretRoots = LabSecrets.Names.Select(n => n.Replace('_', '-')).ToHashSet();
        foreach (var (name, vm) in _galera.ResourcesOfType("azure-native:compute:VirtualMachine"))
        {
            var customData = vm.Map("properties").Map("osProfile").Map("customData").Str("fn::toBase64");
            var refs = Interpolation.References(customData).Select(Interpolation.Root).Where(secretRoots.Contains).ToList();
            Assert.True(refs.Count == 0, $"{name}: customData refers to {string.Join(", ", refs)}");
            Assert.DoesNotContain("LABSECRET", customData);
        }
    }

    [Fact]
    public void Given_the_files_carrying_passwords_When_written_Then_a_secret_stdin_command_writes_each_byte_for_byte_before_any_step()
    {
        var found = 0;
        foreach (var host in _galera.Lab.Hosts)
        {
            var secretFiles = _galera.Renderer.RenderHost(_galera.Lab, host, SecretSplice.Tokens()).Where(Azure.SecretFiles.CarriesSecret).ToList();
            if (secretFiles.Count == 0) continue;
            var name = Azure.SecretFiles.CommandName(host.Name);
            var command = _galera.Resource(name);
            var properties = command.Map("properties");
            var stdin = GaleraProgram.EvaluateWithFakeSecrets(properties.Map("stdin").Str("fn::secret"));
            var fake = _galera.Renderer.RenderHost(_galera.Lab, host, GaleraProgram.FakeSecrets).ToDictionary(f => f.Path);
            foreach (var file in secretFiles)
            {
                Assert.Contains($"install -m {file.Mode} -o {file.Owner} -g {file.Owner} /dev/null '{file.Path}'\n", stdin);
                Assert.Contains($"cat > '{file.Path}' <<'{Azure.SecretFiles.EndMarker}'\n{fake[file.Path].Content}{Azure.SecretFiles.EndMarker}\n", stdin);
                found++;
            }
            var create = properties.Str("create");
            Assert.Empty(Interpolation.References(create));
            Assert.EndsWith("sudo sh -e -s\n", create);
            Assert.Equal("none", properties.Str("logging"));
            Assert.Equal(["stdout", "stderr"], command.Map("options").Seq("additionalSecretOutputs").Children.Select(n => ((YamlScalarNode)n).Value!));
            Assert.Contains(name, _galera.AllDependencies("db1-new-cluster"));
        }
        Assert.True(found >= 3, $"expected accounts, clustercheck and client files among the secret files, found {found}");
    }

    [Fact]
    public void Given_the_secret_files_script_When_run_by_sh_in_a_scratch_root_Then_the_files_have_exactly_the_rendered_bytes()
    {
        var host = _galera.Lab.Host("db1");
        var files = _galera.Renderer.RenderHost(_galera.Lab, host, GaleraProgram.FakeSecrets).Where(f => f.Content.Contains("Fake")).ToList();
        Assert.NotEmpty(files);
        var root = Directory.CreateTempSubdirectory("lab-secret-files-");
        try
        {
            // Same script, owners mapped to root (the scratch machine has no mysql user) and paths moved under the scratch root.
            var moved = files.Select(f => f with { Path = root.FullName + f.Path, Owner = "root" })
                .Append(new Lab.Core.Rendering.RenderedFile("db1", root.FullName + "/etc/no-newline", "last line without newline", "0600", "root", "t")).ToList();
            var script = Azure.SecretFiles.Script("db1", moved);
            var sh = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", ["-e", "-s"]) { RedirectStandardInput = true, RedirectStandardError = true })!;
            sh.StandardInput.Write(script);
            sh.StandardInput.Close();
            Assert.True(sh.WaitForExit(TimeSpan.FromSeconds(20)), "sh did not finish");
            Assert.True(sh.ExitCode == 0, sh.StandardError.ReadToEnd());
            foreach (var f in moved)
            {
                Assert.Equal(f.Content, File.ReadAllText(f.Path));
                Assert.Equal(Convert.ToInt32(f.Mode, 8), (int)File.GetUnixFileMode(f.Path));
            }
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
