// Regenerates schema/dockyard.schema.json and docs/config-reference.md from the zod schema.
// Both files are golden-tested; run `npm run schema` after changing src/config/schema/.
import { writeFileSync } from 'node:fs';
import { createConfigJsonSchema } from '../src/config/json-schema.js';
import { renderConfigReference } from '../src/config/render-config-reference.js';

const root = new URL('..', import.meta.url);
writeFileSync(new URL('schema/dockyard.schema.json', root), `${JSON.stringify(createConfigJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('docs/config-reference.md', root), renderConfigReference(createConfigJsonSchema()));
console.log('wrote schema/dockyard.schema.json and docs/config-reference.md');
