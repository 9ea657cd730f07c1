import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parameterizeLiterals } from '../../src/emit/reusable-parameters.js';
import type { GeneratedFile } from '../../src/synth/render-pipeline-files.js';
import { checkWithGitlabCiLocal, isGitlabCiLocalAvailable } from '../../src/validate/check-gitlab-ci-local.js';
import { checkGitlabComponentSpec, splitComponentTemplate } from '../../src/validate/check-gitlab-component.js';
import { renderScenarioFiles } from '../support/render-scenario.js';
import { skipWithoutTools } from '../support/required-tools.js';

const NO_GITLAB_CI_LOCAL = skipWithoutTools(
  'reusable outputs under gitlab-ci-local',
  isGitlabCiLocalAvailable() ? [] : ['gitlab-ci-local or git'],
);

const render = renderScenarioFiles;

function file(files: readonly GeneratedFile[], path: string): GeneratedFile {
  const found = files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path} in ${files.map((f) => f.path).join(', ')}`);
  return found;
}

type Obj = Record<string, any>;
const files = render('reusable-both');
const component = splitComponentTemplate(file(files, 'templates/image.yml').content)!;
const reusable = parse(file(files, '.github/workflows/image.yml').content) as Obj;
const caller = parse(file(files, '.github/workflows/dockyard.yml').content) as Obj;

describe('GitHub reusable workflow and caller', () => {
  it('declares every input the jobs read, each with the config value as default, and uses each declared input', () => {
    const used = new Set(
      [...JSON.stringify(reusable.jobs).matchAll(/\$\{\{ inputs\.([a-z_]+) \}\}/g)].map((m) => m[1]),
    );
    const declared = reusable.on.workflow_call.inputs as Obj;
    expect([...used].sort()).toEqual(Object.keys(declared).sort());
    expect(declared.images.default).toBe('ghcr.io/acme/shared-api\ndocker.io/acme/shared-api');
    expect(declared.size_limit_mb).toMatchObject({ type: 'number', default: 300, required: false });
    expect(declared.lint_threshold).toMatchObject({ type: 'string', default: 'warning' });
  });

  it('replaces the literals by inputs: metadata-action inputs and the push repositories', () => {
    expect(reusable.jobs.metadata.steps[0].with).toMatchObject({
      images: '${{ inputs.images }}',
      tags: '${{ inputs.tags }}',
      flavor: '${{ inputs.flavor }}',
    });
    expect(JSON.stringify(reusable.jobs)).not.toContain('docker.io/acme/shared-api docker');
    expect(JSON.stringify(reusable.jobs.push)).toContain('${{ inputs.images }}');
  });

  it('is triggered only by workflow_call and has no concurrency group of its own', () => {
    expect(Object.keys(reusable.on)).toEqual(['workflow_call']);
    expect(reusable.concurrency).toBeUndefined();
    expect(reusable.permissions).toEqual({});
  });

  it('has a caller with the triggers, one uses-job without steps or runs-on, and the union of the permissions', () => {
    expect(Object.keys(caller.on)).toEqual(['push', 'pull_request', 'workflow_dispatch']);
    const job = caller.jobs.image as Obj;
    expect(job.uses).toBe('./.github/workflows/image.yml');
    expect(job.steps).toBeUndefined();
    expect(job['runs-on']).toBeUndefined();
    for (const called of Object.values(reusable.jobs) as Obj[]) {
      for (const [scope, level] of Object.entries(called.permissions as Record<string, string>)) {
        expect(level === 'read' ? ['read', 'write'] : ['write'], `${scope}`).toContain(job.permissions[scope]);
      }
    }
    expect(job.secrets).toEqual({
      DOCKERHUB_TOKEN: '${{ secrets.DOCKERHUB_TOKEN }}',
      DOCKERHUB_USERNAME: '${{ secrets.DOCKERHUB_USERNAME }}',
      GHCR_TOKEN: '${{ secrets.GHCR_TOKEN }}',
      GHCR_USER: '${{ secrets.GHCR_USER }}',
    });
    expect(Object.keys(reusable.on.workflow_call.secrets).sort()).toEqual(Object.keys(job.secrets));
  });

  it.each([
    ['reusable-both', '.github/workflows/dockyard.yml', 'image', './.github/workflows/image.yml'],
    [
      'reusable-central-both',
      '.github/workflows/dockyard.yml',
      'container-image',
      'acme/ci-templates/.github/workflows/container-image.yml@v1.4.0',
    ],
  ])('%s: the caller at %s references its reusable workflow', (scenario, path, job, uses) => {
    expect((parse(file(render(scenario), path).content) as Obj).jobs[job].uses).toBe(uses);
  });
});

describe('GitLab component and caller', () => {
  it('is a two-document template: the spec header, then the pipeline without workflow:', () => {
    expect(Object.keys(component.header as Obj)).toEqual(['spec']);
    expect(Object.keys((component.header as Obj).spec.inputs)).toEqual([
      'images',
      'tags',
      'flavor',
      'scan_severities',
      'size_limit_mb',
      'size_on_exceed',
      'lint_threshold',
      'platforms',
      'lint',
      'scan',
      'size',
    ]);
    expect((component.body as Obj).workflow).toBeUndefined();
    expect((component.body as Obj)['.size'].variables.DOCKYARD_SIZE_LIMIT).toBe('$[[ inputs.size_limit_mb ]]');
    expect((component.body as Obj).metadata.variables.DOCKYARD_META_TAGS).toEqual({
      value: '$[[ inputs.tags ]]',
      expand: false,
    });
  });

  it.each([
    ['reusable-both', 'image', '$CI_SERVER_FQDN/$CI_PROJECT_PATH/image@$CI_COMMIT_SHA'],
    ['reusable-central-both', 'container-image', '$CI_SERVER_FQDN/acme/ci/components/container-image@1.4.0'],
  ])('%s: the caller includes the component named %s', (scenario, _name, address) => {
    const ci = parse(file(render(scenario), '.gitlab-ci.yml').content) as Obj;
    expect(ci.include).toEqual([{ component: address }]);
    expect(ci.workflow.rules.length).toBeGreaterThan(0);
  });

  it('the rendered header passes the spec:inputs rules', () => {
    expect(checkGitlabComponentSpec(component, 'templates/image.yml')).toEqual([]);
  });

  const header = component.header as Obj;
  const withInput = (name: string, value: unknown) => ({
    header: { spec: { inputs: { ...header.spec.inputs, [name]: value } } },
    body: component.body,
  });
  it.each([
    [
      'a regex on a number input',
      withInput('size_limit_mb', { type: 'number', default: 300, regex: '^[0-9]+$' }),
      'only string inputs take a regex',
    ],
    [
      'a default outside the options',
      withInput('size_on_exceed', { type: 'string', default: 'explode', options: ['fail', 'warn'] }),
      'is not one of the options',
    ],
    [
      'a default of the wrong type',
      withInput('size_limit_mb', { type: 'number', default: '300' }),
      'default: is not a number',
    ],
    [
      'an unknown input type',
      withInput('size_limit_mb', { type: 'integer', default: 300 }),
      'must be one of string, number, boolean, array',
    ],
    [
      'a regex in slashes',
      withInput('images', { type: 'string', default: 'x', regex: '/^x$/' }),
      'without enclosing slashes',
    ],
    [
      'a default that fails its regex',
      withInput('images', { type: 'string', default: ' x', regex: '^\\S+$' }),
      'does not match the regex',
    ],
    [
      'an unknown input key',
      withInput('images', { type: 'string', default: 'x', required: true }),
      'unknown key `required`',
    ],
    ['a declared input nobody uses', withInput('unused', { type: 'string', default: 'x' }), 'declared but never used'],
    [
      'an interpolation of an undeclared input',
      { header, body: { job: { script: ['echo $[[ inputs.nope ]]'] } } },
      'names no declared input',
    ],
    [
      'a header key beside spec',
      { header: { ...header, include: [] }, body: component.body },
      'unknown header key `include`',
    ],
  ])('flags %s', (_, documents, message) => {
    expect(
      checkGitlabComponentSpec(documents, 'templates/image.yml')
        .map((f) => f.message)
        .join('\n'),
    ).toContain(message);
  });

  const template = file(files, 'templates/image.yml');
  it.skipIf(NO_GITLAB_CI_LOCAL).each([
    ['valid overrides', { size_limit_mb: 120, size_on_exceed: 'warn', images: 'ghcr.io/acme/other' }, ''],
    ['a number input given text', { size_limit_mb: 'abc' }, 'size_limit_mb` input: provided value is not a number'],
    [
      'a value outside the options',
      { lint_threshold: 'loud' },
      'lint_threshold` input: `loud` cannot be used because it is not in the list of allowed options',
    ],
  ])('gitlab-ci-local includes the component with %s', async (_, inputs, message) => {
    const root = stringify({ include: [{ local: template.path, inputs }] });
    const findings = await checkWithGitlabCiLocal(root, '.gitlab-ci.yml', {
      extraFiles: { [template.path]: template.content },
    });
    const text = findings.map((f) => f.message).join('\n');
    if (message === '')
      expect(
        findings.filter((f) => f.severity === 'error'),
        text,
      ).toEqual([]);
    else expect(text).toContain(message);
  });
});

