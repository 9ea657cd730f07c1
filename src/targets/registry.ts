/**
 * The registry of CI targets: one line per CI system. Adding a CI system is one folder under `src/targets/` that
 * exports a {@link CiTarget}, its id in the config schema's `CI_SYSTEMS`, and one line here (docs/architecture.md).
 *
 * @see https://github.com/renovatebot/renovate/blob/main/lib/modules/platform/api.ts (the same pattern for platforms)
 */
import type { CiSystem } from '../config/schema/primitives.js';
import type { CiTarget, Target } from './ci-target.js';
import { githubTarget } from './github/index.js';
import { gitlabTarget } from './gitlab/index.js';
import { localTarget } from './local/index.js';

/** Every target, by the id `ci: [...]` names it with. */
export const CI_TARGETS: Readonly<Record<CiSystem, CiTarget>> = {
  github: githubTarget,
  gitlab: gitlabTarget,
};

/** The target of a CI system id (the config schema admits only ids of {@link CI_TARGETS}). */
export function targetOf(ci: CiSystem): CiTarget {
  return CI_TARGETS[ci];
}

/**
 * Every target, the CI systems and the ones that run the pipeline themselves (`local`: `dockyard run`). A new
 * target is one folder under `src/targets/` and one line here.
 */
export const TARGETS: readonly Target[] = [githubTarget, gitlabTarget, localTarget];
