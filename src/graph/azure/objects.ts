/**
 * The Flux objects the microsoft.flux extension creates from a Flux configuration, as documents the graph treats like
 * any other: a source named after the configuration, and one Flux Kustomization `<configuration>-<kustomization>` per
 * kustomization, both in the configuration's namespace. Their values are what the extension writes (prune as given,
 * wait true unless set, intervals from the seconds fields, dependsOn to the siblings' object names); their position
 * trees point every field at where the configuration writes it (or at the kustomization when it leaves it out), so a
 * finding on `spec.path` lands on the `path` line of the Bicep, ARM, Terraform or config file.
 */
import { isExpression } from '../../load/iac/scan.js';
import type { YamlDocument, YNode } from '../../load/types.js';
import { AZURE_DEFAULTS, type AzureKustomization, type FluxConfiguration, type Written } from './model.js';

const KUSTOMIZE_API = 'kustomize.toolkit.fluxcd.io/v1';
const SOURCE_API: Record<string, string> = { GitRepository: 'source.toolkit.fluxcd.io/v1', Bucket: 'source.toolkit.fluxcd.io/v1', OCIRepository: 'source.toolkit.fluxcd.io/v1' };

type Field = [key: string, part: Written | undefined, keyNode?: YNode];

function map(anchor: YNode, fields: Field[]): Written {
  const present = fields.filter((f): f is [string, Written, YNode?] => f[1] !== undefined);
  return {
    value: Object.fromEntries(present.map(([k, p]) => [k, p.value])),
    node: { kind: 'map', start: anchor.start, end: anchor.end, entries: present.map(([key, p, keyNode]) => ({ key, keyNode: keyNode ?? p.node, value: p.node })) },
  };
}

function seq(anchor: YNode, parts: Written[]): Written {
  return { value: parts.map((p) => p.value), node: { kind: 'seq', start: anchor.start, end: anchor.end, items: parts.map((p) => p.node) } };
}

const at = (value: unknown, node: YNode): Written => ({ value, node });

/** A field whose value is only known at deployment (a Bicep expression, a Terraform reference) is left out. */
const known = (w: Written | undefined): Written | undefined => (w && !isExpression(w.value) ? w : undefined);

/** `600` seconds as a Go duration (`600s`); a value that is not a number is kept as written. */
function duration(w: Written | undefined, fallback: YNode): Written {
  if (!known(w)) return at(`${AZURE_DEFAULTS.seconds}s`, w?.node ?? fallback);
  return at(typeof w!.value === 'number' ? `${w!.value}s` : w!.value, w!.node);
}

function document(config: FluxConfiguration, object: Written, kind: string, name: string): YamlDocument {
  return {
    file: config.doc.file,
    index: config.doc.index,
    value: object.value,
    root: object.node,
    start: object.node.start,
    end: object.node.end,
    class: 'k8s',
    apiVersion: (object.value as { apiVersion: string }).apiVersion,
    kind,
    name,
    namespace: config.namespace,
  };
}

export function kustomizationName(config: FluxConfiguration, k: AzureKustomization | string): string {
  return `${config.name.value}-${typeof k === 'string' ? k : k.name.value}`;
}

export function sourceDocument(config: FluxConfiguration): YamlDocument {
  const anchor = config.sourceNode;
  const spec = map(anchor, [
    ['interval', at(`${AZURE_DEFAULTS.seconds}s`, anchor)],
    ['url', config.url === undefined ? undefined : at(config.url, anchor)],
    ['ref', config.ref === undefined ? undefined : at(config.ref, anchor)],
    ['suspend', config.suspend ? at(true, config.node) : undefined],
  ]);
  const object = map(config.node, [
    ['apiVersion', at(SOURCE_API[config.sourceKind] ?? 'source.toolkit.fluxcd.io/v1', anchor)],
    ['kind', at(config.sourceKind, anchor)],
    ['metadata', map(config.name.node, [['name', at(config.name.value, config.name.node)], ['namespace', at(config.namespace, config.node)]])],
    ['spec', spec, anchor],
  ]);
  return document(config, object, config.sourceKind, config.name.value);
}

export function kustomizationDocument(config: FluxConfiguration, k: AzureKustomization): YamlDocument {
  const name = kustomizationName(config, k);
  const postBuild =
    k.substitute || k.substituteFrom.length > 0
      ? map(k.node, [
          ['substitute', k.substitute],
          ['substituteFrom', k.substituteFrom.length > 0 ? seq(k.node, k.substituteFrom) : undefined],
        ])
      : undefined;
  const spec = map(k.node, [
    ['interval', duration(k.syncIntervalInSeconds, k.node)],
    ['retryInterval', duration(k.retryIntervalInSeconds, k.node)],
    ['timeout', duration(k.timeoutInSeconds, k.node)],
    // A path only known at deployment stays an expression: the graph marks it unresolved and renders nothing.
    ['path', k.path ?? at('', k.node)],
    ['prune', known(k.prune)],
    ['wait', known(k.wait) ?? at(true, k.wait?.node ?? k.node)],
    ['force', known(k.force)],
    ['suspend', config.suspend ? at(true, config.node) : undefined],
    ['sourceRef', map(config.name.node, [['kind', at(config.sourceKind, config.name.node)], ['name', at(config.name.value, config.name.node)]])],
    ['dependsOn', k.dependsOn.length > 0 ? seq(k.node, k.dependsOn.map((d) => map(d.node, [['name', at(kustomizationName(config, d.value), d.node)]]))) : undefined],
    ['postBuild', postBuild],
  ]);
  const object = map(k.node, [
    ['apiVersion', at(KUSTOMIZE_API, k.name.node)],
    ['kind', at('Kustomization', k.name.node)],
    ['metadata', map(k.name.node, [['name', at(name, k.name.node)], ['namespace', at(config.namespace, config.node)]])],
    ['spec', spec, k.name.node],
  ]);
  return document(config, object, 'Kustomization', name);
}
