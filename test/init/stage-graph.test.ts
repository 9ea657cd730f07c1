import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/init/parse-dockerfile.js';
import { buildStageGraph, chainOf, deriveStage, findStage, formatChain } from '../../src/init/stage-graph.js';
import { GO_FROM_BUILDER, GO_FROM_GOLANG, NODE_DERIVED, PYTHON_TWO_HOPS } from '../support/multi-stage-dockerfiles.js';

const cases: {
  name: string;
  dockerfile: string;
  target?: string;
  test: string;
  buildArgs?: Record<string, string>;
  derives: boolean;
  chain: string;
  copies?: string[];
}[] = [
  {
    name: 'Go: FROM builder AS test',
    dockerfile: GO_FROM_BUILDER,
    target: 'production',
    test: 'test',
    derives: false,
    chain: 'test → builder → golang:1.23',
  },
  {
    name: 'Go: FROM golang AS test (COPY --from=production does not derive)',
    dockerfile: GO_FROM_GOLANG,
    target: 'production',
    test: 'test',
    derives: false,
    chain: 'test → golang:1.23',
    copies: ['production'],
  },
  {
    name: 'Node: FROM production AS test',
    dockerfile: NODE_DERIVED,
    target: 'production',
    test: 'test',
    derives: true,
    chain: 'test → production → node:20.20.2-bookworm-slim',
  },
  {
    name: 'Python: two hops, AS names matched case-insensitively',
    dockerfile: PYTHON_TWO_HOPS,
    target: 'PRODUCTION',
    test: 'tests',
    derives: true,
    chain: 'tests → app-debug → production → python:3.12-slim',
  },
  {
    name: 'default target: the last stage',
    dockerfile: 'FROM alpine:3.20 AS test\nRUN true\nFROM test AS production\n',
    test: 'test',
    derives: false,
    chain: 'test → alpine:3.20',
  },
  {
    name: 'ARG-substituted FROM naming a stage (global ARG default)',
    dockerfile: 'ARG TEST_BASE=production\nFROM alpine:3.20 AS production\nFROM ${TEST_BASE} AS test\n',
    target: 'production',
    test: 'test',
    derives: true,
    chain: 'test → production → alpine:3.20',
  },
  {
    name: 'ARG-substituted FROM: image.buildArgs override the default',
    dockerfile:
      'ARG TEST_BASE=production\nFROM golang:1.23 AS builder\nFROM alpine:3.20 AS production\nFROM ${TEST_BASE} AS test\n',
    buildArgs: { TEST_BASE: 'builder' },
    target: 'production',
    test: 'test',
    derives: false,
    chain: 'test → builder → golang:1.23',
  },
  {
    name: 'ARG without a value: unknown, said so',
    dockerfile: 'ARG TEST_BASE\nFROM alpine:3.20 AS production\nFROM ${TEST_BASE} AS test\n',
    target: 'production',
    test: 'test',
    derives: false,
    chain: 'test → ${TEST_BASE} (unknown: ARG TEST_BASE has no value)',
  },
  {
    name: 'platform ARG: unknown (differs per platform)',
    dockerfile: 'FROM alpine:3.20 AS production\nFROM production AS base-amd64\nFROM base-${TARGETARCH} AS test\n',
    target: 'production',
    test: 'test',
    derives: false,
    chain: 'test → base-${TARGETARCH} (unknown: TARGETARCH differs per platform)',
  },
  {
    name: '${VAR:-default} with the ARG unset',
    dockerfile: 'ARG TEST_BASE\nFROM alpine:3.20 AS production\nFROM ${TEST_BASE:-production} AS test\n',
    target: 'production',
    test: 'test',
    derives: true,
    chain: 'test → production → alpine:3.20',
  },
  {
    name: 'an ARG declared inside a stage does not reach FROM',
    dockerfile: 'FROM alpine:3.20 AS production\nARG TEST_BASE=production\nFROM ${TEST_BASE} AS test\n',
    target: 'production',
    test: 'test',
    derives: false,
    chain: 'test → ${TEST_BASE} (unknown: ARG TEST_BASE has no value)',
  },
  {
    name: 'FROM a later stage is an image, not the stage',
    dockerfile: 'FROM production AS test\nFROM alpine:3.20 AS production\n',
    target: 'production',
    test: 'test',
    derives: false,
    chain: 'test → production',
  },
  {
    name: 'FROM by number is an image (only COPY --from takes an index)',
    dockerfile: 'FROM alpine:3.20 AS production\nFROM 0 AS test\nCOPY --from=0 /etc/os-release /tmp/\n',
    target: 'production',
    test: 'test',
    derives: false,
    chain: 'test → 0',
    copies: ['0'],
  },
];

describe('buildStageGraph / deriveStage', () => {
  it.each(cases)('$name', ({ dockerfile, target, test, buildArgs, derives, chain, copies }) => {
    const graph = buildStageGraph(parseDockerfile(dockerfile), buildArgs);
    const production = findStage(graph, target)!;
    const stage = findStage(graph, test)!;
    const derivation = deriveStage(graph, stage, production);
    expect(derivation.derives).toBe(derives);
    expect(formatChain(derivation.chain)).toBe(chain);
    if (!derivation.derives) expect(derivation.copiesFrom.map((c) => c.from)).toEqual(copies ?? []);
  });

  it('records COPY --from by name (any case), by index and from images, with their lines', () => {
    const graph = buildStageGraph(
      parseDockerfile(
        'FROM alpine:3.20 AS Deps\nFROM deps AS build\nCOPY --from=DEPS /a /a\nCOPY --chown=1:1 --from=0 /b /b\nCOPY --from=busybox:1.36 /bin/sh /bin/sh\n',
      ),
    );
    expect(graph.stages[1]!.copies).toEqual([
      { from: 'DEPS', index: 0, line: 3 },
      { from: '0', index: 0, line: 4 },
      { from: 'busybox:1.36', line: 5 },
    ]);
  });

  it('names unnamed stages stage-<index>, as BuildKit does', () => {
    const graph = buildStageGraph(parseDockerfile('FROM alpine:3.20\nFROM debian:12 AS production\n'));
    expect(formatChain(chainOf(graph, graph.stages[0]!))).toBe('stage-0 → alpine:3.20');
    expect(findStage(graph, 'Production')?.index).toBe(1);
    expect(findStage(graph, 'missing')).toBeUndefined();
  });
});
