// Shared by scripts/bundle-cli.mjs (run by `npm ci` through the prepare script) and test/cli/lazy-loading.test.ts.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The packages compiled into the CLI bundle: the ones the everyday commands (synth, plan, meta, validate) load.
 * One file per chunk instead of hundreds of small modules is what makes start-up cheap (module resolution and
 * reading dominate a synth run). Every other package stays an ordinary `import` of node_modules: the publishing
 * stack (@octokit/*, @gitbeaker/*, bottleneck, cli-progress), jiti (it loads its Babel build on demand by path),
 * the validators and the packages `createRequire` loads on first use (semver, pep440).
 */
export const BUNDLED_PACKAGES = [
  'zod',
  'yaml',
  'handlebars',
  'citty',
  'picocolors',
  'dockerfile-ast',
  'vscode-languageserver-textdocument',
  'vscode-languageserver-types',
];

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Bundle the `dockyard` executable (src/cli/bin.ts) into `outdir` as ES modules with code splitting: a small entry
 * `dockyard.js` and one chunk per command's code, loaded by the `import()` of the command that runs.
 *
 * @param {string} outdir the output folder, two levels below the package root (`dist/cli`): the bundled modules
 *   find package.json, templates/ and schema/ at `../../`, as lib/ and src/ modules do.
 * @returns {Promise<import('esbuild').Metafile>} what went into each output file.
 * @see https://esbuild.github.io/api/#splitting
 */
export async function bundleCli(outdir) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { dockyard: 'src/cli/bin.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Chunk names from their content hash: a rebuild of the same sources gives the same file names.
    chunkNames: 'chunk-[hash]',
    legalComments: 'none',
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'dockyard-trimmed-packages',
        setup(pluginBuild) {
          // zod's `locales` namespace (every language, ~370 KB) is re-exported by `z` and so survives tree
          // shaking; dockyard never calls z.config(z.locales.xx()), and zod registers English itself
          // (node_modules/zod/v4/classic/schemas.js imports ../locales/en.js), so the bundle keeps English only.
          pluginBuild.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
            contents: 'export { default as en } from "./en.js";',
            loader: 'js',
          }));
          // handlebars' code generator takes source-map's SourceNode when it can require it and has its own
          // equivalent otherwise (node_modules/handlebars/dist/cjs/handlebars/compiler/code-gen.js); source maps
          // of compiled templates are never asked for, so the bundle leaves source-map out.
          pluginBuild.onResolve({ filter: /^source-map$/ }, () => ({
            path: 'source-map',
            namespace: 'dockyard-empty',
          }));
          pluginBuild.onLoad({ filter: /.*/, namespace: 'dockyard-empty' }, () => ({
            contents: 'module.exports = {};',
            loader: 'js',
          }));
        },
      },
      {
        name: 'dockyard-external-packages',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith('node:') || !BUNDLED_PACKAGES.includes(packageName(args.path)))
              return { path: args.path, external: true };
            return undefined;
          });
        },
      },
    ],
    // CommonJS packages inside an ES module bundle call require() for Node's built-ins (handlebars: fs).
    banner: {
      js: "import { createRequire as __dockyardCreateRequire } from 'node:module';\nconst require = __dockyardCreateRequire(import.meta.url);",
    },
  });
  return result.metafile;
}
