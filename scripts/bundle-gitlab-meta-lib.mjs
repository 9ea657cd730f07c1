// Shared by scripts/bundle-gitlab-meta.mjs and its drift test.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Bundle the GitLab metadata helper and return its text (deterministic for a given lockfile).
 *
 * @param {{ metafile?: boolean }} [options] with `metafile`, return esbuild's metafile too (bytes per input).
 * @returns {Promise<string>} the helper's text; with `metafile`, `{ text, metafile }`.
 */
export async function bundleGitlabMeta(options = {}) {
  const result = await build({
    absWorkingDir: root,
    // The entry does the I/O (src/io); the tag logic it calls is pure (src/tags).
    entryPoints: ['src/io/gitlab-meta-main.ts'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Not minified: the helper is committed into every user's repository, and a reviewer reads it in pull requests.
    minify: false,
    legalComments: 'inline',
    charset: 'utf8',
    write: false,
    metafile: options.metafile === true,
    logLevel: 'silent',
    // Paths in the output's "// node_modules/…" comments stay as imported, whatever node_modules links to.
    preserveSymlinks: true,
    // Static imports instead of the CLI's load-on-first-use module (esbuild cannot follow createRequire).
    plugins: [
      {
        name: 'dockyard-static-dependencies',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /lazy-dependencies\.js$/ }, () => ({
            path: `${root}src/tags/lazy-dependencies.bundle.ts`,
          }));
        },
      },
    ],
    banner: {
      js: [
        '// dockyard GitLab metadata helper: computes image tags, labels and annotations with docker/metadata-action',
        '// semantics from GitLab CI variables. Bundled (not minified) from dockyard src/tags and its entry',
        '// src/io/gitlab-meta-main.ts (Apache-2.0; each part below starts with a "// src/…" line naming its source',
        "// file) with parts of semver (ISC) and @renovatebot/pep440 (Apache-2.0). Dates use Node's own time-zone data",
        '// (Intl.DateTimeFormat). Verify it: docs/tags.md#verifying-the-gitlab-metadata-helper.',
      ].join('\n'),
    },
  });
  const text = result.outputFiles[0].text;
  return options.metafile ? { text, metafile: result.metafile } : text;
}
