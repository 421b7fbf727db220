using Lab.Hosts.Ssh;

namespace Lab.Hosts.Ssh.Tests;

/// <summary>The files a host is provisioned with travel as base64 in a heredoc: what `base64 -d` on the host decodes.</summary>
public sealed class Base64LinesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("[client]\nuser=app\n")]
    [InlineData("a config file long enough to need several base64 lines: wsrep_provider_options=\"gcache.size=64M; pc.recovery=TRUE\"\n# 한국어 주석\n")]
    public async Task Given_a_file_When_encoded_Then_coreutils_base64_decodes_it_byte_for_byte(string content)
    {
        var lines = SshHost.Base64Lines(content);
        Assert.DoesNotContain('\r', lines);
        Assert.All(lines.Split('\n'), l => Assert.True(l.Length <= 76));

        var decoded = await Lab.Instances.ProcessRunner.RunAsync("base64", ["-d"], lines + "\n");
        Assert.True(decoded.Ok, decoded.Stderr);
        Assert.Equal(content, decoded.Stdout);
    }
}
