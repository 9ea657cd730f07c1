// Stand-in for lazy-dependencies.ts inside the GitLab helper bundle, where esbuild needs static imports.
import * as pep440 from '@renovatebot/pep440';
import moment from 'moment-timezone';
import semver from 'semver';

/** moment-timezone. */
export function momentTimezone(): typeof moment {
  return moment;
}

/** semver. */
export function semverLib(): typeof semver {
  return semver;
}

/** @renovatebot/pep440. */
export function pep440Lib(): typeof pep440 {
  return pep440;
}
