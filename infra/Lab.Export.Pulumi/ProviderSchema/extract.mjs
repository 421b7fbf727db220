// Regenerates the provider schema lists in this folder from the providers' npm packages, whose TypeScript
// declarations list every input property of every resource (the provider's real schema).
//
//   mkdir -p /tmp/pulumi-npm && cd /tmp/pulumi-npm
//   npm pack @pulumi/azure-native@3.28.0 @pulumi/command@1.2.1 @pulumi/random@4.21.2
//   for t in *.tgz; do mkdir -p "${t%.tgz}" && tar xzf "$t" -C "${t%.tgz}"; done
//   node extract.mjs /tmp/pulumi-npm
//
// Only the resources and nested types the generated programs use are listed; each listed type carries ALL
// of its input properties, so a misspelt or invented property is caught while a real one is accepted.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = process.argv[2];
if (!root) { console.error("usage: node extract.mjs <folder holding the unpacked npm packages>"); process.exit(2); }

const registry = "https://www.pulumi.com/registry/packages";
const packages = [
  {
    file: "azure-native.yaml", npm: "@pulumi/azure-native", version: "3.28.0", dir: "pulumi-azure-native-3.28.0",
    resources: [
      ["azure-native:resources:ResourceGroup", "resources/resourceGroup.d.ts", "ResourceGroupArgs", "resources/resourcegroup"],
      ["azure-native:network:VirtualNetwork", "network/virtualNetwork.d.ts", "VirtualNetworkArgs", "network/virtualnetwork"],
      ["azure-native:network:Subnet", "network/subnet.d.ts", "SubnetArgs", "network/subnet"],
      ["azure-native:network:NetworkSecurityGroup", "network/networkSecurityGroup.d.ts", "NetworkSecurityGroupArgs", "network/networksecuritygroup"],
      ["azure-native:network:PublicIPAddress", "network/publicIPAddress.d.ts", "PublicIPAddressArgs", "network/publicipaddress"],
      ["azure-native:network:NetworkInterface", "network/networkInterface.d.ts", "NetworkInterfaceArgs", "network/networkinterface"],
      ["azure-native:compute:VirtualMachine", "compute/virtualMachine.d.ts", "VirtualMachineArgs", "compute/virtualmachine"],
      ["azure-native:network:NatGateway", "network/natGateway.d.ts", "NatGatewayArgs", "network/natgateway"],
      ["azure-native:network:LoadBalancer", "network/loadBalancer.d.ts", "LoadBalancerArgs", "network/loadbalancer"],
    ],
    types: [
      "network.AddressSpaceArgs", "network.NetworkSecurityGroupArgs", "network.SecurityRuleArgs", "network.PublicIPAddressSkuArgs",
      "network.NetworkInterfaceIPConfigurationArgs", "network.SubnetArgs", "network.PublicIPAddressArgs",
      "compute.HardwareProfileArgs", "compute.OSProfileArgs", "compute.LinuxConfigurationArgs", "compute.SshConfigurationArgs",
      "compute.SshPublicKeyArgs", "compute.StorageProfileArgs", "compute.ImageReferenceArgs", "compute.OSDiskArgs", "compute.DataDiskArgs",
      "compute.ManagedDiskParametersArgs", "compute.NetworkProfileArgs", "compute.NetworkInterfaceReferenceArgs",
      "network.NatGatewaySkuArgs", "network.SubResourceArgs", "network.LoadBalancerSkuArgs", "network.FrontendIPConfigurationArgs",
      "network.BackendAddressPoolArgs", "network.ProbeArgs", "network.LoadBalancingRuleArgs",
    ],
  },
  {
    file: "command.yaml", npm: "@pulumi/command", version: "1.2.1", dir: "pulumi-command-1.2.1",
    resources: [["command:remote:Command", "remote/command.d.ts", "CommandArgs", "remote/command"]],
    types: ["remote.ConnectionArgs", "remote.ProxyConnectionArgs"],
  },
  {
    file: "random.yaml", npm: "@pulumi/random", version: "4.21.2", dir: "pulumi-random-4.21.2",
    resources: [["random:RandomPassword", "randomPassword.d.ts", "RandomPasswordArgs", "randompassword"]],
    types: [],
  },
];

