/**
 * Flux configurations of a Bicep file: `resource x 'Microsoft.KubernetesConfiguration/fluxConfigurations@...' = {
 * scope: cluster, name: '...', properties: {...} }`. A bare identifier stands for a parameter's default or a
 * variable's value when those are literal. The cluster is named after the `name` of the resource its `scope` names.
 */
import { isExpression } from '../../load/iac/scan.js';
import type { YamlDocument } from '../../load/types.js';
import type { FluxConfiguration, Written } from './model.js';
import { readRestConfiguration, type Resolve } from './rest.js';
import { child, entries, text } from './written.js';

const FLUX_CONFIGURATION = /^Microsoft\.KubernetesConfiguration\/fluxConfigurations@/i;

export function bicepConfigurations(doc: YamlDocument): FluxConfiguration[] {
  if (!doc.root) return [];
  const file: Written = { value: doc.value, node: doc.root };
  const symbols = new Map(entries(file).map(({ key, value }) => [key.value, value]));
  const resolve: Resolve = (w) => {
    if (!isExpression(w.value)) return w;
    const declared = symbols.get(w.value['@expr'].trim());
    const kind = text(child(declared, 'declare'));
    const value = kind === 'param' || kind === 'var' ? child(declared, 'value') : undefined;
    return value && !isExpression(value.value) ? { value: value.value, node: w.node } : w;
  };
  const out: FluxConfiguration[] = [];
  for (const [symbol, declared] of symbols) {
    if (text(child(declared, 'declare')) !== 'resource' || !FLUX_CONFIGURATION.test(text(child(declared, 'type')) ?? '')) continue;
    // A configuration made in a loop has names only known at deployment.
    if (child(declared, 'loop')) continue;
    const body = child(declared, 'value');
    const properties = child(body, 'properties');
    if (!body || !properties) continue;
    const nameW = child(body, 'name');
    const name = nameW && resolve(nameW);
    const nameText = text(name) ?? symbol;
    out.push(readRestConfiguration(doc, clusterOf(child(body, 'scope'), symbols, resolve) ?? nameText, { value: nameText, node: (name ?? body).node }, body.node, properties, resolve));
  }
  return out;
}

/** `scope: aks` where `resource aks 'Microsoft.ContainerService/managedClusters@...' = { name: ... }`: that name, else `aks`. */
function clusterOf(scope: Written | undefined, symbols: Map<string, Written>, resolve: Resolve): string | undefined {
  if (!scope || !isExpression(scope.value)) return undefined;
  const symbol = scope.value['@expr'].trim();
  if (!/^[A-Za-z_]\w*$/.test(symbol)) return undefined;
  const name = child(child(symbols.get(symbol), 'value'), 'name');
  return (name && text(resolve(name))) ?? symbol;
}
