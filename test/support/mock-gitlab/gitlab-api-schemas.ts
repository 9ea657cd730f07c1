/**
 * The GitLab REST endpoints dockyard uses, as a table of request and response shapes written from GitLab's API
 * documentation (GitLab publishes no complete machine-readable description on npm). Each route lists its
 * documented query and body attributes with their types (undocumented ones are rejected) and the response fields
 * dockyard relies on. The mock GitLab server validates every request and response with these schemas (ajv).
 */
import { Ajv, type ValidateFunction } from 'ajv';

type Schema = Record<string, unknown>;

const str = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const sha = { type: 'string', pattern: '^[0-9a-f]{40}$' };

/** A documented route: method, path pattern (`:name` segments), attribute schemas, response schema per status. */
export interface GitlabRoute {
  readonly name: string;
  readonly doc: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly pattern: string;
  readonly query?: Schema;
  readonly body?: Schema;
  readonly response: Schema;
  /** How the request authenticates: a `PRIVATE-TOKEN` header (default) or a pipeline trigger token in `token`. */
  readonly auth?: 'private-token' | 'trigger-token';
}

const commit: Schema = {
  type: 'object',
  required: [
    'id',
    'short_id',
    'title',
    'message',
    'author_name',
    'author_email',
    'authored_date',
    'committer_name',
    'committer_email',
    'committed_date',
    'parent_ids',
    'created_at',
    'web_url',
  ],
  properties: {
    id: sha,
    short_id: str,
    title: str,
    message: str,
    author_name: str,
    author_email: str,
    authored_date: str,
    committer_name: str,
    committer_email: str,
    committed_date: str,
    parent_ids: { type: 'array', items: sha },
    created_at: str,
    web_url: str,
  },
};

const mergeRequest: Schema = {
  type: 'object',
  required: [
    'id',
    'iid',
    'project_id',
    'title',
    'description',
    'state',
    'source_branch',
    'target_branch',
    'web_url',
    'draft',
    'labels',
    'sha',
  ],
  properties: {
    id: int,
    iid: int,
    project_id: int,
    title: str,
    description: { type: ['string', 'null'] },
    state: { enum: ['opened', 'closed', 'locked', 'merged'] },
    source_branch: str,
    target_branch: str,
    web_url: str,
    draft: bool,
    labels: { type: 'array', items: str },
    sha: { type: ['string', 'null'] },
  },
};

const pagination = {
  page: int,
  per_page: { type: 'integer', minimum: 1, maximum: 100 },
  pagination: { enum: ['offset', 'keyset'] },
};

