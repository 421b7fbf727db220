using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lab.Cli.Tests.Support;
using Lab.Instances;
using Xunit.Abstractions;

namespace Lab.Cli.Tests;

/// <summary>
/// What a CI job reads from a real galera lab (local target): `lab up --json` on standard output alone, valid against
/// docs/lab-up.schema.json; the password only in its 0600 file; `eval "$(lab env)"` reaching HAProxy and each node from
/// this machine's own namespace through the published 127.0.0.1 ports; and a failed scenario exiting 4.
/// </summary>
[Collection(RealLabsCollection.Name)]
public sealed class RealLabJsonTests(RealLabsFixture labs, ITestOutputHelper log)
{
    private readonly RealLab galera = labs.Galera;

    private static readonly string SchemaFile = Path.Combine(RepoRoot.Path, "docs", "lab-up.schema.json");

    private static IReadOnlyList<string> Validate(string json) => JsonSchemaSubset.Load(SchemaFile).Validate(json);

    private JsonElement UpDocument()
    {
        galera.AssertUp();
        return JsonDocument.Parse(galera.UpJson!).RootElement;
    }

    [Fact]
    public void Given_galera_up_with_json_Then_standard_output_is_one_document_valid_against_the_schema_and_progress_is_on_standard_error()
    {
        var up = UpDocument();
        log.WriteLine($"lab up galera --json: {galera.UpTime.TotalSeconds:0.00}s (the document says up_seconds {up.GetProperty("up_seconds").GetDouble():0.00})");

        var errors = Validate(galera.UpJson!);

        Assert.True(errors.Count == 0, $"not valid against {SchemaFile}:\n{string.Join("\n", errors)}\n{galera.UpJson}");
        Assert.True(galera.UpJson!.StartsWith('{') && galera.UpJson.TrimEnd().EndsWith('}'), $"standard output holds more than the JSON:\n{galera.UpJson}");
        Assert.Contains($"lab 'galera' is up as instance '{galera.Instance}'", galera.Up.Output);
        Assert.DoesNotContain("✓", galera.UpJson);
        Assert.Equal(["haproxy", "db1", "db2", "db3"], up.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        var entry = up.GetProperty("entry");
        Assert.True(entry.GetProperty("name").GetString() == "haproxy" && entry.GetProperty("address").GetString()!.EndsWith(".41", StringComparison.Ordinal), entry.ToString());
        Assert.True(entry.TryGetProperty("published", out var published) && published.GetProperty("address").GetString() == "127.0.0.1",
            $"the local target publishes the entry on 127.0.0.1: {entry}");
    }

    [Fact]
    public void Given_the_up_document_When_a_required_field_is_missing_Then_the_schema_rejects_it()
    {
        var up = JsonNode.Parse(UpDocument().GetRawText())!.AsObject();
        Assert.Empty(Validate(up.ToJsonString()));

        // One required field out at each level: the top, an endpoint reached through $ref, a host, the account.
        var cases = new (string What, Action<JsonObject> Remove, string Named)[]
        {
            ("instance", d => d.Remove("instance"), "instance"),
            ("entry.published.port", d => d["entry"]!["published"]!.AsObject().Remove("port"), "port"),
            ("hosts[0].address", d => d["hosts"]![0]!.AsObject().Remove("address"), "address"),
            ("account.password_file", d => d["account"]!.AsObject().Remove("password_file"), "password_file"),
        };
        foreach (var (what, remove, named) in cases)
        {
            var broken = up.DeepClone().AsObject();
            remove(broken);

            var errors = Validate(broken.ToJsonString());

            Assert.True(errors.Any(e => e.EndsWith($"required property '{named}' is missing", StringComparison.Ordinal)),
                $"without {what} the document should be refused naming '{named}'; errors: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public async Task Given_galera_up_Then_the_app_password_is_only_in_its_0600_file_and_status_json_names_the_same_endpoints()
    {
        var up = UpDocument();
        var password = InstanceRecord.LoadSecrets(galera.Layout, galera.Instance)["app_password"];
        var file = up.GetProperty("account").GetProperty("password_file").GetString()!;

        var (exit, stdout, stderr) = await galera.RunSplitAsync("status", "--json");

        Assert.True(exit == ExitCodes.Ok && stderr.Length == 0, $"exit {exit}, stderr:\n{stderr}");
        Assert.Empty(Validate(stdout));
        Assert.Equal(AppPasswordFile.PathOf(galera.Layout, galera.Instance), file);
        Assert.Equal(password, File.ReadAllText(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.DoesNotContain(password, galera.UpJson);
        Assert.DoesNotContain(password, stdout);
        var status = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(up.GetProperty("endpoints").ToString(), status.GetProperty("endpoints").ToString());
        Assert.False(status.TryGetProperty("up_seconds", out _), "up_seconds belongs to `lab up` alone");
    }

    [Fact]
    public async Task Given_replication_and_failover_Then_status_json_is_valid_too_and_the_entry_is_the_primary_or_the_virtual_IP()
    {
        foreach (var (lab, entry) in new[] { (labs.Replication, "primary"), (labs.Failover, "vip") })
        {
            lab.AssertUp();
            var (exit, stdout, stderr) = await lab.RunSplitAsync("status", "--json");

            Assert.True(exit == ExitCodes.Ok, $"{lab.Lab}: exit {exit}:\n{stderr}");
            var errors = Validate(stdout);
            Assert.True(errors.Count == 0, $"{lab.Lab}: not valid against {SchemaFile}:\n{string.Join("\n", errors)}\n{stdout}");
            var document = JsonDocument.Parse(stdout).RootElement;
            Assert.Equal(entry, document.GetProperty("entry").GetProperty("name").GetString());
            Assert.Equal("app", document.GetProperty("account").GetProperty("user").GetString());
        }
    }

    [Fact]
    public async Task Given_lab_env_evaluated_in_bash_Then_mariadb_from_this_machine_reaches_a_node_through_the_entry_and_each_node_through_its_own_port()
    {
        galera.AssertUp();
        // The real `lab` program, as a CI step runs it, with this fixture's state directory.
        var lab = $"dotnet {Path.Combine(AppContext.BaseDirectory, "lab.dll")} env --instance {galera.Instance}";
        const string connect = "mariadb -h \"$LAB_{0}_HOST\" -P \"$LAB_{0}_PORT\" -u \"$LAB_MYSQL_USER\" -p\"$(cat \"$LAB_MYSQL_PASSWORD_FILE\")\" -N -e 'SELECT @@hostname'";
        var script = string.Join("\n",
        [
            "set -eu",
            $"eval \"$({lab})\"",
            "test \"$LAB_MYSQL_HOST\" = 127.0.0.1",
            "echo \"entry=$(mariadb -h \"$LAB_MYSQL_HOST\" -P \"$LAB_MYSQL_PORT\" -u \"$LAB_MYSQL_USER\" -p\"$(cat $LAB_MYSQL_PASSWORD_FILE)\" -N -e 'SELECT @@hostname')\"",
            .. new[] { "DB1", "DB2", "DB3" }.Select(h => $"echo \"{h.ToLowerInvariant()}=$({string.Format(connect, h)})\""),
        ]);

        var (exit, stdout, stderr) = await BashAsync(script);

        log.WriteLine(stdout + stderr);
        Assert.True(exit == 0, $"bash exited {exit}:\n{stdout}{stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 4 && lines[0] is "entry=db1" or "entry=db2" or "entry=db3", stdout + stderr);
        Assert.Equal(["db1=db1", "db2=db2", "db3=db3"], lines[1..]);
    }

    [Fact]
    public async Task Given_a_scenario_whose_expectation_cannot_hold_When_run_on_galera_Then_run_exits_4()
    {
        galera.AssertUp();
        // A copy of the catalog with one more galera scenario; the instance is the fixture's, opened by name.
        var root = Directory.CreateTempSubdirectory("lab-cli-fail-").FullName;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(root, "templates"), Path.Combine(RepoRoot.Path, "templates"));
            var labDir = Path.Combine(root, "labs", "galera");
            Directory.CreateDirectory(Path.Combine(labDir, "scenarios"));
            File.Copy(Path.Combine(RepoRoot.Path, "labs", "galera", "lab.yaml"), Path.Combine(labDir, "lab.yaml"));
            File.WriteAllText(Path.Combine(labDir, "scenarios", "never-true.yaml"), """
                name: never-true
                title: { en: "SELECT 1 is never 2", ko: "SELECT 1은 결코 2가 아니다" }
                explain: { en: "An expectation that cannot hold, for the exit code.", ko: "종료 코드를 위한, 성립할 수 없는 기대." }
                stages:
                  - title: { en: "ask db1", ko: "db1에 묻기" }
                    expect:
                      - query: { on: db1, run: "SELECT 1", equals: "2" }
                        within: 1s
                """);
            using var cli = new CliRunner(catalogRoot: root, layout: galera.Layout);

            var (exit, output) = await cli.RunAsync("run", "galera", "never-true", "--instance", galera.Instance);

            Assert.True(exit == ExitCodes.ScenarioFailed, $"expected exit 4 (a scenario failed), got {exit}:\n{output}");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Runs a bash script in this machine's own namespaces, with `lab` finding this fixture's instances.</summary>
    private async Task<(int ExitCode, string Stdout, string Stderr)> BashAsync(string script)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.Environment["LAB_HOME"] = RepoRoot.Path;
        psi.Environment["LAB_STATE_DIR"] = galera.Layout.StateRoot;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout).ReplaceLineEndings("\n"), (await stderr).ReplaceLineEndings("\n"));
    }
}
