using System.Text.RegularExpressions;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Rendering;
using Lab.Core.Secrets;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>The real labs/galera rendered with the real templates, checked against the seed's (000) values.</summary>
public sealed class GaleraLabRenderingTests
{
    private static readonly LabCatalog Catalog = new(RepoRoot.Path);
    private static readonly string[] DbHosts = ["db1", "db2", "db3"];

    private static LabDefinition Galera => Catalog.Load("galera");

    private static IReadOnlyList<RenderedFile> Render(LabDefinition lab, LabSecrets? secrets = null) =>
        new TemplateRenderer(Catalog.TemplatesRoot).RenderAll(lab, secrets ?? LabSecrets.Generate());

    private static RenderedFile FileOf(IReadOnlyList<RenderedFile> files, string host, string path) =>
        files.SingleOrDefault(f => f.Host == host && f.Path == path)
        ?? throw new Xunit.Sdk.XunitException($"no file {path} rendered for {host}; rendered: {string.Join(", ", files.Select(f => $"{f.Host}:{f.Path}"))}");

    private static RenderedFile GaleraCnf(IReadOnlyList<RenderedFile> files, string host) =>
        FileOf(files, host, "/etc/mysql/mariadb.conf.d/60-galera.cnf");

    private static RenderedFile HaproxyCfg(IReadOnlyList<RenderedFile> files) => FileOf(files, "haproxy", "/etc/haproxy/haproxy.cfg");

