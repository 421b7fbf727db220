using Lab.Export.Pulumi.Tests.Support;
using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Tests;

/// <summary>Whatever string goes in, YamlDotNet reads the same string back: the writer never alters file bytes.</summary>
public sealed class YamlWriterTests
{
    public static TheoryData<string> Tricky => new(
        "plain", "", " leading space", "trailing space ", "0644", "true", "no", "~", "null", "10.10.10.0/24", "3306", "-1", "1e3",
        "a: b", "a #b", "key:", "#comment", "- item", "[x]", "{y}", "*", "&anchor", "!tag", "'q'", "\"dq\"", "%pct", "@at", "`tick`",
        "${ref.x}", "$${esc}", "tab\there", "ünïcödé 한국어",
        "one\ntwo\n", "no final newline\nend", "two finals\n\n", "three finals\n\n\n", "n", "Y", "On", "\nleading blank\n", "  indented first\nsecond\n",
        "blank-looking\n   \nline\n", "trailing spaces   \nline\n", "tabs\n\tindented\n", "cr\r\nlf\n", "nul\0char\n", "bell\a\n",
        "--- not a doc\n... nor end\n", "# hash line\n- dash line\n", "\n", "\n\n", "x\n  deeper\n    deepest\n");

    [Theory]
    [MemberData(nameof(Tricky))]
    public void Given_a_string_When_written_as_a_map_value_and_in_a_list_item_map_Then_YamlDotNet_reads_it_back_unchanged(string value)
    {
        var doc = new YMap()
            .Add("value", value)
            .Add("list", new YList(new YMap().Add("path", "/x").Add("content", value)));

        var text = YamlWriter.Write(doc, ["header"]);
        var root = YamlTree.ParseMap(text);

        Assert.Equal(value, root.Str("value"));
        Assert.Equal(value, ((YamlDotNet.RepresentationModel.YamlMappingNode)root.Seq("list").Children[0]).Str("content"));
    }

    [Fact]
    public void Given_numbers_booleans_and_empty_collections_When_written_Then_they_keep_their_yaml_types()
    {
        var text = YamlWriter.Write(new YMap().Add("size", 20).Add("flag", false).Add("m", new YMap()).Add("l", new YList()));

        Assert.Equal("size: 20\nflag: false\nm: {}\nl: []\n", text);
    }
}
