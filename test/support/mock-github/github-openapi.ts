/**
 * Validation of requests and responses against GitHub's official OpenAPI description (the npm package
 * `@octokit/openapi`, api.github.com), for the mock GitHub server of the publish tests.
 *
 * Operations are found by method and path template (`x-multi-segment` parameters may span `/`). A request is
 * checked for its path and query parameters (types, enums, required, no undocumented query parameter) and its JSON
 * body; a response for its JSON body against the schema documented for its status. Statuses an operation does not
 * list (401, 403/429 rate limits on most routes) are checked against the description's `basic-error` schema.
 */
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Record<string, unknown>;
  'x-multi-segment'?: boolean;
}

interface Operation {
  operationId: string;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter>; examples: Record<string, { value: unknown }> } & Record<
    string,
    unknown
  >;
}

/** A matched operation with its decoded path parameters. */
export interface MatchedOperation {
  readonly operationId: string;
  readonly method: string;
  readonly template: string;
  readonly params: Readonly<Record<string, string>>;
}

const SPEC_ID = 'https://dockyard.test/api.github.com.json';
let spec: Spec | undefined;
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();
let routes:
  | Array<{ method: string; template: string; regex: RegExp; names: string[]; literal: number; op: Operation }>
  | undefined;

function load(): { spec: Spec; ajv: Ajv } {
  if (!spec || !ajv) {
    const require = createRequire(import.meta.url);
    spec = require('@octokit/openapi/generated/api.github.com.json') as Spec;
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, discriminator: false });
    addFormats(ajv);
    // GitHub's own format for `owner/name` repository references.
    ajv.addFormat('repo.nwo', /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/);
    ajv.addSchema({ $id: SPEC_ID, components: spec.components });
  }
  return { spec, ajv };
}

function compile(key: string, schema: unknown): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    const rewritten = JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', `"${SPEC_ID}#/components/`),
    ) as object;
    validate = load().ajv.compile(rewritten);
    validators.set(key, validate);
  }
  return validate;
}

function resolveParameter(p: Parameter | { $ref: string }): Parameter {
  if ('$ref' in p) return load().spec.components.parameters[p.$ref.split('/').at(-1)!];
  return p;
}

function allRoutes(): NonNullable<typeof routes> {
  if (!routes) {
    routes = [];
    for (const [template, methods] of Object.entries(load().spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!op || typeof op !== 'object' || !('responses' in op)) continue;
        const params = (op.parameters ?? []).map(resolveParameter);
        const names: string[] = [];
        const pattern = template
          .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
          .replace(/\\?\{([^}]+)\\?\}/g, (_, name: string) => {
            names.push(name);
            return params.find((p) => p.name === name)?.['x-multi-segment'] ? '(.+)' : '([^/]+)';
          });
        routes.push({
          method: method.toUpperCase(),
          template,
          regex: new RegExp(`^${pattern}$`),
          names,
          literal: template.replace(/\{[^}]+\}/g, '').length,
          op,
        });
      }
    }
  }
  return routes;
}

/** The documented operation for a method and URL path, or undefined (an undocumented route). */
export function matchOperation(method: string, pathname: string): MatchedOperation | undefined {
  const candidates = allRoutes()
    .filter((r) => r.method === method && r.regex.test(pathname))
    .sort((a, b) => b.literal - a.literal);
  const route = candidates[0];
  if (!route) return undefined;
  const values = route.regex.exec(pathname)!.slice(1).map(decodeURIComponent);
  return {
    operationId: route.op.operationId,
    method,
    template: route.template,
    params: Object.fromEntries(route.names.map((n, i) => [n, values[i]])),
  };
}

function operationOf(match: MatchedOperation): Operation {
  return load().spec.paths[match.template][match.method.toLowerCase()];
}

function coerce(value: string, schema: Record<string, unknown>): unknown {
  if (schema.type === 'integer' || schema.type === 'number')
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (schema.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

function errorsOf(validate: ValidateFunction, where: string): string[] {
  return (validate.errors ?? []).map(
    (e) => `${where}${e.instancePath || ''} ${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
  );
}

/**
 * Problems with a request: path and query parameters against their schemas (query strings coerced to the
 * documented type), undocumented query parameters, a missing required body, and the JSON body against the schema.
 */
export function validateRequest(match: MatchedOperation, query: URLSearchParams, body: unknown): string[] {
  const op = operationOf(match);
  const problems: string[] = [];
  const params = (op.parameters ?? []).map(resolveParameter);
  for (const p of params.filter((x) => x.in === 'path')) {
    const validate = compile(`${match.operationId}:path:${p.name}`, p.schema);
    if (!validate(coerce(match.params[p.name] ?? '', p.schema)))
      problems.push(...errorsOf(validate, `path parameter ${p.name}`));
  }
  for (const p of params.filter((x) => x.in === 'query')) {
    const value = query.get(p.name);
    if (value === null) {
      if (p.required) problems.push(`query parameter ${p.name} is required`);
      continue;
    }
    const validate = compile(`${match.operationId}:query:${p.name}`, p.schema);
    if (!validate(coerce(value, p.schema))) problems.push(...errorsOf(validate, `query parameter ${p.name}`));
  }
  for (const name of query.keys()) {
    if (!params.some((p) => p.in === 'query' && p.name === name))
      problems.push(`query parameter ${name} is not documented for ${match.operationId}`);
  }
  const schema = op.requestBody?.content['application/json']?.schema;
  if (body === undefined) {
    if (op.requestBody?.required) problems.push('request body is required');
  } else if (!schema) {
    problems.push(`${match.operationId} documents no JSON request body`);
  } else {
    const validate = compile(`${match.operationId}:body`, schema);
    if (!validate(body)) problems.push(...errorsOf(validate, 'request body'));
  }
  return problems.map((p) => `${match.method} ${match.template} (${match.operationId}): ${p}`);
}

/**
 * Problems with a response body: against the schema documented for its status, or, for a status the operation
 * does not list (401, rate limits), against `basic-error`. A documented status without content must have no body.
 */
export function validateResponse(match: MatchedOperation, status: number, body: unknown): string[] {
  const op = operationOf(match);
  const listed = op.responses[String(status)] as
    { $ref?: string; content?: Record<string, { schema: unknown }> } | undefined;
  const documented = listed?.$ref
    ? (load().spec.components.responses as Record<string, typeof listed>)[listed.$ref.split('/').at(-1)!]
    : listed;
  const schema = documented
    ? documented.content?.['application/json']?.schema
    : { $ref: '#/components/schemas/basic-error' };
  const where = `${match.method} ${match.template} (${match.operationId}) response ${status}`;
  if (!schema) return body === undefined ? [] : [`${where}: documents no body, got one`];
  const validate = compile(`${match.operationId}:response:${documented ? status : 'basic-error'}`, schema);
  return validate(body) ? [] : errorsOf(validate, `${where}: body`);
}

/** A copy of one of the description's examples (`components.examples[name].value`), to build responses from. */
export function exampleOf<T>(name: string): T {
  const example = load().spec.components.examples[name];
  if (!example) throw new Error(`@octokit/openapi has no example "${name}"`);
  return structuredClone(example.value) as T;
}
