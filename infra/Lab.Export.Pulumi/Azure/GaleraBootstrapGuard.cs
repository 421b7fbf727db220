namespace Lab.Export.Pulumi.Azure;

/// <summary>
/// The first Galera node's command on Azure: bootstrap a new cluster only when no peer answers. The command runs
/// again whenever its VM is re-created (its trigger is the VM's id), and a re-created db1 that ran
/// `galera_new_cluster` beside a living db2/db3 would start a second cluster. So it first asks every peer:
/// a peer whose clustercheck (:9200, the check HAProxy uses) says Primary and Synced means "join it"; a peer whose
/// Galera port answers without being Primary means "a cluster exists in a state a program must not guess about":
/// stop and say so; no answer at all means this is the first start: bootstrap.
/// </summary>
public static class GaleraBootstrapGuard
{
    public const int GaleraPort = 4567;
    public const int CheckPort = 9200;

    /// <summary>Shell functions and settings; <c>lab_galera_decide</c> prints <c>bootstrap</c>, <c>join PEER</c> or <c>refuse PEER</c>.</summary>
    public static string Functions(IReadOnlyList<string> peerAddresses) =>
        $"peers=\"{string.Join(' ', peerAddresses)}\"\n" +
        $"galera_port={GaleraPort}\n" +
        $"check_port={CheckPort}\n" +
        "# 0 when the peer's clustercheck answers HTTP 200: it is in the Primary component and Synced.\n" +
        "lab_peer_primary() {\n" +
        "  timeout 3 bash -c 'exec 3<>\"/dev/tcp/$0/$1\" && printf \"GET / HTTP/1.0\\r\\n\\r\\n\" >&3 && head -n 1 <&3' \"$1\" \"$check_port\" 2>/dev/null | grep -q ' 200 '\n" +
        "}\n" +
        "# 0 when something listens on the peer's Galera port: a node is up there, Primary or not.\n" +
        "lab_peer_listening() {\n" +
        "  timeout 3 bash -c 'exec 3<>\"/dev/tcp/$0/$1\"' \"$1\" \"$galera_port\" 2>/dev/null\n" +
        "}\n" +
        "lab_galera_decide() {\n" +
        "  for p in $peers; do\n" +
        "    if lab_peer_primary \"$p\"; then echo \"join $p\"; return 0; fi\n" +
        "  done\n" +
        "  for p in $peers; do\n" +
        "    if lab_peer_listening \"$p\"; then echo \"refuse $p\"; return 0; fi\n" +
        "  done\n" +
        "  echo bootstrap\n" +
        "}\n";

    public static string Script(string node, IReadOnlyList<string> peerAddresses) =>
        $"# {node} starts a new cluster (the seed's galera_new_cluster = mariadbd --wsrep-new-cluster), but only when no peer answers:\n" +
        "# this command runs again when the VM is re-created, and must then join the running cluster, never start a second one.\n" +
        Functions(peerAddresses) +
        "decision=$(lab_galera_decide)\n" +
        "case \"$decision\" in\n" +
        "  bootstrap) sudo galera_new_cluster ;;\n" +
        $"  join\\ *) echo \"{node}: ${{decision#join }} is Primary: joining the running cluster instead of bootstrapping a second one\" >&2\n" +
        "    sudo systemctl start mariadb ;;\n" +
        $"  *) echo \"{node}: ${{decision#refuse }} answers on port $galera_port but no peer is Primary: not bootstrapping a second cluster; \" \\\n" +
        "       \"recover the cluster by hand (GUIDE: the node with the highest seqno bootstraps), then run pulumi up again\" >&2\n" +
        "    exit 1 ;;\n" +
        "esac\n" +
        "sudo mariadb -N -B -e \"SHOW GLOBAL STATUS LIKE 'wsrep_cluster_status'\" | grep -q Primary\n";
}
