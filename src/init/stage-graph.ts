import type { DockerfileSummary } from './parse-dockerfile.js';

/**
 * The platform ARGs BuildKit defines for every build (`TARGETPLATFORM`, `BUILDARCH`, …). Their values depend on
 * the platform being built, so a `FROM` that uses one has no single base dockyard can name.
 *
 * @see https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope
 */
export const PLATFORM_ARGS: ReadonlySet<string> = new Set([
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
]);

/** What a stage is built `FROM`: an earlier stage, an image (or `scratch`), or a base dockyard cannot resolve. */
export type StageBase =
  | { readonly kind: 'stage'; readonly index: number }
  | { readonly kind: 'image'; readonly ref: string }
  /** `FROM ${ARG}` whose ARG has no value dockyard knows (`args`: the names without one). */
  | { readonly kind: 'unknown'; readonly text: string; readonly args: readonly string[] };

/** A `COPY --from=<ref>`: copies files, does not make the stage derive from `ref`. */
export interface StageCopy {
  /** The `--from` value as written: a stage name, a 0-based stage index or an image. */
  readonly from: string;
  /** The stage it names (by name or index), `undefined` for an image. */
  readonly index?: number;
  /** 1-based line of the COPY. */
  readonly line: number;
}

/** One stage of the graph. */
export interface StageNode {
  /** 0-based position in the file (what `COPY --from=<n>` names). */
  readonly index: number;
  /** The `AS` name, lower-cased (BuildKit matches stage names case-insensitively); `undefined` for unnamed stages. */
  readonly name?: string;
  /** The base as written after `FROM`, e.g. `golang:1.23`, `builder`, `${BASE}`. */
  readonly written: string;
  readonly base: StageBase;
  readonly copies: readonly StageCopy[];
  /** 1-based line of the `FROM`. */
  readonly line: number;
}

/** The stages of a Dockerfile and their `FROM` edges. */
export interface StageGraph {
  readonly stages: readonly StageNode[];
}

/**
 * The stage graph of a parsed Dockerfile, as BuildKit resolves it: a `FROM` names an earlier stage when its base,
 * after substituting the ARGs declared before the first `FROM` (values from `buildArgs`, else the ARG's default),
 * equals that stage's lower-cased `AS` name; any other base is an image (a stage cannot be named by index in
 * `FROM`, nor refer to itself or a later stage). `COPY --from` takes a name or a 0-based index of any stage. A base
 * that uses an ARG without a value (or a platform ARG, which varies per platform) is `unknown`. Pure.
 *
 * @param buildArgs the config's `image.buildArgs` (`--build-arg`), which override the ARG defaults.
 * @see https://docs.docker.com/reference/dockerfile/#from
 * @see https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact
 * @see https://github.com/moby/buildkit/blob/master/frontend/dockerfile/dockerfile2llb/convert.go (`buildDispatchStates`: ARG expansion of the base name; `dispatchStates.addState`: the base is looked up among the stages added before; `toCommand`: `COPY --from` by index, then by name)
 * @see https://github.com/moby/buildkit/blob/master/frontend/dockerfile/instructions/parse.go (`parseBuildStageName`: names are lower-cased)
 */
export function buildStageGraph(
  summary: DockerfileSummary,
  buildArgs: Readonly<Record<string, string>> = {},
): StageGraph {
  const firstFrom = summary.stages[0]?.line ?? Number.POSITIVE_INFINITY;
  const meta = new Map<string, string | undefined>();
  for (const arg of summary.args.filter((a) => a.line < firstFrom)) {
    const value = Object.hasOwn(buildArgs, arg.name)
      ? buildArgs[arg.name]
      : arg.value === undefined
        ? undefined
        : substitute(arg.value, meta).value;
    meta.set(arg.name, value);
  }
  const byName = new Map<string, number>();
  const stages: StageNode[] = summary.stages.map((stage, index) => {
    const expanded = substitute(stage.base, meta);
    const base: StageBase =
      expanded.missing.length > 0
        ? { kind: 'unknown', text: stage.base, args: expanded.missing }
        : byName.has(expanded.value)
          ? { kind: 'stage', index: byName.get(expanded.value)! }
          : { kind: 'image', ref: expanded.value };
    if (stage.name !== undefined) byName.set(stage.name, index);
    return { index, name: stage.name, written: stage.base, base, copies: [], line: stage.line };
  });
  return {
    stages: stages.map((node, index) => ({
      ...node,
      copies: summary.stages[index]!.instructions.flatMap((i) => {
        const from = i.keyword === 'COPY' ? i.flags.find((f) => f.name === 'from')?.value : undefined;
        if (from === undefined) return [];
        const target = /^\d+$/.test(from)
          ? Number(from) < stages.length
            ? Number(from)
            : undefined
          : byName.get(from.toLowerCase());
        return [{ from, ...(target !== undefined ? { index: target } : {}), line: i.line }];
      }),
    })),
  };
}

