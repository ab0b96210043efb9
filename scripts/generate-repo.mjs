#!/usr/bin/env node
// Writes a deterministic, Flux-shaped repo for benchmarks:
//   clusters/<cluster>/flux-system/gotk-sync.yaml   GitRepository + root Flux Kustomization
//   clusters/<cluster>/{infrastructure,apps}.yaml   Flux Kustomizations (apps dependsOn infrastructure)
//   infrastructure/sources/                          HelmRepositories
//   apps/base/app-NNN/                               manifests (Deployment, Service, ConfigMap, HelmRelease, ...)
//   apps/<cluster>/kustomization.yaml                the apps of each cluster
// Usage: node scripts/generate-repo.mjs <outDir> [--objects 10000] [--files 1000]
// --objects Kubernetes objects spread over --files manifest files (kustomization and cluster files come on top).
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const outDir = args[0];
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  const n = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
};
if (!outDir || outDir.startsWith('--')) {
  console.error('usage: node scripts/generate-repo.mjs <outDir> [--objects 10000] [--files 1000]');
  process.exit(2);
}
const objects = option('objects', 10000);
const files = Math.min(option('files', 1000), objects);
const FILES_PER_APP = 10;
const CLUSTERS = ['production', 'staging'];
const CHARTS = ['podinfo', 'redis', 'nginx', 'postgres'];

const write = (rel, text) => {
  const abs = path.join(outDir, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
};
const pad = (n) => String(n).padStart(4, '0');

const builders = [
  (app, i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}-${i}
  labels:
    app.kubernetes.io/name: ${app}
    app.kubernetes.io/component: web-${i}
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${app}
      app.kubernetes.io/component: web-${i}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${app}
        app.kubernetes.io/component: web-${i}
    spec:
      serviceAccountName: ${app}
      containers:
        - name: web
          image: ghcr.io/example/${app}:1.${i % 10}.0
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: "info"
            - name: CONFIG_NAME
              valueFrom:
                configMapKeyRef:
                  name: ${app}-config-${i}
                  key: name
          resources:
            requests: { cpu: 50m, memory: 64Mi }
            limits: { memory: 256Mi }
          readinessProbe:
            httpGet: { path: /healthz, port: http }
            periodSeconds: 10
          livenessProbe:
            httpGet: { path: /livez, port: http }
            initialDelaySeconds: 5
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: ["ALL"] }
          volumeMounts:
            - name: config
              mountPath: /etc/${app}
              readOnly: true
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: config
          configMap:
            name: ${app}-config-${i}
            defaultMode: 420
        - name: tmp
          emptyDir: {}
`,
  (app, i) => `apiVersion: v1
kind: Service
metadata:
  name: ${app}-${i}
spec:
  selector:
    app.kubernetes.io/name: ${app}
  ports:
    - name: http
      port: 80
      targetPort: http
`,
  (app, i) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config-${i}
data:
  name: "${app}"
  settings.yaml: |
    server:
      port: 8080
      timeout: 30s
      # Multi-line text, as configuration files embedded in ConfigMaps usually are.
      cors:
        allowedOrigins: ["https://${app}.example.com"]
        allowedMethods: [GET, POST]
    logging:
      level: info
      format: json
    features:
      - alpha
      - beta
`,
  (app, i) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: ${app}-${i}
spec:
  interval: 30m
  chart:
    spec:
      chart: ${CHARTS[i % CHARTS.length]}
      version: ">=1.0.0"
      sourceRef:
        kind: HelmRepository
        name: ${CHARTS[i % CHARTS.length]}
        namespace: flux-system
  install:
    remediation:
      retries: 3
  upgrade:
    cleanupOnFail: true
  values:
    replicaCount: 2
    resources:
      requests: { cpu: 100m, memory: 128Mi }
    ingress:
      enabled: true
      className: nginx
      annotations:
        cert-manager.io/cluster-issuer: letsencrypt
      hosts:
        - host: ${app}-${i}.example.com
          paths:
            - path: /
              pathType: Prefix
      tls:
        - secretName: ${app}-${i}-tls
          hosts: [${app}-${i}.example.com]
`,
  (app, i) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${app}-sa-${i}
  labels:
    app.kubernetes.io/name: ${app}
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/${app}-${i}
automountServiceAccountToken: false
`,
];

// Manifest files: `files` of them in apps of FILES_PER_APP files, `objects` objects spread evenly.
const appCount = Math.ceil(files / FILES_PER_APP);
const appNames = Array.from({ length: appCount }, (_, a) => `app-${pad(a)}`);
let objectIndex = 0;
for (let f = 0; f < files; f++) {
  const app = appNames[Math.floor(f / FILES_PER_APP)];
  const count = Math.floor((objects * (f + 1)) / files) - Math.floor((objects * f) / files);
  const docs = [];
  for (let k = 0; k < count; k++, objectIndex++) docs.push(builders[objectIndex % builders.length](app, objectIndex));
  write(`apps/base/${app}/manifests-${pad(f % FILES_PER_APP)}.yaml`, docs.join('---\n'));
}
for (const [a, app] of appNames.entries()) {
  const inApp = Math.min(FILES_PER_APP, files - a * FILES_PER_APP);
  const resources = Array.from({ length: inApp }, (_, f) => `  - manifests-${pad(f)}.yaml`).join('\n');
  write(
    `apps/base/${app}/kustomization.yaml`,
    `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${app}\nresources:\n  - namespace.yaml\n${resources}\n`,
  );
  write(`apps/base/${app}/namespace.yaml`, `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${app}\n`);
}

write(
  'infrastructure/sources/kustomization.yaml',
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${CHARTS.map((c) => `  - ${c}.yaml`).join('\n')}\n`,
);
for (const chart of CHARTS) {
  write(
    `infrastructure/sources/${chart}.yaml`,
    `apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: ${chart}\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://charts.example.com/${chart}\n`,
  );
}

for (const [c, cluster] of CLUSTERS.entries()) {
  // Each cluster runs every other app (production the even ones, staging the odd ones), and the first app on both.
  const apps = appNames.filter((_, a) => a === 0 || a % CLUSTERS.length === c);
  write(
    `apps/${cluster}/kustomization.yaml`,
    `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${apps.map((a) => `  - ../base/${a}`).join('\n')}\n`,
  );
  write(
    `clusters/${cluster}/flux-system/gotk-sync.yaml`,
    `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m
  ref:
    branch: main
  url: ssh://git@github.com/example/fleet
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 10m
  path: ./clusters/${cluster}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`,
  );
  write(
    `clusters/${cluster}/flux-system/kustomization.yaml`,
    `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - gotk-sync.yaml\n`,
  );
  for (const [name, dir, dependsOn] of [
    ['infrastructure', './infrastructure/sources', undefined],
    ['apps', `./apps/${cluster}`, 'infrastructure'],
  ]) {
    write(
      `clusters/${cluster}/${name}.yaml`,
      `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 10m
  path: ${dir}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
${dependsOn ? `  dependsOn:\n    - name: ${dependsOn}\n` : ''}`,
    );
  }
}
console.log(`wrote ${objects} objects in ${files} manifest files to ${outDir}`);
