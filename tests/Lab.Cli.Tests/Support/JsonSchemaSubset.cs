using System.Text.Json;
using System.Text.RegularExpressions;

namespace Lab.Cli.Tests.Support;

/// <summary>
/// A validator for the part of JSON Schema draft 2020-12 that docs/lab-up.schema.json uses: type, required,
/// properties, additionalProperties, items, minItems, enum, const, pattern, minimum, maximum and $ref into $defs.
/// A schema that uses any other keyword is refused when loaded, so nothing in it can go silently unchecked.
/// </summary>
/// <remarks>The packages that validate full JSON Schema are not all reachable here (JsonSchema.Net's dependencies are not).</remarks>
public sealed class JsonSchemaSubset
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description"];

    private static readonly HashSet<string> Checked =
        ["type", "required", "properties", "additionalProperties", "items", "minItems", "enum", "const", "pattern", "minimum", "maximum", "$ref", "$defs"];

    private readonly JsonElement _root;

    public JsonSchemaSubset(JsonElement root)
    {
        _root = root.Clone();
        CheckKeywords(_root, "#");
    }

    public static JsonSchemaSubset Load(string file) => new(JsonDocument.Parse(File.ReadAllText(file)).RootElement);

    /// <summary>Every way <paramref name="json"/> breaks the schema, each with its JSON path; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate(string json)
    {
        var errors = new List<string>();
        Validate(_root, JsonDocument.Parse(json).RootElement, "$", errors);
        return errors;
    }

    private void CheckKeywords(JsonElement schema, string where)
    {
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind == JsonValueKind.False) return;
        if (schema.ValueKind != JsonValueKind.Object) throw new ArgumentException($"{where}: a schema must be an object or a boolean");
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Annotations.Contains(keyword.Name) && !Checked.Contains(keyword.Name))
                throw new ArgumentException($"{where}: keyword '{keyword.Name}' is not checked by this validator; add it here or leave it out of the schema");
            switch (keyword.Name)
            {
                case "$ref":
                    Resolve(keyword.Value.GetString()!);
                    break;
                case "properties" or "$defs":
                    foreach (var sub in keyword.Value.EnumerateObject()) CheckKeywords(sub.Value, $"{where}/{keyword.Name}/{sub.Name}");
                    break;
                case "additionalProperties" or "items":
                    CheckKeywords(keyword.Value, $"{where}/{keyword.Name}");
                    break;
            }
        }
    }

    private void Validate(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True) return;
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: not allowed here");
            return;
        }
        if (schema.TryGetProperty("$ref", out var reference)) Validate(Resolve(reference.GetString()!), value, path, errors);
        if (schema.TryGetProperty("type", out var type) && !HasType(value, type))
        {
            errors.Add($"{path}: expected {type.GetRawText()}, found {value.ValueKind.ToString().ToLowerInvariant()}");
            return; // the other keywords would only repeat it
        }
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
            errors.Add($"{path}: must be {constant.GetRawText()}, is {value.GetRawText()}");
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
            errors.Add($"{path}: {value.GetRawText()} is not one of {allowed.GetRawText()}");
        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(value.GetString()!, pattern.GetString()!))
            errors.Add($"{path}: '{value.GetString()}' does not match {pattern.GetString()}");
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (schema.TryGetProperty("minimum", out var min) && value.GetDouble() < min.GetDouble()) errors.Add($"{path}: {value} is below {min}");
            if (schema.TryGetProperty("maximum", out var max) && value.GetDouble() > max.GetDouble()) errors.Add($"{path}: {value} is above {max}");
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            if (schema.TryGetProperty("minItems", out var minItems) && value.GetArrayLength() < minItems.GetInt32())
                errors.Add($"{path}: {value.GetArrayLength()} item(s), at least {minItems.GetInt32()} expected");
            if (schema.TryGetProperty("items", out var items))
            {
                var i = 0;
                foreach (var item in value.EnumerateArray()) Validate(items, item, $"{path}[{i++}]", errors);
            }
        }
        if (value.ValueKind == JsonValueKind.Object) ValidateObject(schema, value, path, errors);
    }

    private void ValidateObject(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
                if (!value.TryGetProperty(name, out _)) errors.Add($"{path}: required property '{name}' is missing");
        schema.TryGetProperty("properties", out var properties);
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
                Validate(propertySchema, property.Value, $"{path}.{property.Name}", errors);
            else if (schema.TryGetProperty("additionalProperties", out var additional))
                Validate(additional, property.Value, $"{path}.{property.Name}", errors);
        }
    }

    private static bool HasType(JsonElement value, JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => Is(value, t.GetString()!)) : Is(value, type.GetString()!);

    private static bool Is(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.GetDouble() == Math.Floor(value.GetDouble()),
        _ => throw new ArgumentException($"unknown JSON Schema type '{type}'"),
    };

    /// <summary>A reference inside this document ("#/$defs/endpoint"), followed as a JSON pointer.</summary>
    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new ArgumentException($"$ref '{reference}': only references inside the schema (#/...) are followed");
        var node = _root;
        foreach (var part in reference[2..].Split('/').Select(p => p.Replace("~1", "/").Replace("~0", "~")))
            if (!node.TryGetProperty(part, out node)) throw new ArgumentException($"$ref '{reference}' names nothing in the schema");
        return node;
    }
}
