/**
 * What the loader produces: every file of the repo (paths only), every YAML document with a position tree,
 * and what was skipped and why. Rules and the graph read this, never the file system.
 */
import type { Location } from '../finding.js';

/** A path segment into a YAML value: a mapping key or a sequence index. */
export type { PathSegment } from '../util/json-path.js';

/**
 * Position tree of one YAML node, parallel to the plain JS value. Offsets index the file text (not the document).
 * `start` is the first character of the node itself (after indentation, `- ` and comments; anchors/tags included);
 * `end` is just past its last character (trailing whitespace and newlines excluded).
 */
export interface YNode {
  kind: 'map' | 'seq' | 'scalar';
  start: number;
  end: number;
  /** map: entries in source order; duplicate keys are kept (the value seen by consumers is the last one). */
  entries?: YEntry[];
  /** seq: items in order. */
  items?: YNode[];
  /** scalar: how it was written. Plain scalars are the ones whose meaning can depend on the YAML version. */
  style?: 'plain' | 'single' | 'double' | 'block';
}

export interface YEntry {
  /** The key as a string (non-string keys are stringified). */
  key: string;
  keyNode: YNode;
  value: YNode;
}

/** How a document was classified. */
export type DocClass =
  | 'k8s' // has apiVersion and kind: a Kubernetes object (or a kustomize Kustomization/Component, see below)
  | 'kustomization' // a kustomize file: kustomization.yaml / kustomization.yml / Kustomization (kustomize.config.k8s.io or no apiVersion)
  | 'sops' // a SOPS-encrypted document (top-level `sops:` mapping with `mac`)
  | 'other' // YAML that is not Kubernetes (workflows, values files, mkdocs.yml, .sops.yaml ...): no findings
  | 'empty' // an empty document (only comments or nothing)
  | 'invalid'; // did not parse; see LoadedRepo.problems

export interface YamlDocument {
  /** Repo-relative path, forward slashes. */
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  /**
   * The parsed value as kustomize, so Flux, reads it (src/load/go-schemas.ts): for objects go-yaml v3 (`0755` is 493,
   * `yes` a string, timestamps RFC 3339 strings, annotation values their text); for kustomization files go-yaml v2.
   */
  value: unknown;
  /** Some annotation values were not strings as written: `value` holds their text, as kustomize writes them (annotations.ts). */
  annotationsAsText?: true;
  /** Position tree of `value`; undefined for empty/invalid documents. */
  root?: YNode;
  /** Offsets of the document in the file text (from its first content line to its end). */
  start: number;
  end: number;
  class: DocClass;
  /** Set for class 'k8s' and 'sops' documents that carry apiVersion/kind. */
  apiVersion?: string;
  kind?: string;
  /** metadata.name / metadata.namespace as written (before any kustomize/Flux transform). */
  name?: string;
  namespace?: string;
}

export interface SourceFile {
  /** Repo-relative path, forward slashes. */
  path: string;
  /** Full text (only for YAML files that were read). */
  text: string;
  /** Offsets of the first character of each line; lineStarts[0] === 0. Use positionAt(). */
  lineStarts: number[];
  documents: YamlDocument[];
  /** True when the file lives inside a Helm chart directory (a directory with Chart.yaml); templates are never parsed. */
  inHelmChart?: boolean;
}

/** A file the loader did not parse as manifests, with the reason (reported by --verbose and the JSON report). */
export interface SkippedFile {
  path: string;
  reason:
    | 'helm-template' // under a chart's templates/: Go templates, not YAML
    | 'binary'
    | 'too-large'
    | 'ignored' // matched an ignore glob from config
    | 'gitignored' // ignored by a .gitignore: not committed, so not part of the repo
    | 'symlink-outside-repo'
    | 'symlink-loop'
    | 'unreadable'
    | 'unsupported-syntax' // a Bicep/Terraform/ARM file declaring Flux configurations that the reader could not follow
    | 'not-yaml'; // only listed with --verbose for files next to manifests; the JSON report carries counts
  detail?: string;
}

/**
 * A problem found while loading: becomes a finding through the rule that owns it
 * (rules/yaml-*.yaml declare ids, severities and docs; the loader only records).
 */
export interface LoadProblem {
  kind: 'syntax' | 'duplicate-key' | 'unreadable' | 'binary' | 'too-large' | 'helm-template-syntax';
  message: string;
  location: Location;
}

/**
 * A file the loader did not parse as manifests (a script, a key, a Helm template, a binary), as read once for the
 * secret scans: a credential leaks from any committed file, YAML or not.
 */
export interface RawFile {
  path: string;
  /** The bytes as committed. */
  bytes: Uint8Array;
  /** The bytes as UTF-8 text; undefined for a binary file (a NUL byte in its first 8 KiB). */
  text?: string;
}

export interface LoadedRepo {
  /** Absolute, real path of the repo root. */
  root: string;
  /** Every YAML file read, sorted by path. */
  files: SourceFile[];
  /**
   * Every other file, read (files over the size limit and files .gitignore ignores are left out: the first are not
   * scanned, the second are not committed), sorted by path. Unparsed JSON is here too.
   */
  rawFiles: RawFile[];
  /** Every repo-relative file path found by the walk (YAML or not, including Helm chart files), sorted. */
  allFiles: string[];
  /** Every repo-relative directory path found by the walk ('' is the root), sorted. */
  allDirs: string[];
  /**
   * Bicep, ARM JSON and Terraform files declaring AKS / Azure Arc Flux configurations, each parsed into one document
   * (class `other`) the graph reads its entry points from. Not in `files`: they are not manifests.
   */
  iacFiles: SourceFile[];
  /** URLs of the repo's git remotes (src/load/git-remotes.ts); empty when unknown. */
  gitRemotes: string[];
  skipped: SkippedFile[];
  problems: LoadProblem[];
  /** Lookups: YAML file (and iacFiles) by path; every file path; every directory path ('' = root). */
  fileMap: Map<string, SourceFile>;
  fileSet: Set<string>;
  dirSet: Set<string>;
  /**
   * Whether the repo's .gitignore files (git semantics, nested ones included) ignore a repo-relative path: such a
   * file is not committed, so a reference to it that is missing here is to something generated at build time.
   * A directory may be given with a trailing slash.
   */
  gitIgnored: (path: string) => boolean;
}
