import { describe, expect, it } from 'vitest';
import { parseFleetFile, type FleetEntry } from '../../src/publish/fleet-file.js';
import type { PullRequestResult } from '../../src/publish/open-or-update-pull-request.js';
import { countOutcomes, renderFleetTable } from '../../src/publish/render-fleet-table.js';
import { runFleet } from '../../src/publish/run-fleet.js';

const entries = parseFleetFile(
  Array.from({ length: 12 }, (_, i) => (i % 4 === 3 ? `gitlab:acme/g/p${i}` : `acme/r${i}`)).join('\n'),
  'f',
);

/** An update that resolves only when the test releases it, so concurrency is observed without timers. */
function gatedUpdate() {
  let active = 0;
  let max = 0;
  const waiting: Array<() => void> = [];
  const update = async (entry: FleetEntry): Promise<PullRequestResult> => {
    active++;
    max = Math.max(max, active);
    await new Promise<void>((release) => waiting.push(release));
    active--;
    if (entry.path.endsWith('5')) throw new Error('GitHub read the repository (acme/r5): 404 Not Found');
    return {
      repository: entry.path,
      platform: entry.platform,
      outcome: entry.path.endsWith('1') ? 'unchanged' : 'opened',
      reason: 'ok',
      url: `https://x/${entry.path}`,
    };
  };
  const drain = async (run: Promise<PullRequestResult[]>) => {
    let settled = false;
    void run.then(() => (settled = true));
    while (!settled) {
      await new Promise((r) => setImmediate(r));
      waiting.splice(0).forEach((release) => release());
    }
    return run;
  };
  return { update, drain, max: () => max };
}

describe('runFleet', () => {
  it.each([1, 3, 5])(
    'keeps at most %i in flight, reports every repository in order, and a failure does not stop the rest',
    async (concurrency) => {
      const gate = gatedUpdate();
      const started: string[] = [];
      const results = await gate.drain(
        runFleet(entries, gate.update, { concurrency, onStart: (e) => started.push(e.id) }),
      );
      expect(gate.max()).toBe(concurrency);
      expect(started).toHaveLength(12);
      expect(results.map((r) => r.repository)).toEqual(entries.map((e) => e.path));
      expect(results[5]).toEqual({
        repository: 'acme/r5',
        platform: 'github',
        outcome: 'failed',
        reason: 'GitHub read the repository (acme/r5): 404 Not Found',
      });
      expect(countOutcomes(results)).toEqual({
        opened: 9,
        updated: 0,
        unchanged: 2,
        planned: 0,
        skipped: 0,
        failed: 1,
      });
    },
  );

  it.each([0, 33, 1.5, Number.NaN])('rejects concurrency %s', async (concurrency) => {
    await expect(
      runFleet(entries, async () => ({ repository: '', platform: 'github', outcome: 'opened', reason: '' }), {
        concurrency,
      }),
    ).rejects.toThrow(`--concurrency: expected an integer from 1 to 32, got ${concurrency}`);
  });
});

describe('renderFleetTable', () => {
  it('pads columns, keeps the reason last, and totals by outcome', () => {
    const lines = renderFleetTable([
      {
        repository: 'acme/api',
        platform: 'github',
        outcome: 'opened',
        reason: 'branch dockyard/pipelines does not exist yet',
        url: 'https://github.test/acme/api/pull/1',
      },
      {
        repository: 'acme/platform/worker',
        platform: 'gitlab',
        outcome: 'failed',
        reason: 'no dockyard config at the root of main',
      },
      { repository: 'acme/web', platform: 'github', outcome: 'skipped', reason: 'line one\nline two' },
    ]);
    expect(lines).toEqual([
      'repository                   result   pull/merge request                   reason',
      'github:acme/api              opened   https://github.test/acme/api/pull/1  branch dockyard/pipelines does not exist yet',
      'gitlab:acme/platform/worker  failed   -                                    no dockyard config at the root of main',
      'github:acme/web              skipped  -                                    line one line two',
      '3 repositories: 1 opened, 1 skipped, 1 failed',
    ]);
  });
});
