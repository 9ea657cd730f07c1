import { DockerfileParser, type Instruction, type ModifiableInstruction } from 'dockerfile-ast';

/** One instruction of a Dockerfile. */
export interface DockerfileInstruction {
  /** Upper-case keyword, e.g. `RUN`. */
  readonly keyword: string;
  /** The arguments as written (continuation lines joined); the flags of COPY, ADD, RUN, … are in `flags`. */
  readonly text: string;
  /** The instruction's flags in order (`--from=deps` → `{ name: 'from', value: 'deps' }`); empty for instructions without flags. */
  readonly flags: readonly { readonly name: string; readonly value?: string }[];
  /** 1-based line of the keyword. */
  readonly line: number;
}

/** A `FROM` stage and its instructions. */
export interface DockerfileStage {
  /** The `AS` name, lower-cased as BuildKit matches it; `undefined` for unnamed stages. */
  readonly name?: string;
  /** The base image as written (`node:20-alpine`, `scratch`, an earlier stage name, `${IMAGE}`). */
  readonly base: string;
  /** The base image's tag, `undefined` when there is none. */
  readonly tag?: string;
  /** The base image's digest (`sha256:…`), `undefined` when there is none. */
  readonly digest?: string;
  /** 1-based line of the `FROM`. */
  readonly line: number;
  readonly instructions: readonly DockerfileInstruction[];
}

/** A declared build argument. */
export interface DockerfileArg {
  readonly name: string;
  /** The default value, `undefined` without one. */
  readonly value?: string;
  readonly line: number;
  /** The stage it is declared in; `undefined` for ARGs before the first FROM. */
  readonly stage?: string;
}

/** What dockyard needs to know about a Dockerfile. */
export interface DockerfileSummary {
  readonly stages: readonly DockerfileStage[];
  /** Every ARG, global and per stage, in file order. */
  readonly args: readonly DockerfileArg[];
  /** The first stage named `test`, `tests`, `testing` or `*-test(s)`/`test-*`; `undefined` when none. */
  readonly testStage?: string;
  /** The last stage: the one a plain `docker build` produces. */
  readonly productionStage?: DockerfileStage;
  /** The last USER instruction of the production stage (`undefined`: none, the image runs as root). */
  readonly user?: DockerfileInstruction;
  /** The last HEALTHCHECK of the production stage. `HEALTHCHECK NONE` is reported as written. */
  readonly healthcheck?: DockerfileInstruction;
}

const TEST_STAGE = /^(tests?|testing|unit-?tests?|.+-tests?|tests?-.+)$/;

/** Whether a stage name looks like a test stage: `test`, `tests`, `testing`, `unit-test(s)`, `*-test(s)`, `test(s)-*`. */
export function isTestStageName(name: string): boolean {
  return TEST_STAGE.test(name);
}

/**
 * The stage `dockyard init` proposes as `image.target`: the last stage not named like a test stage (a trailing
 * `FROM production AS test` is the usual layout), else the last stage. A plain `docker build` builds the last
 * stage; dockyard always passes `--target`, so the test stage may come last.
 *
 * @see https://docs.docker.com/build/building/multi-stage/#stop-at-a-specific-build-stage
 */
export function proposeProductionStage(summary: DockerfileSummary): DockerfileStage | undefined {
  return summary.stages.findLast((s) => s.name === undefined || !isTestStageName(s.name)) ?? summary.stages.at(-1);
}

function toInstruction(i: Instruction): DockerfileInstruction {
  // COPY, ADD, RUN, HEALTHCHECK, … are ModifiableInstructions: their flags are not part of the arguments.
  const raw = (i as Partial<ModifiableInstruction>).getFlags?.() ?? [];
  const flags = raw.map((f) => ({ name: f.getName(), ...(f.getValue() !== null ? { value: f.getValue()! } : {}) }));
  return {
    keyword: i.getKeyword().toUpperCase(),
    text: (i.getArgumentsContent() ?? '').trim(),
    flags,
    line: i.getRange().start.line + 1,
  };
}

/**
 * Parse a Dockerfile with `dockerfile-ast` (continuation lines, comments, parser directives, heredocs) and
 * summarise its stages. Pure: never throws for odd input (unknown instructions are kept as written).
 *
 * @see https://docs.docker.com/reference/dockerfile/
 * @see https://github.com/rcjsuen/dockerfile-ast
 */
export function parseDockerfile(content: string): DockerfileSummary {
  const file = DockerfileParser.parse(content);
  const stages: DockerfileStage[] = [];
  const args: DockerfileArg[] = [];
  let current: { stage: DockerfileStage; instructions: DockerfileInstruction[] } | undefined;
  for (const raw of file.getInstructions()) {
    const instruction = toInstruction(raw);
    if (instruction.keyword === 'FROM') {
      const from = file.getFROMs().find((f) => f.getRange().start.line === raw.getRange().start.line);
      const instructions: DockerfileInstruction[] = [];
      const stage: DockerfileStage = {
        name: from?.getBuildStage()?.toLowerCase() ?? undefined,
        base: from?.getImage() ?? '',
        tag: from?.getImageTag() ?? undefined,
        digest: from?.getImageDigest() ?? undefined,
        line: instruction.line,
        instructions,
      };
      stages.push(stage);
      current = { stage, instructions };
      continue;
    }
    if (instruction.keyword === 'ARG') {
      for (const part of splitArgs(instruction.text))
        args.push({ ...part, line: instruction.line, stage: current?.stage.name });
    }
    current?.instructions.push(instruction);
  }
  const productionStage = stages.at(-1);
  const last = (keyword: string): DockerfileInstruction | undefined =>
    productionStage?.instructions.filter((i) => i.keyword === keyword).at(-1);
  return {
    stages,
    args,
    testStage: stages.find((s) => s.name !== undefined && TEST_STAGE.test(s.name))?.name,
    productionStage,
    user: last('USER'),
    healthcheck: last('HEALTHCHECK'),
  };
}

function splitArgs(text: string): { name: string; value?: string }[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const eq = word.indexOf('=');
      if (eq < 0) return { name: word };
      return { name: word.slice(0, eq), value: word.slice(eq + 1).replace(/^"(.*)"$/, '$1') };
    });
}