describe('parameterizeLiterals', () => {
  it.each([
    [
      'equal literals in two jobs',
      { a: { env: { DOCKYARD_SIZE_LIMIT: '5' } }, b: { env: { DOCKYARD_SIZE_LIMIT: '5' } } },
      { a: '${{ inputs.size_limit_mb }}', b: '${{ inputs.size_limit_mb }}' },
    ],
    [
      'a later literal that differs stays literal',
      { a: { env: { DOCKYARD_SIZE_LIMIT: '5' } }, b: { env: { DOCKYARD_SIZE_LIMIT: '7' } } },
      { a: '${{ inputs.size_limit_mb }}', b: '7' },
    ],
    [
      'an expression is never replaced',
      { a: { env: { DOCKYARD_SIZE_LIMIT: '${{ matrix.x }}' } }, b: { env: {} } },
      { a: '${{ matrix.x }}', b: undefined },
    ],
    [
      'a key outside env/with is left alone',
      { a: { outputs: { DOCKYARD_SIZE_LIMIT: '5' } }, b: { env: {} } },
      { a: undefined, b: undefined },
    ],
  ])('%s', (_, jobs, expected) => {
    const { value } = parameterizeLiterals(jobs as Obj, ['env', 'with'], (n) => `\${{ inputs.${n} }}`);
    expect({ a: (value as Obj).a.env?.DOCKYARD_SIZE_LIMIT, b: (value as Obj).b.env?.DOCKYARD_SIZE_LIMIT }).toEqual(
      expected,
    );
  });
});
