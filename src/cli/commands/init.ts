import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { validateConfig } from '../../config/validate-config.js';
import { UsageError } from '../usage-error.js';
import { collectInitAnswers, InitAnswerError, type InitDetection } from '../../init/collect-init-answers.js';
import { checkTestStage } from '../../config/check-test-stage.js';
import { detectLanguage, LANGUAGE_FILES, type TemplateLanguage } from '../../init/detect-language.js';
import { parseGitRemote } from '../../init/detect-remote.js';
import { PromptCancelled, type InitPrompts } from '../../init/init-prompts.js';
import { parseDockerfile } from '../../init/parse-dockerfile.js';
import { renderConfigSource } from '../../init/render-config-source.js';
import { renderDockerfileTemplate } from '../../init/render-dockerfile-template.js';
import { CONFIG_FILE_NAMES, loadConfigSource } from '../../io/load-config.js';
import { readConfigTemplate } from '../../io/read-config-template.js';
import { readDockerfileTemplates } from '../../io/read-dockerfile-templates.js';
import { readOriginUrl, readProjectFiles } from '../../io/read-project-files.js';
import { writeFilesAtomically, type FileToWrite } from '../../io/write-files.js';
import type { Output } from '../output.js';
import { printIssues } from '../print-issues.js';
import type { InitOptions } from './init-args.js';
import { runSynth } from './synth.js';
import { compareFiles } from '../../synth/compare-files.js';
import { renderPipelineFiles } from '../../synth/render-pipeline-files.js';
import { readRenderAssets } from '../../io/read-assets.js';

/** The config file `dockyard init` writes. */
export const INIT_CONFIG_FILE = 'dockyard.config.ts';

/** Where `dockyard init` talks to the user: prompts only on a TTY without `--yes`. */
export interface InitEnvironment {
  /** The prompts to use, `undefined` when stdin/stdout are not a terminal. */
  readonly prompts?: InitPrompts;
}

function renderTemplate(
  language: TemplateLanguage,
  name: string,
  values: Readonly<Record<string, string>>,
): { dockerfile: string; dockerignore: string } {
  return renderDockerfileTemplate(language, readDockerfileTemplates(language), { ...values, name });
}

/**
 * `dockyard init`: detect the Dockerfile, the origin remote and the language; settle the answers (flags, then
 * prompts on a TTY, then detected values); write `dockyard.config.ts` (plus a Dockerfile and .dockerignore from
 * a template when asked) all-or-nothing after checking that no target exists (unless `force`) and that the
 * config validates, and that synth will not meet a hand-edited or foreign pipeline file; then run `dockyard synth`.
 *
 * @returns 0 ok; 1 refused overwrite, invalid generated config, cancelled prompt or failed synth.
 * @throws {import('../usage-error.js').UsageError} (exit 2) for bad flag values or answers that are needed but missing (the init core's `InitAnswerError`).
 */
