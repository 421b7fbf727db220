using Lab.Core.Model;

namespace Lab.Core.Tests;

public sealed class Ipv4SubnetTests
{
    private static Ipv4Subnet Subnet(string text) =>
        Ipv4Subnet.TryParse(text, out var s) ? s : throw new Xunit.Sdk.XunitException($"'{text}' did not parse as a subnet");

    private static uint Address(string text) =>
        Ipv4Subnet.TryParseAddress(text, out var a) ? a : throw new Xunit.Sdk.XunitException($"'{text}' did not parse as an address");

    [Theory]
    [InlineData("10.10.10.0/24", "10.10.10.0", 24)]
    [InlineData("192.168.110.0/24", "192.168.110.0", 24)]
    [InlineData("10.10.0.0/16", "10.10.0.0", 16)]
    [InlineData("10.10.10.128/25", "10.10.10.128", 25)]
    public void Given_a_network_in_cidr_form_When_parsed_Then_network_and_prefix_round_trip(string text, string network, int prefix)
    {
        var ok = Ipv4Subnet.TryParse(text, out var subnet);

        Assert.True(ok, $"'{text}' was rejected");
        Assert.True(Ipv4Subnet.Format(subnet.Network) == network && subnet.PrefixLength == prefix, $"parsed as {Ipv4Subnet.Format(subnet.Network)}/{subnet.PrefixLength}");
        Assert.True(subnet.ToString() == text, $"ToString gave {subnet}");
    }

    [Theory]
    [InlineData("10.10.10.1/24")]   // host bits set
    [InlineData("10.10.10.0")]      // no prefix
    [InlineData("10.10.10.0/")]
    [InlineData("10.10.10.0/33")]
    [InlineData("10.0.0.0/7")]      // wider than the tool allows
    [InlineData("10.10.10.0/31")]   // no room for hosts
    [InlineData("10.10.10/24")]     // three octets (IPAddress would accept it)
    [InlineData("256.10.10.0/24")]
    [InlineData("fd00::/64")]
    [InlineData("")]
    public void Given_text_that_is_not_a_usable_ipv4_network_When_parsed_Then_it_is_rejected(string text)
    {
        var ok = Ipv4Subnet.TryParse(text, out var subnet);

        Assert.False(ok, $"'{text}' was accepted as {subnet}");
    }

    [Theory]
    [InlineData("10.10.10.0/24", "10.10.10.0/24", true)]
    [InlineData("10.10.10.0/24", "10.10.11.0/24", false)]
    [InlineData("10.10.0.0/16", "10.10.10.0/24", true)]
    [InlineData("10.10.10.0/24", "10.10.0.0/16", true)]
    [InlineData("10.11.0.0/16", "10.10.10.0/24", false)]
    [InlineData("10.10.10.0/25", "10.10.10.128/25", false)]
    public void Given_two_subnets_When_checking_overlap_Then_the_answer_is_symmetric_and_correct(string a, string b, bool expected)
    {
        var ab = Subnet(a).Overlaps(Subnet(b));
        var ba = Subnet(b).Overlaps(Subnet(a));

        Assert.True(ab == expected && ba == expected, $"{a} overlaps {b}: expected {expected}, got {ab} one way and {ba} the other");
    }

    [Theory]
    [InlineData("10.10.10.101", "10.10.42.0/24", "10.10.42.101")]
    [InlineData("10.10.10.41", "172.16.5.0/24", "172.16.5.41")]
    [InlineData("10.10.10.1", "10.10.10.0/24", "10.10.10.1")]
    public void Given_an_address_of_the_subnet_When_translated_Then_it_keeps_its_host_offset(string address, string to, string expected)
    {
        var moved = Subnet("10.10.10.0/24").Translate(Address(address), Subnet(to));

        Assert.True(Ipv4Subnet.Format(moved) == expected, $"{address} moved to {to} became {Ipv4Subnet.Format(moved)}");
    }

    [Theory]
    [InlineData("10.10.10.1", true)]
    [InlineData("10.10.10.254", true)]
    [InlineData("10.10.10.0", false)]
    [InlineData("10.10.10.255", false)]
    [InlineData("10.10.11.1", false)]
    public void Given_an_address_When_asking_if_it_is_a_host_of_10_10_10_0_24_Then_network_broadcast_and_outsiders_are_not(string address, bool expected)
    {
        var isHost = Subnet("10.10.10.0/24").IsHostAddress(Address(address));

        Assert.True(isHost == expected, $"IsHostAddress({address}) = {isHost}, expected {expected}");
    }

    [Theory]
    [InlineData("10.10.10")]
    [InlineData("10.10.10.10.10")]
    [InlineData("::1")]
    [InlineData("db1")]
    public void Given_text_that_is_not_a_dotted_quad_When_parsed_as_an_address_Then_it_is_rejected(string text)
    {
        Assert.False(Ipv4Subnet.TryParseAddress(text, out var a), $"'{text}' was accepted as {Ipv4Subnet.Format(a)}");
    }
}
