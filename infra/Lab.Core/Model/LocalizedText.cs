namespace Lab.Core.Model;

/// <summary>Text shown to students in English and Korean; either may be missing, never both.</summary>
public sealed record LocalizedText(string En, string? Ko)
{
    public static readonly LocalizedText Empty = new("", null);

    public string In(string language) => language == "ko" && !string.IsNullOrEmpty(Ko) ? Ko! : En;

    public string In(Messages.Language language) => In(Messages.Languages.Code(language));

    public override string ToString() => En;
}
