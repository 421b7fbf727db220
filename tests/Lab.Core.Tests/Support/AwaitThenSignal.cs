using System.Runtime.CompilerServices;

namespace Lab.Core.Tests.Support;

/// <summary>
/// Awaits a wait on the virtual clock and says "waiting" only once the awaiting code is suspended on it. Said before
/// the await, the signal could let the test's driver fire the timer first (a released <see cref="WriterStartHold"/>);
/// the caller would then find the wait already over and run on beside the driver instead of inline with it, and the
/// clock could run ahead of it (a writer that wrote once where it should have written 500 times).
/// </summary>
public readonly struct AwaitThenSignal(Task wait, Action? waiting) : ICriticalNotifyCompletion
{
    public AwaitThenSignal GetAwaiter() => this;

    public bool IsCompleted
    {
        get
        {
            if (!wait.IsCompleted) return false;
            waiting?.Invoke(); // nothing to suspend on, but the hooks still hear that a wait happened
            return true;
        }
    }

    public void OnCompleted(Action continuation)
    {
        wait.GetAwaiter().OnCompleted(continuation);
        waiting?.Invoke();
    }

    public void UnsafeOnCompleted(Action continuation)
    {
        wait.GetAwaiter().UnsafeOnCompleted(continuation);
        waiting?.Invoke();
    }

    public void GetResult() => wait.GetAwaiter().GetResult();
}
