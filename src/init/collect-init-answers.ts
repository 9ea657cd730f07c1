import {
  GITHUB_PLANS,
  REPOSITORY_VISIBILITIES,
  type GithubPlan,
  type RepositoryVisibility,
} from '../config/schema/github-repository.js';
import { repositoryPathSchema } from '../config/schema/primitives.js';
import type { DetectedLanguage, TemplateLanguage } from './detect-language.js';
import type { DetectedRemote } from './detect-remote.js';
import type { InitPrompts } from './init-prompts.js';
import { isTestStageName, proposeProductionStage, type DockerfileSummary } from './parse-dockerfile.js';
import { buildStageGraph, deriveStage, findStage, formatChain } from './stage-graph.js';
import { NOT_THE_CANDIDATE } from '../model/verify-gates.js';
import type { InitAnswers } from './render-config-source.js';

/**
 * A flag value or a needed answer that is bad or missing. The CLI reports it as a usage error (exit 2); it lives
 * here so the pure init core does not depend on the CLI.
 */
export class InitAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InitAnswerError';
  }
}

/** What `dockyard init` found in the project directory. */
export interface InitDetection {
  /** The existing Dockerfile (path relative to the project) and its summary. */
  readonly dockerfile?: { readonly path: string; readonly summary: DockerfileSummary };
  readonly language?: DetectedLanguage;
  readonly remote?: DetectedRemote;
  /** The project directory's base name: the image name when there is no remote. */
  readonly dirName: string;
}

/** The answers given as flags (all optional). */
export interface InitFlags {
  readonly ci?: string;
  readonly image?: string;
  readonly dockerfile?: string;
  readonly template?: string;
  readonly testTarget?: string;
  readonly testCommand?: string;
  /** `public`, `private` or `internal`: the GitHub repository's visibility (no remote tells it). */
  readonly visibility?: string;
  /** The GitHub plan of the repository's owner, for private and internal repositories. */
  readonly plan?: string;
}

/** The decisions of `dockyard init`. */
export interface InitPlan {
  readonly answers: InitAnswers;
  /** The template to write as the Dockerfile, `undefined` to keep the existing one. */
  readonly template?: TemplateLanguage;
  /**
   * One line per answer taken as a default without a flag or a prompt (under `--yes` or without a terminal), in
   * question order, e.g. `--ci: no remote found; took both (github, gitlab)`. The CLI prints them to stderr.
   */
  readonly defaults: readonly string[];
}

const CI_CHOICES = {
  github: ['github'],
  gitlab: ['gitlab'],
  both: ['github', 'gitlab'],
  'github,gitlab': ['github', 'gitlab'],
  'gitlab,github': ['github', 'gitlab'],
} as const;
const TEMPLATES = ['node', 'python', 'go'] as const;

/** A bad answer: what is wrong and what was expected (messages read `<problem>; expected <expected>, got "<answer>"`). */
type Rejection = { problem: string; expected: string };
type Check<T> = (answer: string) => { value: T } | Rejection;

/** `<problem>; expected <expected>, got "<answer>"`, the form of every answer error. */
function describeRejection(rejection: Rejection, answer: string): string {
  return `${rejection.problem}; expected ${rejection.expected}, got ${JSON.stringify(answer)}`;
}

/** A default answer and why it was taken (`no remote found`), for the `--flag: <why>; took <value>` line. */
type Fallback = { readonly value: string; readonly why: string; readonly shown?: string } | undefined;

/**
 * Settle one answer: the flag when given (a bad value throws), else the prompt on a TTY (a bad answer is
 * printed and asked again), else the default (recorded in `took`), else a {@link InitAnswerError} naming the flag.
 */
