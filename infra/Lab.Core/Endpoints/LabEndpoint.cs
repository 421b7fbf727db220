namespace Lab.Core.Endpoints;

/// <summary>
/// An address inside a lab that a client outside it may want: the lab's entry (HAProxy, the VIP) or one database server.
/// </summary>
/// <param name="Name">What it is called in `lab status --json`, `lab env` and the library: the host's name, or "vip".</param>
/// <param name="Host">The host serving it (for the VIP: the host that can hold it first; it moves at run time).</param>
/// <param name="IsEntry">True for the one address an application is meant to use.</param>
/// <param name="Purpose">One line for people: what a connection there reaches.</param>
public sealed record LabEndpoint(string Name, string Host, string Address, int Port, bool IsEntry, string Purpose);
