using System.Globalization;
using Lab.Core.Model;

namespace Lab.Core.Messages;

/// <summary>
/// One entry of <see cref="EngineText"/>: the same sentence in English and Korean as composite formats ({0}, {1:0.0}),
/// with as many arguments as <see cref="Arity"/>. The typed forms below fix the arguments' number and types, so a
/// call site cannot pass too few; the formats are checked against each other by the catalogue's tests.
/// </summary>
public interface IMessage
{
    string En { get; }
    string Ko { get; }
    int Arity { get; }
}

internal static class MessageFormat
{
    public static string Render(IMessage message, Language language, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, language == Language.Ko ? message.Ko : message.En, args);

    public static LocalizedText Both(IMessage message, params object?[] args) =>
        new(Render(message, Language.En, args), Render(message, Language.Ko, args));
}

public sealed record Msg(string En, string Ko) : IMessage
{
    public int Arity => 0;
    public string In(Language language) => MessageFormat.Render(this, language);
}

public sealed record Msg<T1>(string En, string Ko) : IMessage
{
    public int Arity => 1;
    public string In(Language language, T1 a) => MessageFormat.Render(this, language, a);
    public LocalizedText Both(T1 a) => MessageFormat.Both(this, a);
}

public sealed record Msg<T1, T2>(string En, string Ko) : IMessage
{
    public int Arity => 2;
    public string In(Language language, T1 a, T2 b) => MessageFormat.Render(this, language, a, b);
}

public sealed record Msg<T1, T2, T3>(string En, string Ko) : IMessage
{
    public int Arity => 3;
    public string In(Language language, T1 a, T2 b, T3 c) => MessageFormat.Render(this, language, a, b, c);
}

public sealed record Msg<T1, T2, T3, T4>(string En, string Ko) : IMessage
{
    public int Arity => 4;
    public string In(Language language, T1 a, T2 b, T3 c, T4 d) => MessageFormat.Render(this, language, a, b, c, d);
}

public sealed record Msg<T1, T2, T3, T4, T5>(string En, string Ko) : IMessage
{
    public int Arity => 5;
    public string In(Language language, T1 a, T2 b, T3 c, T4 d, T5 e) => MessageFormat.Render(this, language, a, b, c, d, e);
}
