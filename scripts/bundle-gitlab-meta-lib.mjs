// Shared by scripts/bundle-gitlab-meta.mjs and its drift test.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Bundle the GitLab metadata helper and return its text (deterministic for a given lockfile). */
export async function bundleGitlabMeta() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/tags/gitlab-meta-main.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    legalComments: 'inline',
    write: false,
    logLevel: 'silent',
    // The 1970-2030 zone data keeps the file small; {{date tz=…}} needs nothing older or newer.
    alias: { 'moment-timezone': 'moment-timezone/builds/moment-timezone-with-data-1970-2030.js' },
    // Static imports instead of the CLI's load-on-first-use module (esbuild cannot follow createRequire).
    plugins: [
      {
        name: 'dockyard-static-dependencies',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /lazy-dependencies\.js$/ }, () => ({ path: `${root}src/tags/lazy-dependencies.bundle.ts` }));
        },
      },
    ],
    banner: {
      js: [
        '// dockyard GitLab metadata helper: computes image tags, labels and annotations with docker/metadata-action',
        '// semantics from GitLab CI variables. Bundled from dockyard src/tags (Apache-2.0) with handlebars (MIT),',
        '// semver (ISC), @renovatebot/pep440 (Apache-2.0), moment and moment-timezone (MIT) and csv-parse (MIT).',
        "import { createRequire as __dockyardCreateRequire } from 'node:module';",
        'const require = __dockyardCreateRequire(import.meta.url);',
      ].join('\n'),
    },
  });
  return result.outputFiles[0].text;
}