async function settle<T>(
  flag: string,
  given: string | undefined,
  check: Check<T>,
  fallback: Fallback,
  ask: ((initial: string | undefined) => Promise<string>) | undefined,
  report: (line: string) => void,
  took: string[],
): Promise<T> {
  if (given !== undefined) {
    const result = check(given);
    if ('problem' in result) throw new InitAnswerError(`--${flag}: ${describeRejection(result, given)}`);
    return result.value;
  }
  if (ask) {
    for (;;) {
      const answer = await ask(fallback?.value);
      const result = check(answer);
      if ('value' in result) return result.value;
      report(`${describeRejection(result, answer)}; try again.`);
    }
  }
  if (fallback !== undefined) {
    const result = check(fallback.value);
    if ('value' in result) {
      took.push(`--${flag}: ${fallback.why}; took ${fallback.shown ?? fallback.value}`);
      return result.value;
    }
  }
  throw new InitAnswerError(
    `--${flag}: cannot decide on my own (nothing detected to go by); expected --${flag} (or a terminal to be asked on), got neither`,
  );
}

/** A repository path from a free-form name: lower case, invalid characters replaced by `-`. */
function suggestImageName(detection: InitDetection): Fallback {
  const raw = detection.remote?.path ?? detection.dirName;
  const value = raw
    .toLowerCase()
    .replace(/[^a-z0-9._/-]+/g, '-')
    .replace(/(^[-._]+|[-._]+$)/g, '');
  if (!value) return undefined;
  return {
    value,
    why: detection.remote
      ? `from the origin remote ${detection.remote.host}/${detection.remote.path}`
      : `no remote found, named after the directory "${detection.dirName}"`,
  };
}

/**
 * Whether the production stage is built `FROM scratch`, directly or through earlier stages (`FROM base AS app`
 * where `base` is `FROM scratch`): such an image has no `/bin/sh` to run test commands in.
 *
 * @see https://docs.docker.com/build/building/base-images/#create-a-minimal-base-image-using-scratch
 */
export function isScratchImage(summary: DockerfileSummary | undefined): boolean {
  let stage = summary?.productionStage;
  for (let hops = 0; stage && hops <= (summary?.stages.length ?? 0); hops++) {
    const base = stage.base.toLowerCase();
    if (base === 'scratch') return true;
    const index = summary!.stages.indexOf(stage);
    stage = summary!.stages
      .slice(0, index)
      .reverse()
      .find((s) => s.name === base);
  }
  return false;
}

/** A usable HEALTHCHECK in the production stage (not `HEALTHCHECK NONE`): what the smoke test waits on. */
function hasHealthcheck(summary: DockerfileSummary | undefined): boolean {
  return summary?.healthcheck !== undefined && !/^NONE$/i.test(summary.healthcheck.text.trim());
}

const COMMAND_EXPECTED = 'a shell command run inside the image, e.g. "npm test"';

/**
 * The test when the Dockerfile has no test stage and no `--test-command` was given. On a terminal the command is
 * asked for; otherwise (the documented `--yes` default, docs/init-and-doctor.md) a start-up check `true` run by the
 * image's `/bin/sh`, plus the smoke test when the production stage has a HEALTHCHECK. A `FROM scratch` image has
 * no shell, so no command test can run in it: init then needs `--test-target`.
 */
async function settleTestWithoutStage(
  summary: DockerfileSummary | undefined,
  prompts: InitPrompts | undefined,
  report: (line: string) => void,
  took: string[],
): Promise<InitAnswers['test']> {
  const smoke = hasHealthcheck(summary) ? { smoke: {} } : {};
  if (isScratchImage(summary)) {
    throw new InitAnswerError(
      `--test-target: the production stage is built FROM scratch, which has no shell to run a test command in, and the Dockerfile has no test stage${smoke.smoke ? ' (the smoke test on its HEALTHCHECK needs a test beside it)' : ''}; expected --test-target <a stage built FROM the production stage that runs the tests>, got neither`,
    );
  }
  const fallback: Fallback = prompts
    ? undefined
    : {
        value: 'true',
        why: 'no test stage found',
        shown: `a start-up check (\`true\` run by the image's /bin/sh)${smoke.smoke ? ' and the smoke test (its HEALTHCHECK must report healthy)' : ''}`,
      };
  const command = await settle<string>(
    'test-command',
    undefined,
    (a) => (a.trim() ? { value: a.trim() } : { problem: 'empty command', expected: COMMAND_EXPECTED }),
    fallback,
    prompts && (() => prompts.text('The Dockerfile has no test stage: command that tests the image (run inside it)')),
    report,
    took,
  );
  return { commands: [command], ...(fallback ? smoke : {}) };
}

