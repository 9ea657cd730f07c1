import { describe, expect, it } from 'vitest';
import { collectInitAnswers, InitAnswerError, type InitFlags } from '../../src/init/collect-init-answers.js';
import { runDoctorRules } from '../../src/init/doctor-rules.js';
import { parseDockerfile } from '../../src/init/parse-dockerfile.js';
import { GO_FROM_BUILDER, GO_FROM_GOLANG, NODE_DERIVED } from '../support/multi-stage-dockerfiles.js';

/** GO_FROM_BUILDER with a second test stage that is built FROM production (the one init must pick). */
const GO_TWO_TEST_STAGES = `${GO_FROM_BUILDER}FROM production AS smoke-test\nRUN ["/api", "-version"]\n`;

async function init(dockerfile: string, flags: InitFlags = {}): Promise<{ test: unknown; reported: string[] }> {
  const reported: string[] = [];
  const plan = await collectInitAnswers(
    { dockerfile: { path: 'Dockerfile', summary: parseDockerfile(dockerfile) }, dirName: 'svc' },
    { ci: 'github', image: 'acme/svc', ...flags },
    undefined,
    () => {
      throw new Error('no template expected');
    },
    (line) => reported.push(line),
  );
  return { test: plan.answers.test, reported };
}

describe('dockyard init: the test target must test the candidate', () => {
  it('picks a derived test stage, and says which one it skipped and why', async () => {
    const { test, reported } = await init(GO_TWO_TEST_STAGES);
    expect(test).toEqual({ target: 'smoke-test' });
    expect(reported).toEqual([
      'stage "test" does not derive from the production stage "production" (its chain is test → builder → golang:1.23), so it does not test the candidate; skipped it as the test target in favour of "smoke-test".',
    ]);
  });

  it.each([
    ['FROM builder AS test', GO_FROM_BUILDER, 'test → builder → golang:1.23'],
    ['FROM golang AS test', GO_FROM_GOLANG, 'test → golang:1.23'],
  ])('only an underived test stage (%s): writes the explicit opt-out and says so', async (_name, dockerfile, chain) => {
    const { test, reported } = await init(dockerfile);
    expect(test).toEqual({ target: 'test', from: 'source' });
    expect(reported).toEqual([
      `stage "test" does not derive from the production stage "production" (its chain is ${chain}), so it does not test the candidate; writing test: { target: "test", from: "source" }, so the plan, the test job and the gate summary say it does not test the candidate. To test the candidate, build the stage FROM "production" or pass --test-command.`,
    ]);
  });

  it('--test-target naming an underived stage is rejected with the chain', async () => {
    await expect(init(GO_TWO_TEST_STAGES, { testTarget: 'test' })).rejects.toThrow(
      new InitAnswerError(
        '--test-target: stage "test" does not derive from the production stage "production" (its chain is test → builder → golang:1.23), so it does not test the candidate; expected a stage built FROM "production" (directly or through other stages), or --test-command, got "test"',
      ),
    );
    expect((await init(GO_TWO_TEST_STAGES, { testTarget: 'smoke-test' })).test).toEqual({ target: 'smoke-test' });
  });

  it('--test-command wins over any stage', async () => {
    expect((await init(GO_TWO_TEST_STAGES, { testCommand: '/api -version' })).test).toEqual({
      commands: ['/api -version'],
    });
  });
});

describe('dockyard doctor: test-stage-not-candidate', () => {
  const production = { image: { target: 'production' } };
  it.each([
    [
      'Go, FROM builder AS test',
      GO_FROM_BUILDER,
      14,
      'the test stage "test" does not derive from the production stage "production": its chain is test → builder → golang:1.23, so the test job runs on that chain, not on the candidate image that replaces "production"',
    ],
    [
      'Go, FROM golang AS test',
      GO_FROM_GOLANG,
      10,
      'the test stage "test" does not derive from the production stage "production": its chain is test → golang:1.23 (its COPY --from=production on line 13 copies files, it does not make the stage run on "production"), so the test job runs on that chain, not on the candidate image that replaces "production"',
    ],
    [
      'an ARG without a value',
      'ARG TEST_BASE\nFROM alpine:3.20 AS production\nUSER 1000\nHEALTHCHECK CMD true\nFROM ${TEST_BASE} AS test\n',
      5,
      'cannot tell whether the test stage "test" derives from the production stage "production": its chain is test → ${TEST_BASE} (unknown: ARG TEST_BASE has no value)',
    ],
  ])('%s: reported with its line and fix', (_name, dockerfile, line, message) => {
    const found = runDoctorRules(parseDockerfile(dockerfile), { ...production, test: { target: 'test' } }).filter(
      (f) => f.rule === 'test-stage-not-candidate',
    );
    expect(found).toEqual([
      {
        rule: 'test-stage-not-candidate',
        severity: 'error',
        line,
        message,
        fix: 'Build it on the production stage: `FROM production AS test` (add the test tools and sources there; COPY --from an earlier stage for build outputs), or set test.from: "source" to accept a test that does not test the candidate.',
      },
    ]);
  });

  it.each([
    ['a derived test stage', NODE_DERIVED, { ...production, test: { target: 'test' } }],
    [
      'the opt-out test.from "source"',
      GO_FROM_BUILDER,
      { ...production, test: { target: 'test', from: 'source' as const } },
    ],
    ['test commands only', GO_FROM_BUILDER, { ...production, test: { commands: ['true'] } }],
  ])('%s: no finding', (_name, dockerfile, config) => {
    expect(
      runDoctorRules(parseDockerfile(dockerfile), config).filter((f) => f.rule === 'test-stage-not-candidate'),
    ).toEqual([]);
  });

  it('without a config, checks the detected test stage against the stage init would propose (last non-test stage)', () => {
    expect(
      runDoctorRules(parseDockerfile(GO_FROM_BUILDER))
        .filter((f) => f.rule === 'test-stage-not-candidate')
        .map((f) => f.line),
    ).toEqual([14]);
    expect(runDoctorRules(parseDockerfile(NODE_DERIVED)).filter((f) => f.rule === 'test-stage-not-candidate')).toEqual(
      [],
    );
  });
});
