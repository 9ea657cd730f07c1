import { createRequire } from 'node:module';

// The engine's heavier dependencies load on first use, so `dockyard synth` pays for semver and the PEP 440 parser
// only when a config uses semver or pep440 rules. The GitLab helper bundle swaps this module for
// lazy-dependencies.bundle.ts (static imports of the few functions used) in scripts/bundle-gitlab-meta-lib.mjs.
const load = createRequire(import.meta.url);

/** The semver functions the engine uses. @see https://github.com/npm/node-semver#functions */
export type SemverLib = Pick<typeof import('semver'), 'valid' | 'parse' | 'prerelease'>;

/** The @renovatebot/pep440 functions the engine uses. @see https://github.com/renovatebot/pep440#usage */
export type Pep440Lib = Pick<
  typeof import('@renovatebot/pep440'),
  'valid' | 'clean' | 'explain' | 'major' | 'minor' | 'patch'
>;

/** semver, loaded on first call. @see https://github.com/npm/node-semver#usage */
export function semverLib(): SemverLib {
  return load('semver') as SemverLib;
}

/** @renovatebot/pep440, loaded on first call. @see https://github.com/renovatebot/pep440 */
export function pep440Lib(): Pep440Lib {
  return load('@renovatebot/pep440') as Pep440Lib;
}
