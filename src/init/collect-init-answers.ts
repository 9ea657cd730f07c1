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
  } else if (flags.testTarget !== undefined || (summary && chooseTestStage(summary).stage !== undefined)) {
    const choice = summary ? chooseTestStage(summary) : { skipped: [] };
    const target = await settle<string>(
      'test-target',
      flags.testTarget,
      (a) => {
        if (!stages.has(a.toLowerCase())) return { problem: 'not a stage of the Dockerfile', expected: `one of its named stages (${[...stages].join(', ') || 'none named'})` };
        const problem = summary && describeUnderivedStage(summary, a);
        return problem ? { problem, expected: `a stage built FROM "${proposeProductionStage(summary!)!.name}" (directly or through other stages), or --test-command` } : { value: a };
      },
      choice.stage,
      undefined,
      report,
    );
    if (!summary || !proposeProductionStage(summary)?.name) {
      throw new InitAnswerError(`the test stage "${target}" needs a named production stage, but the last stage of the Dockerfile has no name; expected \`FROM … AS production\` (or --test-command instead of a test stage), got an unnamed last stage`);
    }
    test = { target };
  } else if (summary && chooseTestStage(summary).skipped.length > 0) {
    // Only test stages that do not derive from the production stage: written with the explicit opt-out, said aloud.
    const skipped = chooseTestStage(summary).skipped[0]!;
    report(`${skipped.reason}; writing test: { target: "${skipped.name}", from: "source" }, so the plan, the test job and the gate summary say it ${NOT_THE_CANDIDATE}. To test the candidate, build the stage FROM "${proposeProductionStage(summary)?.name}" or pass --test-command.`);
    test = { target: skipped.name, from: 'source' };
  } else {
    const command = await settle<string>('test-command', undefined, (a) => (a.trim() ? { value: a.trim() } : { problem: 'empty command', expected: 'a shell command run inside the image, e.g. "npm test"' }), undefined, prompts && (() => prompts.text('The Dockerfile has no test stage: command that tests the image (run inside it)')), report);
    test = { commands: [command] };
  }
  if (summary && flags.testTarget === undefined && 'target' in test && test.from === undefined) {
    for (const skipped of chooseTestStage(summary).skipped) report(`${skipped.reason}; skipped it as the test target in favour of "${test.target}".`);
  }
  return {
    answers: { ci, imageName, dockerfile: flags.dockerfile ?? 'Dockerfile', target: summary && proposeProductionStage(summary)?.name, test },
    template,
  };
}

/** The named stages that look like test stages (`test`, `unit-tests`, …), other than the production stage. */
function testStageCandidates(summary: DockerfileSummary): string[] {
  const production = proposeProductionStage(summary);
  return summary.stages.filter((s) => s !== production && s.name !== undefined && isTestStageName(s.name)).map((s) => s.name!);
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