/** @see the `doc` URL of each entry. */
export const GITLAB_ROUTES: readonly GitlabRoute[] = [
  {
    name: 'get current user',
    doc: 'https://docs.gitlab.com/api/users/ (GET /user; fields of lib/api/entities/user_public.rb, commit_email = commit_email_or_default)',
    method: 'GET',
    pattern: '/api/v4/user',
    query: { type: 'object', additionalProperties: false, properties: {} },
    response: {
      type: 'object',
      required: ['id', 'username', 'name', 'state', 'email', 'commit_email', 'web_url'],
      properties: {
        id: int,
        username: str,
        name: str,
        state: str,
        email: str,
        commit_email: str,
        bot: bool,
        web_url: str,
      },
    },
  },
  {
    name: 'get project',
    doc: 'https://docs.gitlab.com/api/projects/#get-a-single-project',
    method: 'GET',
    pattern: '/api/v4/projects/:id',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { license: bool, statistics: bool, with_custom_attributes: bool },
    },
    response: {
      type: 'object',
      required: ['id', 'default_branch', 'path_with_namespace', 'web_url'],
      properties: { id: int, default_branch: str, path_with_namespace: str, web_url: str },
    },
  },
  {
    name: 'get branch',
    doc: 'https://docs.gitlab.com/api/branches/#get-single-repository-branch',
    method: 'GET',
    pattern: '/api/v4/projects/:id/repository/branches/:branch',
    query: { type: 'object', additionalProperties: false, properties: {} },
    response: {
      type: 'object',
      required: ['name', 'commit', 'protected', 'merged', 'default', 'web_url'],
      properties: { name: str, commit: commit, protected: bool, merged: bool, default: bool, web_url: str },
    },
  },
  {
    name: 'get commit',
    doc: 'https://docs.gitlab.com/api/commits/#get-a-single-commit',
    method: 'GET',
    pattern: '/api/v4/projects/:id/repository/commits/:sha',
    query: { type: 'object', additionalProperties: false, properties: { stats: bool } },
    response: commit,
  },
  {
    name: 'list repository tree',
    doc: 'https://docs.gitlab.com/api/repositories/#list-repository-tree',
    method: 'GET',
    pattern: '/api/v4/projects/:id/repository/tree',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { ref: str, path: str, recursive: bool, page_token: str, ...pagination },
    },
    response: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'type', 'path', 'mode'],
        properties: { id: sha, name: str, type: { enum: ['tree', 'blob', 'commit'] }, path: str, mode: str },
      },
    },
  },
  {
    name: 'get file',
    doc: 'https://docs.gitlab.com/api/repository_files/#get-file-from-repository',
    method: 'GET',
    pattern: '/api/v4/projects/:id/repository/files/:file_path',
    query: { type: 'object', additionalProperties: false, required: ['ref'], properties: { ref: str } },
    response: {
      type: 'object',
      required: [
        'file_name',
        'file_path',
        'size',
        'encoding',
        'content',
        'content_sha256',
        'ref',
        'blob_id',
        'commit_id',
        'last_commit_id',
      ],
      properties: {
        file_name: str,
        file_path: str,
        size: int,
        encoding: { enum: ['base64', 'text'] },
        content: str,
        content_sha256: str,
        ref: str,
        blob_id: sha,
        commit_id: sha,
        last_commit_id: sha,
      },
    },
  },
  {
    name: 'create commit',
    doc: 'https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions',
    method: 'POST',
    pattern: '/api/v4/projects/:id/repository/commits',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['branch', 'commit_message', 'actions'],
      properties: {
        branch: str,
        commit_message: str,
        start_branch: str,
        start_sha: sha,
        start_project: { type: ['string', 'integer'] },
        author_email: str,
        author_name: str,
        stats: bool,
        force: bool,
        actions: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['action', 'file_path'],
            properties: {
              action: { enum: ['create', 'delete', 'move', 'update', 'chmod'] },
              file_path: str,
              previous_path: str,
              content: str,
              encoding: { enum: ['text', 'base64'] },
              last_commit_id: str,
              execute_filemode: bool,
            },
          },
        },
      },
    },
    response: commit,
  },
  {
    name: 'list merge requests',
    doc: 'https://docs.gitlab.com/api/merge_requests/#list-project-merge-requests',
    method: 'GET',
    pattern: '/api/v4/projects/:id/merge_requests',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...pagination,
        state: { enum: ['opened', 'closed', 'locked', 'merged', 'all'] },
        source_branch: str,
        target_branch: str,
        labels: str,
        order_by: str,
        sort: { enum: ['asc', 'desc'] },
      },
    },
    response: { type: 'array', items: mergeRequest },
  },
  {
    name: 'create merge request',
    doc: 'https://docs.gitlab.com/api/merge_requests/#create-mr',
    method: 'POST',
    pattern: '/api/v4/projects/:id/merge_requests',
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['source_branch', 'target_branch', 'title'],
      properties: {
        source_branch: str,
        target_branch: str,
        title: str,
        description: str,
        labels: str,
        remove_source_branch: bool,
        squash: bool,
        assignee_id: int,
        milestone_id: int,
        allow_collaboration: bool,
        target_project_id: int,
      },
    },
    response: mergeRequest,
  },
  {
    name: 'update merge request',
    doc: 'https://docs.gitlab.com/api/merge_requests/#update-mr',
    method: 'PUT',
    pattern: '/api/v4/projects/:id/merge_requests/:merge_request_iid',
    body: {
      type: 'object',
      additionalProperties: false,
      properties: {
        title: str,
        description: str,
        labels: str,
        add_labels: str,
        remove_labels: str,
        state_event: { enum: ['close', 'reopen'] },
        target_branch: str,
        remove_source_branch: bool,
        squash: bool,
        discussion_locked: bool,
      },
    },
    response: mergeRequest,
  },
  {
    name: 'trigger pipeline',
    doc: 'https://docs.gitlab.com/api/pipeline_triggers/#trigger-a-pipeline-with-a-token',
    method: 'POST',
    pattern: '/api/v4/projects/:id/trigger/pipeline',
    auth: 'trigger-token',
    // token and ref may come as query or form attributes (gitbeaker sends them in the query); variables[KEY] as form fields.
    query: {
      type: 'object',
      additionalProperties: false,
      required: ['token', 'ref'],
      properties: { token: str, ref: str },
    },
    body: {
      type: 'object',
      additionalProperties: false,
      patternProperties: {
        '^variables\\[[A-Za-z_][A-Za-z0-9_]*\\]$': str,
        '^inputs\\[[A-Za-z_][A-Za-z0-9_-]*\\]$': str,
      },
    },
    response: {
      type: 'object',
      required: ['id', 'iid', 'project_id', 'sha', 'ref', 'status', 'source', 'web_url', 'created_at'],
      properties: {
        id: int,
        iid: int,
        project_id: int,
        sha: sha,
        ref: str,
        status: str,
        source: { const: 'trigger' },
        web_url: str,
        created_at: str,
      },
    },
  },
];

/** GitLab's error answers: `{ message }` or `{ error }`. @see https://docs.gitlab.com/api/rest/troubleshooting/#status-codes */
export const ERROR_SCHEMA: Schema = { type: 'object', anyOf: [{ required: ['message'] }, { required: ['error'] }] };

const ajv = new Ajv({ allErrors: true, coerceTypes: false, allowUnionTypes: true });
const compiled = new Map<Schema, ValidateFunction>();

/** Validate a value; problems as `where: message` lines. */
export function checkShape(schema: Schema, value: unknown, where: string): string[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate(value)
    ? []
    : (validate.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/** The route for a method and path (`%2F`-encoded ids and file paths), with decoded parameters. */
export function matchGitlabRoute(
  method: string,
  pathname: string,
): { route: GitlabRoute; params: Record<string, string> } | undefined {
  for (const route of GITLAB_ROUTES) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const regex = new RegExp(`^${route.pattern.replace(/:([a-z_]+)/g, (_, n: string) => (names.push(n), '([^/]+)'))}$`);
    const m = regex.exec(pathname);
    if (m) return { route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return undefined;
}

/** Query strings as typed values, following each documented attribute's type. */
export function typedQuery(route: GitlabRoute, query: URLSearchParams): Record<string, unknown> {
  const props = (route.query?.properties ?? {}) as Record<string, { type?: string }>;
  return Object.fromEntries(
    [...query].map(([k, v]) => {
      const type = props[k]?.type;
      return [
        k,
        type === 'integer' && /^\d+$/.test(v)
          ? Number(v)
          : type === 'boolean' && (v === 'true' || v === 'false')
            ? v === 'true'
            : v,
      ];
    }),
  );
}
