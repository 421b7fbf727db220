using Lab.Core.Secrets;

namespace Lab.Core.Tests;

public sealed class LabSecretsTests
{
    [Fact]
    public void Given_a_new_instance_When_secrets_are_generated_Then_every_account_gets_a_distinct_long_password()
    {
        var secrets = LabSecrets.Generate();

        Assert.True(secrets.Values.Keys.Order().SequenceEqual(LabSecrets.Names.Order()), $"names were: {string.Join(", ", secrets.Values.Keys)}");
        var weak = secrets.Values.Where(kv => kv.Value.Length < 16 || string.IsNullOrWhiteSpace(kv.Value)).Select(kv => $"{kv.Key} ({kv.Value.Length} chars)").ToList();
        Assert.True(weak.Count == 0, $"passwords shorter than 16 characters: {string.Join(", ", weak)}");
        Assert.True(secrets.Values.Values.Distinct().Count() == secrets.Values.Count, "two accounts got the same password");
        Assert.True(secrets.Values.Values.All(v => v.All(char.IsAsciiLetterOrDigit)),
            "passwords should be plain letters and digits, safe in SQL strings and option files");
    }

    [Fact]
    public void Given_two_instances_When_secrets_are_generated_Then_they_share_no_password()
    {
        var a = LabSecrets.Generate();
        var b = LabSecrets.Generate();

        var shared = LabSecrets.Names.Where(n => a[n] == b[n]).ToList();
        Assert.True(shared.Count == 0, $"the same password was generated twice for: {string.Join(", ", shared)}");
    }

    [Fact]
    public void Given_an_unknown_secret_name_When_read_Then_the_error_names_it()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => LabSecrets.Generate()["admin_password"]);

        Assert.True(e.Message.Contains("admin_password"), $"message was: {e.Message}");
    }
}
