using Lab.Export.Pulumi.Proof.Program;

namespace Lab.Export.Pulumi.Proof.Tests.Program;

/// <summary>Pulumi YAML's interpolation as `pulumi up` applies it: ${expr} replaced, $$ one dollar, nothing else touched.</summary>
public sealed class PulumiInterpolationTests
{
    [Fact]
    public void Given_escapes_and_references_When_resolved_Then_dollars_are_single_and_expressions_replaced()
    {
        var text = "rc=$$?; echo \"$${line%$$'\\r'}\" ${adminUser}@${client-public-ip.ipAddress} $HOME";

        var resolved = PulumiInterpolation.Resolve(text, e => e switch
        {
            "adminUser" => "labadmin",
            "client-public-ip.ipAddress" => "10.10.10.50",
            _ => throw new KeyNotFoundException(e),
        });

        Assert.Equal("rc=$?; echo \"${line%$'\\r'}\" labadmin@10.10.10.50 $HOME", resolved);
        Assert.Equal(["adminUser", "client-public-ip.ipAddress"], PulumiInterpolation.Expressions(text));
        Assert.Equal("client-public-ip", PulumiInterpolation.Root("client-public-ip.ipAddress"));
    }

    [Fact]
    public void Given_an_unterminated_reference_When_resolved_Then_it_is_an_error_naming_it()
    {
        var e = Assert.Throws<FormatException>(() => PulumiInterpolation.Resolve("echo ${adminUser", _ => ""));
        Assert.Contains("${adminUser", e.Message);
    }
}
