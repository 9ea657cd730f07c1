import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type ExtractedScript,
  extractGithubScripts,
  extractGitlabScripts,
  resolveGithubShell,
} from '../../src/validate/extract-scripts.js';

describe('resolveGithubShell', () => {
  it.each<[string, 'bash' | 'sh' | undefined]>([
    ['bash', 'bash'],
    ['sh', 'sh'],
    ['bash -e {0}', 'bash'],
    ['/bin/sh -eu {0}', 'sh'],
    ['/usr/bin/env bash {0}', 'bash'],
    ['dash {0}', 'sh'],
    ['pwsh', undefined],
    ['powershell', undefined],
    ['python', undefined],
    ['cmd', undefined],
    ['${{ matrix.shell }}', undefined],
  ])('%s -> %s', (shell, expected) => {
    expect(resolveGithubShell(shell)).toBe(expected);
  });
});

describe('extractGithubScripts', () => {
  it.each<[string, string, ExtractedScript[]]>([
    [
      'run steps with default bash, indexes counting uses: steps',
      `jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo one
      - name: multi
        run: |
          a=1
          echo "$a"
`,
      [
        { location: 'jobs.build.steps[1].run', shell: 'bash', script: 'echo one' },
        { location: 'jobs.build.steps[2].run', shell: 'bash', script: 'a=1\necho "$a"\n' },
      ],
    ],
    [
      'step shell: wins over job and workflow defaults',
      `defaults: {run: {shell: pwsh}}
jobs:
  a:
    runs-on: ubuntu-latest
    defaults: {run: {shell: 'sh -e {0}'}}
    steps:
      - run: echo job-default
      - run: echo step
        shell: bash
  b:
    runs-on: ubuntu-latest
    steps:
      - run: Write-Host workflow-default
`,
      [
        { location: 'jobs.a.steps[0].run', shell: 'sh', script: 'echo job-default' },
        { location: 'jobs.a.steps[1].run', shell: 'bash', script: 'echo step' },
      ],
    ],
    [
      'Windows runners default to pwsh (skipped) unless shell: bash',
      `jobs:
  win:
    runs-on: [self-hosted, Windows]
    steps:
      - run: dir
      - run: ls
        shell: bash
  win2:
    runs-on: windows-latest
    steps:
      - run: dir
  mac:
    runs-on: macos-14
    steps:
      - run: sw_vers
`,
      [
        { location: 'jobs.win.steps[1].run', shell: 'bash', script: 'ls' },
        { location: 'jobs.mac.steps[0].run', shell: 'bash', script: 'sw_vers' },
      ],
    ],
    [
      'non-POSIX step shells are skipped, reusable-workflow jobs have no steps',
      `jobs:
  call:
    uses: ./.github/workflows/other.yml
  py:
    runs-on: ubuntu-latest
    steps:
      - run: print(1)
        shell: python
      - run: echo ok
`,
      [{ location: 'jobs.py.steps[1].run', shell: 'bash', script: 'echo ok' }],
    ],
  ])('%s', (_name, yaml, expected) => {
    expect(extractGithubScripts(parse(yaml))).toEqual(expected);
  });

  it.each([null, 42, 'text', [], { jobs: [] }, { jobs: { a: { steps: 'nope' } } }])('returns [] for %j', (input) => {
    expect(extractGithubScripts(input)).toEqual([]);
  });
});

describe('extractGitlabScripts', () => {
  it.each<[string, string, ExtractedScript[]]>([
    [
      'global, default, job and hidden-job scripts, in document order',
      `before_script: [echo global]
default:
  before_script:
    - echo default-before
  after_script: echo default-after
stages: [build]
variables: {A: b}
.base:
  script: [echo hidden]
build:
  stage: build
  before_script: [echo before]
  script:
    - echo one
    - |
      if [ -n "$A" ]; then
        echo two
      fi
  after_script: [echo after]
`,
      [
        { location: 'before_script', shell: 'sh', script: 'echo global' },
        { location: 'default.before_script', shell: 'sh', script: 'echo default-before' },
        { location: 'default.after_script', shell: 'sh', script: 'echo default-after' },
        { location: '.base.script', shell: 'sh', script: 'echo hidden' },
        { location: 'build.before_script', shell: 'sh', script: 'echo before' },
        { location: 'build.script', shell: 'sh', script: 'echo one\nif [ -n "$A" ]; then\n  echo two\nfi\n' },
        { location: 'build.after_script', shell: 'sh', script: 'echo after' },
      ],
    ],
    [
      'anchors make nested arrays, which are flattened; non-strings are skipped',
      `.setup: &setup
  - echo setup-1
  - echo setup-2
test:
  script:
    - *setup
    - echo test
    - 42
    - {not: a line}
`,
      [{ location: 'test.script', shell: 'sh', script: 'echo setup-1\necho setup-2\necho test' }],
    ],
    [
      'keywords are not jobs, jobs without scripts give nothing',
      `workflow: {rules: [{when: always}]}\ninclude: [{local: a.yml}]\ntrigger-job:\n  trigger: group/project\n`,
      [],
    ],
  ])('%s', (_name, yaml, expected) => {
    expect(extractGitlabScripts(parse(yaml))).toEqual(expected);
  });

  it.each([null, 'text', [], { build: 'not a job' }])('returns [] for %j', (input) => {
    expect(extractGitlabScripts(input)).toEqual([]);
  });
});
