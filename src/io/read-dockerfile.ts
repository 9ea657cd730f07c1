import { readFile } from 'node:fs/promises';
import { dirname, posix, resolve } from 'node:path';
import type { DockerfileInput } from '../config/check-test-stage.js';
import type { DockyardConfig } from '../config/schema/index.js';
import { parseDockerfile } from '../init/parse-dockerfile.js';

/**
 * The path of the Dockerfile a config builds, relative to the config file (POSIX separators): `image.dockerfile`,
 * else `<image.context>/Dockerfile`.
 */
export function dockerfilePathOf(config: DockyardConfig): string {
  return posix.normalize(config.image.dockerfile ?? posix.join(config.image.context, 'Dockerfile'));
}

/**
 * Read and parse the Dockerfile a config builds, for the checks that need its stages (`checkTestStage`). Never
 * throws: a file that cannot be read is returned without `summary`, with the reason in `error`.
 *
 * @param configPath absolute path of the config file (paths in the config are relative to it).
 */
export async function readConfigDockerfile(configPath: string, config: DockyardConfig): Promise<DockerfileInput> {
  const path = dockerfilePathOf(config);
  try {
    return { path, summary: parseDockerfile(await readFile(resolve(dirname(configPath), path), 'utf8')) };
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return { path, error: code === 'ENOENT' ? 'no such file' : (code ?? message) };
  }
}