// Properties of one interface body: lines at exactly the body's indentation are properties; deeper lines belong
// to a multi-line type such as `tags?: pulumi.Input<{ ... }>`.
function properties(lines, start, indent) {
  const props = {};
  const required = [];
  const pad = " ".repeat(indent);
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith(" ".repeat(indent - 4) + "}")) break;
    const m = line.match(new RegExp(`^${pad}(?:readonly )?([A-Za-z_][A-Za-z0-9_]*)(\\??): (.*)$`));
    if (!m) continue;
    const nested = m[3].match(/inputs\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)/);
    const list = /\[\]/.test(m[3]);
    props[m[1]] = nested ? `${nested[1]}.${nested[2]}${list ? "[]" : ""}` : (list ? "list" : "value");
    if (m[2] !== "?") required.push(m[1]);
  }
  return { props, required };
}

function resourceArgs(pkgDir, file, name) {
  const lines = readFileSync(join(pkgDir, file), "utf8").split("\n");
  const at = lines.findIndex(l => l === `export interface ${name} {`);
  if (at < 0) throw new Error(`${file}: no interface ${name}`);
  return properties(lines, at, 4);
}

function inputType(lines, qualified) {
  const [ns, name] = qualified.split(".");
  const nsAt = lines.findIndex(l => l === `export declare namespace ${ns} {`);
  if (nsAt < 0) throw new Error(`types/input.d.ts: no namespace ${ns}`);
  for (let i = nsAt + 1; i < lines.length && lines[i] !== "}"; i++)
    if (lines[i] === `    interface ${name} {`) return properties(lines, i, 8);
  throw new Error(`types/input.d.ts: no interface ${qualified}`);
}

const q = s => JSON.stringify(s);
function emit(out, { props, required }) {
  for (const [k, v] of Object.entries(props)) out.push(`      ${k}: ${q(v)}`);
  out.push(`    required: [${required.map(q).join(", ")}]`);
}
for (const p of packages) {
  const pkgDir = join(root, p.dir, "package");
  const version = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version.replace(/^v/, "");
  if (version !== p.version) throw new Error(`${p.npm}: unpacked ${version}, expected ${p.version}`);
  const out = [
    `# Input properties of the ${p.npm} resources and types the generated Pulumi programs use.`,
    `# Generated by extract.mjs from the TypeScript declarations of ${p.npm}@${p.version} (npm); do not edit by hand.`,
    `# value = scalar or free-form, list = list of scalars, <module>.<Type> = nested object, <module>.<Type>[] = list of them.`,
    `# required = properties the declaration does not mark optional.`,
    `package: ${q(p.npm)}`,
    `version: ${q(p.version)}`,
    `resources:`,
  ];
  for (const [token, file, args, page] of p.resources) {
    out.push(`  ${q(token)}:`, `    docs: ${q(`${registry}/${p.npm.replace("@pulumi/", "")}/api-docs/${page}/`)}`,
      `    declaration: ${q(`${p.npm}@${p.version}/${file} (${args})`)}`, `    properties:`);
    emit(out, resourceArgs(pkgDir, file, args));
  }
  out.push(p.types.length ? `types:` : `types: {}`);
  const inputLines = p.types.length ? readFileSync(join(pkgDir, "types/input.d.ts"), "utf8").split("\n") : [];
  for (const t of p.types) {
    out.push(`  ${q(t)}:`, `    declaration: ${q(`${p.npm}@${p.version}/types/input.d.ts (${t})`)}`, `    properties:`);
    emit(out, inputType(inputLines, t));
  }
  writeFileSync(join(here, p.file), out.join("\n") + "\n");
  console.log(`${p.file}: ${p.resources.length} resources, ${p.types.length} types`);
}
