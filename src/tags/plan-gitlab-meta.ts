import { computeMeta } from './compute-meta.js';
import { formatExplain } from './explain.js';
import { readMetaOptionsFromEnv } from './github-context.js';
import { contextFromGitlab } from './gitlab-context.js';
import { renderMetaDotenv, splitInputLines } from './meta-dotenv.js';

/** Where the GitLab metadata helper writes when its arguments name no paths (relative to the job's directory). */
export const GITLAB_META_DEFAULT_PATHS = { dotenv: 'dockyard/meta.env', json: 'dockyard/meta.json' } as const;

/** One file the GitLab metadata helper writes: its path as given on the command line and its UTF-8 text. */
export interface GitlabMetaFile {
  readonly path: string;
  readonly text: string;
}

/** What one run of the GitLab metadata helper does, decided without I/O. */
export interface GitlabMetaRun {
  /** The dotenv report (`DOCKYARD_VERSION`, `DOCKYARD_TAGS`, …), then the full result as JSON; in this order. */
  readonly files: readonly GitlabMetaFile[];
  /** The lines the job log shows (version, tags, the explanation, warnings), without line ends. */
  readonly log: readonly string[];
}

/**
 * Decide what the GitLab `metadata` job helper (`node dockyard-meta.mjs [dotenv-file] [json-file]`) writes and
 * prints, from its arguments and environment: the inputs `DOCKYARD_META_IMAGES`, `DOCKYARD_META_TAGS`,
 * `DOCKYARD_META_FLAVOR`, `DOCKYARD_META_LABELS` and `DOCKYARD_META_ANNOTATIONS` (newline-separated
 * metadata-action lines), GitLab's predefined `CI_*` variables, `DOCKER_METADATA_*` options and
 * `SOURCE_DATE_EPOCH` (seconds since 1970; when unset or blank, `now`). Pure: the thin entry
 * `src/io/gitlab-meta-main.ts` reads `process` and writes the files.
 *
 * @param argv the helper's arguments: dotenv path (default `dockyard/meta.env`), JSON path (default
 *   `dockyard/meta.json`); further arguments are ignored.
 * @param env the environment; unset (`undefined`) entries are ignored.
 * @param now the clock when `SOURCE_DATE_EPOCH` is not set.
 * @throws {import('./meta-error.js').MetaInputError} for bad input lines or options (the message names the input).
 * @throws {Error} when the dotenv report would exceed GitLab's 5 KB limit.
 * @see https://github.com/docker/metadata-action#outputs
 * @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportsdotenv
 */
export function planGitlabMeta(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  now: Date,
): GitlabMetaRun {
  const [dotenvPath = GITLAB_META_DEFAULT_PATHS.dotenv, jsonPath = GITLAB_META_DEFAULT_PATHS.json] = argv;
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  const clock = epoch ? new Date(Number(epoch) * 1000) : now;
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
  return {
    files: [
      { path: dotenvPath, text: renderMetaDotenv(result) },
      { path: jsonPath, text: `${JSON.stringify(result, null, 2)}\n` },
    ],
    log: [
      `version: ${result.version.main ?? '(none)'}`,
      `tags:\n${result.tags.map((t) => `  ${t}`).join('\n') || '  (none)'}`,
      ...formatExplain(result.explain),
      ...result.warnings.map((warning) => `warning: ${warning}`),
    ],
  };
}
