using System.Net.Sockets;
using MySqlConnector;

namespace GaleraRetry.Orders;

/// <summary>
/// Which failures of a write are worth another attempt on a Galera cluster behind a proxy, and which are not.
/// </summary>
public static class GaleraErrors
{
    /// <summary>
    /// True for what a node failing or the cluster reconfiguring gives a client: the connection lost or refused (the
    /// node died, HAProxy had not yet marked it down), 1213 (a certification conflict, reported as a deadlock), 1047
    /// (the node is not in the Primary component or not yet ready), 1205 (a lock wait timed out while the cluster was
    /// stalled), 1927/1053 (the connection was killed, the server shuts down). A constraint violation or a syntax
    /// error is the application's own, and retrying would only repeat it.
    /// </summary>
    public static bool IsTransient(Exception e) => e switch
    {
        MySqlException m => m.ErrorCode switch
        {
            MySqlErrorCode.LockDeadlock => true,                         // 1213: certification failure or a real deadlock
            MySqlErrorCode.UnknownCommand => true,                       // 1047: WSREP has not yet prepared node for application use
            MySqlErrorCode.LockWaitTimeout => true,                      // 1205
            MySqlErrorCode.ServerShutdown => true,                       // 1053
            MySqlErrorCode.UnableToConnectToHost => true,                // 1042: nothing answered at the proxy or behind it
            MySqlErrorCode.CommandTimeoutExpired => true,                // a stalled commit while the cluster reconfigures
            _ => m.InnerException is not null && IsTransient(m.InnerException) || IsConnectionLost(m),
        },
        MySqlEndOfStreamException or EndOfStreamException or SocketException or IOException => true,
        InvalidOperationException when e.Message.Contains("connection", StringComparison.OrdinalIgnoreCase) => true,
        _ => false,
    };

    // 1927: MariaDB's "connection was killed" (ER_CONNECTION_KILLED), which MySqlConnector's enumeration does not name;
    // 2013 "lost connection during query" and 2006 "server has gone away": the socket broke in the middle of a command.
    private static bool IsConnectionLost(MySqlException m) => m.Number is 1927 or 2013 or 2006;

    /// <summary>1062 on the idempotency key: an earlier attempt whose answer was lost did land.</summary>
    public static bool IsDuplicateOf(MySqlException e, string key) => e.ErrorCode == MySqlErrorCode.DuplicateKeyEntry && e.Message.Contains(key, StringComparison.Ordinal);
}
