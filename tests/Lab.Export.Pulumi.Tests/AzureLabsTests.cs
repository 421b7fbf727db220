using Lab.Core.Replication;
using Lab.Export.Pulumi.Azure;
using Lab.Export.Pulumi.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests;

/// <summary>
/// Every lab that can run on Azure has its committed program (equal to a fresh export: DriftTests; every resource in the
/// provider lists); replication attaches its replicas from the one bring-up plan; failover's VIP is an internal load
/// balancer probing the same check keepalived uses; LVS is refused with the reason (ha-drbd: HaDrbdAzureTests).
/// </summary>
public sealed class AzureLabsTests
{
    public static TheoryData<string> Exported => new("galera", "replication", "failover", "ha-drbd");

    [Theory]
    [MemberData(nameof(Exported))]
    public void Given_a_program_When_every_resource_is_checked_against_the_provider_lists_Then_types_properties_and_versions_are_known(string lab)
    {
        var program = new GaleraProgram(lab);
        var schema = ProviderSchema.Load();

        var problems = program.Resources.Children.SelectMany(p => schema.Check(((YamlScalarNode)p.Key).Value!, (YamlMappingNode)p.Value)).ToList();
        foreach (var (name, node) in program.Resources.Children)
        {
            var resource = (YamlMappingNode)node;
            if (schema.Resources.TryGetValue(resource.Str("type"), out var spec) && spec.Version != resource.Map("options").Str("version"))
                problems.Add($"{((YamlScalarNode)name).Value}: pins {resource.Map("options").Str("version")}, the list is {spec.Version}");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Exported))]
    public void Given_a_program_When_its_text_is_searched_Then_no_password_or_token_is_in_it_and_no_customData_refers_to_one(string lab)
    {
        var program = new GaleraProgram(lab);
        foreach (var name in Lab.Core.Secrets.LabSecrets.Names)
        {
            Assert.DoesNotContain(SecretSplice.Token(name), program.Program.Text);
            Assert.DoesNotContain(Lab.Core.Secrets.LabSecrets.Placeholders()[name], program.Program.Text);
        }
        foreach (var (name, vm) in program.ResourcesOfType("azure-native:compute:VirtualMachine"))
            Assert.DoesNotContain(".result}", vm.Map("properties").Map("osProfile").Map("customData").Str("fn::toBase64"));
    }

    [Fact]
    public void Given_replication_When_exported_Then_the_plans_steps_start_each_server_create_accounts_and_attach_each_replica_in_turn()
    {
        var program = new GaleraProgram("replication");

        var names = program.ResourcesOfType("command:remote:Command").Select(c => c.Name).ToList();

        Assert.Equal(["primary-secret-files", "replica1-secret-files", "replica2-secret-files", "client-secret-files",
            "primary-start", "replica1-start", "replica2-start", "primary-accounts", "replica1-accounts", "replica2-accounts",
            "replica1-attach", "replica2-attach", "client-query"], names);
        Assert.Contains("replica2-accounts", program.AllDependencies("replica1-attach"));
        Assert.Contains("replica1-attach", program.AllDependencies("replica2-attach"));
        Assert.Contains("replica2-attach", program.AllDependencies("client-query"));
    }

    [Fact]
    public void Given_a_replica_attach_When_read_Then_it_copies_consistently_and_changes_master_by_gtid_with_passwords_only_in_its_secret_stdin()
    {
        var program = new GaleraProgram("replication");
        var attach = GaleraProgram.Properties(program.Resource("replica1-attach"));

        Assert.Empty(Interpolation.References(attach.Str("create")));
        Assert.EndsWith("sudo sh -e -s\n", attach.Str("create"));
        var script = GaleraProgram.EvaluateWithFakeSecrets(attach.Map("stdin").Str("fn::secret"));
        Assert.Contains($"mariadb-dump --defaults-extra-file=\"$opts\" {ReplicationOperations.DumpOptions} --databases $dbs", script);
        Assert.Contains("SET SESSION sql_log_bin=0;", script);
        Assert.Contains(ReplicationOperations.ChangeMasterSql("10.10.10.111", GaleraProgram.FakeSecrets["repl_password"]) + ";\nSTART SLAVE;", script);
        Assert.Contains($"password=%s\\n' '{GaleraProgram.FakeSecrets["root_password"]}'", script);
        // Passwords reach no process's arguments: root's through printf (a builtin) into a 0600 file, repl's on stdin.
        Assert.DoesNotContain($"-p{GaleraProgram.FakeSecrets["root_password"]}", script);
        Assert.DoesNotContain("--password=", script);
        Assert.DoesNotContain("mariadb -e \"CHANGE MASTER", script);
    }

    [Fact]
    public void Given_replication_When_its_cloud_init_is_read_Then_the_semi_sync_settings_are_the_local_labs()
    {
        var program = new GaleraProgram("replication");
        var cloudInit = GaleraProgram.EvaluateWithFakeSecrets(
            GaleraProgram.Properties(program.Resource("replica1-vm")).Map("osProfile").Map("customData").Str("fn::toBase64"));
        var rendered = program.Renderer.RenderHost(program.Lab, program.Lab.Host("replica1"), GaleraProgram.FakeSecrets)
            .Single(f => f.Path.EndsWith("60-replication.cnf", StringComparison.Ordinal));

        Assert.Contains("rpl_semi_sync_slave_enabled", rendered.Content);
        var written = YamlTree.ParseMap(cloudInit).Seq("write_files").Children.Cast<YamlMappingNode>().Single(f => f.Str("path") == rendered.Path);
        Assert.Equal(rendered.Content, written.Str("content"));
    }

    [Fact]
    public void Given_failover_When_exported_Then_the_vip_is_an_internal_standard_load_balancer_probing_keepalived_s_writable_check()
    {
        var program = new GaleraProgram("failover");
        var lb = GaleraProgram.Properties(program.Resource(Names.LoadBalancer));

        Assert.Equal("Standard", lb.Map("sku").Str("name"));
        var frontend = (YamlMappingNode)lb.Seq("frontendIPConfigurations").Children.Single();
        Assert.Equal(program.Lab.Vars["vip"], frontend.Str("privateIPAddress"));
        Assert.Null(frontend.Find("publicIPAddress"));
        var probe = (YamlMappingNode)lb.Seq("probes").Children.Single();
        Assert.Equal("Http", probe.Str("protocol"));
        Assert.Equal(VipLoadBalancer.ProbePort.ToString(), probe.Str("port"));
        var rule = (YamlMappingNode)lb.Seq("loadBalancingRules").Children.Single();
        Assert.Equal("3306", rule.Str("frontendPort"));
        Assert.EndsWith("/probes/writable-primary", rule.Map("probe").Str("id"));

        var check = VipLoadBalancer.Files.Single(f => f.Path == VipLoadBalancer.CheckProgram).Content;
        Assert.Contains($"if {VipLoadBalancer.TrackScript} writable; then", check);
        Assert.Contains(program.Renderer.RenderHost(program.Lab, program.Lab.Host("primary"), GaleraProgram.FakeSecrets), f => f.Path == VipLoadBalancer.TrackScript);
        Assert.Contains(SecurityRules.DatabasePorts, p => p == VipLoadBalancer.ProbePort);
    }

    [Fact]
    public void Given_failover_When_exported_Then_the_database_NICs_join_the_pool_keepalived_is_not_installed_and_the_client_waits_for_the_primary()
    {
        var program = new GaleraProgram("failover");
        foreach (var host in program.Lab.Hosts)
        {
            var ipConfig = (YamlMappingNode)GaleraProgram.Properties(program.Resource(Names.Nic(host.Name))).Seq("ipConfigurations").Children.Single();
            var pooled = host.Role != "client";
            Assert.Equal(pooled, ipConfig.Find("loadBalancerBackendAddressPools") is not null);
            var cloudInit = YamlTree.ParseMap(GaleraProgram.EvaluateWithFakeSecrets(
                GaleraProgram.Properties(program.Resource(Names.Vm(host.Name))).Map("osProfile").Map("customData").Str("fn::toBase64")));
            Assert.DoesNotContain("keepalived", cloudInit.Seq("packages").Children.Select(n => ((YamlScalarNode)n).Value));
            var runcmd = cloudInit.Seq("runcmd").Children.Select(c => string.Join(' ', ((YamlSequenceNode)c).Children.Select(a => ((YamlScalarNode)a).Value))).ToList();
            Assert.DoesNotContain(runcmd, c => c.Contains("keepalived"));
            Assert.Equal(pooled, runcmd.Contains("systemctl enable --now lab-vip-check.socket"));
        }
        var commands = program.ResourcesOfType("command:remote:Command").ToList();
        Assert.DoesNotContain(commands, c => GaleraProgram.Properties(c.Resource).Str("create").Contains("keepalived"));
        var vip = GaleraProgram.Properties(program.Resource("client-vip")).Str("create");
        Assert.Contains("mariadb -h 10.10.10.110", vip);
        Assert.Contains("[ \"$$at\" = primary ] && exit 0", vip);
        Assert.Contains("replica2-attach", program.AllDependencies("client-vip"));
    }

    [Fact]
    public void Given_lvs_When_exported_Then_it_is_refused_in_one_line_saying_what_azure_does_not_carry()
    {
        var program = new GaleraProgram();
        var lvs = program.Catalog.Load("lvs");

        var error = Assert.Throws<Lab.Core.Errors.LabInputException>(() => new AzureProgramGenerator(program.Catalog.TemplatesRoot).Generate(lvs));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("cannot run on Azure", error.Message);
        Assert.Contains("arp_ignore", error.Message);
        Assert.Contains("IP-in-IP", error.Message);
        Assert.Contains("lab up", error.Message);
    }

    [Theory]
    [InlineData(0, "HTTP/1.1 200 OK")]
    [InlineData(1, "HTTP/1.1 503 Service Unavailable")]
    public async Task Given_the_probe_program_When_sh_runs_it_on_an_http_request_Then_it_answers_200_only_when_the_track_script_says_writable(int trackExit, string statusLine)
    {
        var dir = Directory.CreateTempSubdirectory("lab-vip-check-");
        try
        {
            // The generated program, with keepalived's track script replaced by one that exits as the case needs.
            var track = Path.Combine(dir.FullName, "check_mariadb.sh");
            File.WriteAllText(track, $"#!/bin/sh\n[ \"$1\" = writable ] || exit 2\nexit {trackExit}\n");
            File.SetUnixFileMode(track, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var program = VipLoadBalancer.Files.Single(f => f.Path == VipLoadBalancer.CheckProgram).Content;
            Assert.Contains(VipLoadBalancer.TrackScript, program);
            var check = Path.Combine(dir.FullName, "lab-vip-check");
            File.WriteAllText(check, program.Replace(VipLoadBalancer.TrackScript, track, StringComparison.Ordinal));

            var sh = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", [check])
                { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true })!;
            sh.StandardInput.Write("GET / HTTP/1.1\r\nHost: 10.10.10.111:9201\r\nUser-Agent: Load Balancer Agent\r\n\r\n");
            sh.StandardInput.Flush(); // the connection stays open, as the load balancer's does: the blank line must end the read
            string answer;
            try
            {
                answer = await sh.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                sh.Kill();
                throw new Xunit.Sdk.XunitException("the probe program did not answer within 10 s: it never stopped reading the request");
            }
            Assert.True(sh.WaitForExit(TimeSpan.FromSeconds(10)), "the probe program did not exit");

            Assert.StartsWith(statusLine + "\r\n", answer);
            var body = answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
            Assert.Contains($"Content-Length: {System.Text.Encoding.UTF8.GetByteCount(body)}\r\n", answer);
            sh.StandardInput.Close();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
