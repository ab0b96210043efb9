/** The ajv compiler the store validates with: options, formats and annotation keywords, in one place. */
import { Ajv } from 'ajv';
import formatsPlugin, { type FormatName, type FormatsPlugin } from 'ajv-formats';

/** Annotation keywords the generator keeps; x-kubernetes-validations (CEL) is evaluated by schema/cel. */
const ANNOTATIONS = [
  'x-go-pattern',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-list-type',
  'x-kubernetes-map-type',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-validations',
];

/** RFC 3339 as the API server parses it (strfmt also takes a missing zone or a space separator). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

const FORMATS: FormatName[] = ['byte', 'int32', 'int64', 'ipv4', 'ipv6'];

/**
 * A compiler for the generated schemas. `source`: keep each validator's code, so the disk cache can store it.
 * `setup` describes everything that changes the generated code: part of the disk cache key.
 */
export function createCompiler(options: { source: boolean }): { ajv: Ajv; setup: string } {
  const ajvOptions = {
    allErrors: true,
    verbose: true,
    strictSchema: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    validateSchema: false,
    // Compile time dominates (a validator runs a few times per repo): one function per shared definition,
    // and no code optimisation passes. Measured about 2x faster to compile a Deployment.
    inlineRefs: false,
    code: { optimize: false, source: options.source },
  } as const;
  const ajv = new Ajv(ajvOptions);
  // ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
  const addFormats = (formatsPlugin as unknown as { default: FormatsPlugin }).default;
  addFormats(ajv, FORMATS);
  ajv.addFormat('date-time', DATE_TIME);
  // `kinds` is the generated files' index of kind schemas: ajv compiles a file's root when resolving into it.
  ajv.addVocabulary([...ANNOTATIONS, 'kinds']);
  return { ajv, setup: JSON.stringify([ajvOptions, FORMATS, DATE_TIME.source, ANNOTATIONS]) };
}
