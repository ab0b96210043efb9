/** Namespaces every Kubernetes cluster has before anything is applied (the API server creates them). */
export const BUILTIN_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
