import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TemplateLanguage } from '../init/detect-language.js';
import type { DockerfileTemplateSources } from '../init/render-dockerfile-template.js';

/**
 * Read a language's Dockerfile templates from the package's `templates/dockerfiles/<language>/` (found
 * relative to this module, in `lib/` or `src/`).
 *
 * @throws {Error} when the package is incomplete.
 */
export function readDockerfileTemplates(language: TemplateLanguage): DockerfileTemplateSources {
  const read = (name: string): string =>
    readFileSync(fileURLToPath(new URL(`../../templates/dockerfiles/${language}/${name}`, import.meta.url)), 'utf8');
  return { dockerfile: read('Dockerfile.hbs'), dockerignore: read('dockerignore.hbs') };
}