/**
 * Decide every answer of `dockyard init` from the flags, the detection and (when `prompts` is given, i.e. on a
 * TTY without `--yes`) the user's answers. Without prompts every answer not given as a flag takes its documented
 * default (docs/init-and-doctor.md, "Defaults of --yes"), listed in {@link InitPlan.defaults}: the CI system of
 * the origin remote, else both; the image named after the remote path, else the directory; the detected language's
 * template when there is no Dockerfile; the stage named like `test`, else a start-up command check plus the smoke
 * test when the production stage has a HEALTHCHECK.
 *
 * @param renderTemplateSummary parses the Dockerfile a template would write (to find its stages).
 * @param report prints a problem with an answer before it is asked again.
 * @throws {InitAnswerError} for a bad flag value, or an answer that is needed but neither given nor detectable
 *   (no Dockerfile and no known language; a `FROM scratch` image without a test stage; a test command for one).
 * @throws {import('./init-prompts.js').PromptCancelled} when the user cancels a prompt.
 */
export async function collectInitAnswers(
  detection: InitDetection,
  flags: InitFlags,
  prompts: InitPrompts | undefined,
  renderTemplateSummary: (language: TemplateLanguage) => DockerfileSummary,
  report: (line: string) => void,
): Promise<InitPlan> {
  const took: string[] = [];
  const remote = detection.remote;
  const ci = await settle<('github' | 'gitlab')[]>(
    'ci',
    flags.ci,
    (a) =>
      a in CI_CHOICES
        ? { value: [...CI_CHOICES[a as keyof typeof CI_CHOICES]] }
        : { problem: 'unknown CI system', expected: 'github, gitlab or both' },
    remote
      ? { value: remote.platform, why: `from the origin remote ${remote.host}/${remote.path}` }
      : { value: 'both', why: 'no remote found', shown: 'both (github, gitlab)' },
    prompts &&
      ((initial) =>
        prompts.select(
          'CI system',
          [
            { value: 'github', label: 'GitHub Actions' },
            { value: 'gitlab', label: 'GitLab CI' },
            { value: 'both', label: 'Both' },
          ],
          initial,
        )),
    report,
    took,
  );
  const imageName = await settle<string>(
    'image',
    flags.image,
    (a) =>
      repositoryPathSchema.safeParse(a).success
        ? { value: a }
        : {
            problem: 'not a valid image repository path',
            expected:
              'lower-case letters, digits, . _ - separators, components joined by /, without the registry host, e.g. acme/api',
          },
    suggestImageName(detection),
    prompts && ((initial) => prompts.text('Image repository (without registry host)', initial)),
    report,
    took,
  );
  let template: TemplateLanguage | undefined;
  let summary = detection.dockerfile?.summary;
  if (flags.template !== undefined || !detection.dockerfile) {
    const language = detection.language;
    const choice = await settle<string>(
      'template',
      flags.template,
      (a) =>
        a === 'none' || (TEMPLATES as readonly string[]).includes(a)
          ? { value: a }
          : { problem: 'unknown template', expected: `${TEMPLATES.join(', ')} or none` },
      language && {
        value: language.language,
        why: `no ${flags.dockerfile ?? 'Dockerfile'} found, ${language.evidence} found`,
      },
      prompts &&
        ((initial) =>
          prompts.select(
            `No ${flags.dockerfile ?? 'Dockerfile'} found: write one from a template?`,
            [
              { value: 'node', label: 'Node.js' },
              { value: 'python', label: 'Python' },
              { value: 'go', label: 'Go' },
              { value: 'none', label: 'No, I will write my own' },
            ],
            initial,
          )),
      report,
      took,
    );
    if (choice === 'none') {
      if (!detection.dockerfile)
        throw new InitAnswerError(
          `--template: "none", but there is no ${flags.dockerfile ?? 'Dockerfile'} and dockyard init needs one; expected node, python or go (or write the Dockerfile first), got "none"`,
        );
    } else {
      template = choice as TemplateLanguage;
      summary = renderTemplateSummary(template);
    }
  }
  const stages = new Set(summary?.stages.map((s) => s.name).filter((n): n is string => n !== undefined));
  let test: InitAnswers['test'];
  if (flags.testCommand !== undefined) {
    if (flags.testCommand.trim() === '')
      throw new InitAnswerError(
        `--test-command: ${describeRejection({ problem: 'empty command', expected: COMMAND_EXPECTED }, flags.testCommand)}`,
      );
    if (isScratchImage(summary)) {
      throw new InitAnswerError(
        `--test-command: the production stage is built FROM scratch, which has no shell to run it in; expected --test-target <a stage built FROM the production stage that runs the tests>, got ${JSON.stringify(flags.testCommand)}`,
      );
    }
    test = { commands: [flags.testCommand] };
  } else if (flags.testTarget !== undefined || (summary && chooseTestStage(summary).stage !== undefined)) {
    const choice = summary ? chooseTestStage(summary) : { skipped: [] };
    const target = await settle<string>(
      'test-target',
      flags.testTarget,
      (a) => {
        if (!stages.has(a.toLowerCase()))
          return {
            problem: 'not a stage of the Dockerfile',
            expected: `one of its named stages (${[...stages].join(', ') || 'none named'})`,
          };
        const problem = summary && describeUnderivedStage(summary, a);
        return problem
          ? {
              problem,
              expected: `a stage built FROM "${proposeProductionStage(summary!)!.name}" (directly or through other stages), or --test-command`,
            }
          : { value: a };
      },
      choice.stage ? { value: choice.stage, why: `found the test stage "${choice.stage}"` } : undefined,
      undefined,
      report,
      took,
    );
    if (!summary || !proposeProductionStage(summary)?.name) {
      throw new InitAnswerError(
        `the test stage "${target}" needs a named production stage, but the last stage of the Dockerfile has no name; expected \`FROM … AS production\` (or --test-command instead of a test stage), got an unnamed last stage`,
      );
    }
    test = { target };
  } else if (summary && chooseTestStage(summary).skipped.length > 0) {
    // Only test stages that do not derive from the production stage: written with the explicit opt-out, said aloud.
    const skipped = chooseTestStage(summary).skipped[0]!;
    report(
      `${skipped.reason}; writing test: { target: "${skipped.name}", from: "source" }, so the plan, the test job and the gate summary say it ${NOT_THE_CANDIDATE}. To test the candidate, build the stage FROM "${proposeProductionStage(summary)?.name}" or pass --test-command.`,
    );
    test = { target: skipped.name, from: 'source' };
  } else {
    test = await settleTestWithoutStage(summary, prompts, report, took);
  }
  const github = ci.includes('github') ? await settleGithub(flags, prompts, report, took) : undefined;
  if (!ci.includes('github') && (flags.visibility !== undefined || flags.plan !== undefined)) {
    throw new InitAnswerError(
      `--${flags.visibility !== undefined ? 'visibility' : 'plan'}: describes the GitHub repository, but the config targets ${ci.join(', ')}; expected --ci github or both with it, got ${JSON.stringify(flags.visibility ?? flags.plan)}`,
    );
  }
  if (summary && flags.testTarget === undefined && 'target' in test && test.from === undefined) {
    for (const skipped of chooseTestStage(summary).skipped)
      report(`${skipped.reason}; skipped it as the test target in favour of "${test.target}".`);
  }
  return {
    answers: {
      ci,
      imageName,
      dockerfile: flags.dockerfile ?? 'Dockerfile',
      target: summary && proposeProductionStage(summary)?.name,
      test,
      ...(github ? { github } : {}),
    },
    template,
    defaults: took,
  };
}

