using Lab.Cli.Tests.Support;
using Lab.Core.Loading;

namespace Lab.Cli.Tests;

public sealed class RenderCommandTests
{
    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Given_the_galera_lab_When_rendering_Then_every_hosts_files_are_printed_under_a_header()
    {
        using var cli = new CliRunner();
        var lab = new LabCatalog(cli.CatalogRoot).Load("galera");

        var (exit, output) = await cli.RunAsync("render", "galera");

        Assert.True(exit == 0, $"expected exit 0, got {exit}:\n{output}");
        var headers = Lines(output).Where(l => l.StartsWith("==> ", StringComparison.Ordinal)).ToList();
        var expected = lab.Hosts.SelectMany(h => h.Files.Select(f => $"==> {h.Name}:{f.Path}  (mode {f.Mode}, owner {f.Owner}, from templates/{f.Template})")).ToList();
        Assert.True(headers.SequenceEqual(expected),
            $"expected one header per host file in lab order:\n{string.Join("\n", expected)}\nbut the output had:\n{string.Join("\n", headers)}");
        Assert.True(expected.Count >= 5 * 3 + 2, $"the galera lab should render at least 17 files, it has {expected.Count}");
    }

    [Fact]
    public async Task Given_the_galera_lab_When_rendering_Then_file_contents_follow_their_headers_with_placeholder_secrets()
    {
        using var cli = new CliRunner();

        var (_, output) = await cli.RunAsync("render", "galera");

        var db2Galera = Section(output, "==> db2:/etc/mysql/mariadb.conf.d/60-galera.cnf");
        Assert.True(db2Galera.Contains("wsrep_node_address       = \"10.10.10.102\"") && db2Galera.Contains("gcomm://10.10.10.101,10.10.10.102,10.10.10.103"),
            $"db2's 60-galera.cnf section did not carry its address and the gcomm list:\n{db2Galera}");
        var client = Section(output, "==> client:/etc/mysql/mariadb.conf.d/90-lab-client.cnf");
        Assert.True(client.Contains("password = <app_password: generated per instance>"), $"the client's password should be a placeholder:\n{client}");
        Assert.False(output.Contains("qwer1234"), "render output contains the seed's fixed password");
    }

    [Fact]
    public async Task Given_one_host_When_rendering_with_host_Then_only_its_files_are_printed()
    {
        using var cli = new CliRunner();

        var (exit, output) = await cli.RunAsync("render", "galera", "--host", "haproxy");

        var hosts = Lines(output).Where(l => l.StartsWith("==> ", StringComparison.Ordinal)).Select(l => l[4..l.IndexOf(':')]).Distinct().ToList();
        Assert.True(exit == 0 && hosts.SequenceEqual(["haproxy"]), $"expected only haproxy's files (exit 0), got exit {exit} and hosts {string.Join(", ", hosts)}");
    }

    [Fact]
    public async Task Given_an_unknown_host_When_rendering_with_host_Then_it_exits_2_listing_the_hosts()
    {
        using var cli = new CliRunner();

        var (exit, output) = await cli.RunAsync("render", "galera", "--host", "db9");

        Assert.True(exit == ExitCodes.BadInput, $"expected exit 2 (bad input), got {exit}:\n{output}");
        Assert.True(output.Trim() == "error: unknown host 'db9' in lab 'galera'; hosts are: db1, db2, db3, haproxy, client", $"output was:\n{output}");
    }

    [Fact]
    public async Task Given_a_lab_that_does_not_exist_When_rendering_Then_one_line_names_it_and_lists_the_labs()
    {
        using var cli = new CliRunner();
        var labs = new LabCatalog(cli.CatalogRoot).LabNames;

        var (exit, output) = await cli.RunAsync("render", "nosuchlab");

        Assert.True(exit == ExitCodes.BadInput, $"expected exit 2 (bad input), got {exit}:\n{output}");
        var lines = Lines(output);
        Assert.True(lines.Length == 1, $"expected a single line, got {lines.Length}:\n{output}");
        Assert.True(lines[0] == $"error: unknown lab 'nosuchlab'; available labs: {string.Join(", ", labs)}", $"line was: {lines[0]}");
        Assert.True(labs.Contains("galera"), $"the catalog should list galera; it lists {string.Join(", ", labs)}");
    }

