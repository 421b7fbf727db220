namespace GaleraRetry.Orders;

/// <summary>
/// An order as the application writes it. <see cref="Reference"/> is chosen by the application before the first
/// attempt and stays the same on every retry: it is what makes a retried write land once.
/// </summary>
public sealed record Order(Guid Reference, string Customer, decimal Amount);