/**
 * The GitHub repository's visibility (flag, else asked on a TTY, else `public`: a remote URL does not tell) and,
 * for a private or internal one, the owner's plan (flag, else asked, else `free`; `enterprise` for internal
 * repositories, which exist only there). `undefined` for a public repository: the config then has no github block.
 */
async function settleGithub(
  flags: InitFlags,
  prompts: InitPrompts | undefined,
  report: (line: string) => void,
  took: string[],
): Promise<InitAnswers['github']> {
  const visibility = await settle<RepositoryVisibility>(
    'visibility',
    flags.visibility,
    (a) =>
      (REPOSITORY_VISIBILITIES as readonly string[]).includes(a)
        ? { value: a as RepositoryVisibility }
        : { problem: 'unknown repository visibility', expected: REPOSITORY_VISIBILITIES.join(', ') },
    { value: 'public', why: 'a remote URL cannot tell a private repository from a public one' },
    prompts &&
      ((initial) =>
        prompts.select(
          'GitHub repository visibility (decides attestations, code scanning and artifact storage)',
          [
            { value: 'public', label: 'Public' },
            { value: 'private', label: 'Private' },
            { value: 'internal', label: 'Internal (Enterprise Cloud)' },
          ],
          initial,
        )),
    report,
    took,
  );
  if (visibility === 'public') {
    if (flags.plan !== undefined)
      throw new InitAnswerError(
        `--plan: matters only for private and internal repositories; expected --visibility private or internal with it, got --visibility public and --plan ${JSON.stringify(flags.plan)}`,
      );
    return undefined;
  }
  const plan = await settle<GithubPlan>(
    'plan',
    flags.plan,
    (a) =>
      (GITHUB_PLANS as readonly string[]).includes(a)
        ? { value: a as GithubPlan }
        : { problem: 'unknown GitHub plan', expected: GITHUB_PLANS.join(', ') },
    {
      value: visibility === 'internal' ? 'enterprise' : 'free',
      why: visibility === 'internal' ? 'internal repositories exist only on Enterprise Cloud' : 'no plan given',
    },
    prompts &&
      ((initial) =>
        prompts.select(
          'GitHub plan of the repository owner',
          [
            { value: 'free', label: 'Free' },
            { value: 'pro', label: 'Pro' },
            { value: 'team', label: 'Team' },
            { value: 'enterprise', label: 'Enterprise Cloud' },
          ],
          initial,
        )),
    report,
    took,
  );
  return { visibility, plan };
}

