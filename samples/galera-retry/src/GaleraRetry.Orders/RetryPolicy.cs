using Polly;
using Polly.Retry;

namespace GaleraRetry.Orders;

/// <summary>The retry policy for writes through a Galera cluster's proxy.</summary>
public static class RetryPolicy
{
    /// <summary>
    /// Retries transient failures (see <see cref="GaleraErrors.IsTransient"/>) with a short, growing, jittered delay,
    /// long enough in total to outlast a failover: Galera's failure detection (evs.suspect_timeout, 5 s by default),
    /// HAProxy marking the dead node down (two failed checks), and the cluster forming its new component.
    /// </summary>
    public static ResiliencePipeline ForGaleraFailover(int maxAttempts = 30, Action<string>? onRetry = null) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(GaleraErrors.IsTransient),
                MaxRetryAttempts = maxAttempts,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(50),
                MaxDelay = TimeSpan.FromSeconds(1),
                UseJitter = true,
                OnRetry = args =>
                {
                    onRetry?.Invoke($"attempt {args.AttemptNumber + 1} failed ({args.Outcome.Exception?.GetType().Name}: {args.Outcome.Exception?.Message}); retrying in {args.RetryDelay.TotalMilliseconds:0}ms");
                    return default;
                },
            })
            .Build();
}
