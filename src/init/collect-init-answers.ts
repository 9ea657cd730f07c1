import { GITHUB_PLANS, REPOSITORY_VISIBILITIES, type GithubPlan, type RepositoryVisibility } from '../config/schema/github-repository.js';
import { repositoryPathSchema } from '../config/schema/primitives.js';
import type { DetectedLanguage, TemplateLanguage } from './detect-language.js';
import type { DetectedRemote } from './detect-remote.js';
import type { InitPrompts } from './init-prompts.js';
import type { DockerfileSummary } from './parse-dockerfile.js';
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
}

const CI_CHOICES = { github: ['github'], gitlab: ['gitlab'], both: ['github', 'gitlab'], 'github,gitlab': ['github', 'gitlab'], 'gitlab,github': ['github', 'gitlab'] } as const;
const TEMPLATES = ['node', 'python', 'go'] as const;

/** A bad answer: what is wrong and what was expected (messages read `<problem>; expected <expected>, got "<answer>"`). */
type Rejection = { problem: string; expected: string };
type Check<T> = (answer: string) => { value: T } | Rejection;

/** `<problem>; expected <expected>, got "<answer>"`, the form of every answer error. */
function describeRejection(rejection: Rejection, answer: string): string {
  return `${rejection.problem}; expected ${rejection.expected}, got ${JSON.stringify(answer)}`;
}

/**
 * Settle one answer: the flag when given (a bad value throws), else the prompt on a TTY (a bad answer is
 * printed and asked again), else the default, else a {@link InitAnswerError} naming the flag.
 */
async function settle<T>(
  flag: string,
  given: string | undefined,
  check: Check<T>,
  fallback: string | undefined,
  ask: ((initial: string | undefined) => Promise<string>) | undefined,
  report: (line: string) => void,
): Promise<T> {
  if (given !== undefined) {
    const result = check(given);
    if ('problem' in result) throw new InitAnswerError(`--${flag}: ${describeRejection(result, given)}`);
    return result.value;
  }
  if (ask) {
    for (;;) {
      const answer = await ask(fallback);
      const result = check(answer);
      if ('value' in result) return result.value;
      report(`${describeRejection(result, answer)}; try again.`);
    }
  }
  if (fallback !== undefined) {
    const result = check(fallback);
    if ('value' in result) return result.value;
  }
  throw new InitAnswerError(`--${flag}: cannot decide on my own (nothing detected to go by); expected --${flag} (or a terminal to be asked on), got neither`);
}

/** A repository path from a free-form name: lower case, invalid characters replaced by `-`. */
function suggestImageName(detection: InitDetection): string {
  const raw = detection.remote?.path ?? detection.dirName;
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9._/-]+/g, '-')
    .replace(/(^[-._]+|[-._]+$)/g, '');
}

/**
 * Decide every answer of `dockyard init` from the flags, the detection and (when `prompts` is given, i.e. on a
 * TTY without `--yes`) the user's answers.
 *
 * @param renderTemplateSummary parses the Dockerfile a template would write (to find its stages).
 * @param report prints a problem with an answer before it is asked again.
 * @throws {InitAnswerError} for a bad flag value, or an answer that is needed but neither given nor detectable.
 * @throws {import('./init-prompts.js').PromptCancelled} when the user cancels a prompt.
 */
