import type { TriggerSpec } from '../../model/pipeline.js';
import type { GithubStep } from './github-types.js';
import { filterPatternToRegex } from '../../model/filter-pattern.js';

/** {@link filterPatternToRegex}, the name the GitHub ref check has used. */
export const githubFilterPatternToRegex = filterPatternToRegex;

/** The metadata job's output that says whether the run's ref publishes (`"true"` / `"false"`). */
export const PUBLISHES_OUTPUT = 'publishes';

/** The id of the metadata job's step that checks the ref. */
const REF_STEP_ID = 'ref';

/**
 * The refs that publish, as one anchored extended regular expression over the full ref (`GITHUB_REF`): the
 * configured branches under `refs/heads/` and tags under `refs/tags/`, with GitHub's filter semantics (so exactly
 * the refs whose pushes trigger the workflow). Undefined when no branch and no tag is configured (nothing publishes).
 *
 * @example `^refs/heads/(main|release/[^/]*)$|^refs/tags/(v[^/]*)$` for branches `main`, `release/*` and tags `v*`.
 */
export function githubPublishRefsRegex(triggers: TriggerSpec): string | undefined {
  const group = (prefix: string, globs: readonly string[]): string[] =>
    globs.length > 0 ? [`^${prefix}(${globs.map((g) => githubFilterPatternToRegex(g).slice(1, -1)).join('|')})$`] : [];
  const parts = [...group('refs/heads/', triggers.branches), ...group('refs/tags/', triggers.tags)];
  return parts.length > 0 ? parts.join('|') : undefined;
}

/**
 * The metadata job's step that sets the output {@link PUBLISHES_OUTPUT} to `true` when the run's ref
 * (`GITHUB_REF`, set by the runner for every event) is a configured branch or tag, else `false`. Publishing keys on
 * it, because `workflow_dispatch` runs on any ref the caller picks (it has no branch filter) and schedules and
 * `repository_dispatch` run on the default branch, which need not be configured: only the configured refs publish,
 * as on GitLab only protected refs do.
 *
 * @see https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#workflow_dispatch
 * @see https://docs.github.com/actions/reference/variables-reference#default-environment-variables (GITHUB_REF)
 */
export function checkRefPublishesStep(triggers: TriggerSpec): GithubStep {
  return {
    name: 'Check that the ref publishes',
    id: REF_STEP_ID,
    run: [
      'if [ -n "$DOCKYARD_PUBLISH_REFS" ] && printf \'%s\\n\' "$GITHUB_REF" | grep -Eq -- "$DOCKYARD_PUBLISH_REFS"; then',
      '  publishes=true',
      'else',
      '  publishes=false',
      'fi',
      'echo "$GITHUB_REF publishes: $publishes"',
      `echo "${PUBLISHES_OUTPUT}=$publishes" >> "$GITHUB_OUTPUT"`,
    ].join('\n'),
    env: { DOCKYARD_PUBLISH_REFS: githubPublishRefsRegex(triggers) ?? '' },
  };
}

/** The metadata job's `outputs` entry for {@link PUBLISHES_OUTPUT}. */
export const PUBLISHES_OUTPUT_VALUE = `\${{ steps.${REF_STEP_ID}.outputs.${PUBLISHES_OUTPUT} }}`;

/** The expression (without `${{ }}`) a publish job tests: the metadata job found the ref publishes. */
export const REF_PUBLISHES = `needs.metadata.outputs.${PUBLISHES_OUTPUT} == 'true'`;