    [Fact]
    public async Task Given_a_lab_with_broken_yaml_When_rendering_Then_it_exits_2_naming_the_file_and_line()
    {
        using var catalog = new TempCatalog();
        var file = catalog.WriteLab("broken", """
            name: broken
            network:
              subnet: 10.20.30.0/24
            hosts: [ { name: db1, address: 10.20.30.11, role: db }
            """);
        using var cli = new CliRunner(catalog.Root);

        var (exit, output) = await cli.RunAsync("render", "broken");

        Assert.True(exit == ExitCodes.BadInput, $"expected exit 2 (bad input), got {exit}:\n{output}");
        var line = Assert.Single(Lines(output));
        Assert.True(line.StartsWith($"error: {file}:", StringComparison.Ordinal) && line.Contains("not valid YAML"),
            $"expected 'error: {file}:LINE: not valid YAML...', got: {line}");
        var lineNumber = line[$"error: {file}:".Length..].Split(':')[0];
        Assert.True(lineNumber is "4" or "5", $"expected the error at the unclosed list (line 4) or the end of the file (5), got line '{lineNumber}': {line}");
    }

    [Fact]
    public async Task Given_a_lab_with_a_host_of_an_unknown_role_When_rendering_Then_it_exits_2_naming_the_file_line_and_roles()
    {
        using var catalog = new TempCatalog();
        catalog.WriteTemplate("t/a.cnf.hbs", "x = {{host.name}}\n");
        var file = catalog.WriteLab("badrole", """
            name: badrole
            network: { subnet: 10.20.30.0/24 }
            roles:
              db: { mounts: [/etc/mysql], files: [ { template: t/a.cnf.hbs, path: /etc/mysql/a.cnf } ] }
            hosts:
              - { name: db1, address: 10.20.30.11, role: db }
              - { name: web1, address: 10.20.30.21, role: web }
            """);
        using var cli = new CliRunner(catalog.Root);

        var (exit, output) = await cli.RunAsync("render", "badrole");

        Assert.True(exit == ExitCodes.BadInput, $"expected exit 2 (bad input), got {exit}:\n{output}");
        Assert.True(output.Trim() == $"error: {file}:7: host 'web1': unknown role 'web'; roles are: db", $"output was:\n{output}");
    }

    /// <summary>The text printed after a header, up to the next header.</summary>
    [Fact]
    public async Task Given_ha_drbd_When_rendering_for_azure_Then_DRBD_uses_the_Azure_data_disk_and_by_default_the_vm_targets()
    {
        using var cli = new CliRunner();

        var (azureExit, azure) = await cli.RunAsync("render", "ha-drbd", "--host", "node1", "--cloud", "azure");
        var (plainExit, plain) = await cli.RunAsync("render", "ha-drbd", "--host", "node1");
        var (badExit, bad) = await cli.RunAsync("render", "ha-drbd", "--cloud", "gcp");

        var azureRes = Section(azure, "==> node1:/etc/drbd.d/r0.res");
        var plainRes = Section(plain, "==> node1:/etc/drbd.d/r0.res");
        Assert.True(azureExit == 0 && azureRes.Contains("disk      /dev/disk/azure/scsi1/lun0;"), $"azure render (exit {azureExit}):\n{azureRes}");
        Assert.True(plainExit == 0 && plainRes.Contains("disk      /dev/vdc;"), $"default render (exit {plainExit}):\n{plainRes}");
        Assert.True(badExit == ExitCodes.BadInput && bad.Contains("gcp"), $"an unknown cloud should be refused with exit 2, got {badExit}:\n{bad}");
    }

    private static string Section(string output, string header)
    {
        var start = output.IndexOf(header, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{header}' in the output:\n{output}");
        var next = output.IndexOf("\n==> ", start + header.Length, StringComparison.Ordinal);
        return next < 0 ? output[start..] : output[start..next];
    }
}

/// <summary>A throwaway project root with labs/ and templates/.</summary>
public sealed class TempCatalog : IDisposable
{
    public TempCatalog()
    {
        Root = Directory.CreateTempSubdirectory("lab-cli-catalog-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "labs"));
        Directory.CreateDirectory(Path.Combine(Root, "templates"));
    }

    public string Root { get; }

    public string WriteLab(string name, string yaml)
    {
        var file = Path.Combine(Root, "labs", name, "lab.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, yaml);
        return file;
    }

    public void WriteTemplate(string relative, string text)
    {
        var file = Path.Combine(Root, "templates", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
