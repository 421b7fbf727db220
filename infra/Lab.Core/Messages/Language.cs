using Lab.Core.Errors;

namespace Lab.Core.Messages;

/// <summary>The languages the engine speaks: English (the default) and Korean, the seeds' classroom language.</summary>
public enum Language { En, Ko }

public static class Languages
{
    /// <summary>The codes `--lang` accepts, in the order they are listed.</summary>
    public static IReadOnlyList<string> Codes { get; } = ["en", "ko"];

    public static string Code(this Language language) => language == Language.Ko ? "ko" : "en";

    public static Language Parse(string code) => code switch
    {
        "en" => Language.En,
        "ko" => Language.Ko,
        _ => throw new LabInputException($"language '{code}' is not one the lab speaks; use one of {string.Join(", ", Codes)}"),
    };
}
