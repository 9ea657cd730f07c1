import Handlebars from 'handlebars';
import type { TemplateLanguage } from './detect-language.js';

/** The two template files of one language, as read from `templates/dockerfiles/<language>/`. */
export interface DockerfileTemplateSources {
  readonly dockerfile: string;
  readonly dockerignore: string;
}

/** Values every template takes on top of the language's own ({@link import('./detect-language.js').DetectedLanguage}). */
export interface TemplateValues {
  /** The image title (OCI `org.opencontainers.image.title`). */
  readonly name: string;
  /** The port the service listens on; the HEALTHCHECK requests it. Default `8080`. */
  readonly port?: number;
  /** The HTTP path the HEALTHCHECK requests. Default `/healthz`. */
  readonly healthPath?: string;
  readonly [key: string]: string | number | undefined;
}

/** Defaults of every template variable, overridden by detected and given values. */
const DEFAULTS: Readonly<Record<TemplateLanguage, Record<string, string | number>>> = {
  node: {
    nodeVersion: '22',
    manifests: 'package.json package-lock.json',
    installCommand: 'npm ci --ignore-scripts',
    entrypoint: 'index.js',
  },
  python: {
    pythonVersion: '3.12',
    devRequirements: '',
    testCommand: 'python -m unittest discover',
    entrypoint: 'main.py',
  },
  go: { goVersion: '1.23', goManifests: 'go.mod go.sum', mainPackage: '.', binary: '/app' },
};

/**
 * Render a language's Dockerfile and .dockerignore templates with handlebars (`strict`: a missing value is an
 * error, `noEscape`: Dockerfiles are not HTML). Values are written as given: callers pass names and paths, not
 * Dockerfile syntax.
 *
 * @throws {Error} when a template uses a value that is not defined.
 * @see https://handlebarsjs.com/api-reference/compilation.html
 */
export function renderDockerfileTemplate(
  language: TemplateLanguage,
  sources: DockerfileTemplateSources,
  values: TemplateValues,
): { dockerfile: string; dockerignore: string } {
  const hbs = Handlebars.create();
  const context = {
    port: 8080,
    healthPath: '/healthz',
    ...DEFAULTS[language],
    ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)),
  };
  const render = (source: string): string => hbs.compile(source, { strict: true, noEscape: true })(context);
  return { dockerfile: render(sources.dockerfile), dockerignore: render(sources.dockerignore) };
}
