import {
  buildStageGraph,
  deriveStage,
  findStage,
  formatChain,
  stageLabel,
  type StageGraph,
} from '../init/stage-graph.js';
import type { DockerfileSummary } from '../init/parse-dockerfile.js';
import { type ConfigIssue, configIssue as issue } from './format-issues.js';
import type { DockyardConfig } from './schema/index.js';
import { NOT_THE_CANDIDATE } from '../model/verify-gates.js';

/** The Dockerfile a config builds, as read by `src/io` (`summary` undefined: it could not be read). */
export interface DockerfileInput {
  /** Path as the messages show it, relative to the config file, e.g. `Dockerfile`. */
  readonly path: string;
  readonly summary?: DockerfileSummary;
  /** Why it could not be read (e.g. `ENOENT: no such file or directory`), when `summary` is undefined. */
  readonly error?: string;
}

/** `test.from` only qualifies a test stage. Pure, needs no Dockerfile. */
export function checkTestFrom(config: DockyardConfig): ConfigIssue[] {
  if (config.test.from === undefined || config.test.target !== undefined) return [];
  return [
    issue(
      'test.from',
      'test.from qualifies a test stage, but there is no test.target',
      'test.target naming the stage, or no test.from (commands always run in the candidate)',
      config.test.from,
    ),
  ];
}

/**
 * The rule that makes "the test job tests the exact candidate" true or refused: `test.target` must derive, through
 * its `FROM` chain, from `image.target` (the stage the test build replaces with the candidate), unless `test.from`
 * is `source`. Reads the stage graph of the parsed Dockerfile (`image.buildArgs` substituted into `FROM`). Pure.
 *
 * @returns errors for a test stage that is not built on the production stage (the chain in the message), whose
 *   chain cannot be resolved (an ARG without a value), or for stages the Dockerfile lacks; a warning when the
 *   Dockerfile cannot be read (the rule is then not checked) or when `test.from: "source"` names a stage that
 *   does derive from the production stage.
 * @see https://docs.docker.com/reference/dockerfile/#from
 * @see https://docs.docker.com/build/building/multi-stage/#use-a-previous-stage-as-a-new-stage
 */
export function checkTestStage(config: DockyardConfig, dockerfile: DockerfileInput): ConfigIssue[] {
  const wanted = config.test.target;
  if (wanted === undefined) return [];
  if (!dockerfile.summary) {
    return [
      issue(
        'image.dockerfile',
        `cannot read ${dockerfile.path} (${dockerfile.error ?? 'unreadable'}): whether test.target "${wanted}" derives from the image target was not checked`,
        'the Dockerfile at image.dockerfile (default <context>/Dockerfile, relative to the config file)',
        dockerfile.path,
        'warning',
      ),
    ];
  }
  const graph = buildStageGraph(dockerfile.summary, config.image.buildArgs);
  const names = stageNames(graph);
  const production = findStage(graph, config.image.target);
  const test = findStage(graph, wanted);
  const missing: ConfigIssue[] = [];
  if (!production)
    missing.push(
      issue(
        'image.target',
        `stage "${config.image.target}" is not a stage of ${dockerfile.path}`,
        `one of its named stages (${names})`,
        config.image.target,
      ),
    );
  if (!test)
    missing.push(
      issue(
        'test.target',
        `stage "${wanted}" is not a stage of ${dockerfile.path}`,
        `one of its named stages (${names})`,
        wanted,
      ),
    );
  if (!production || !test) return missing;
  const target = stageLabel(production);
  const derivation = deriveStage(graph, test, production);
  const chain = formatChain(derivation.chain);
  if (config.test.from === 'source') {
    if (!derivation.derives) return [];
    return [
      issue(
        'test.from',
        `"source" says stage "${stageLabel(test)}" ${NOT_THE_CANDIDATE}, but it derives from the image target "${target}" (its chain is ${chain}), so it does test the candidate`,
        'no test.from (the default "candidate")',
        'source',
        'warning',
      ),
    ];
  }
  if (derivation.derives) return [];
  const copies = derivation.copiesFrom.map((c) => `COPY --from=${c.from} on line ${c.line}`);
  const why = derivation.unknown
    ? `cannot tell whether stage "${stageLabel(test)}" derives from the image target "${target}": its chain is ${chain}`
    : `stage "${stageLabel(test)}" (line ${test.line}) does not derive from the image target "${target}"; its chain is ${chain}${copies.length > 0 ? ` (${copies.join(', ')} copies files from it, which does not make the stage run on it)` : ''}`;
  const expected = derivation.unknown
    ? `a value for the ARG (a default before the first FROM, or image.buildArgs), a chain through "${target}", or test.from "source"`
    : `a chain through "${target}" (e.g. \`FROM ${target} AS ${stageLabel(test)}\`), or test.from "source" to accept a test that ${NOT_THE_CANDIDATE}`;
  return [issue('test.target', why, expected, wanted)];
}

function stageNames(graph: StageGraph): string {
  const names = graph.stages.flatMap((s) => (s.name ? [s.name] : []));
  return names.length > 0 ? names.join(', ') : 'none named';
}