/** The named stages that look like test stages (`test`, `unit-tests`, …), other than the production stage. */
function testStageCandidates(summary: DockerfileSummary): string[] {
  const production = proposeProductionStage(summary);
  return summary.stages
    .filter((s) => s !== production && s.name !== undefined && isTestStageName(s.name))
    .map((s) => s.name!);
}

/**
 * Why stage `name` would not test the candidate: it does not derive, through its `FROM` chain, from the production
 * stage (`proposeProductionStage`), which the test build replaces with the candidate image; `undefined` when it does (or when there is
 * no named production stage to compare with, which init reports on its own).
 *
 * @see https://docs.docker.com/build/building/multi-stage/#use-a-previous-stage-as-a-new-stage
 */
function describeUnderivedStage(summary: DockerfileSummary, name: string): string | undefined {
  const graph = buildStageGraph(summary);
  const production = findStage(graph, proposeProductionStage(summary)?.name);
  const stage = findStage(graph, name);
  if (!production?.name || !stage || stage === production) return undefined;
  const derivation = deriveStage(graph, stage, production);
  if (derivation.derives) return undefined;
  return `stage "${stage.name}" does not derive from the production stage "${production.name}" (its chain is ${formatChain(derivation.chain)}), so it ${NOT_THE_CANDIDATE}`;
}

/** The first test stage that derives from the production stage, and the ones skipped (with the reason). */
function chooseTestStage(summary: DockerfileSummary): { stage?: string; skipped: { name: string; reason: string }[] } {
  const skipped: { name: string; reason: string }[] = [];
  for (const name of testStageCandidates(summary)) {
    const reason = describeUnderivedStage(summary, name);
    if (reason === undefined) return { stage: name, skipped };
    skipped.push({ name, reason });
  }
  return { skipped };
}
