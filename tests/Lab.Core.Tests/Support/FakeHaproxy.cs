namespace Lab.Core.Tests.Support;

/// <summary>
/// HAProxy's runtime view of its servers, printed as <c>show stat</c> prints it (the full header of HAProxy 2.x, as
/// in Fixtures/show-stat-*.csv, with FRONTEND and BACKEND rows), so the real parser reads it.
/// </summary>
public sealed class FakeHaproxy
{
    public const string Backend = "mariadb_backend";

    // Copied from a real `show stat` (Fixtures/show-stat-checked.csv).
    private const string Header =
        "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,agent_status,agent_code,agent_duration,check_desc,agent_desc,check_rise,check_fall,check_health,agent_rise,agent_fall,agent_health,addr,cookie,mode,algo,conn_rate,conn_rate_max,conn_tot,intercepted,dcon,dses,wrew,connect,reuse,cache_lookups,cache_hits,srv_icur,src_ilim,qtime_max,ctime_max,rtime_max,ttime_max,eint,idle_conn_cur,safe_conn_cur,used_conn_cur,need_conn_est,uweight,agg_server_status,agg_server_check_status,agg_check_status,-,ssl_sess,ssl_reused_sess,ssl_failed_handshake,h2_headers_rcvd,h2_data_rcvd,h2_settings_rcvd,h2_rst_stream_rcvd,h2_goaway_rcvd,h2_detected_conn_protocol_errors,h2_detected_strm_protocol_errors,h2_rst_stream_resp,h2_goaway_resp,h2_open_connections,h2_backend_open_streams,h2_total_connections,h2_backend_total_streams,h1_open_connections,h1_open_streams,h1_total_connections,h1_total_streams,h1_bytes_in,h1_bytes_out,h1_spliced_bytes_in,h1_spliced_bytes_out,";

    private static readonly string[] Columns = Header[2..].Split(',');

    private readonly Lock _gate = new();
    private readonly List<Server> _servers = [];

    private sealed record Server(string Name, string Status, string CheckStatus, string CheckCode, string LastCheck);

    /// <summary>Sets one server's state as HAProxy would show it (status, check status, HTTP code, check result text).</summary>
    public void Set(string server, string status, string checkStatus, string checkCode = "", string lastCheck = "")
    {
        lock (_gate)
        {
            var entry = new Server(server, status, checkStatus, checkCode, lastCheck);
            var at = _servers.FindIndex(s => s.Name == server);
            if (at >= 0) _servers[at] = entry;
            else _servers.Add(entry);
        }
    }

    /// <summary>The clustercheck answered 200: the node is Primary and Synced.</summary>
    public void Up(string server) => Set(server, "UP", "L7OK", "200");

    /// <summary>The clustercheck answered 503: mariadbd runs but the node is not Synced.</summary>
    public void Down(string server) => Set(server, "DOWN", "L7STS", "503", "Service Unavailable");

    /// <summary>Just added or reloaded: shown UP before any check completed.</summary>
    public void Initializing(string server) => Set(server, "UP 1/2", "INI");

    /// <summary>Whether HAProxy would send a connection to <paramref name="server"/>: UP after a completed check.</summary>
    public bool IsUp(string server)
    {
        lock (_gate) return _servers.Any(s => s.Name == server && s.Status == "UP" && s.CheckStatus is not ("INI" or ""));
    }

    public string ShowStat()
    {
        List<Server> servers;
        lock (_gate) servers = _servers.ToList();
        var lines = new List<string> { Header, Row("dbserver", "FRONTEND", "OPEN") };
        lines.AddRange(servers.Select(s => Row(Backend, s.Name, s.Status, s.CheckStatus, s.CheckCode, s.LastCheck)));
        lines.Add(Row(Backend, "BACKEND", servers.Any(s => s.Status == "UP") ? "UP" : "DOWN"));
        return string.Join('\n', lines) + "\n\n";
    }

    private static string Row(string proxy, string server, string status, string checkStatus = "", string checkCode = "", string lastCheck = "")
    {
        var fields = new string[Columns.Length];
        Array.Fill(fields, "");
        void Put(string column, string value) => fields[Array.IndexOf(Columns, column)] = value;
        Put("pxname", proxy);
        Put("svname", server);
        Put("status", status);
        Put("check_status", checkStatus);
        Put("check_code", checkCode);
        Put("last_chk", lastCheck);
        Put("mode", "tcp");
        return string.Join(',', fields);
    }
}
