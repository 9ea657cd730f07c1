// Entry point of the GitLab `metadata` job helper. scripts/bundle-gitlab-meta.mjs bundles it with its
// dependencies into templates/gitlab/dockyard-meta.mjs, which `dockyard synth` writes next to .gitlab-ci.yml.
// Usage: node dockyard-meta.mjs <dotenv-file> <json-file>
// Inputs: DOCKYARD_META_IMAGES, DOCKYARD_META_TAGS, DOCKYARD_META_FLAVOR, DOCKYARD_META_LABELS,
// DOCKYARD_META_ANNOTATIONS (newline-separated metadata-action lines), GitLab's predefined CI_* variables, and
// SOURCE_DATE_EPOCH (seconds; "now" when unset).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { computeMeta } from './compute-meta.js';
import { formatExplain } from './explain.js';
import { readMetaOptionsFromEnv } from './github-context.js';
import { contextFromGitlab } from './gitlab-context.js';
import { renderMetaDotenv, splitInputLines } from './meta-dotenv.js';

function main(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  const [dotenvPath = 'dockyard/meta.env', jsonPath = 'dockyard/meta.json'] = argv;
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  const clock = epoch ? new Date(Number(epoch) * 1000) : new Date();
  const vars = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const result = computeMeta(
    {
      images: splitInputLines(env.DOCKYARD_META_IMAGES),
      tags: splitInputLines(env.DOCKYARD_META_TAGS),
      flavor: splitInputLines(env.DOCKYARD_META_FLAVOR),
      labels: splitInputLines(env.DOCKYARD_META_LABELS),
      annotations: splitInputLines(env.DOCKYARD_META_ANNOTATIONS),
      ...readMetaOptionsFromEnv(vars),
    },
    contextFromGitlab(vars),
    clock,
  );
  for (const dir of new Set([dirname(dotenvPath), dirname(jsonPath)])) mkdirSync(dir, { recursive: true });
  writeFileSync(dotenvPath, renderMetaDotenv(result));
  writeFileSync(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`version: ${result.version.main ?? '(none)'}`);
  console.log(`tags:\n${result.tags.map((t) => `  ${t}`).join('\n') || '  (none)'}`);
  for (const line of formatExplain(result.explain)) console.log(line);
  for (const warning of result.warnings) console.log(`warning: ${warning}`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`dockyard metadata: ${(error as Error).message}`);
  process.exitCode = 1;
}
