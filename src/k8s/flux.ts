/** Flux kinds and where Flux puts things: which documents are Flux objects, the namespace Flux defaults to. */
import { groupOf } from './api-version.js';

/** Where `flux bootstrap` installs Flux; a Flux object without a namespace lands there. */
export const FLUX_NAMESPACE = 'flux-system';

export const KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
export const HELM_GROUP = 'helm.toolkit.fluxcd.io';
export const SOURCE_GROUP = 'source.toolkit.fluxcd.io';
export const SOURCE_EXTENSIONS_GROUP = 'source.extensions.fluxcd.io';
const SOURCE_KINDS = new Set(['GitRepository', 'OCIRepository', 'HelmRepository', 'Bucket', 'HelmChart', 'ExternalArtifact']);

/** Anything carrying apiVersion and kind: documents, parsed values, object ids. */
export interface Typed {
  apiVersion?: string;
  kind?: string;
}

/** A Flux Kustomization (kustomize.toolkit.fluxcd.io), not a kustomize kustomization file. */
export function isFluxKustomization(doc: Typed): boolean {
  return doc.kind === 'Kustomization' && groupOf(doc.apiVersion) === KUSTOMIZE_GROUP;
}
export function isHelmRelease(doc: Typed): boolean {
  return doc.kind === 'HelmRelease' && groupOf(doc.apiVersion) === HELM_GROUP;
}
/** A source-controller source (GitRepository, OCIRepository, HelmRepository, Bucket, HelmChart, ExternalArtifact). */
export function isSource(doc: Typed): boolean {
  return !!doc.kind && SOURCE_KINDS.has(doc.kind) && groupOf(doc.apiVersion) === SOURCE_GROUP;
}
export function isArtifactGenerator(doc: Typed): boolean {
  return doc.kind === 'ArtifactGenerator' && groupOf(doc.apiVersion) === SOURCE_EXTENSIONS_GROUP;
}
/** flux-operator's API group (FluxInstance, ResourceSet, ResourceSetInputProvider). */
export const OPERATOR_GROUP = 'fluxcd.controlplane.io';
export function isFluxInstance(doc: Typed): boolean {
  return doc.kind === 'FluxInstance' && groupOf(doc.apiVersion) === OPERATOR_GROUP;
}
export function isResourceSet(doc: Typed): boolean {
  return doc.kind === 'ResourceSet' && groupOf(doc.apiVersion) === OPERATOR_GROUP;
}
/** Any object of a Flux controller's API (`*.toolkit.fluxcd.io`). */
export function isToolkitGroup(group: string): boolean {
  return group.endsWith('.toolkit.fluxcd.io');
}
