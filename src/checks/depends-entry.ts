/**
 * The exact dependsOn entry that orders Kustomization A after B, as the user writes it: `dependsOn: [{name: b}]` in
 * A's YAML, or, for a Kustomization the AKS / Azure Arc microsoft.flux extension makes from a Flux configuration
 * (`<configuration>-<kustomization>`), the sibling's name in the configuration's kustomizations map, which is what
 * its `dependsOn` list (Bicep, ARM, Terraform `depends_on`, az `depends_on=[...]`) holds.
 */
import type { FluxKustomization } from '../graph/types.js';
import type { YamlDocument } from '../load/types.js';

export interface AzureContext {
  /** Documents of the Kustomizations the extension creates on the cluster. */
  fromExtension: ReadonlySet<YamlDocument>;
  /** Each Kustomization's appliers, nearest first. */
  ancestorsOf: ReadonlyMap<FluxKustomization, readonly FluxKustomization[]>;
}

/** The extension names the source after the configuration, and each Kustomization `<configuration>-<name>`. */
function configurationOf(k: FluxKustomization): { configuration: string; name: string } | undefined {
  const configuration = k.sourceRef?.name;
  if (!configuration || !k.name.startsWith(`${configuration}-`)) return undefined;
  return { configuration, name: k.name.slice(configuration.length + 1) };
}

export function dependencyEntry(a: FluxKustomization, b: FluxKustomization, azure: AzureContext): string {
  const inYaml = b.namespace === a.namespace ? `{name: ${b.name}}` : `{name: ${b.name}, namespace: ${b.namespace}}`;
  const own = azure.fromExtension.has(a.doc) ? configurationOf(a) : undefined;
  if (!own) return `add dependsOn: [${inYaml}]`;
  // B itself, or the kustomization of a configuration that applies it (the extension waits for what it applies).
  const top = azure.fromExtension.has(b.doc) ? b : azure.ancestorsOf.get(b)?.find((k) => azure.fromExtension.has(k.doc));
  const sibling = top && top.namespace === a.namespace ? configurationOf(top) : undefined;
  if (!sibling || sibling.configuration !== own.configuration) {
    return `a Flux configuration's dependsOn names only its own kustomizations, and Kustomization "${b.name}" is not one of configuration "${own.configuration}"'s`;
  }
  const applies = top === b ? '' : ` (which applies Kustomization "${b.name}")`;
  return `add "${sibling.name}"${applies} to the dependsOn of kustomization "${own.name}" in Flux configuration "${own.configuration}"`;
}
