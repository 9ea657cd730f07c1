import { describe, expect, it } from 'vitest';
import { shouldUseColor } from '../../src/cli/output.js';

describe('shouldUseColor', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ CI: 'true' }, true, false],
    [{ NO_COLOR: '' }, true, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ TERM: 'dumb' }, true, false],
  ])('env %j, TTY %s → %s', (env, tty, expected) => {
    expect(shouldUseColor(env as NodeJS.ProcessEnv, tty)).toBe(expected);
  });
});
