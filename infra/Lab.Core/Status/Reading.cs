namespace Lab.Core.Status;

/// <summary>A value read from a host, or why it could not be read.</summary>
public sealed class Reading<T>
{
    private readonly T? _value;

    private Reading(T? value, NoReading? missing) => (_value, Missing) = (value, missing);

    public static Reading<T> Of(T value) => new(value, null);

    public static Reading<T> None(NoReading why) => new(default, why);

    public NoReading? Missing { get; }

    public bool Ok => Missing is null;

    public T Value => Ok ? _value! : throw new InvalidOperationException($"nothing was read: {Missing}");

    public override string ToString() => Ok ? $"{_value}" : Missing!.ToString();
}