/**
 * The stage `--target` names (case-insensitive), or the last stage when `target` is `undefined` (a plain build
 * builds the last stage).
 *
 * @see https://docs.docker.com/build/building/multi-stage/#stop-at-a-specific-build-stage
 */
export function findStage(graph: StageGraph, target: string | undefined): StageNode | undefined {
  if (target === undefined) return graph.stages.at(-1);
  return graph.stages.find((s) => s.name === target.toLowerCase());
}

/** The stages and the final base of a `FROM` chain, nearest first. */
export interface StageChain {
  readonly stages: readonly StageNode[];
  /** Where the chain ends: an image, or a base dockyard cannot resolve. */
  readonly end: Exclude<StageBase, { kind: 'stage' }>;
}

/** Follow `FROM <earlier stage>` from `stage` to the image (or unknown base) at the root. */
export function chainOf(graph: StageGraph, stage: StageNode): StageChain {
  const stages = [stage];
  let current = stage;
  while (current.base.kind === 'stage') {
    current = graph.stages[current.base.index]!;
    stages.push(current);
  }
  return { stages, end: current.base as StageChain['end'] };
}

/** A stage as messages name it: its name, else BuildKit's `stage-<index>`. */
export function stageLabel(stage: StageNode): string {
  return stage.name ?? `stage-${stage.index}`;
}

/**
 * A chain as text, e.g. `test → builder → golang:1.23`, or `test → ${BASE} (unknown: ARG BASE has no value)`.
 */
export function formatChain(chain: StageChain): string {
  const end =
    chain.end.kind === 'image'
      ? chain.end.ref
      : `${chain.end.text} (unknown: ${chain.end.args.map((a) => (PLATFORM_ARGS.has(a) ? `${a} differs per platform` : `ARG ${a} has no value`)).join(', ')})`;
  return [...chain.stages.map(stageLabel), end].join(' → ');
}

/** How a test stage relates to the production stage. */
export type Derivation =
  | { readonly derives: true; readonly chain: StageChain }
  /** `unknown`: the chain ends in a base dockyard cannot resolve before reaching the production stage. */
  | {
      readonly derives: false;
      readonly unknown: boolean;
      readonly chain: StageChain;
      readonly copiesFrom: readonly StageCopy[];
    };

/**
 * Whether `test` is built, through its `FROM` chain, on `production` (so replacing `production` with the candidate
 * image makes the test run on the candidate). `COPY --from=production` does not count: the stage then runs on
 * another base with some of the candidate's files. `copiesFrom` lists such copies in the chain.
 */
export function deriveStage(graph: StageGraph, test: StageNode, production: StageNode): Derivation {
  const chain = chainOf(graph, test);
  if (chain.stages.includes(production)) return { derives: true, chain };
  const copiesFrom = chain.stages.flatMap((s) => s.copies.filter((c) => c.index === production.index));
  return { derives: false, unknown: chain.end.kind === 'unknown', chain, copiesFrom };
}

/**
 * Substitute `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}` and `${NAME+word}` with the
 * given values, as BuildKit's shell lexer does for `FROM`. `missing`: names used without a value (unset ARGs,
 * undeclared names and platform ARGs), whose result dockyard cannot know.
 *
 * @see https://docs.docker.com/reference/dockerfile/#environment-replacement
 */
function substitute(
  text: string,
  values: ReadonlyMap<string, string | undefined>,
): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_m, braced?: string, colon?: string, op?: string, word?: string, bare?: string) => {
      const name = (braced ?? bare)!;
      if (PLATFORM_ARGS.has(name)) {
        missing.push(name);
        return '';
      }
      const current = values.get(name);
      if (op === undefined) {
        if (current === undefined) missing.push(name);
        return current ?? '';
      }
      const set = current !== undefined && (colon !== ':' || current !== '');
      if (op === '-') return set ? current : word!;
      return set ? word! : '';
    },
  );
  return { value, missing };
}
