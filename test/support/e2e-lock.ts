import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOCK = join(tmpdir(), 'dockyard-e2e.lock');

function holderAlive(): boolean {
  try {
    const pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Take the machine-wide lock of the heavy end-to-end runs (buildah builds under QEMU), so that vitest's parallel
 * test files run them one at a time instead of starving each other on a small machine. A lock whose holder
 * process is gone is taken over. Resolves with the release function.
 *
 * @param timeoutMs how long to wait for the lock, in milliseconds.
 * @throws {Error} when the lock is not free within `timeoutMs`.
 */
export async function acquireE2eLock(timeoutMs = 900_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch {
      if (!holderAlive()) {
        // Give a holder that has just created the directory time to write its pid before taking it over.
        await new Promise((done) => setTimeout(done, 500));
        if (!holderAlive()) rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`the end-to-end lock ${LOCK} is still held after ${timeoutMs / 1000} s`);
      await new Promise((done) => setTimeout(done, 1000));
    }
  }
}
