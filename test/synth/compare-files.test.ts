import { describe, expect, it } from 'vitest';
import { addMarker, parseMarker } from '../../src/emit/generated-marker.js';
import { compareFiles } from '../../src/synth/compare-files.js';

const info = { configFile: 'dockyard.config.ts', command: 'npx dockyard synth' };
const current = addMarker('jobs: {}\n', info);
const file = { path: 'x.yml', ci: 'github' as const, content: current };

describe('compareFiles', () => {
  it.each([
    ['missing', undefined],
    ['current', current],
    ['stale', addMarker('jobs: { old: {} }\n', info)],
    ['hand-edited', `${current}# edit\n`],
    ['foreign', 'jobs: {}\n'],
  ])('%s', (state, onDisk) => {
    expect(compareFiles([file], new Map([['x.yml', onDisk]]))[0].state).toBe(state);
  });
});

describe('marker', () => {
  it('records a checksum of the body that parseMarker verifies', () => {
    const marker = parseMarker(current);
    expect(marker?.recorded).toBe(marker?.actual);
    expect(marker?.body).toBe('jobs: {}\n');
    expect(parseMarker(current.replace('{}', '{ a: 1 }'))?.recorded).not.toBe(parseMarker(current.replace('{}', '{ a: 1 }'))?.actual);
  });
});
