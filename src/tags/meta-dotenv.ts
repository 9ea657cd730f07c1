import type { MetaResult } from './compute-meta.js';

/** Largest dotenv report GitLab accepts, in bytes. */
export const GITLAB_DOTENV_MAX_BYTES = 5 * 1024;

/**
 * Render a {@link MetaResult} as a GitLab dotenv report: `DOCKYARD_VERSION`, `DOCKYARD_TAGS` (full references),
 * `DOCKYARD_LABELS` and `DOCKYARD_ANNOTATIONS`. GitLab's dotenv format has no multi-line values, so list items
 * are joined with the two characters `\n` and a backslash is written `\\`; `printf '%b\n' "$DOCKYARD_TAGS"`
 * turns a value back into one item per line.
 *
 * @throws {Error} when the report would exceed GitLab's 5 KB dotenv limit.
 * @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportsdotenv
 */
export function renderMetaDotenv(result: MetaResult): string {
  const encode = (items: readonly string[]) =>
    items.map((item) => item.replaceAll('\\', '\\\\').replace(/\r?\n/g, '\\n')).join('\\n');
  const text = [
    `DOCKYARD_VERSION=${encode([result.version.main ?? ''])}`,
    `DOCKYARD_TAGS=${encode(result.tags)}`,
    `DOCKYARD_LABELS=${encode(result.labels)}`,
    `DOCKYARD_ANNOTATIONS=${encode(result.annotations)}`,
    '',
  ].join('\n');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > GITLAB_DOTENV_MAX_BYTES) {
    throw new Error(
      `the metadata dotenv report is ${bytes} bytes; GitLab accepts at most ${GITLAB_DOTENV_MAX_BYTES} (fewer registries, tags or labels)`,
    );
  }
  return text;
}

/** Split a newline-separated input variable into lines (blank lines dropped). */
export function splitInputLines(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
