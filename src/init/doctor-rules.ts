import { describeGithubRepository, type RepositoryNoteTopic } from '../targets/github/github-repository-notes.js';
import type { Pipeline } from '../model/pipeline.js';
import {
  proposeProductionStage,
  type DockerfileInstruction,
  type DockerfileStage,
  type DockerfileSummary,
} from './parse-dockerfile.js';
import { buildStageGraph, deriveStage, findStage, formatChain, stageLabel } from './stage-graph.js';

/** `error` findings make `dockyard doctor` exit 1; `warning` and `info` findings are printed only. */
export type FindingSeverity = 'error' | 'warning' | 'info';

/** One weakness of the Dockerfile or config. */
export interface DoctorFinding {
  /** Stable rule id, e.g. `runs-as-root`. */
  readonly rule: DoctorRule;
  readonly severity: FindingSeverity;
  /** 1-based Dockerfile line, `undefined` for findings about the whole file or the config. */
  readonly line?: number;
  readonly message: string;
  readonly fix: string;
  /** The file the finding is about when it is not the Dockerfile: `config` for the GitHub repository rules. */
  readonly about?: 'config';
}

/** The rules of `dockyard doctor`, with their severities. */
export const DOCTOR_RULES = {
  'no-test-stage': 'error',
  'test-stage-missing': 'error',
  'test-stage-not-candidate': 'error',
  'runs-as-root': 'error',
  'no-healthcheck': 'warning',
  'copy-before-install': 'warning',
  'unpinned-base-image': 'warning',
  'secret-in-build-arg': 'error',
  'github-attestations': 'info',
  'github-code-scanning': 'warning',
  'github-arm64-runner': 'info',
  'github-artifact-storage': 'warning',
  'github-transparency-log': 'warning',
} as const satisfies Record<string, FindingSeverity>;

/** A rule id of {@link DOCTOR_RULES}. */
export type DoctorRule = keyof typeof DOCTOR_RULES;

/** The parts of the config the rules look at (all optional: doctor also runs without a config). */
export interface DoctorConfig {
  /** `from: "source"` accepts a test stage that does not derive from the production stage (no finding). */
  readonly test?: {
    readonly target?: string;
    readonly commands?: readonly string[];
    readonly from?: 'candidate' | 'source';
  };
  readonly image?: { readonly target?: string; readonly buildArgs?: Readonly<Record<string, string>> };
}

const SECRET_NAME = /(TOKEN|PASSWORD|PASSWD|SECRET|(^|_)KEY$|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL)/i;
const INSTALL =
  /\b(npm (ci|install|i)\b|yarn( install)?\b|pnpm (install|i)\b|pip3? install|poetry install|uv (sync|pip install)|pipenv install|go mod download|bundle install|composer install|cargo (fetch|build))/;
const ROOT_USER = /^(root|0)(:.*)?$/;

function finding(rule: DoctorRule, line: number | undefined, message: string, fix: string): DoctorFinding {
  return { rule, severity: DOCTOR_RULES[rule], line, message, fix };
}

/** The stage and the chain of earlier stages it is built FROM (nearest first). */
function stageChain(summary: DockerfileSummary, stage: DockerfileStage): DockerfileStage[] {
  const chain = [stage];
  let current = stage;
  for (;;) {
    const parent = summary.stages.find(
      (s) => s.name !== undefined && s.name === current.base.toLowerCase() && s.line < current.line,
    );
    if (!parent || chain.includes(parent)) return chain;
    chain.push(parent);
    current = parent;
  }
}

