import { createRequire } from 'node:module';

// The engine's heavier dependencies load on first use, so `dockyard synth` pays for moment-timezone, semver and
// the PEP 440 parser only when a config uses dates, semver or pep440 rules. The GitLab helper bundle swaps this
// module for lazy-dependencies.bundle.ts (static imports) in scripts/bundle-gitlab-meta-lib.mjs.
const load = createRequire(import.meta.url);

/** moment-timezone, loaded on first call. @see https://momentjs.com/timezone/docs/ */
export function momentTimezone(): typeof import('moment-timezone') {
  return load('moment-timezone') as typeof import('moment-timezone');
}

/** semver, loaded on first call. @see https://github.com/npm/node-semver#usage */
export function semverLib(): typeof import('semver') {
  return load('semver') as typeof import('semver');
}

/** @renovatebot/pep440, loaded on first call. @see https://github.com/renovatebot/pep440 */
export function pep440Lib(): typeof import('@renovatebot/pep440') {
  return load('@renovatebot/pep440') as typeof import('@renovatebot/pep440');
}
