/**
 * Validate a GitHub Actions workflow with GitHub's own parser, `@actions/workflow-parser`
 * (the parser behind the Actions language server / VS Code extension).
 *
 * @module
 */
import { createJiti } from 'jiti';
import type { Finding } from './finding.js';

type WorkflowParserModule = typeof import('@actions/workflow-parser');
type ConvertModule = typeof import('@actions/workflow-parser/model/convert');

interface LoadedParser {
  parser: WorkflowParserModule;
  convert: ConvertModule;
}

let loading: Promise<LoadedParser> | undefined;

/**
 * Load `@actions/workflow-parser` once per process.
 *
 * The package's ESM build imports its JSON schema without an import attribute
 * (`import x from "./workflow-v1.0.min.json"`), which plain Node 20 rejects with
 * ERR_IMPORT_ATTRIBUTE_MISSING. jiti loads it the same way under plain `node`, `tsx` and vitest.
 */
function loadWorkflowParser(): Promise<LoadedParser> {
  loading ??= (async () => {
    const jiti = createJiti(import.meta.url);
    const [parser, convert] = await Promise.all([
      jiti.import<WorkflowParserModule>('@actions/workflow-parser'),
      jiti.import<ConvertModule>('@actions/workflow-parser/model/convert'),
    ]);
    return { parser, convert };
  })().catch((err: unknown) => {
    loading = undefined;
    throw new Error(
      `could not load @actions/workflow-parser (is it installed?): ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  });
  return loading;
}

/**
 * Parse a workflow the way GitHub does and collect every error it reports.
 *
 * Runs `parseWorkflow` (YAML + schema: unknown keys, wrong types, bad expressions) and then
 * `convertWorkflowTemplate` with `ErrorPolicy.TryConversion`, so that semantic errors found while
 * converting (for example `needs` naming a job that does not exist, job dependency cycles,
 * invalid cron) are reported even when the schema pass already failed. Reusable workflows are
 * not fetched (no file provider), so nothing touches the network or the file system.
 *
 * @param content - the workflow YAML text.
 * @param fileName - used as {@link Finding.file} and in the parser's own messages, e.g. `.github/workflows/ci.yml`.
 * @returns one `error` finding per parser error (the parser has no warnings), with the 1-based
 *   `line`/`column` of the offending token; `[]` for a valid workflow. Duplicate messages at the
 *   same position are reported once. Multi-line YAML errors are cut to their first line.
 * @throws Error when `@actions/workflow-parser` cannot be loaded.
 * @see https://github.com/actions/languageservices/tree/main/workflow-parser
 */
export async function checkWithWorkflowParser(content: string, fileName: string): Promise<Finding[]> {
  const { parser, convert } = await loadWorkflowParser();
  const parsed = parser.parseWorkflow({ name: fileName, content }, new parser.NoOperationTraceWriter());
  if (parsed.value !== undefined) {
    await convert.convertWorkflowTemplate(parsed.context, parsed.value, undefined, {
      errorPolicy: convert.ErrorPolicy.TryConversion,
    });
  }
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const err of parsed.context.errors.getErrors()) {
    const message = firstLine(err.rawMessage);
    const line = err.range?.start.line;
    const column = err.range?.start.column;
    const key = `${line}:${column}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ tool: 'workflow-parser', file: fileName, line, column, severity: 'error', message });
  }
  return findings;
}

function firstLine(text: string): string {
  const trimmed = text.trim();
  const nl = trimmed.indexOf('\n');
  const first = nl === -1 ? trimmed : trimmed.slice(0, nl).trim();
  // YAML errors end their first line with ':' before a code frame.
  return first.replace(/:$/, '');
}
