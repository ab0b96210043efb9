import { ruleTester } from '../support/rule-tester.js';

const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n${data}`;
const labelled = (labels: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n${labels}`;
const ks = (spec: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n${spec}`;
const release = (values: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: vpn\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: app\n      sourceRef: {kind: HelmRepository, name: charts}\n  values:\n${values}`;
const deployment = (volume: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      volumes:\n      - name: scripts\n        configMap:\n          name: scripts\n${volume}`;

ruleTester.run('yaml-ambiguous-value', {
  valid: [
    // Both readers use strconv.ParseInt with base 0: 0755 and 0o755 are 493 for kubectl and for Flux; no base 60.
    { name: 'numbers both readers read alike', files: { 'deploy.yaml': deployment('          defaultMode: 0755\n'), 'hr.yaml': release('    time: 12:30\n    size: 1_000\n    mode: 0o755\n    mask: 0x1F\n') } },
    { name: 'quoted, tagged, or YAML 1.2 booleans', files: { 'cm.yaml': cm('  a: "on"\n  b: !!str yes\n  c: \'2024-01-01\'\n'), 'ks.yaml': ks('  interval: 10m\n  prune: true\n  suspend: False\n') } },
    { name: 'a timestamp already as Go writes it', files: { 'cm.yaml': cm('  at: 2024-01-01T10:00:00Z\n') } },
    // kustomize reads kustomization files with go-yaml v2 only: `yes` is true for every tool that reads it.
    { name: 'kustomization files', files: { 'kustomization.yaml': 'resources: []\ngeneratorOptions:\n  disableNameSuffixHash: yes\n' } },
    { name: 'files Flux does not apply', files: { '.github/workflows/ci.yaml': 'on:\n  push: {}\nx: yes\n', 'values.yaml': 'enabled: yes\n' } },
    {
      name: 'the sops metadata of an encrypted document (decryption removes it)',
      files: { 'secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  token: ENC[AES256_GCM,data:x,type:str]\nsops:\n  mac: ENC[x]\n  lastmodified: 2024-01-01T10:00:00.5Z\n  shamir_threshold: y\n' },
    },
  ],
  invalid: [
    {
      name: 'a boolean word in a string field: quoted, as kubectl would send a boolean the API server rejects',
      files: { 'cm.yaml': labelled('    feature: on\n') },
      errors: [
        {
          file: 'cm.yaml',
          line: 6,
          column: 14,
          message: 'on is the string "on" for kustomize and Flux (go-yaml v3) but the boolean true for kubectl apply -f (go-yaml v2, YAML 1.1); metadata.labels.feature is a string, so the API server rejects what kubectl sends: quote it ("on")',
          fix: { output: labelled('    feature: "on"\n') },
        },
      ],
    },
    {
      name: 'a boolean word in a boolean field: true/false, as Flux would send a string the API server rejects',
      files: { 'ks.yaml': ks('  interval: 10m\n  prune: yes\n  suspend: n\n') },
      errors: [
        { file: 'ks.yaml', line: 8, column: 10, message: /^yes is the string "yes" .*; spec\.prune is a boolean, so the API server rejects what Flux sends: write true$/, fix: { output: ks('  interval: 10m\n  prune: true\n  suspend: n\n') } },
        { file: 'ks.yaml', line: 9, column: 12, message: /^n is the string "n" .* but the boolean false .*: write false$/, fix: { output: ks('  interval: 10m\n  prune: yes\n  suspend: false\n') } },
      ],
    },
    {
      // The values of a chart have no schema: keep what Flux applies (the word, as the application reads it).
      name: 'a boolean word where no schema says the type: quoted, keeping what Flux applies',
      files: { 'hr.yaml': release('    env:\n      VPN_PORT_FORWARDING: on\n') },
      errors: [{ file: 'hr.yaml', line: 13, column: 28, message: /; quote it \("on"\) to keep what Flux applies, or write true if a boolean is meant$/, fix: { output: release('    env:\n      VPN_PORT_FORWARDING: "on"\n') } }],
    },
    {
      name: 'boolean words in flow collections, after an anchor, and on their own line',
      files: { 'hr.yaml': release('    list: [a, Off]\n    map: {x: &flag YES}\n    item:\n    - N\n') },
      errors: [
        { file: 'hr.yaml', line: 12, column: 15, message: /^Off is the string "Off" .* boolean false/, fix: { output: release('    list: [a, "Off"]\n    map: {x: &flag YES}\n    item:\n    - N\n') } },
        { file: 'hr.yaml', line: 13, column: 20, message: /^YES is the string "YES"/, fix: { output: release('    list: [a, Off]\n    map: {x: &flag "YES"}\n    item:\n    - N\n') } },
        { file: 'hr.yaml', line: 15, column: 7, message: /^N is the string "N"/, fix: { output: release('    list: [a, Off]\n    map: {x: &flag YES}\n    item:\n    - "N"\n') } },
      ],
    },
    {
      name: 'a timestamp: quoted as written',
      files: { 'cm.yaml': cm('  release-date: 2024-01-01\n') },
      errors: [
        {
          file: 'cm.yaml',
          line: 6,
          column: 17,
          message: '2024-01-01 is the string "2024-01-01T00:00:00Z" for kustomize and Flux (go-yaml v3 reads a timestamp and writes it back in RFC 3339) but "2024-01-01" for kubectl apply -f; quote it ("2024-01-01")',
          fix: { output: cm('  release-date: "2024-01-01"\n') },
        },
      ],
    },
    {
      // kustomize writes annotation values back as their text: Flux sends "true" and "9090", kubectl a boolean and a number.
      name: 'annotation values that kubectl reads as booleans or numbers: quoted, which is what Flux sends',
      files: { 'cm.yaml': labelled('    app: web\n  annotations:\n    prometheus.io/scrape: true\n    prometheus.io/port: 9090\n    valid-until: 2024-01-01\n    note: plain text\n') },
      errors: [
        {
          file: 'cm.yaml',
          line: 8,
          column: 27,
          message: 'true is the string "true" for kustomize and Flux (kustomize writes annotation values back as text) but the boolean true for kubectl apply -f (go-yaml v2), which the API server rejects in an annotation; quote it ("true")',
          fix: { output: labelled('    app: web\n  annotations:\n    prometheus.io/scrape: "true"\n    prometheus.io/port: 9090\n    valid-until: 2024-01-01\n    note: plain text\n') },
        },
        { file: 'cm.yaml', line: 9, column: 25, message: /^9090 is the string "9090" .* but the number 9090 for kubectl apply -f/, fix: { output: labelled('    app: web\n  annotations:\n    prometheus.io/scrape: true\n    prometheus.io/port: "9090"\n    valid-until: 2024-01-01\n    note: plain text\n') } },
      ],
    },
    {
      name: 'a timestamp in a date-time field: written out as Flux sends it',
      files: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  creationTimestamp: 2024-01-01\n' },
      errors: [
        {
          file: 'cm.yaml',
          line: 5,
          column: 22,
          message: /; metadata\.creationTimestamp is a date-time, which "2024-01-01" is not: write "2024-01-01T00:00:00Z"$/,
          fix: { output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  creationTimestamp: "2024-01-01T00:00:00Z"\n' },
        },
      ],
    },
    {
      name: 'keys: a boolean word, and a number the kustomize build fails on',
      files: { 'cm.yaml': cm('  on: "1"\n  9000: default/ssh:22\n') },
      errors: [
        { file: 'cm.yaml', line: 6, column: 3, message: 'key on is the key "on" for kustomize and Flux but "true" for kubectl apply -f (go-yaml v2 reads YAML 1.1 boolean words); quote it ("on")', fix: { output: cm('  "on": "1"\n  9000: default/ssh:22\n') } },
        {
          file: 'cm.yaml',
          line: 7,
          column: 3,
          message: 'key 9000 is the number 9000 for kustomize and Flux, which cannot build a map whose key is not a string (json: unsupported type), so the build fails; kubectl apply -f turns it into a string; quote it ("9000")',
          fix: { output: cm('  on: "1"\n  "9000": default/ssh:22\n') },
        },
      ],
    },
    {
      name: 'an encrypted document outside its sops metadata',
      files: { 'secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  labels:\n    backup: yes\nstringData:\n  token: ENC[AES256_GCM,data:x,type:str]\nsops:\n  mac: ENC[x]\n' },
      errors: [{ file: 'secret.yaml', line: 6, column: 13, message: /^yes is the string "yes" .*metadata\.labels\.backup is a string/ }],
    },
  ],
});