export async function collectInitAnswers(
  detection: InitDetection,
  flags: InitFlags,
  prompts: InitPrompts | undefined,
  renderTemplateSummary: (language: TemplateLanguage) => DockerfileSummary,
  report: (line: string) => void,
): Promise<InitPlan> {
  const ci = await settle<('github' | 'gitlab')[]>(
    'ci',
    flags.ci,
    (a) => (a in CI_CHOICES ? { value: [...CI_CHOICES[a as keyof typeof CI_CHOICES]] } : { problem: 'unknown CI system', expected: 'github, gitlab or both' }),
    detection.remote?.platform,
    prompts &&
      ((initial) =>
        prompts.select('CI system', [{ value: 'github', label: 'GitHub Actions' }, { value: 'gitlab', label: 'GitLab CI' }, { value: 'both', label: 'Both' }], initial)),
    report,
  );
  const imageName = await settle<string>(
    'image',
    flags.image,
    (a) => (repositoryPathSchema.safeParse(a).success ? { value: a } : { problem: 'not a valid image repository path', expected: 'lower-case letters, digits, . _ - separators, components joined by /, without the registry host, e.g. acme/api' }),
    suggestImageName(detection) || undefined,
    prompts && ((initial) => prompts.text('Image repository (without registry host)', initial)),
    report,
  );
  let template: TemplateLanguage | undefined;
  let summary = detection.dockerfile?.summary;
  if (flags.template !== undefined || !detection.dockerfile) {
    const choice = await settle<string>(
      'template',
      flags.template,
      (a) => (a === 'none' || (TEMPLATES as readonly string[]).includes(a) ? { value: a } : { problem: 'unknown template', expected: `${TEMPLATES.join(', ')} or none` }),
      detection.language?.language,
      prompts &&
        ((initial) =>
          prompts.select(
            `No ${flags.dockerfile ?? 'Dockerfile'} found: write one from a template?`,
            [{ value: 'node', label: 'Node.js' }, { value: 'python', label: 'Python' }, { value: 'go', label: 'Go' }, { value: 'none', label: 'No, I will write my own' }],
            initial,
          )),
      report,
    );
    if (choice === 'none') {
      if (!detection.dockerfile) throw new InitAnswerError(`--template: "none", but there is no ${flags.dockerfile ?? 'Dockerfile'} and dockyard init needs one; expected node, python or go (or write the Dockerfile first), got "none"`);
    } else {
      template = choice as TemplateLanguage;
      summary = renderTemplateSummary(template);
    }
  }
  const stages = new Set(summary?.stages.map((s) => s.name).filter((n): n is string => n !== undefined));
  let test: InitAnswers['test'];
  if (flags.testCommand !== undefined) {
    if (flags.testCommand.trim() === '') throw new InitAnswerError(`--test-command: ${describeRejection({ problem: 'empty command', expected: 'a shell command run inside the image, e.g. "npm test"' }, flags.testCommand)}`);
    test = { commands: [flags.testCommand] };
  } else if (flags.testTarget !== undefined || summary?.testStage) {
    const target = await settle<string>('test-target', flags.testTarget, (a) => (stages.has(a.toLowerCase()) ? { value: a } : { problem: 'not a stage of the Dockerfile', expected: `one of its named stages (${[...stages].join(', ') || 'none named'})` }), summary?.testStage, undefined, report);
    if (!summary?.productionStage?.name) {
      throw new InitAnswerError(`the test stage "${target}" needs a named production stage, but the last stage of the Dockerfile has no name; expected \`FROM … AS production\` (or --test-command instead of a test stage), got an unnamed last stage`);
    }
    test = { target };
  } else {
    const command = await settle<string>('test-command', undefined, (a) => (a.trim() ? { value: a.trim() } : { problem: 'empty command', expected: 'a shell command run inside the image, e.g. "npm test"' }), undefined, prompts && (() => prompts.text('The Dockerfile has no test stage: command that tests the image (run inside it)')), report);
    test = { commands: [command] };
  }
  const github = ci.includes('github') ? await settleGithub(flags, prompts, report) : undefined;
  if (!ci.includes('github') && (flags.visibility !== undefined || flags.plan !== undefined)) {
    throw new InitAnswerError(`--${flags.visibility !== undefined ? 'visibility' : 'plan'}: describes the GitHub repository, but the config targets ${ci.join(', ')}; expected --ci github or both with it, got ${JSON.stringify(flags.visibility ?? flags.plan)}`);
  }
  return {
    answers: { ci, imageName, dockerfile: flags.dockerfile ?? 'Dockerfile', target: summary?.productionStage?.name, test, ...(github ? { github } : {}) },
    template,
  };
}

/**
 * The GitHub repository's visibility (flag, else asked on a TTY, else `public`: a remote URL does not tell) and,
 * for a private or internal one, the owner's plan (flag, else asked, else `free`; `enterprise` for internal
 * repositories, which exist only there). `undefined` for a public repository: the config then has no github block.
 */
async function settleGithub(flags: InitFlags, prompts: InitPrompts | undefined, report: (line: string) => void): Promise<InitAnswers['github']> {
  const visibility = await settle<RepositoryVisibility>(
    'visibility',
    flags.visibility,
    (a) => ((REPOSITORY_VISIBILITIES as readonly string[]).includes(a) ? { value: a as RepositoryVisibility } : { problem: 'unknown repository visibility', expected: REPOSITORY_VISIBILITIES.join(', ') }),
    'public',
    prompts &&
      ((initial) =>
        prompts.select('GitHub repository visibility (decides attestations, code scanning and artifact storage)', [{ value: 'public', label: 'Public' }, { value: 'private', label: 'Private' }, { value: 'internal', label: 'Internal (Enterprise Cloud)' }], initial)),
    report,
  );
  if (visibility === 'public') {
    if (flags.plan !== undefined) throw new InitAnswerError(`--plan: matters only for private and internal repositories; expected --visibility private or internal with it, got --visibility public and --plan ${JSON.stringify(flags.plan)}`);
    return undefined;
  }
  const plan = await settle<GithubPlan>(
    'plan',
    flags.plan,
    (a) => ((GITHUB_PLANS as readonly string[]).includes(a) ? { value: a as GithubPlan } : { problem: 'unknown GitHub plan', expected: GITHUB_PLANS.join(', ') }),
    visibility === 'internal' ? 'enterprise' : 'free',
    prompts &&
      ((initial) =>
        prompts.select('GitHub plan of the repository owner', [{ value: 'free', label: 'Free' }, { value: 'pro', label: 'Pro' }, { value: 'team', label: 'Team' }, { value: 'enterprise', label: 'Enterprise Cloud' }], initial)),
    report,
  );
  return { visibility, plan };
}
