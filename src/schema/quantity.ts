/** The grammar of a Kubernetes resource.Quantity, exactly as Kubernetes writes it into CRDs (also used by scripts/generate-schemas.mjs). */
export const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
