// Stand-in for lazy-dependencies.ts inside the GitLab helper bundle, where esbuild needs static imports. Only the
// modules of the functions the engine calls are imported, so the helper carries no more of semver and pep440.
import { clean, explain, valid as validPep440 } from '@renovatebot/pep440/lib/version.js';
import { major, minor, patch } from '@renovatebot/pep440/lib/semantic.js';
import parse from 'semver/functions/parse.js';
import prerelease from 'semver/functions/prerelease.js';
import valid from 'semver/functions/valid.js';
import type { Pep440Lib, SemverLib } from './lazy-dependencies.js';

/** semver's valid, parse and prerelease. */
export function semverLib(): SemverLib {
  return { valid, parse, prerelease } as SemverLib;
}

/** @renovatebot/pep440's valid, clean, explain, major, minor and patch. */
export function pep440Lib(): Pep440Lib {
  return { valid: validPep440, clean, explain, major, minor, patch } as Pep440Lib;
}
