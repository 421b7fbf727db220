using System.Text.Json;
using System.Text.Json.Nodes;
using Lab.Cli.Tests.Support;

namespace Lab.Cli.Tests;

/// <summary>
/// docs/lab-up.schema.json and the validator the real-lab tests use on `lab up --json` (see RealLabJsonTests): a
/// document shaped like galera's passes, and each kind of mistake in it is caught.
/// </summary>
public sealed class LabUpSchemaTests
{
    private static readonly string SchemaFile = Path.Combine(RepoRoot.Path, "docs", "lab-up.schema.json");

    /// <summary>What `lab up galera --json` prints, cut down to one server.</summary>
    private const string Galera = """
        {
          "instance": "galera", "lab": "galera", "target": "local", "subnet": "10.10.10.0/24", "healthy": true,
          "healthy_means": "every service running", "problems": [], "up_seconds": 1.83,
          "entry": { "name": "haproxy", "host": "haproxy", "address": "10.10.10.41", "port": 3306, "entry": true, "purpose": "HAProxy",
                     "published": { "address": "127.0.0.1", "port": 40001 } },
          "endpoints": [
            { "name": "haproxy", "host": "haproxy", "address": "10.10.10.41", "port": 3306, "entry": true, "purpose": "HAProxy",
              "published": { "address": "127.0.0.1", "port": 40001 } },
            { "name": "db1", "host": "db1", "address": "10.10.10.101", "port": 3306, "entry": false, "purpose": "MariaDB on db1" }
          ],
          "account": { "user": "app", "password_file": "/var/lib/lab/instances/galera/app-password" },
          "hosts": [
            { "name": "db1", "address": "10.10.10.101", "addresses": { "lan": "10.10.10.101" }, "reached": "namespace lab.galera.db1",
              "services": { "galera": { "state": "running", "pid": 4242 } },
              "wsrep": { "wsrep_cluster_status": "Primary", "wsrep_cluster_size": 3, "wsrep_local_state_comment": "Synced", "wsrep_ready": "ON" } }
          ]
        }
        """;

    private static IReadOnlyList<string> Errors(Action<JsonObject> change)
    {
        var document = JsonNode.Parse(Galera)!.AsObject();
        change(document);
        return JsonSchemaSubset.Load(SchemaFile).Validate(document.ToJsonString());
    }

    [Fact]
    public void Given_the_schema_Then_it_is_draft_2020_12_and_a_galera_document_is_valid()
    {
        var schema = JsonDocument.Parse(File.ReadAllText(SchemaFile)).RootElement;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
        Assert.Empty(Errors(_ => { }));
    }

    public static TheoryData<string, string> Mistakes() => new()
    {
        { "no instance", "$: required property 'instance' is missing" },
        { "port as text", "$.endpoints[0].port: expected \"integer\", found string" },
        { "target mars", "$.target: \"mars\" is not one of" },
        { "published on every address", "$.entry.published.address: must be \"127.0.0.1\"" },
        { "another account", "$.account.user: must be \"app\"" },
        { "a bad address", "$.hosts[0].address: '10.10.10.300' does not match" },
        { "no hosts", "$.hosts: 0 item(s), at least 1 expected" },
        { "a service in an unknown state", "$.hosts[0].services.galera.state: \"dead\" is not one of" },
        { "port 0", "$.entry.published.port: 0 is below 1" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Given_a_mistake_in_the_document_When_validated_Then_it_is_reported_at_its_path(string mistake, string expected)
    {
        var errors = Errors(mistake switch
        {
            "no instance" => d => d.Remove("instance"),
            "port as text" => d => d["endpoints"]![0]!["port"] = "3306",
            "target mars" => d => d["target"] = "mars",
            "published on every address" => d => d["entry"]!["published"]!["address"] = "0.0.0.0",
            "another account" => d => d["account"]!["user"] = "root",
            "a bad address" => d => d["hosts"]![0]!["address"] = "10.10.10.300",
            "no hosts" => d => d["hosts"] = new JsonArray(),
            "a service in an unknown state" => d => d["hosts"]![0]!["services"]!["galera"]!["state"] = "dead",
            "port 0" => d => d["entry"]!["published"]!["port"] = 0,
            _ => throw new ArgumentException(mistake),
        });

        Assert.True(errors.Any(e => e.StartsWith(expected, StringComparison.Ordinal)), $"{mistake}: expected '{expected}...', got: {string.Join("; ", errors)}");
    }

    [Fact]
    public void Given_a_schema_with_a_keyword_the_validator_does_not_check_Then_loading_it_is_refused()
    {
        var schema = JsonDocument.Parse("""{ "type": "object", "properties": { "x": { "type": "string", "format": "ipv4" } } }""").RootElement;

        var e = Assert.Throws<ArgumentException>(() => new JsonSchemaSubset(schema));

        Assert.Contains("'format'", e.Message);
    }
}
