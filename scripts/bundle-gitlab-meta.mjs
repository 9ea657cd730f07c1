// Bundles the GitLab metadata job helper (src/io/gitlab-meta-main.ts, the tag engine of src/tags it calls, and the
// parts of semver and @renovatebot/pep440 the engine uses) into one dependency-free, readable (not minified) ES
// module, templates/gitlab/dockyard-meta.mjs, which `dockyard synth` writes next to .gitlab-ci.yml. A test re-bundles
// and compares, so the committed file always matches the engine. Run: npm run bundle
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleGitlabMeta } from './bundle-gitlab-meta-lib.mjs';

const out = fileURLToPath(new URL('../templates/gitlab/dockyard-meta.mjs', import.meta.url));
const text = await bundleGitlabMeta();
writeFileSync(out, text);
console.log(`wrote templates/gitlab/dockyard-meta.mjs (${text.length} bytes)`);