export async function runInit(options: InitOptions, output: Output, env: InitEnvironment): Promise<number> {
  const dir = resolve(options.dir ?? '.');
  const { color } = output;
  const dockerfilePath = options.dockerfile ?? 'Dockerfile';
  const files = readProjectFiles(dir, [dockerfilePath, ...LANGUAGE_FILES]);
  const originUrl = readOriginUrl(dir);
  const detection: InitDetection = {
    dockerfile:
      files[dockerfilePath] !== undefined
        ? { path: dockerfilePath, summary: parseDockerfile(files[dockerfilePath]) }
        : undefined,
    language: detectLanguage(files),
    remote: originUrl ? parseGitRemote(originUrl) : undefined,
    dirName: basename(dir),
  };
  const found = [
    detection.dockerfile &&
      `${dockerfilePath} (stages: ${detection.dockerfile.summary.stages.map((s) => s.name ?? '(unnamed)').join(', ')})`,
    detection.language && `${detection.language.evidence} (${detection.language.language})`,
  ]
    .filter(Boolean)
    .join(', ');
  output.err(
    `detected: ${found || 'no Dockerfile, no known manifest'}${detection.remote ? `; origin ${detection.remote.host}/${detection.remote.path} (${detection.remote.platform})` : ''}`,
  );
  let plan;
  try {
    plan = await collectInitAnswers(
      detection,
      {
        ci: options.ci,
        image: options.image,
        dockerfile: options.dockerfile,
        template: options.template,
        testTarget: options['test-target'],
        testCommand: options['test-command'],
        visibility: options.visibility,
        plan: options.plan,
      },
      options.yes ? undefined : env.prompts,
      (language) =>
        parseDockerfile(
          renderTemplate(language, 'app', detection.language?.language === language ? detection.language.values : {})
            .dockerfile,
        ),
      (line) => output.err(color.yellow(line)),
    );
  } catch (error) {
    if (error instanceof InitAnswerError) throw new UsageError(error.message);
    if (error instanceof PromptCancelled) {
      output.err(`dockyard: ${error.message}`);
      return 1;
    }
    throw error;
  }
  for (const line of plan.defaults) output.err(line);
  const toWrite: FileToWrite[] = [];
  if (plan.template) {
    const rendered = renderTemplate(
      plan.template,
      plan.answers.imageName,
      detection.language?.language === plan.template ? detection.language.values : {},
    );
    toWrite.push(
      { path: dockerfilePath, content: rendered.dockerfile },
      { path: '.dockerignore', content: rendered.dockerignore },
    );
  }
  const source = renderConfigSource(readConfigTemplate(), plan.answers, {
    detected: plan.template
      ? `${found ? `${found}; ` : ''}${dockerfilePath} written from the ${plan.template} template`
      : found,
    remote: detection.remote && `${detection.remote.host}/${detection.remote.path}`,
  });
  toWrite.push({ path: INIT_CONFIG_FILE, content: source });
  const result = validateConfig(await loadConfigSource(INIT_CONFIG_FILE, source));
  if (!result.ok) {
    printIssues(output, result.errors, result.warnings, INIT_CONFIG_FILE);
    return 1;
  }
  // The same test-stage rule synth applies, on the Dockerfile as it will be on disk (kept or from the template).
  const dockerfileText = toWrite.find((f) => f.path === dockerfilePath)?.content;
  const summary = dockerfileText !== undefined ? parseDockerfile(dockerfileText) : detection.dockerfile?.summary;
  const stageErrors = summary
    ? checkTestStage(result.config, { path: dockerfilePath, summary }).filter((i) => i.severity === 'error')
    : [];
  if (stageErrors.length > 0) {
    printIssues(output, stageErrors, [], INIT_CONFIG_FILE);
    return 1;
  }
  // synth's own targets too: a pipeline file it would refuse to replace must stop init before anything is written
  const pipelines =
    options.synth === false
      ? []
      : renderPipelineFiles(
          result.config,
          { configFile: INIT_CONFIG_FILE, command: 'npx dockyard synth' },
          readRenderAssets(),
        );
  const foreign = compareFiles(
    pipelines,
    new Map(pipelines.map((f) => [f.path, readProjectFiles(dir, [f.path])[f.path]])),
  )
    .filter((c) => c.state === 'foreign' || c.state === 'hand-edited')
    .map((c) => c.file.path);
  const existing = [...new Set([...toWrite.map((f) => f.path), ...CONFIG_FILE_NAMES])]
    .filter((path) => existsSync(resolve(dir, path)))
    .concat(foreign);
  if (existing.length > 0 && !options.force) {
    for (const path of existing) output.err(`${color.red('refused')} ${path}: exists`);
    output.err('Nothing was written. Re-run with --force to overwrite.');
    return 1;
  }
  await writeFilesAtomically(dir, toWrite);
  for (const file of toWrite) output.out(`${color.green('wrote')} ${file.path}`);
  if (options.synth === false) return 0;
  return runSynth({ dir, force: options.force }, output);
}
