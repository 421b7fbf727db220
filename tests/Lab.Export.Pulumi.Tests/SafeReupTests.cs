using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Lab.Export.Pulumi.Azure;
using Lab.Export.Pulumi.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests;

/// <summary>
/// A second `pulumi up` after a template change replaces the VMs (Azure refuses a customData update), and a re-created
/// first Galera node joins the running cluster instead of bootstrapping a second one.
/// </summary>
public sealed class SafeReupTests
{
    private readonly GaleraProgram _galera = new();

    [Fact]
    public void Given_a_changed_template_When_exported_again_Then_the_database_VMs_customData_changes_and_each_VM_is_replaced_delete_first()
    {
        var templates = Directory.CreateTempSubdirectory("lab-export-templates-");
        try
        {
            CopyTree(_galera.Catalog.TemplatesRoot, templates.FullName);
            var cnf = Path.Combine(templates.FullName, "galera", "60-galera.cnf.hbs");
            File.AppendAllText(cnf, "\n# an instructor's change\n");
            var changed = YamlTree.ParseMap(new AzureProgramGenerator(templates.FullName).Generate(_galera.Lab).Text).Map("resources");

            foreach (var host in _galera.Lab.Hosts)
            {
                var name = Names.Vm(host.Name);
                var before = CustomData(_galera.Resource(name));
                var after = CustomData(changed.Map(name));
                var galeraNode = host.Role == "galera";
                Assert.True(galeraNode == (before != after), $"{name}: customData {(before == after ? "unchanged" : "changed")} by an edit of 60-galera.cnf");
                var options = changed.Map(name).Map("options");
                Assert.Contains(HostResources.CustomDataPath, options.Seq("replaceOnChanges").Children.Select(n => ((YamlScalarNode)n).Value));
                Assert.Equal("true", options.Str("deleteBeforeReplace"));
            }
        }
        finally
        {
            templates.Delete(recursive: true);
        }
    }

    [Fact]
    public void Given_the_first_node_command_When_read_Then_galera_new_cluster_runs_only_on_the_bootstrap_decision()
    {
        var create = Interpolation.Evaluate(GaleraProgram.Properties(_galera.Resource("db1-new-cluster")).Str("create"), a => $"<{a}>");

        Assert.Contains("peers=\"10.10.10.102 10.10.10.103\"", create);
        var bootstrapArm = create.Split('\n').Where(l => l.Contains("galera_new_cluster") && !l.TrimStart().StartsWith('#')).ToList();
        Assert.Equal(["  bootstrap) sudo galera_new_cluster ;;"], bootstrapArm);
    }

    [Fact]
    public void Given_no_peer_answers_When_the_guard_runs_Then_it_bootstraps() =>
        Assert.Equal("bootstrap", Decide(check: null, galeraListening: false));

    [Fact]
    public void Given_a_peer_whose_clustercheck_says_Primary_When_the_guard_runs_Then_it_joins_instead_of_bootstrapping() =>
        Assert.Equal("join 127.0.0.1", Decide(check: "HTTP/1.1 200 OK", galeraListening: true));

    [Fact]
    public void Given_a_peer_listening_on_the_galera_port_but_not_Primary_When_the_guard_runs_Then_it_refuses() =>
        Assert.Equal("refuse 127.0.0.1", Decide(check: "HTTP/1.1 503 Service Unavailable", galeraListening: true));

    /// <summary>
    /// Runs the generated guard functions with bash against real sockets on loopback: one peer (127.0.0.1) whose
    /// Galera port listens or not and whose check port answers the given status line (or nothing listens).
    /// </summary>
    private static string Decide(string? check, bool galeraListening)
    {
        using var galera = new TcpListener(IPAddress.Loopback, 0);
        using var health = new TcpListener(IPAddress.Loopback, 0);
        galera.Start();
        health.Start();
        var galeraPort = ((IPEndPoint)galera.LocalEndpoint).Port;
        var checkPort = ((IPEndPoint)health.LocalEndpoint).Port;
        if (!galeraListening) galera.Stop();
        if (check is null) health.Stop();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var answering = check is null ? Task.CompletedTask : Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                using var client = await health.AcceptTcpClientAsync(cts.Token);
                var stream = client.GetStream();
                if (await stream.ReadAsync(new byte[256], cts.Token) == 0) continue; // closed before asking
                await stream.WriteAsync(Encoding.ASCII.GetBytes(check + "\r\nContent-Length: 0\r\n\r\n"), cts.Token);
            }
        });

        var functions = Replace(Replace(Replace(GaleraBootstrapGuard.Functions(["10.10.10.102"]),
            "peers=\"10.10.10.102\"", "peers=\"127.0.0.1\""),
            $"galera_port={GaleraBootstrapGuard.GaleraPort}", $"galera_port={galeraPort}"),
            $"check_port={GaleraBootstrapGuard.CheckPort}", $"check_port={checkPort}");
        var start = new ProcessStartInfo("bash", ["-c", functions + "lab_galera_decide\n"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEnd();
        Assert.True(bash.WaitForExit(TimeSpan.FromSeconds(20)), "the guard did not finish within 20 s");
        cts.Cancel();
        Assert.True(bash.ExitCode == 0, bash.StandardError.ReadToEnd());
        return output.Trim();
    }

    private static string Replace(string text, string line, string with)
    {
        Assert.Contains(line + "\n", text);
        return text.Replace(line + "\n", with + "\n", StringComparison.Ordinal);
    }

    private static string CustomData(YamlMappingNode vm) =>
        GaleraProgram.Properties(vm).Map("osProfile").Map("customData").Str("fn::toBase64");

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
