import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/init/parse-dockerfile.js';

const MULTI = `# syntax=docker/dockerfile:1
ARG BASE=node:22-alpine
FROM \${BASE} AS Deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \\
    npm ci
FROM deps AS test
COPY . .
RUN npm test
FROM node:22-alpine@sha256:${'a'.repeat(64)}
ARG BUILD_VERSION GIT_COMMIT=unknown
COPY --from=deps /app /app
USER node
HEALTHCHECK CMD wget -qO- http://127.0.0.1:8080/healthz || exit 1
CMD ["node", "index.js"]
`;

describe('parseDockerfile', () => {
  it('finds stages, the test and production stage, USER, HEALTHCHECK and ARGs with their lines', () => {
    const s = parseDockerfile(MULTI);
    expect(s.stages.map((st) => [st.name, st.base, st.line])).toEqual([
      ['deps', '${BASE}', 3],
      ['test', 'deps', 8],
      [undefined, `node:22-alpine@sha256:${'a'.repeat(64)}`, 11],
    ]);
    expect(s.stages[2].digest).toBe(`sha256:${'a'.repeat(64)}`);
    expect(s.testStage).toBe('test');
    expect(s.productionStage?.line).toBe(11);
    expect(s.user).toMatchObject({ text: 'node', line: 14 });
    expect(s.healthcheck).toMatchObject({ line: 15 });
    expect(s.args).toEqual([
      { name: 'BASE', value: 'node:22-alpine', line: 2, stage: undefined },
      { name: 'BUILD_VERSION', value: undefined, line: 12, stage: undefined },
      { name: 'GIT_COMMIT', value: 'unknown', line: 12, stage: undefined },
    ]);
    // continuation lines are joined into one instruction, at the line of its keyword
    expect(s.stages[0].instructions.find((i) => i.keyword === 'RUN')).toMatchObject({
      line: 6,
      text: expect.stringContaining('npm ci'),
    });
  });

  it.each([
    ['tests', 'FROM a AS build\nFROM build AS tests\nFROM a\n', 'tests'],
    ['unit-test', 'FROM a AS unit-test\nFROM a AS prod\n', 'unit-test'],
    ['test-e2e', 'FROM a AS test-e2e\nFROM a AS prod\n', 'test-e2e'],
    ['none', 'FROM a AS build\nFROM a AS contest\n', undefined],
  ])('test stage named %s', (_n, text, expected) => {
    expect(parseDockerfile(text).testStage).toBe(expected);
  });

  it('reports no USER or HEALTHCHECK when only an earlier stage has them', () => {
    const s = parseDockerfile('FROM a AS build\nUSER app\nHEALTHCHECK CMD true\nFROM b\nCMD ["x"]\n');
    expect(s.user).toBeUndefined();
    expect(s.healthcheck).toBeUndefined();
  });

  it('handles an empty file', () => {
    expect(parseDockerfile('')).toMatchObject({ stages: [], args: [], productionStage: undefined });
  });
});
