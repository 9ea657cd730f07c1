import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureOutput } from '../support/capture-output.js';
import { GO_FROM_BUILDER, NODE_DERIVED } from '../support/multi-stage-dockerfiles.js';

const config = (test: string) =>
  `export default { ci: ['github', 'gitlab'], image: { name: 'acme/api', target: 'production' }, test: ${test} };\n`;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockyard-test-stage-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('synth, validate and doctor read the Dockerfile for the test-stage rule', () => {
  it.each([['synth'], ['validate'], ['plan']])(
    '%s refuses FROM builder AS test with the chain, exit 1',
    async (command) => {
      writeFileSync(join(dir, 'dockyard.config.mjs'), config("{ target: 'test' }"));
      writeFileSync(join(dir, 'Dockerfile'), GO_FROM_BUILDER);
      const io = captureOutput();
      expect(await runCli([command, '--dir', dir], io)).toBe(1);
      expect(io.stderr).toContain(
        'error dockyard.config.mjs: test.target: stage "test" (line 14) does not derive from the image target "production"; its chain is test → builder → golang:1.23; expected a chain through "production" (e.g. `FROM production AS test`), or test.from "source" to accept a test that does not test the candidate, got "test"',
      );
    },
  );

  it('synth accepts a derived stage, and the opt-out', async () => {
    writeFileSync(join(dir, 'dockyard.config.mjs'), config("{ target: 'test' }"));
    writeFileSync(join(dir, 'Dockerfile'), NODE_DERIVED);
    expect(await runCli(['synth', '--dir', dir, '--stdout'], captureOutput())).toBe(0);
    writeFileSync(join(dir, 'dockyard.config.mjs'), config("{ target: 'test', from: 'source' }"));
    writeFileSync(join(dir, 'Dockerfile'), GO_FROM_BUILDER);
    const io = captureOutput();
    expect(await runCli(['synth', '--dir', dir, '--stdout'], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('name: test (${{ matrix.platform }}, does not test the candidate)');
  });

  it('synth warns that it could not check a missing Dockerfile', async () => {
    writeFileSync(join(dir, 'dockyard.config.mjs'), config("{ target: 'test' }"));
    const io = captureOutput();
    expect(await runCli(['synth', '--dir', dir, '--stdout'], io)).toBe(0);
    expect(io.stderr.join('\n')).toContain(
      'warning dockyard.config.mjs: image.dockerfile: cannot read Dockerfile (no such file): whether test.target "test" derives from the image target was not checked',
    );
  });

  it('doctor reports it as a finding with line and fix, not as a config error', async () => {
    writeFileSync(join(dir, 'dockyard.config.mjs'), config("{ target: 'test' }"));
    writeFileSync(join(dir, 'Dockerfile'), GO_FROM_BUILDER);
    const io = captureOutput();
    expect(await runCli(['doctor', '--dir', dir], io)).toBe(1);
    expect(io.stdout).toEqual(
      expect.arrayContaining([
        'error Dockerfile:14 [test-stage-not-candidate] the test stage "test" does not derive from the production stage "production": its chain is test → builder → golang:1.23, so the test job runs on that chain, not on the candidate image that replaces "production"',
        '  fix: Build it on the production stage: `FROM production AS test` (add the test tools and sources there; COPY --from an earlier stage for build outputs), or set test.from: "source" to accept a test that does not test the candidate.',
      ]),
    );
    expect(io.stderr.join('\n')).not.toContain('does not derive');
  });
});
