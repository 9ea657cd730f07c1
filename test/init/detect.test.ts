import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/init/detect-language.js';
import { parseGitRemote } from '../../src/init/detect-remote.js';

describe('parseGitRemote', () => {
  it.each([
    ['https://github.com/acme/api.git', { platform: 'github', host: 'github.com', path: 'acme/api' }],
    ['https://github.com/acme/api', { platform: 'github', host: 'github.com', path: 'acme/api' }],
    ['git@github.com:acme/api.git', { platform: 'github', host: 'github.com', path: 'acme/api' }],
    ['ssh://git@github.com/acme/api.git', { platform: 'github', host: 'github.com', path: 'acme/api' }],
    [
      'https://oauth2:tok@gitlab.com/group/sub/api.git',
      { platform: 'gitlab', host: 'gitlab.com', path: 'group/sub/api' },
    ],
    ['git@gitlab.example.com:group/api.git', { platform: 'gitlab', host: 'gitlab.example.com', path: 'group/api' }],
    [
      'ssh://git@gitlab.example.com:2222/group/api.git',
      { platform: 'gitlab', host: 'gitlab.example.com', path: 'group/api' },
    ],
    ['https://GitHub.com/acme/api/', { platform: 'github', host: 'github.com', path: 'acme/api' }],
  ])('%s', (url, expected) => {
    expect(parseGitRemote(url)).toEqual(expected);
  });

  it.each([
    ['https://bitbucket.org/acme/api.git'],
    ['/srv/git/api.git'],
    ['../api'],
    ['https://github.com/acme'],
    ['https://github.com/acme/api/extra'],
    [''],
  ])('rejects %j', (url) => {
    expect(parseGitRemote(url)).toBeUndefined();
  });
});

describe('detectLanguage', () => {
  it.each([
    [
      'go.mod with go.sum',
      { 'go.mod': 'module example.com/svc\n\ngo 1.22.3\n', 'go.sum': '' },
      'go',
      { goVersion: '1.22', goManifests: 'go.mod go.sum' },
    ],
    [
      'go.mod without go.sum',
      { 'go.mod': 'module example.com/svc\n' },
      'go',
      { goVersion: '1.23', goManifests: 'go.mod' },
    ],
    [
      'package.json with lock and engines',
      { 'package.json': '{"main":"src/server.js","engines":{"node":">=20.11"}}', 'package-lock.json': '{}' },
      'node',
      {
        nodeVersion: '20',
        manifests: 'package.json package-lock.json',
        installCommand: 'npm ci --ignore-scripts',
        entrypoint: 'src/server.js',
      },
    ],
    [
      'package.json without lock',
      { 'package.json': '{}' },
      'node',
      {
        nodeVersion: '22',
        manifests: 'package.json',
        installCommand: 'npm install --ignore-scripts',
        entrypoint: 'index.js',
      },
    ],
    ['unparsable package.json', { 'package.json': '{' }, 'node', { entrypoint: 'index.js' }],
    [
      'requirements with pytest in dev',
      { 'requirements.txt': 'flask==3.0\n', 'requirements-dev.txt': 'pytest==8.3\n', 'app.py': '' },
      'python',
      { devRequirements: 'requirements-dev.txt', testCommand: 'python -m pytest', entrypoint: 'app.py' },
    ],
    [
      'pyproject with requires-python',
      { 'pyproject.toml': '[project]\nrequires-python = ">=3.11"\n', 'requirements.txt': '' },
      'python',
      { pythonVersion: '3.11', devRequirements: '', testCommand: 'python -m unittest discover', entrypoint: 'main.py' },
    ],
    ['go wins over package.json', { 'go.mod': 'module x\ngo 1.23\n', 'package.json': '{}' }, 'go', {}],
  ])('%s', (_name, files, language, values) => {
    const detected = detectLanguage(files);
    expect(detected?.language).toBe(language);
    expect(detected?.values).toMatchObject(values);
  });

  it('finds nothing in a directory without manifests', () => {
    expect(detectLanguage({ 'README.md': '# hi' })).toBeUndefined();
  });
});
