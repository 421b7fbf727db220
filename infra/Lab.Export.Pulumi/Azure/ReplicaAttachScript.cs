using Lab.Core.Replication;

namespace Lab.Export.Pulumi.Azure;

/// <summary>
/// The bring-up plan's "attach replicas" step for one replica, as a script it runs as root: what
/// <see cref="ReplicationOperations.AttachAsync"/> does from the tool (a consistent copy of the primary's databases
/// with the GTID position it matches, loaded without binlogging, then CHANGE MASTER by GTID and START SLAVE), done from
/// the replica itself because on Azure no tool sits between the hosts. It carries passwords (root's, to dump over the
/// network; repl's, for CHANGE MASTER), so it is given as a secret stdin, never as the command line.
/// </summary>
public static class ReplicaAttachScript
{
    public static string For(string replica, string primary, string primaryAddress)
    {
        var secret = SecretSplice.Token("root_password");
        var repl = SecretSplice.Token("repl_password");
        var system = string.Join(",", ReplicationOperations.SystemSchemas.Select(s => $"'{s}'"));
        return
            $"# {replica} replicates from {primary} ({primaryAddress}), starting from a consistent copy, as `lab up` attaches it.\n" +
            "umask 077\n" +
            "opts=$(mktemp)\n" +
            "trap 'rm -f \"$opts\"' EXIT\n" +
            // printf is a shell builtin: the password is in no process's arguments.
            $"printf '[client]\\nhost={primaryAddress}\\nuser=root\\npassword=%s\\n' '{secret}' > \"$opts\"\n" +
            "mariadb -e 'STOP SLAVE; RESET SLAVE ALL'\n" +
            $"dbs=$(mariadb --defaults-extra-file=\"$opts\" -N -B -e \"SELECT schema_name FROM information_schema.schemata WHERE schema_name NOT IN ({system}) ORDER BY schema_name\")\n" +
            $"[ -n \"$dbs\" ] || {{ echo '{primary} has no database to copy' >&2; exit 1; }}\n" +
            "# Loaded without binlogging here: the copy is the primary's history, not new transactions of this server.\n" +
            "{ echo 'SET SESSION sql_log_bin=0;'\n" +
            $"  mariadb-dump --defaults-extra-file=\"$opts\" {ReplicationOperations.DumpOptions} --databases $dbs; }} | mariadb\n" +
            "# From stdin, so repl's password is in no process's arguments.\n" +
            "mariadb <<'LAB_SQL_END'\n" +
            $"{ReplicationOperations.ChangeMasterSql(primaryAddress, repl)};\nSTART SLAVE;\nLAB_SQL_END\n" +
            "# Replicating and caught up: both threads running, nothing left in the relay log (polled, at most 60 s).\n" +
            "for i in $(seq 1 120); do\n" +
            "  status=$(mariadb -e 'SHOW SLAVE STATUS\\G')\n" +
            "  if echo \"$status\" | grep -q 'Slave_IO_Running: Yes' && echo \"$status\" | grep -q 'Slave_SQL_Running: Yes' \\\n" +
            "     && echo \"$status\" | grep -q 'Seconds_Behind_Master: 0'; then exit 0; fi\n" +
            "  sleep 0.5\n" +
            "done\n" +
            $"echo \"{replica}: not replicating from {primary} after 60 s:\" >&2; echo \"$status\" | grep -E 'Running|Error|Behind' >&2; exit 1\n";
    }
}
