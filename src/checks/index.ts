/**
 * The built-in check registry: rules/*.yaml refer to these names in `check:`. The engine never imports it; the CLI
 * and the library entry point (src/index.ts) hand it to lint().
 */
import { ambiguousValueChecks } from './ambiguous.js';
import { apiChecks } from './deprecations/api.js';
import { fieldChecks } from './deprecations/fields.js';
import { customChecks } from './custom.js';
import { fluxChecks } from './flux.js';
import { kustomizeChecks } from './kustomize.js';
import { loaderChecks } from './loader.js';
import { objectChecks } from './objects.js';
import { postbuildChecks } from './postbuild.js';
import { celChecks } from './schema/cel.js';
import { schemaChecks } from './schema/schema.js';
import type { CheckRegistry } from './types.js';
import { kustomizeComponentMisuse } from './component-misuse.js';
import { kustomizeGeneratedFile } from './generated-file.js';
import { kustomizePatchUnmatched } from './patch-unmatched.js';
import { namespaceMissing } from './namespace-missing.js';
import { secretPlaintext } from './secrets.js';
import { policyChecks } from './policy/index.js';
import { secretTokenChecks } from './secret-tokens.js';
import { secretSopsChecks } from './secret-sops.js';
import { secretConfigChecks } from './secret-config.js';
import { secretCommentChecks } from './secret-comments.js';

export const builtinChecks: CheckRegistry = {
  ...loaderChecks,
  ...ambiguousValueChecks,
  ...kustomizeChecks,
  ...fluxChecks,
  ...objectChecks,
  ...customChecks,
  ...schemaChecks,
  ...celChecks,
  ...postbuildChecks,
  ...policyChecks,
  ...secretTokenChecks,
  ...secretSopsChecks,
  ...secretConfigChecks,
  ...secretCommentChecks,
  ...apiChecks,
  ...fieldChecks,
  'kustomize-component-misuse': { run: kustomizeComponentMisuse },
  'kustomize-generated-file': { run: kustomizeGeneratedFile },
  'kustomize-patch-unmatched': { run: kustomizePatchUnmatched },
  'namespace-missing': { run: namespaceMissing },
  'secret-plaintext': { run: secretPlaintext },
};
