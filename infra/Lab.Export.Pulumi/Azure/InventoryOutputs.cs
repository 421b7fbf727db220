using Lab.Core.Model;
using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Azure;

/// <summary>
/// Stack outputs: an inventory an SSH target reads as-is (`pulumi stack output inventory --json`). Every host is
/// reached as adminUser on port 22; all but the jump host through it (OpenSSH -J syntax). No secret is output.
/// </summary>
public static class InventoryOutputs
{
    public static YMap Build(LabDefinition lab, HostDefinition jump)
    {
        var jumpIp = PulumiText.Of($"{Names.PublicIp(jump.Name)}.ipAddress");
        var user = PulumiText.Of(Names.AdminUser);
        var hosts = new YMap();
        foreach (var host in lab.Hosts)
        {
            var entry = new YMap()
                .Add("address", host == jump ? jumpIp : host.Address)
                .Add("labAddress", host.Address)
                .Add("role", host.Role)
                .Add("user", user)
                .Add("port", 22);
            if (host != jump) entry.Add("jump", new PulumiText().Ref(Names.AdminUser).Text("@").Ref($"{Names.PublicIp(jump.Name)}.ipAddress").Text(":22").ToString());
            hosts.Add(host.Name, entry);
        }
        return new YMap()
            .Add("resourceGroup", PulumiText.Of($"{Names.ResourceGroup}.name"))
            .Add("jumpHost", jumpIp)
            .Add("sshExample", new PulumiText().Text("ssh -J ").Ref(Names.AdminUser).Text("@").Ref($"{Names.PublicIp(jump.Name)}.ipAddress").Text(" ")
                .Ref(Names.AdminUser).Text("@" + (lab.Hosts.FirstOrDefault(h => h != jump) ?? jump).Address).ToString())
            .Add("inventory", new YMap().Add("lab", lab.Name).Add("hosts", hosts));
    }
}
