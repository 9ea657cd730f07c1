import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** `../shared` beside the project (schemas, pins, conformance data); present in CI. */
export const SHARED = resolve(ROOT, '..', 'shared');
/** Whether `../shared` is present. */
export const HAS_SHARED = existsSync(resolve(SHARED, 'schemas', 'github-workflow.json'));
/** The example projects. */
export const EXAMPLES_DIR = resolve(ROOT, 'examples');
/** docker/metadata-action's conformance cases, in `../shared/conformance`. */
export const METADATA_ACTION_CASES = resolve(SHARED, 'conformance', 'metadata-action-cases.json');
/** Whether the metadata-action conformance cases are present. */
export const HAS_CONFORMANCE = existsSync(METADATA_ACTION_CASES);
