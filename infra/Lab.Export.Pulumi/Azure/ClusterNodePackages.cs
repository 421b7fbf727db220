using Lab.Core.Model;
using Lab.Core.Services;

namespace Lab.Export.Pulumi.Azure;

/// <summary>
/// The packages a Pacemaker node (ha-drbd) needs on a stock Debian image. The lab's service list names only Pacemaker,
/// whose catalogue entry installs nothing (the machines image must not start Corosync in its containers) and which in
/// turn runs what the lab does not list as services: DRBD (ocf:linbit:drbd, from drbd-utils) and MariaDB (systemd:mariadb).
/// On the vm target the VM image has them all; an Azure VM starts from Debian's own image, so cloud-init installs them.
/// The drbd kernel module itself is in the image's kernel (Debian 12's cloud kernel ships drivers/block/drbd/drbd.ko).
/// </summary>
public static class ClusterNodePackages
{
    public const string DrbdUtils = "drbd-utils";

    public static IReadOnlyList<string> For(HostDefinition host) => !host.Runs(ServiceCatalog.Pacemaker) ? [] :
        ServiceCatalog.Get(ServiceCatalog.Pacemaker).Requires.Select(r => r.Package)
            .Append(DrbdUtils)
            .Concat(ServiceCatalog.Get(ServiceCatalog.MariaDb).Packages)
            .Distinct().ToList();
}
