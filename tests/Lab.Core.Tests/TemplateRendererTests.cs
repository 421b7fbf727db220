using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Rendering;
using Lab.Core.Secrets;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>Strict Handlebars: a missing variable is an error naming template, line and host, never an empty string.</summary>
public sealed class TemplateRendererTests : IDisposable
{
    private readonly TempDirectory _templates = new();

    public void Dispose() => _templates.Dispose();

    private LabDefinition LabWith(string template) => new LabLoader(_templates.Path).Parse("labs/t/lab.yaml", $$"""
        name: t
        network: { subnet: 10.20.30.0/24 }
        vars: { cluster_name: Test_Cluster }
        roles:
          db:
            mounts: [/etc/mysql]
            files: [ { template: {{template}}, path: /etc/mysql/x.cnf } ]
        hosts:
          - { name: db1, address: 10.20.30.11, role: db }
          - { name: db2, address: 10.20.30.12, role: db }
        """);

    private LabFileException RenderFails(LabDefinition lab, string host)
    {
        var renderer = new TemplateRenderer(_templates.Path);
        try
        {
            var files = renderer.RenderHost(lab, lab.Host(host), LabSecrets.Generate());
            throw new Xunit.Sdk.XunitException($"expected a LabFileException, but rendering produced: {string.Join("\n---\n", files.Select(f => f.Content))}");
        }
        catch (LabFileException e)
        {
            return e;
        }
    }

    [Fact]
    public void Given_a_template_using_defined_variables_When_rendered_Then_the_values_are_substituted_without_html_escaping()
    {
        _templates.Write("t/ok.cnf.hbs", "name = \"{{vars.cluster_name}}\"\nnode = {{host.name}} {{host.address}}\npeers = {{#each roles.db}}{{address}}{{#unless @last}},{{/unless}}{{/each}}\nnet = {{lab.account_host}} & <{{lab.subnet}}>\n");
        var lab = LabWith("t/ok.cnf.hbs");

        var file = Assert.Single(new TemplateRenderer(_templates.Path).RenderHost(lab, lab.Host("db2"), LabSecrets.Placeholders()));

        Assert.True(file.Content == "name = \"Test_Cluster\"\nnode = db2 10.20.30.12\npeers = 10.20.30.11,10.20.30.12\nnet = 10.20.30.% & <10.20.30.0/24>\n",
            $"rendered content was:\n{file.Content}");
        Assert.True(file is { Host: "db2", Path: "/etc/mysql/x.cnf", Template: "t/ok.cnf.hbs" }, $"file was {file with { Content = "..." }}");
    }

    [Fact]
    public void Given_a_template_referencing_a_missing_var_When_rendered_Then_the_error_names_templates_file_line_variable_and_host()
    {
        _templates.Write("t/bad.cnf.hbs", "# {{host.name}}\n[galera]\nwsrep_cluster_name = \"{{vars.cluster_name}}\"\ngcache = {{vars.gcache_size}}\n");
        var lab = LabWith("t/bad.cnf.hbs");

        var e = RenderFails(lab, "db2");

        Assert.True(e.File == "templates/t/bad.cnf.hbs", $"expected templates/t/bad.cnf.hbs, the error named '{e.File}'");
        Assert.True(e.Line == 4, $"expected line 4 (the gcache line), got {e.Line}: {e.Message}");
        Assert.True(e.Message.StartsWith("templates/t/bad.cnf.hbs:4: ", StringComparison.Ordinal), $"message was: {e.Message}");
        Assert.True(e.Message.Contains("gcache_size") && e.Message.Contains("host db2") && e.Message.Contains("vars:"),
            $"message should name the variable, the host and where to define it; was: {e.Message}");
    }

    [Fact]
    public void Given_a_template_referencing_an_unknown_host_When_rendered_Then_it_fails_instead_of_rendering_an_empty_address()
    {
        _templates.Write("t/peer.cnf.hbs", "[client]\n\nhost = {{hosts.db9.address}}\n");
        var lab = LabWith("t/peer.cnf.hbs");

        var e = RenderFails(lab, "db1");

        Assert.True(e.File == "templates/t/peer.cnf.hbs" && e.Line == 3, $"expected templates/t/peer.cnf.hbs:3, got {e.File}:{e.Line}: {e.Message}");
        Assert.True(e.Message.Contains("host db1"), $"message should name the host being rendered; was: {e.Message}");
    }

    [Fact]
    public void Given_a_template_referencing_a_missing_secret_When_rendered_Then_it_fails_naming_the_line()
    {
        _templates.Write("t/secret.cnf.hbs", "[client]\nuser = app\npassword = {{secrets.app_pasword}}\n");
        var lab = LabWith("t/secret.cnf.hbs");

        var e = RenderFails(lab, "db1");

        Assert.True(e.Line == 3 && e.Message.Contains("app_pasword"), $"expected line 3 naming app_pasword, got line {e.Line}: {e.Message}");
    }

    [Fact]
    public void Given_a_template_that_does_not_compile_When_rendered_Then_the_error_names_the_template()
    {
        _templates.Write("t/broken.cnf.hbs", "[x]\n{{#each roles.db}}\nserver {{name}}\n");
        var lab = LabWith("t/broken.cnf.hbs");

        var e = RenderFails(lab, "db1");

        Assert.True(e.File == "templates/t/broken.cnf.hbs" && e.Message.Contains("does not compile"), $"got {e.File}: {e.Message}");
    }
}