function lastIn(chain: readonly DockerfileStage[], keyword: string): DockerfileInstruction | undefined {
  for (const stage of chain) {
    const found = stage.instructions.filter((i) => i.keyword === keyword).at(-1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Substitute `${NAME}`/`$NAME` with the global ARGs (declared before the first FROM): the config's build arg of
 * that name, else the ARG's default; `undefined` if one stays unresolved. A build arg reaches FROM only through a
 * global ARG of its name.
 *
 * @see https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact
 */
function resolveGlobals(
  text: string,
  summary: DockerfileSummary,
  buildArgs: Readonly<Record<string, string>>,
): string | undefined {
  const declared = summary.args.filter((a) => a.stage === undefined);
  const globals = new Map(
    declared.flatMap((a): Array<[string, string]> => {
      const value = Object.hasOwn(buildArgs, a.name) ? buildArgs[a.name] : a.value;
      return value !== undefined ? [[a.name, value]] : [];
    }),
  );
  const resolved = text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name: string) => globals.get(name) ?? m);
  return resolved.includes('$') ? undefined : resolved;
}

function envNames(text: string): { name: string }[] {
  if (!/^[^\s=]+=/.test(text)) return [{ name: text.split(/\s+/)[0] }];
  return [...text.matchAll(/([A-Za-z_][A-Za-z0-9_.-]*)=("[^"]*"|'[^']*'|\S*)/g)].map((m) => ({ name: m[1] }));
}

/**
 * `test-stage-not-candidate`: the test stage (the config's `test.target`, else the detected test stage) is not
 * built, through its `FROM` chain, on the production stage, so replacing that stage with the candidate leaves the
 * test running on another image (e.g. `FROM builder AS test`). Without `image.target` the production stage is the
 * one `dockyard init` would propose (the last stage not named like a test stage). None with `test.from: "source"`.
 *
 * @see https://docs.docker.com/build/building/multi-stage/#use-a-previous-stage-as-a-new-stage
 */
function checkTestDerivation(summary: DockerfileSummary, config: DoctorConfig): DoctorFinding | undefined {
  if (config.test?.from === 'source') return undefined;
  const wanted = config.test?.target ?? (config.test?.commands ? undefined : summary.testStage);
  if (wanted === undefined) return undefined;
  const graph = buildStageGraph(summary, config.image?.buildArgs ?? {});
  const production = findStage(graph, config.image?.target ?? proposeProductionStage(summary)?.name);
  const test = findStage(graph, wanted);
  if (!production || !test || test === production) return undefined;
  const derivation = deriveStage(graph, test, production);
  if (derivation.derives) return undefined;
  const target = stageLabel(production);
  const chain = formatChain(derivation.chain);
  const copies =
    derivation.copiesFrom.length > 0
      ? ` (its COPY --from=${derivation.copiesFrom[0]!.from} on line ${derivation.copiesFrom[0]!.line} copies files, it does not make the stage run on "${target}")`
      : '';
  const message = derivation.unknown
    ? `cannot tell whether the test stage "${stageLabel(test)}" derives from the production stage "${target}": its chain is ${chain}`
    : `the test stage "${stageLabel(test)}" does not derive from the production stage "${target}": its chain is ${chain}${copies}, so the test job runs on that chain, not on the candidate image that replaces "${target}"`;
  const fix = `Build it on the production stage: \`FROM ${target} AS ${stageLabel(test)}\` (add the test tools and sources there; COPY --from an earlier stage for build outputs), or set test.from: "source" to accept a test that does not test the candidate.`;
  return finding('test-stage-not-candidate', test.line, message, fix);
}

/**
 * The findings of `dockyard doctor` for one parsed Dockerfile and (optionally) the config that builds it. Pure.
 * The production stage is `config.image.target` when set, else the last stage not named like a test stage
 * (`proposeProductionStage`, what `dockyard init` proposes); USER and HEALTHCHECK are
 * inherited through `FROM <earlier stage>`.
 *
 * @returns findings in Dockerfile line order (file-wide findings first).
 */
export function runDoctorRules(summary: DockerfileSummary, config: DoctorConfig = {}): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  const names = new Set(summary.stages.map((s) => s.name).filter(Boolean));
  const production =
    (config.image?.target && summary.stages.find((s) => s.name === config.image?.target?.toLowerCase())) ||
    proposeProductionStage(summary);
  const wantedTest = config.test?.target;
  if (wantedTest && !names.has(wantedTest.toLowerCase())) {
    findings.push(
      finding(
        'test-stage-missing',
        undefined,
        `the config's test.target "${wantedTest}" is not a stage of the Dockerfile (stages: ${[...names].join(', ') || 'none named'})`,
        'Add a `FROM <production> AS ' + wantedTest + '` stage that runs the tests, or fix test.target.',
      ),
    );
  } else if (!wantedTest && !config.test?.commands && !summary.testStage) {
    findings.push(
      finding(
        'no-test-stage',
        undefined,
        'no test stage: nothing tests the image before it is pushed',
        'Add a stage `FROM production AS test` (built on the production stage, so it tests the candidate) that runs the test suite (`RUN npm test`, `RUN go test ./...`) and set `test: { target: "test" }`, or set test.commands.',
      ),
    );
  }
  const notCandidate = checkTestDerivation(summary, config);
  if (notCandidate) findings.push(notCandidate);
  if (production) {
    const chain = stageChain(summary, production);
    const user = lastIn(chain, 'USER');
    if (!user)
      findings.push(
        finding(
          'runs-as-root',
          production.line,
          `the production stage${production.name ? ` "${production.name}"` : ''} sets no USER: the container runs as root`,
          'Add `USER <non-root uid>` (e.g. `USER 10001`, `USER node`) after the last RUN of the production stage.',
        ),
      );
    else if (ROOT_USER.test(user.text.trim()))
      findings.push(
        finding(
          'runs-as-root',
          user.line,
          `USER ${user.text}: the container runs as root`,
          'Switch to a non-root user (e.g. `USER 10001`) at the end of the production stage.',
        ),
      );
    const health = lastIn(chain, 'HEALTHCHECK');
    if (!health || /^NONE$/i.test(health.text.trim()))
      findings.push(
        finding(
          'no-healthcheck',
          health?.line ?? production.line,
          'no HEALTHCHECK in the production stage: the smoke test and orchestrators cannot tell when the service is ready',
          'Add `HEALTHCHECK CMD ["<binary>", "healthcheck"]` or a request to the health endpoint (e.g. `HEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/healthz || exit 1`).',
        ),
      );
  }
  for (const stage of summary.stages) {
    const copyAll = stage.instructions.find(
      (i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && /^(--\S+\s+)*\.\/?\s+\S+$/.test(i.text),
    );
    const install =
      copyAll && stage.instructions.find((i) => i.keyword === 'RUN' && i.line > copyAll.line && INSTALL.test(i.text));
    if (copyAll && install)
      findings.push(
        finding(
          'copy-before-install',
          copyAll.line,
          `${copyAll.keyword} ${copyAll.text} comes before the dependency install on line ${install.line}: any source change re-installs every dependency`,
          'Copy only the manifests and lock files first (e.g. `COPY package.json package-lock.json ./`), run the install, then `COPY . .`.',
        ),
      );
    if (names.has(stage.base.toLowerCase()) || stage.base === 'scratch' || stage.digest) continue;
    const image = resolveGlobals(stage.base, summary, config.image?.buildArgs ?? {});
    if (image === undefined) continue;
    const tag = /^(?:[^/]+\/)*[^/:@]+(?::([^@]+))?/.exec(image)?.[1];
    if (tag === undefined)
      findings.push(
        finding(
          'unpinned-base-image',
          stage.line,
          `FROM ${stage.base} has no tag: it means \`latest\`, which changes under the pipeline`,
          'Pin a version tag (e.g. `node:22.11-alpine`), ideally with its digest (`@sha256:…`).',
        ),
      );
    else if (tag === 'latest')
      findings.push(
        finding(
          'unpinned-base-image',
          stage.line,
          `FROM ${stage.base} uses \`latest\`, which changes under the pipeline`,
          'Pin a version tag (e.g. `python:3.12-slim`), ideally with its digest (`@sha256:…`).',
        ),
      );
  }
  for (const arg of summary.args) {
    if (SECRET_NAME.test(arg.name))
      findings.push(
        finding(
          'secret-in-build-arg',
          arg.line,
          `ARG ${arg.name} looks like a secret: build args are stored in the image history`,
          `Pass it as a BuildKit secret: \`RUN --mount=type=secret,id=${arg.name.toLowerCase()} …\` and \`image.secrets: [{ id: "${arg.name.toLowerCase()}", env: "${arg.name}" }]\`.`,
        ),
      );
  }
  for (const stage of summary.stages) {
    for (const env of stage.instructions.filter((i) => i.keyword === 'ENV')) {
      for (const { name } of envNames(env.text)) {
        if (SECRET_NAME.test(name))
          findings.push(
            finding(
              'secret-in-build-arg',
              env.line,
              `ENV ${name} looks like a secret: ENV values are stored in the image`,
              `Remove it from the Dockerfile; read it at build time from \`RUN --mount=type=secret,id=${name.toLowerCase()}\`, at run time from the environment.`,
            ),
          );
      }
    }
  }
  for (const key of Object.keys(config.image?.buildArgs ?? {})) {
    if (SECRET_NAME.test(key))
      findings.push(
        finding(
          'secret-in-build-arg',
          undefined,
          `the config's image.buildArgs.${key} looks like a secret: build args are stored in the image history`,
          `Move it to image.secrets ({ id, env }) and read it with \`RUN --mount=type=secret\`.`,
        ),
      );
  }
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** The doctor rule of each GitHub repository note topic. */
const REPOSITORY_RULES: Readonly<Record<RepositoryNoteTopic, DoctorRule>> = {
  attestations: 'github-attestations',
  'code-scanning': 'github-code-scanning',
  'arm64-runner': 'github-arm64-runner',
  'artifact-storage': 'github-artifact-storage',
  'transparency-log': 'github-transparency-log',
};

/**
 * The findings of `dockyard doctor` about the GitHub repository of a pipeline whose config targets GitHub: the
 * notes `dockyard plan` prints (github-repository-notes.ts) as `github-*` findings about the config, with the
 * note's severity (an artifact storage note is a warning only for several platforms outside Enterprise Cloud).
 * Pure; none for a public repository with code scanning.
 */
export function runRepositoryRules(pipeline: Pipeline): DoctorFinding[] {
  return describeGithubRepository(pipeline).map((note) => ({
    rule: REPOSITORY_RULES[note.topic],
    severity: note.severity,
    message: note.message,
    fix: note.fix ?? 'nothing to do',
    about: 'config',
  }));
}
