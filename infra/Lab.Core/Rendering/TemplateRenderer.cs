using System.Text.RegularExpressions;
using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Secrets;

namespace Lab.Core.Rendering;

/// <summary>
/// Renders a lab's templates for each host with Handlebars in strict mode: a variable that does not
/// exist is an error naming the template, the line and the host, never an empty string.
/// </summary>
public sealed class TemplateRenderer
{
    private readonly string _templatesRoot;
    private readonly IHandlebars _handlebars;
    private readonly string _dataDisk;
    private readonly Dictionary<string, HandlebarsTemplate<object, object>> _compiled = new();

    /// <param name="pace">How much slower than native the hosts run: `{{paced 2}}` renders 2 × pace (see LabInstance.Pace).</param>
    /// <param name="dataDisk">The device a host's data disk is in its guest on this target: `{{data_disk}}` (see <see cref="DataDiskDevice"/>).</param>
    public TemplateRenderer(string templatesRoot, double pace = 1, string dataDisk = DataDiskDevice.Virtio)
    {
        _templatesRoot = templatesRoot;
        _dataDisk = dataDisk;
        _handlebars = Handlebars.Create(new HandlebarsConfiguration
        {
            ThrowOnUnresolvedBindingExpression = true,
            NoEscape = true, // config files, not HTML
        });
        // `{{#if (eq vars.haproxy_check "mysql-check")}}`: lets one template offer a choice the lab selects.
        _handlebars.RegisterHelper("eq", (in HelperOptions _, in Context _, in Arguments args) =>
            (object)(args.Length == 2 && string.Equals(args[0]?.ToString(), args[1]?.ToString(), StringComparison.Ordinal)));
        // `timeout check {{paced 2}}s`: a time the services must allow each other, stretched on slow (emulated) hosts.
        _handlebars.RegisterHelper("paced", (in HelperOptions _, in Context _, in Arguments args) =>
        {
            var value = args.Length == 1 && double.TryParse(args[0]?.ToString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
                ? v : throw new HandlebarsException("paced takes one number, e.g. {{paced 2}}");
            return (object)Math.Ceiling(value * pace).ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    public IReadOnlyList<RenderedFile> RenderAll(LabDefinition lab, LabSecrets secrets) =>
        lab.Hosts.SelectMany(h => RenderHost(lab, h, secrets)).ToList();

    public IReadOnlyList<RenderedFile> RenderHost(LabDefinition lab, HostDefinition host, LabSecrets secrets)
    {
        var model = RenderModel.For(lab, host, secrets, _dataDisk);
        return host.Files.Select(f => new RenderedFile(host.Name, f.Path, Render(f.Template, model, host.Name), f.Mode, f.Owner, f.Template)).ToList();
    }

    public string Render(string template, IDictionary<string, object> model, string hostName)
    {
        var file = Path.Combine(_templatesRoot, template);
        if (!_compiled.TryGetValue(template, out var compiled))
        {
            try
            {
                compiled = _handlebars.Compile(File.ReadAllText(file));
            }
            catch (HandlebarsException e)
            {
                throw new LabFileException($"templates/{template}", 0, $"template does not compile: {e.Message}");
            }
            _compiled[template] = compiled;
        }
        try
        {
            return compiled(model);
        }
        catch (HandlebarsUndefinedBindingException e)
        {
            var name = e.MissingKey ?? e.Path ?? "?";
            throw new LabFileException($"templates/{template}", LineOf(file, name),
                $"missing template variable '{e.Path ?? name}' while rendering for host {hostName}; define it under 'vars:' in lab.yaml or fix the name");
        }
    }

    private static int LineOf(string file, string variable)
    {
        var lines = File.ReadAllLines(file);
        var pattern = new Regex(@"\{\{[^}]*\b" + Regex.Escape(variable) + @"\b");
        for (var i = 0; i < lines.Length; i++)
            if (pattern.IsMatch(lines[i])) return i + 1;
        return 0;
    }
}