    /// <summary>Key/value pairs of one [section] of a MariaDB option file, quotes kept as written.</summary>
    private static Dictionary<string, string> Section(string content, string section)
    {
        var result = new Dictionary<string, string>();
        string? current = null;
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith('[')) { current = line.Trim('[', ']'); continue; }
            if (current != section) continue;
            var eq = line.IndexOf('=');
            var key = eq < 0 ? line : line[..eq].Trim();
            Assert.False(result.ContainsKey(key), $"[{section}] sets {key} twice:\n{content}");
            result[key] = eq < 0 ? "" : line[(eq + 1)..].Trim();
        }
        return result;
    }

    private static void AssertSetting(Dictionary<string, string> settings, string key, string expected, string where)
    {
        Assert.True(settings.TryGetValue(key, out var actual), $"{where}: {key} is not set; keys: {string.Join(", ", settings.Keys)}");
        Assert.True(actual == expected, $"{where}: expected {key} = {expected}, found {key} = {actual}");
    }

    /// <summary>HAProxy sections: "listen stats" → its indented lines, trimmed, without comments.</summary>
    private static Dictionary<string, List<string>> HaproxySections(string cfg)
    {
        var sections = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var raw in cfg.Split('\n'))
        {
            if (raw.Trim().Length == 0 || raw.TrimStart().StartsWith('#')) continue;
            if (!char.IsWhiteSpace(raw[0])) sections[raw.Trim()] = current = [];
            else current?.Add(Regex.Replace(raw.Trim(), @"\s+", " "));
        }
        return sections;
    }

    private static List<string> HaproxySection(string cfg, string name) =>
        HaproxySections(cfg).TryGetValue(name, out var lines) ? lines
            : throw new Xunit.Sdk.XunitException($"haproxy.cfg has no '{name}' section; sections: {string.Join(" | ", HaproxySections(cfg).Keys)}");

    [Fact]
    public void Given_the_galera_lab_When_rendered_Then_every_db_node_has_the_seeds_galera_section()
    {
        var files = Render(Galera);

        foreach (var host in DbHosts)
        {
            var galera = Section(GaleraCnf(files, host).Content, "galera");
            var where = $"{host} 60-galera.cnf [galera]";
            AssertSetting(galera, "wsrep_on", "ON", where);
            AssertSetting(galera, "wsrep_provider", "/usr/lib/galera/libgalera_smm.so", where);
            AssertSetting(galera, "wsrep_cluster_address", "\"gcomm://10.10.10.101,10.10.10.102,10.10.10.103\"", where);
            AssertSetting(galera, "binlog_format", "row", where);
            AssertSetting(galera, "default_storage_engine", "InnoDB", where);
            AssertSetting(galera, "innodb_autoinc_lock_mode", "2", where);
            AssertSetting(galera, "bind-address", "0.0.0.0", where);
            AssertSetting(galera, "wsrep_cluster_name", "\"MariaDB_Cluster\"", where);
        }
    }

    [Theory]
    [InlineData("db1", "10.10.10.101")]
    [InlineData("db2", "10.10.10.102")]
    [InlineData("db3", "10.10.10.103")]
    public void Given_the_galera_lab_When_rendered_Then_each_node_names_its_own_address_and_name(string host, string address)
    {
        var galera = Section(GaleraCnf(Render(Galera), host).Content, "galera");

        AssertSetting(galera, "wsrep_node_address", $"\"{address}\"", host);
        AssertSetting(galera, "wsrep_node_name", $"\"{host}\"", host);
    }

    [Fact]
    public void Given_the_galera_lab_When_rendered_Then_the_server_listens_on_all_addresses_as_the_seed_sets_it()
    {
        var files = Render(Galera);

        foreach (var host in DbHosts)
            AssertSetting(Section(FileOf(files, host, "/etc/mysql/mariadb.conf.d/50-server.cnf").Content, "mysqld"), "bind-address", "0.0.0.0", $"{host} 50-server.cnf [mysqld]");
    }

    [Fact]
    public void Given_the_galera_lab_When_rendered_Then_haproxy_has_the_seeds_stats_page_and_tcp_frontend()
    {
        var cfg = HaproxyCfg(Render(Galera)).Content;

        var stats = HaproxySection(cfg, "listen stats");
        foreach (var line in new[] { "bind *:9000", "mode http", "stats enable", "stats uri /stats" })
            Assert.True(stats.Contains(line), $"listen stats should contain '{line}'; it has: {string.Join(" | ", stats)}");
        var frontend = HaproxySection(cfg, "frontend dbserver");
        foreach (var line in new[] { "bind *:3306", "mode tcp", "default_backend mariadb_backend" })
            Assert.True(frontend.Contains(line), $"frontend dbserver should contain '{line}'; it has: {string.Join(" | ", frontend)}");
    }

    [Fact]
    public void Given_the_default_check_When_rendered_Then_the_backend_has_three_servers_checked_the_galera_aware_way()
    {
        var lab = Galera;
        Assert.True(lab.Var("haproxy_check", "") == "galera", $"labs/galera/lab.yaml should default to the Galera-aware check, has '{lab.Var("haproxy_check", "")}'");

        var backend = HaproxySection(HaproxyCfg(Render(lab)).Content, "backend mariadb_backend");

        var servers = backend.Where(l => l.StartsWith("server ", StringComparison.Ordinal)).ToList();
        Assert.True(servers.SequenceEqual(["server db1 10.10.10.101:3306 check", "server db2 10.10.10.102:3306 check", "server db3 10.10.10.103:3306 check"]),
            $"servers were: {string.Join(" | ", servers)}");
        Assert.True(backend.Contains("mode tcp"), $"backend should be mode tcp; it has: {string.Join(" | ", backend)}");
        Assert.True(backend.Contains("option httpchk") && backend.Contains("http-check expect status 200"),
            $"expected an HTTP check expecting 200; backend: {string.Join(" | ", backend)}");
        Assert.True(backend.Any(l => l.StartsWith("default-server port 9200 ", StringComparison.Ordinal)),
            $"expected the check on clustercheck's port 9200; backend: {string.Join(" | ", backend)}");
        Assert.False(backend.Any(l => l.Contains("mysql-check")), $"the galera check must not also use mysql-check; backend: {string.Join(" | ", backend)}");
    }

    [Fact]
    public void Given_haproxy_check_mysql_check_When_rendered_Then_the_backend_uses_the_seeds_mysql_check_line()
    {
        var lab = Galera;
        var seedStyle = lab with { Vars = new Dictionary<string, string>(lab.Vars) { ["haproxy_check"] = "mysql-check" } };

        var backend = HaproxySection(HaproxyCfg(Render(seedStyle)).Content, "backend mariadb_backend");

        Assert.True(backend.Contains("option mysql-check user haproxy"), $"expected the seed's 'option mysql-check user haproxy'; backend: {string.Join(" | ", backend)}");
        Assert.False(backend.Any(l => l.Contains("httpchk") || l.Contains("9200")), $"mysql-check must not keep the HTTP check; backend: {string.Join(" | ", backend)}");
        Assert.True(backend.Count(l => l.StartsWith("server ", StringComparison.Ordinal)) == 3, $"expected 3 servers; backend: {string.Join(" | ", backend)}");
    }

    [Fact]
    public void Given_generated_secrets_When_rendered_Then_every_file_holding_one_has_mode_0600()
    {
        var secrets = LabSecrets.Generate();
        var files = Render(Galera, secrets);

        var holding = files.Where(f => secrets.Values.Values.Any(v => f.Content.Contains(v, StringComparison.Ordinal))).ToList();

        Assert.True(holding.Count >= 3 * 2 + 1,
            $"expected secrets in each db node's clustercheck.cnf and lab-accounts.sql and in the client's cnf; found in: {string.Join(", ", holding.Select(f => $"{f.Host}:{f.Path}"))}");
        var open = holding.Where(f => f.Mode != "0600").Select(f => $"{f.Host}:{f.Path} (mode {f.Mode})").ToList();
        Assert.True(open.Count == 0, $"files holding a password must be 0600: {string.Join(", ", open)}");
        Assert.True(holding.Any(f => f.Host == "client" && f.Content.Contains(secrets["app_password"])),
            "the client's cnf should carry the app password");
    }

    [Fact]
    public void Given_the_galera_lab_When_rendered_Then_no_file_contains_the_seeds_fixed_password()
    {
        var files = Render(Galera).Concat(Render(Galera, LabSecrets.Placeholders())).ToList();

        var offending = files.Where(f => f.Content.Contains("qwer1234", StringComparison.OrdinalIgnoreCase)).Select(f => $"{f.Host}:{f.Path}").ToList();
        Assert.True(files.Count > 0 && offending.Count == 0, $"qwer1234 found in: {string.Join(", ", offending)}");
    }

    [Fact]
    public void Given_the_lab_moved_to_another_24_When_rendered_Then_addresses_gcomm_and_haproxy_servers_follow()
    {
        Assert.True(Ipv4Subnet.TryParse("10.10.42.0/24", out var target));
        var moved = Galera.MovedTo(target);

        var files = Render(moved);

        Assert.True(moved.Subnet == target, $"subnet is {moved.Subnet}");
        Assert.True(moved.Hosts.Select(h => h.Address).SequenceEqual(["10.10.42.101", "10.10.42.102", "10.10.42.103", "10.10.42.41", "10.10.42.50"]),
            $"addresses were: {string.Join(", ", moved.Hosts.Select(h => h.Address))}");
        AssertSetting(Section(GaleraCnf(files, "db2").Content, "galera"), "wsrep_cluster_address", "\"gcomm://10.10.42.101,10.10.42.102,10.10.42.103\"", "moved db2");
        AssertSetting(Section(GaleraCnf(files, "db2").Content, "galera"), "wsrep_node_address", "\"10.10.42.102\"", "moved db2");
        var servers = HaproxySection(HaproxyCfg(files).Content, "backend mariadb_backend").Where(l => l.StartsWith("server ", StringComparison.Ordinal)).ToList();
        Assert.True(servers.SequenceEqual(["server db1 10.10.42.101:3306 check", "server db2 10.10.42.102:3306 check", "server db3 10.10.42.103:3306 check"]),
            $"servers were: {string.Join(" | ", servers)}");
        var all = string.Join("\n", files.Select(f => f.Content));
        Assert.False(all.Contains("10.10.10."), "a rendered file still mentions the original 10.10.10.0/24: " +
            string.Join(", ", files.Where(f => f.Content.Contains("10.10.10.")).Select(f => $"{f.Host}:{f.Path}")));
    }

    [Fact]
    public void Given_a_subnet_of_another_size_When_moving_Then_it_is_refused()
    {
        Assert.True(Ipv4Subnet.TryParse("10.10.0.0/16", out var wider));

        var e = Assert.Throws<ArgumentException>(() => Galera.MovedTo(wider));

        Assert.True(e.Message.Contains("prefix lengths differ"), $"message was: {e.Message}");
    }

    [Fact]
    public void Given_the_same_subnet_When_moving_Then_the_lab_is_unchanged()
    {
        var lab = Galera;

        Assert.Same(lab, lab.MovedTo(lab.Subnet));
    }
}
