import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// A static import: in the bundled CLI (dist/cli) yaml is compiled in beside the emitters, and a dynamic import()
// of a bundled CommonJS package yields only its default export there (esbuild's interop), not `parse`.
// test/cli/bin.test.ts loads a YAML config through the bundle.
import { parse as parseYaml } from 'yaml';

/**
 * Config file names looked for in the project directory, in this order.
 */
export const CONFIG_FILE_NAMES = [
  'dockyard.config.ts',
  'dockyard.config.mts',
  'dockyard.config.js',
  'dockyard.config.mjs',
  'dockyard.config.json',
  'dockyard.config.yaml',
  'dockyard.config.yml',
] as const;

/** A config file could not be found or read. `exitCode` is 2 for a missing file, 1 for an unreadable one. */
export class ConfigLoadError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = 'ConfigLoadError';
  }
}

/**
 * More than one of {@link CONFIG_FILE_NAMES} is in the directory and no `--config` picks one (exit code 2).
 * Refused rather than resolved by precedence: a `dockyard.config.ts` added beside a JSON config would otherwise
 * silently take over, and it runs code on every command.
 */
export class AmbiguousConfigError extends ConfigLoadError {
  constructor(
    readonly dir: string,
    readonly found: readonly string[],
  ) {
    super(`found ${joinNames(found)} in ${dir}; keep one, or pass --config`, 2);
    this.name = 'AmbiguousConfigError';
  }
}

/**
 * Find the config file: `explicit` (relative to `dir`) when given, else the one of {@link CONFIG_FILE_NAMES}
 * in `dir`.
 *
 * @returns the absolute path.
 * @throws {ConfigLoadError} (exit code 2) when no config file exists, or `explicit` does not.
 * @throws {AmbiguousConfigError} (exit code 2) when `explicit` is not given and `dir` holds two or more config
 *   files, e.g. "found dockyard.config.ts and dockyard.config.json in /repo; keep one, or pass --config".
 */
export function findConfigFile(dir: string, explicit?: string): string {
  if (explicit) {
    const path = resolve(dir, explicit);
    if (!existsSync(path)) throw new ConfigLoadError(`config file not found: ${path}`, 2);
    return path;
  }
  const found = CONFIG_FILE_NAMES.filter((name) => existsSync(resolve(dir, name)));
  if (found.length > 1) throw new AmbiguousConfigError(resolve(dir), found);
  if (found.length === 1) return resolve(dir, found[0]);
  throw new ConfigLoadError(`no config file in ${resolve(dir)}: expected one of ${CONFIG_FILE_NAMES.join(', ')}`, 2);
}

