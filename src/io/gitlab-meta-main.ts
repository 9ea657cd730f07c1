// Entry point of the GitLab `metadata` job helper: the I/O around the pure planGitlabMeta (src/tags/plan-gitlab-meta.ts).
// scripts/bundle-gitlab-meta.mjs bundles it with its dependencies into templates/gitlab/dockyard-meta.mjs, which
// `dockyard synth` writes next to .gitlab-ci.yml.
// Usage: node dockyard-meta.mjs <dotenv-file> <json-file>
// Inputs: DOCKYARD_META_IMAGES, DOCKYARD_META_TAGS, DOCKYARD_META_FLAVOR, DOCKYARD_META_LABELS,
// DOCKYARD_META_ANNOTATIONS (newline-separated metadata-action lines), GitLab's predefined CI_* variables, and
// SOURCE_DATE_EPOCH (seconds; "now" when unset).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { planGitlabMeta } from '../tags/plan-gitlab-meta.js';

try {
  const run = planGitlabMeta(process.argv.slice(2), process.env, new Date());
  for (const dir of new Set(run.files.map((file) => dirname(file.path)))) mkdirSync(dir, { recursive: true });
  for (const file of run.files) writeFileSync(file.path, file.text);
  for (const line of run.log) console.log(line);
  process.exitCode = 0;
} catch (error) {
  console.error(`dockyard metadata: ${(error as Error).message}`);
  process.exitCode = 1;
}
