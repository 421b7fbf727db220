using Lab.Core.Messages;
using Lab.Reports.Html;
using H = Lab.Reports.Html.Html;

namespace Lab.Reports.Tests;

/// <summary>The page skeleton and its markup type: what comes from outside is escaped, whatever the caller does.</summary>
public sealed class HtmlTests
{
    [Fact]
    public void Given_text_with_markup_When_put_in_an_element_or_an_attribute_Then_it_stays_text()
    {
        var hostile = "<script>alert('x')</script> & \"quoted\"";

        var html = H.Element("td", [("title", hostile)], hostile).ToString();

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;\"", html);
    }

    [Theory]
    [InlineData("td onmouseover=x")]
    [InlineData("a\"")]
    [InlineData("")]
    public void Given_a_name_that_is_not_one_Then_the_element_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => H.Element(name));
        Assert.Throws<ArgumentException>(() => H.Element("td", [(name, "v")]));
    }

    [Fact]
    public void Given_a_void_element_Then_it_has_no_end_tag_and_refuses_content()
    {
        Assert.Equal("<meta charset=\"utf-8\">", H.Element("meta", [("charset", "utf-8")]).ToString());
        Assert.Throws<ArgumentException>(() => H.Element("br", "text"));
    }

    [Fact]
    public void Given_a_stylesheet_that_would_close_its_element_Then_the_page_refuses_it()
    {
        var page = new HtmlPage(Language.En, "t").WithStyles("p { color: red } </style><script>x()</script>");

        Assert.Throws<ArgumentException>(() => page.Render("body"));
    }

    [Fact]
    public void Given_a_page_Then_it_is_one_self_contained_document_in_its_language_that_allows_no_script()
    {
        var page = new HtmlPage(Language.Ko, "제목 <1>").WithStyles(".x { color: red; }").Render(H.Element("p", "본문"));

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">", page);
        Assert.Contains($"content=\"{HtmlPage.ContentSecurityPolicy.Replace("'", "&#39;")}\"", page);
        Assert.Contains("<title>제목 &lt;1&gt;</title>", page);
        Assert.Contains(".x { color: red; }", page);
        Assert.Contains("<body><p>본문</p></body>", page);
    }
}
