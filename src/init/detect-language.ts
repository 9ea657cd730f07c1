/** A language dockyard has a Dockerfile template for. */
export type TemplateLanguage = 'node' | 'python' | 'go';

/** What the project's manifests say about how to build it. */
export interface DetectedLanguage {
  readonly language: TemplateLanguage;
  /** The manifest it was recognised by, e.g. `package.json`. */
  readonly evidence: string;
  /** Template values read from the manifests (entrypoint, lock files, test command…). */
  readonly values: Readonly<Record<string, string>>;
}

/** The files {@link detectLanguage} looks at: path → content, `undefined` when absent. */
export type ProjectFiles = Readonly<Record<string, string | undefined>>;

/** Files read by {@link detectLanguage}, relative to the project directory. */
export const LANGUAGE_FILES = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'go.mod',
  'go.sum',
  'pyproject.toml',
  'requirements.txt',
  'requirements-dev.txt',
  'requirements-test.txt',
  'main.py',
  'app.py',
] as const;

/**
 * Detect the project's language from its manifests, in this order: `go.mod` (Go), `package.json` (Node.js),
 * `pyproject.toml` or `requirements.txt` (Python). Pure.
 *
 * @returns the language with template values, or `undefined` when no manifest is present.
 */
export function detectLanguage(files: ProjectFiles): DetectedLanguage | undefined {
  if (files['go.mod'] !== undefined) {
    const goVersion = /^go\s+(\d+\.\d+)/m.exec(files['go.mod'])?.[1] ?? '1.23';
    return {
      language: 'go',
      evidence: 'go.mod',
      values: { goVersion, goManifests: files['go.sum'] !== undefined ? 'go.mod go.sum' : 'go.mod', mainPackage: '.' },
    };
  }
  if (files['package.json'] !== undefined) {
    let pkg: { main?: string; engines?: { node?: string } } = {};
    try {
      pkg = JSON.parse(files['package.json']) as typeof pkg;
    } catch {
      // an unparsable package.json still says "Node.js"; the defaults apply
    }
    const lock =
      files['package-lock.json'] !== undefined
        ? 'package-lock.json'
        : files['npm-shrinkwrap.json'] !== undefined
          ? 'npm-shrinkwrap.json'
          : undefined;
    const nodeVersion = /(\d{2})/.exec(pkg.engines?.node ?? '')?.[1] ?? '22';
    return {
      language: 'node',
      evidence: 'package.json',
      values: {
        nodeVersion,
        manifests: lock ? `package.json ${lock}` : 'package.json',
        installCommand: lock ? 'npm ci --ignore-scripts' : 'npm install --ignore-scripts',
        entrypoint: pkg.main ?? 'index.js',
      },
    };
  }
  if (files['pyproject.toml'] !== undefined || files['requirements.txt'] !== undefined) {
    const all = `${files['requirements.txt'] ?? ''}\n${files['requirements-dev.txt'] ?? ''}\n${files['requirements-test.txt'] ?? ''}\n${files['pyproject.toml'] ?? ''}`;
    const devRequirements =
      files['requirements-dev.txt'] !== undefined
        ? 'requirements-dev.txt'
        : files['requirements-test.txt'] !== undefined
          ? 'requirements-test.txt'
          : '';
    const pythonVersion =
      /requires-python\s*=\s*["'][^0-9]*(3\.\d+)/.exec(files['pyproject.toml'] ?? '')?.[1] ?? '3.12';
    return {
      language: 'python',
      evidence: files['pyproject.toml'] !== undefined ? 'pyproject.toml' : 'requirements.txt',
      values: {
        pythonVersion,
        devRequirements,
        testCommand: /^\s*pytest\b/im.test(all) ? 'python -m pytest' : 'python -m unittest discover',
        entrypoint: files['app.py'] !== undefined ? 'app.py' : 'main.py',
      },
    };
  }
  return undefined;
}
