import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { builtInCatalogDir } from './catalog.loader.ts';

let validator: ValidateFunction | null = null;

/** The NIST OSCAL 1.0.6 catalog JSON Schema (public domain), compiled once. */
function catalogValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(fs.readFileSync(path.join(builtInCatalogDir, 'oscal', 'oscal_catalog_schema.json'), 'utf8')) as object;
    // OSCAL's schemas use draft-07 keywords ajv's strict mode rejects; formats need ajv-formats.
    const ajv = new Ajv({ strict: false, allErrors: false });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Returns the schema violations of an OSCAL catalog document (empty when valid). */
export function validateOscalCatalog(doc: unknown): { path: string; message: string }[] {
  const validate = catalogValidator();
  if (validate(doc)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e: ErrorObject) => ({ path: e.instancePath || '/', message: e.message ?? 'invalid' }));
}
