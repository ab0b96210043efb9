/**
 * Flux configurations of an ARM JSON template: resources of type `Microsoft.KubernetesConfiguration/fluxConfigurations`
 * (also the older `.../providers/fluxConfigurations` child form), in `resources` (a list, or a map of symbolic names
 * in languageVersion 2.0), child `resources`, and inline nested deployments (`Microsoft.Resources/deployments` with
 * `properties.template`). Template expressions (`"[...]"`) are values only for `[parameters('x')]` with a literal
 * default and `[variables('x')]` with a literal value; the cluster is named from the `parameters('...')` or the
 * `managedClusters/<name>` its `scope` (or name prefix) holds.
 */
import type { YamlDocument } from '../../load/types.js';
import type { FluxConfiguration, Written } from './model.js';
import { readRestConfiguration, type Resolve } from './rest.js';
import { child, entries, isObj, items, text } from './written.js';

const FLUX_CONFIGURATION = /^Microsoft\.(KubernetesConfiguration\/|ContainerService\/managedClusters\/providers\/|Kubernetes\/connectedClusters\/providers\/)fluxConfigurations$/i;

export function armConfigurations(doc: YamlDocument): FluxConfiguration[] {
  if (!doc.root) return [];
  const out: FluxConfiguration[] = [];
  readTemplate(doc, { value: doc.value, node: doc.root }, out);
  return out;
}

function readTemplate(doc: YamlDocument, template: Written, out: FluxConfiguration[]): void {
  const parameters = child(template, 'parameters');
  const variables = child(template, 'variables');
  const lookup = (fn: string, name: string): unknown =>
    fn === 'parameters' ? child(child(parameters, name), 'defaultValue')?.value : child(variables, name)?.value;
  const resolve: Resolve = (w) => {
    if (typeof w.value !== 'string' || !w.value.startsWith('[')) return w;
    if (w.value.startsWith('[[')) return { value: w.value.slice(1), node: w.node };
    const m = /^\[\s*(parameters|variables)\(\s*'([^']+)'\s*\)\s*\]$/.exec(w.value);
    const value = m ? lookup(m[1]!, m[2]!) : undefined;
    return value !== undefined && !(typeof value === 'string' && value.startsWith('[')) ? { value, node: w.node } : { value: { '@expr': w.value }, node: w.node };
  };
  const clusterIn = (expression: string | undefined): string | undefined => {
    if (!expression) return undefined;
    const param = /parameters\(\s*'([^']+)'\s*\)/.exec(expression);
    if (param) {
      const value = lookup('parameters', param[1]!);
      return typeof value === 'string' && !value.startsWith('[') ? value : param[1];
    }
    return /(?:managedClusters|connectedClusters)\/([^/'"\]]+)/.exec(expression)?.[1];
  };
  const resources = child(template, 'resources');
  const list = Array.isArray(resources?.value) ? items(resources) : entries(resources).map((e) => e.value);
  for (const resource of list) {
    const type = text(child(resource, 'type')) ?? '';
    if (/^Microsoft\.Resources\/deployments$/i.test(type)) {
      const nested = child(child(resource, 'properties'), 'template');
      if (nested && isObj(nested.value)) readTemplate(doc, nested, out);
      continue;
    }
    if (isObj(resource.value) && resource.value.resources) readTemplate(doc, { value: { resources: resource.value.resources }, node: resource.node }, out);
    if (!FLUX_CONFIGURATION.test(type)) continue;
    const properties = child(resource, 'properties');
    const nameW = child(resource, 'name');
    if (!properties || !nameW) continue;
    const resolved = resolve(nameW);
    const rawName = text(resolved);
    // The child form names the configuration `<cluster>/Microsoft.KubernetesConfiguration/<name>`.
    const name = rawName?.split('/').pop();
    if (!name) continue;
    const cluster = clusterIn(text(child(resource, 'scope'))) ?? (rawName!.includes('/') ? rawName!.split('/')[0] : clusterIn(typeof nameW.value === 'string' ? nameW.value : undefined)) ?? name;
    out.push(readRestConfiguration(doc, cluster, { value: name, node: nameW.node }, resource.node, properties, resolve));
  }
}
