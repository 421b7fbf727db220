using Lab.Core.Hosts;
using Lab.Core.Services;

namespace Lab.Hosts.Ssh.Tests;

public class SystemdTests
{
    [Theory]
    [InlineData("MainPID=812\nActiveState=active\nSubState=running\nProcState=S\n", ServiceState.Running, 812)]
    [InlineData("MainPID=812\nActiveState=active\nSubState=running\nProcState=T\n", ServiceState.Paused, 812)]
    [InlineData("MainPID=900\nActiveState=activating\nSubState=start\nProcState=S\n", ServiceState.Running, 900)]
    [InlineData("MainPID=0\nActiveState=failed\nSubState=failed\n", ServiceState.Stopped, 0)]
    [InlineData("MainPID=0\nActiveState=inactive\nSubState=dead\n", ServiceState.Stopped, 0)]
    public void Systemctl_show_becomes_the_service_state(string text, ServiceState state, int pid)
    {
        var status = SystemdStatus.Parse("galera", text);
        Assert.Equal((state, pid), (status.State, status.Pid));
    }

    [Fact]
    public void A_new_cluster_is_started_the_way_galera_new_cluster_does_and_cleared_afterwards()
    {
        var script = SystemdUnits.StartScript(ServiceCatalog.Galera, ["--wsrep-new-cluster"]);
        Assert.Contains("_WSREP_NEW_CLUSTER=--wsrep-new-cluster > /run/mysqld/wsrep-new-cluster", script);
        Assert.Contains("systemctl start mariadb.service", script);
        Assert.Contains("systemctl unset-environment _WSREP_NEW_CLUSTER", script);
        Assert.EndsWith("exit $rc", script);
    }

    [Fact]
    public void Every_lab_unit_stays_down_after_a_kill_and_logs_where_the_scenarios_read()
    {
        var dropIn = SystemdUnits.DropIn(ServiceCatalog.Galera);
        Assert.Contains("Restart=no", dropIn);
        Assert.Contains("StandardError=append:/var/log/mysql/error.log", dropIn);
        Assert.Equal("/etc/systemd/system/mariadb.service.d/50-lab.conf", SystemdUnits.DropInPath(ServiceCatalog.Galera));
        Assert.True(SystemdUnits.IsSocket(ServiceCatalog.ClusterCheck));
    }

    [Fact]
    public void Keepalived_under_systemd_logs_and_keeps_its_pid_where_the_local_supervisor_does()
    {
        var dropIn = SystemdUnits.DropIn(ServiceCatalog.Keepalived);
        var local = ServiceCatalog.Get(ServiceCatalog.Keepalived).Command;

        Assert.Contains("ExecStart=\nExecStart=/usr/sbin/keepalived --dont-fork --log-console", dropIn);
        Assert.Contains("-p /run/keepalived/keepalived.pid", dropIn);
        Assert.Contains("-p /run/keepalived/keepalived.pid", local);
        Assert.Contains("RuntimeDirectory=keepalived", dropIn);
        Assert.DoesNotContain("ExecStart", SystemdUnits.DropIn(ServiceCatalog.Galera)); // Debian's own ExecStart, untouched
    }

    [Theory]
    [InlineData("galera")]
    [InlineData("mariadb")]
    public void A_database_unit_gets_run_mysqld_from_systemd_itself_kept_across_stops(string service)
    {
        // Debian 12's unit writes /run/mysqld/wsrep-start-position before mariadbd starts and relied on tmpfiles for the directory.
        var dropIn = SystemdUnits.DropIn(service);

        Assert.Contains("RuntimeDirectory=mysqld\n", dropIn);
        Assert.Contains("RuntimeDirectoryPreserve=yes\n", dropIn);
    }
}
