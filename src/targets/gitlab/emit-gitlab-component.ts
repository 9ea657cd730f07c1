import { switchGitlabGates } from './gitlab-gate-switches.js';
import { selectGitlabPlatforms } from '../../emit/reusable-platforms.js';
import { parameterizeLiterals, type DeclaredInput } from '../../emit/reusable-parameters.js';
import type { GitlabCiConfig, GitlabComponentSpec, GitlabSpecInput } from './gitlab-ci-types.js';

/** The header types live in gitlab-ci-types.ts; re-exported for the modules that import them from here. */
export type { GitlabComponentSpec, GitlabSpecInput } from './gitlab-ci-types.js';

/** Where the caller finds the component. */
export interface GitlabComponentTarget {
  /** Component name: the template is `templates/<name>.yml` in the component project. */
  readonly name: string;
  /** Central project and pinned version; absent: this project at the pipeline's commit. */
  readonly central?: { readonly project: string; readonly version: string };
}

/** String inputs that hold lines are checked against this: empty, or lines that do not start with a blank. */
const LINES_REGEX = '^(\\S.*(\\n\\S.*)*)?$';

/**
 * Derive a CI/CD component and its caller from an emitted GitLab CI configuration. The component is the
 * pipeline without `workflow:` (the caller owns when pipelines run), its config-derived literals replaced by
 * `$[[ inputs.<name> ]]`; the header declares each input with its type, the config's value as default, and
 * `options`/`regex` validation. The caller has the `workflow:` rules and includes the component by
 * `$CI_SERVER_FQDN/<project>/<name>@<version>`, passing no inputs (the defaults are the config).
 *
 * @see https://docs.gitlab.com/ci/components/
 * @see https://docs.gitlab.com/ci/inputs/
 */
export function emitGitlabComponent(
  ci: GitlabCiConfig,
  target: GitlabComponentTarget,
): { spec: GitlabComponentSpec; template: GitlabCiConfig; caller: GitlabCiConfig } {
  const { workflow, ...rest } = ci;
  const literal = parameterizeLiterals(rest, ['variables'], (name) => `$[[ inputs.${name} ]]`);
  const switched = switchGitlabGates(literal.value);
  const selected = selectGitlabPlatforms(switched.config);
  const template = selected.config as typeof literal.value;
  const inputs = [...literal.inputs, ...selected.inputs, ...switched.inputs];
  return {
    spec: { spec: { inputs: Object.fromEntries(inputs.map((i) => [i.parameter.name, specInput(i)])) } },
    template,
    caller: {
      ...(workflow === undefined ? {} : { workflow }),
      include: [{ component: gitlabComponentRef(target) }],
    },
  };
}

/** The caller's `include: component:` address: `$CI_SERVER_FQDN/<project>/<name>@<version>`. */
export function gitlabComponentRef(target: GitlabComponentTarget): string {
  const project = target.central?.project ?? '$CI_PROJECT_PATH';
  const version = target.central?.version ?? '$CI_COMMIT_SHA';
  return `$CI_SERVER_FQDN/${project}/${target.name}@${version}`;
}

function specInput(input: DeclaredInput): GitlabSpecInput {
  const p = input.parameter;
  const regex = p.type === 'string' && p.options === undefined ? (p.regex ?? LINES_REGEX) : undefined;
  return {
    type: p.type,
    default: input.default,
    description: p.description,
    ...(p.options ? { options: [...p.options] } : {}),
    ...(regex ? { regex } : {}),
  };
}
