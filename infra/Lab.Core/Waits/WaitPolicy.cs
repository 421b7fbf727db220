namespace Lab.Core.Waits;

/// <summary>How long and how often a condition is polled. Separate from the probe, as in testcontainers' wait strategies.</summary>
public sealed record WaitPolicy(TimeSpan Timeout, TimeSpan Interval)
{
    public static WaitPolicy Within(TimeSpan timeout) => new(timeout, TimeSpan.FromMilliseconds(100));
}