function joinNames(names: readonly string[]): string {
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Load the raw (unvalidated) config value from a file. TypeScript and JavaScript configs are imported with
 * jiti (the module's default export; `import { defineConfig } from 'dockyard'` resolves to this dockyard),
 * JSON with `JSON.parse`, YAML with the `yaml` package.
 *
 * @throws {ConfigLoadError} (exit code 1) when the file cannot be read, parsed or imported.
 * @see https://github.com/unjs/jiti
 */
export async function loadConfigFile(path: string): Promise<unknown> {
  const ext = extname(path);
  try {
    if (ext === '.json') return JSON.parse(await readFile(path, 'utf8'));
    if (ext === '.yaml' || ext === '.yml') {
      return parseYaml(await readFile(path, 'utf8'), { prettyErrors: true, uniqueKeys: true });
    }
    if (['.ts', '.mts', '.js', '.mjs'].includes(ext)) return await importModuleConfig(path);
  } catch (error) {
    throw new ConfigLoadError(`cannot load ${basename(path)}: ${(error as Error).message}`, 1);
  }
  throw new ConfigLoadError(
    `unsupported config file type "${ext}" (${path}): expected ${CONFIG_FILE_NAMES.join(', ')}`,
    2,
  );
}

/**
 * Load the raw (unvalidated) config value from a config file's text, e.g. one read from a remote repository by
 * `dockyard pr`. `fileName` (one of {@link CONFIG_FILE_NAMES}) picks the format as in {@link loadConfigFile}.
 * TypeScript and JavaScript sources are evaluated with jiti as if they lived alone in a fresh, empty private
 * temporary directory: `import ... from 'dockyard'` works, relative imports fail (a remote config must be
 * self-contained). The code runs in this process, so only load sources you would also run with `dockyard synth`.
 *
 * @param fileName the file's name (its directory part is ignored), e.g. `dockyard.config.ts`.
 * @param source the file's full text.
 * @throws {ConfigLoadError} (exit code 1) naming `fileName` when the text cannot be parsed or evaluated;
 *   (exit code 2) for a file type dockyard does not read.
 * @see https://github.com/unjs/jiti#evalmodule
 */
export async function loadConfigSource(fileName: string, source: string): Promise<unknown> {
  const name = basename(fileName);
  const ext = extname(name);
  try {
    if (ext === '.json') return JSON.parse(source);
    if (ext === '.yaml' || ext === '.yml') {
      return parseYaml(source, { prettyErrors: true, uniqueKeys: true });
    }
    if (['.ts', '.mts', '.js', '.mjs'].includes(ext)) {
      const dir = await mkdtemp(join(tmpdir(), 'dockyard-remote-config-'));
      try {
        return await evaluateModuleConfig(source, join(dir, name), true);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  } catch (error) {
    throw new ConfigLoadError(`cannot load ${fileName}: ${(error as Error).message}`, 1);
  }
  throw new ConfigLoadError(
    `unsupported config file type "${ext}" (${fileName}): expected ${CONFIG_FILE_NAMES.join(', ')}`,
    2,
  );
}

async function importModuleConfig(path: string): Promise<unknown> {
  return evaluateModuleConfig(await readFile(path, 'utf8'), path);
}

/** jiti, loaded on first use as CommonJS (its package.json `exports` has a `require` condition). */
function requireJiti(): typeof import('jiti') {
  return createRequire(import.meta.url)('jiti') as typeof import('jiti');
}

let cachingJiti: Promise<import('jiti').Jiti> | undefined;

/**
 * @param cacheImports keep modules the config imports (`dockyard` itself) loaded between calls: used for remote
 *   sources, each evaluated once from a fresh path, so `dockyard pr`/`fleet` do not re-transform dockyard per config.
 */
async function evaluateModuleConfig(source: string, path: string, cacheImports = false): Promise<unknown> {
  // jiti's CommonJS build through require(): an ES import of it would first scan its 190 KB for export names.
  const { createJiti } = requireJiti();
  const dockyard = await import('../library.js');
  // `import … from 'dockyard'` gets this process's own, already loaded module (jiti's virtualModules, checked
  // before any resolution: node_modules/jiti/lib/types.d.ts), so jiti does not transform and load dockyard's whole
  // library a second time. The alias stays for a jiti without virtualModules.
  const options = { virtualModules: { dockyard }, alias: { dockyard: selfEntry() }, interopDefault: true };
  const jiti = cacheImports
    ? await (cachingJiti ??= Promise.resolve(createJiti(import.meta.url, { ...options, moduleCache: true })))
    : createJiti(import.meta.url, { ...options, moduleCache: false });
  // evalModule (not import) so that a re-written config is re-read in the same process: Node's ESM cache
  // cannot be cleared, and jiti would hand back the first version.
  // jiti hands `.mjs`/`.js` to Node's native loader (cached); transforming them as TypeScript keeps them fresh.
  const mod = (await jiti.evalModule(source, { filename: path, id: path, ext: '.ts', async: true })) as {
    default?: unknown;
  };
  const value = mod && typeof mod === 'object' && 'default' in mod ? mod.default : mod;
  return typeof value === 'function' ? await (value as () => unknown)() : value;
}

/**
 * This package's own entry for jiti's alias: lib/index.js seen from lib/io/ or from the bundled CLI's dist/cli/,
 * else src/index.ts when run from source.
 */
function selfEntry(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '..', 'index.js'), resolve(here, '..', '..', 'lib', 'index.js')];
  return candidates.find((path) => existsSync(path)) ?? resolve(here, '..', 'index.ts');
}
