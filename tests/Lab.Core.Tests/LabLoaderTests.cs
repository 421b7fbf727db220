using Lab.Core.Loading;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>Every kind of bad lab.yaml is reported as "file:line: what is expected" (DESIGN §4 rule 5).</summary>
public sealed class LabLoaderTests : IDisposable
{
    private const string File = "labs/t/lab.yaml";

    // Line numbers matter: the tests below edit one line and expect the error on it.
    private const string Valid = """
        name: t
        network:
          subnet: 10.20.30.0/24
        roles:
          db:
            services: [galera]
            mounts: [/etc/mysql]
            files:
              - { template: t/a.cnf.hbs, path: /etc/mysql/a.cnf }
        hosts:
          - { name: db1, address: 10.20.30.11, role: db }
          - { name: db2, address: 10.20.30.12, role: db }
        """;

    private readonly TempDirectory _templates = new();

    public LabLoaderTests() => _templates.Write("t/a.cnf.hbs", "[x]\nname = {{host.name}}\n");

    public void Dispose() => _templates.Dispose();

    private LabLoader Loader => new(_templates.Path);

    /// <summary>The valid lab with line <paramref name="line"/> (1-based) replaced.</summary>
    private static string WithLine(int line, string replacement)
    {
        var lines = Valid.Split('\n').ToList();
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    private LabFileException Fails(string yaml)
    {
        try
        {
            var lab = Loader.Parse(File, yaml);
            throw new Xunit.Sdk.XunitException($"expected a LabFileException, but the lab loaded with hosts {string.Join(", ", lab.Hosts.Select(h => h.Name))}");
        }
        catch (LabFileException e)
        {
            return e;
        }
    }

    private static void AssertLocated(LabFileException e, int line, params string[] expectedText)
    {
        Assert.True(e.File == File, $"expected the error to name {File}, it named '{e.File}' ({e.Message})");
        Assert.True(e.Line == line, $"expected line {line}, got line {e.Line}: {e.Message}");
        Assert.True(e.Message.StartsWith($"{File}:{line}: ", StringComparison.Ordinal), $"message should start with '{File}:{line}: ', was: {e.Message}");
        foreach (var text in expectedText)
            Assert.True(e.Message.Contains(text, StringComparison.Ordinal), $"message should contain \"{text}\", was: {e.Message}");
    }

    [Fact]
    public void Given_the_valid_base_lab_When_parsed_Then_hosts_roles_and_files_are_read()
    {
        var lab = Loader.Parse(File, Valid);

        Assert.True(lab.Name == "t" && lab.Subnet.ToString() == "10.20.30.0/24", $"got name {lab.Name}, subnet {lab.Subnet}");
        Assert.True(lab.Hosts.Select(h => $"{h.Name}={h.Address}/{h.Role}").SequenceEqual(["db1=10.20.30.11/db", "db2=10.20.30.12/db"]),
            $"hosts were: {string.Join(", ", lab.Hosts.Select(h => $"{h.Name}={h.Address}/{h.Role}"))}");
        var file = Assert.Single(lab.Hosts[0].Files);
        Assert.True(file is { Template: "t/a.cnf.hbs", Path: "/etc/mysql/a.cnf", Mode: "0644", Owner: "root" }, $"file was {file}");
        Assert.True(lab.Hosts[0].Services.SequenceEqual(["galera"]), $"services were {string.Join(", ", lab.Hosts[0].Services)}");
    }

    [Fact]
    public void Given_malformed_yaml_When_parsed_Then_the_error_names_the_file_line_and_says_it_is_not_valid_yaml()
    {
        var e = Fails(WithLine(3, "  subnet: 10.20.30.0/24: oops"));

        AssertLocated(e, 3, "not valid YAML");
    }

    [Theory]
    [InlineData(11, "  - { name: db1, address: 10.20.30.11, role: db")]
    [InlineData(6, "    services: [galera")]
    public void Given_an_unclosed_flow_collection_When_parsed_Then_the_error_is_located_at_it_instead_of_escaping_as_a_crash(int line, string broken)
    {
        // YamlDotNet reports some of these with an InvalidOperationException that carries no position.
        var e = Fails(WithLine(line, broken));

        AssertLocated(e, line, "not valid YAML");
    }

    [Fact]
    public void Given_a_flow_mapping_left_open_on_the_last_line_When_parsed_Then_the_error_points_at_the_end_of_the_file()
    {
        var e = Fails(WithLine(12, "  - { name: db2, address: 10.20.30.12, role: db"));

        Assert.True(e.File == File && e.Line is 12 or 13, $"expected the last line (12) or the end of the file (13), got {e.File}:{e.Line}: {e.Message}");
        Assert.True(e.Message.Contains("not valid YAML") && e.Message.Contains("'}'"), $"message should say a '}}' is missing; was: {e.Message}");
    }

    [Fact]
    public void Given_an_empty_file_When_parsed_Then_the_error_says_a_mapping_is_expected()
    {
        var e = Fails("");

        Assert.True(e.File == File && e.Message == $"{File}: the file is empty; expected a YAML mapping", $"message was: {e.Message}");
    }

    [Fact]
    public void Given_an_unknown_top_level_key_When_parsed_Then_the_error_names_it_and_lists_the_allowed_keys()
    {
        var e = Fails(Valid + "\nservers: 3");

        AssertLocated(e, 13, "unknown key 'servers'", "expected one of: name, title, network, networks, vars, roles, hosts");
    }

    [Fact]
    public void Given_a_host_with_an_unknown_role_When_parsed_Then_the_error_names_the_host_the_role_and_the_known_roles()
    {
        var e = Fails(WithLine(12, "  - { name: db2, address: 10.20.30.12, role: web }"));

        AssertLocated(e, 12, "host 'db2'", "unknown role 'web'", "roles are: db");
    }

    [Fact]
    public void Given_a_role_with_an_unknown_service_When_parsed_Then_the_error_names_the_service_and_the_known_ones()
    {
        var e = Fails(WithLine(6, "    services: [galera, mongodb]"));

        AssertLocated(e, 6, "role 'db'", "unknown service 'mongodb'", "known services:", "galera", "haproxy");
    }

    [Fact]
    public void Given_two_hosts_with_the_same_name_When_parsed_Then_the_second_is_reported_as_a_duplicate()
    {
        var e = Fails(WithLine(12, "  - { name: db1, address: 10.20.30.12, role: db }"));

        AssertLocated(e, 12, "duplicate host 'db1'");
    }

    [Fact]
    public void Given_two_hosts_with_the_same_address_When_parsed_Then_the_error_names_the_address_and_its_first_owner()
    {
        var e = Fails(WithLine(12, "  - { name: db2, address: 10.20.30.11, role: db }"));

        AssertLocated(e, 12, "host 'db2'", "duplicate address 10.20.30.11 (already used by db1)");
    }

    [Theory]
    [InlineData("10.20.31.12")]   // another /24
    [InlineData("10.20.30.255")]  // broadcast
    [InlineData("10.20.30.0")]    // network address
    [InlineData("10.20.30")]      // not four octets
    public void Given_an_address_that_is_not_a_host_of_the_subnet_When_parsed_Then_the_error_names_the_address_and_the_subnet(string address)
    {
        var e = Fails(WithLine(12, $"  - {{ name: db2, address: {address}, role: db }}"));

        AssertLocated(e, 12, $"host 'db2': address '{address}' is not a host address in 10.20.30.0/24");
    }

    [Theory]
    [InlineData("10.20.0.0/16")]
    [InlineData("10.20.30.0/25")]
    [InlineData("10.20.30.1/24")]  // host bits set
    [InlineData("10.20.30.0")]     // no prefix
    [InlineData("fd00::/64")]
    public void Given_a_subnet_that_is_not_an_IPv4_slash_24_When_parsed_Then_the_error_asks_for_one(string subnet)
    {
        var e = Fails(WithLine(3, $"  subnet: {subnet}"));

        AssertLocated(e, 3, $"subnet '{subnet}' must be an IPv4 /24 network such as 10.10.10.0/24");
    }

    [Fact]
    public void Given_a_file_whose_template_does_not_exist_When_parsed_Then_the_error_names_the_template_and_the_templates_folder()
    {
        var e = Fails(WithLine(9, "      - { template: t/missing.cnf.hbs, path: /etc/mysql/a.cnf }"));

        AssertLocated(e, 9, "template 't/missing.cnf.hbs' not found under", _templates.Path);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/etc/mysqlx/a.cnf")] // shares a prefix with the mount, but is not under it
    [InlineData("/etc/mysql")]        // the mount itself is not a file under it
    public void Given_a_file_path_outside_the_roles_mounts_When_parsed_Then_the_error_names_the_path_and_the_mounts(string path)
    {
        var e = Fails(WithLine(9, $"      - {{ template: t/a.cnf.hbs, path: {path} }}"));

        AssertLocated(e, 9, $"path '{path}' is outside the role's mounts (/etc/mysql)", "add its directory to 'mounts'");
    }

    [Fact]
    public void Given_a_relative_file_path_When_parsed_Then_the_error_asks_for_an_absolute_path()
    {
        var e = Fails(WithLine(9, "      - { template: t/a.cnf.hbs, path: etc/mysql/a.cnf }"));

        AssertLocated(e, 9, "path 'etc/mysql/a.cnf' must be absolute");
    }

    [Theory]
    [InlineData("\"644\"", "644")]
    [InlineData("\"0888\"", "0888")]
    [InlineData("rw-r--r--", "rw-r--r--")]
    [InlineData("420", "420")]        // 0644 written as a decimal number
    public void Given_a_bad_file_mode_When_parsed_Then_the_error_asks_for_four_octal_digits(string yamlValue, string shown)
    {
        var e = Fails(WithLine(9, $"      - {{ template: t/a.cnf.hbs, path: /etc/mysql/a.cnf, mode: {yamlValue} }}"));

        AssertLocated(e, 9, $"mode '{shown}' must be four octal digits");
    }

    [Fact]
    public void Given_a_quoted_octal_mode_When_parsed_Then_it_is_kept()
    {
        var lab = Loader.Parse(File, WithLine(9, "      - { template: t/a.cnf.hbs, path: /etc/mysql/a.cnf, mode: \"0600\" }"));

        Assert.True(lab.Hosts[0].Files[0].Mode == "0600", $"mode was {lab.Hosts[0].Files[0].Mode}");
    }

    [Fact]
    public void Given_a_missing_hosts_list_When_parsed_Then_the_error_says_what_a_host_needs()
    {
        var yaml = string.Join('\n', Valid.Split('\n').Take(9));

        var e = Fails(yaml);

        Assert.True(e.Message.Contains("missing 'hosts': expected a list of hosts with name, address and role"), $"message was: {e.Message}");
        Assert.True(e.File == File && e.Line > 0, $"expected {File} with a line, got '{e.File}' line {e.Line}");
    }

    [Theory]
    [InlineData("/etc/mysql/../passwd", "it has a '..' segment")] // would pass the "inside a mount" check and land in /etc
    [InlineData("/etc/mysql/./a.cnf", "it has a '.' segment")]
    [InlineData("/etc/mysql//a.cnf", "it has an empty segment ('//')")]
    [InlineData("/etc/mysql/conf.d/", "it ends with '/'")]
    [InlineData("/etc/mysql/a;b.cnf", "it has the character ';'")]
    [InlineData("\"/etc/mysql/a b.cnf\"", "it has a space or control character (U+0020)")]
    public void Given_a_file_path_that_is_not_normalised_When_parsed_Then_the_error_names_the_path_the_problem_and_the_expected_form(string yamlPath, string problem)
    {
        var e = Fails(WithLine(9, $"      - {{ template: t/a.cnf.hbs, path: {yamlPath} }}"));

        AssertLocated(e, 9, $"path '{yamlPath.Trim('"')}': {problem}", "expected an absolute, normalised path such as /etc/mysql/conf.d/a.cnf");
    }

    [Theory]
    [InlineData("/etc/mysql/", "it ends with '/'")]
    [InlineData("/etc/mysql/..", "it has a '..' segment")]
    public void Given_a_mount_that_is_not_normalised_When_parsed_Then_the_error_names_the_role_the_mount_and_the_expected_form(string mount, string problem)
    {
        var e = Fails(WithLine(7, $"    mounts: [{mount}]"));

        AssertLocated(e, 7, $"role 'db': mount '{mount}': {problem}", "expected an absolute, normalised path");
    }

    [Theory]
    [InlineData("\"root; reboot\"", "root; reboot")] // it reaches chown inside a shell command line
    [InlineData("Mysql", "Mysql")]
    [InlineData("1000", "1000")]
    [InlineData("\"mysql:\"", "mysql:")]
    [InlineData("\"-R\"", "-R")]
    [InlineData("\"mysql:adm:x\"", "mysql:adm:x")]
    public void Given_a_file_owner_that_is_not_a_plain_user_name_When_parsed_Then_the_error_names_it_and_says_what_an_owner_is(string yamlOwner, string shown)
    {
        var e = Fails(WithLine(9, $"      - {{ template: t/a.cnf.hbs, path: /etc/mysql/a.cnf, owner: {yamlOwner} }}"));

        AssertLocated(e, 9, $"owner '{shown}' must be a unix user name such as root, mysql or haproxy, optionally user:group");
    }

    [Theory]
    [InlineData("mysql")]
    [InlineData("haproxy")]
    [InlineData("_apt")]
    [InlineData("mysql:adm")]
    [InlineData("systemd-network:systemd-journal")]
    public void Given_a_plain_owner_or_user_and_group_When_parsed_Then_it_is_kept(string owner)
    {
        var lab = Loader.Parse(File, WithLine(9, $"      - {{ template: t/a.cnf.hbs, path: /etc/mysql/a.cnf, owner: {owner} }}"));

        Assert.True(lab.Hosts[0].Files[0].Owner == owner, $"owner was {lab.Hosts[0].Files[0].Owner}");
    }
}
