import { readFileSync } from 'node:fs';

/** A dotenv file that does not parse; the message names the file and line. */
export class EnvFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvFileError';
  }
}

/**
 * Parse a dotenv file strictly: `KEY=VALUE` lines (an optional `export ` prefix; values optionally in single or
 * double quotes, `\n` expanded inside double quotes), blank lines and `#` comments. Anything else is an error,
 * unlike lenient parsers that skip bad lines silently.
 *
 * @throws {EnvFileError} naming the file, the line number and what was expected.
 * @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportsdotenv
 */
export function parseEnvText(text: string, fileName: string): Record<string, string> {
  const vars: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) {
      throw new EnvFileError(
        `${fileName}:${index + 1}: expected KEY=VALUE (KEY of letters, digits and _), got ${JSON.stringify(raw.slice(0, 60))}`,
      );
    }
    const [, key, value] = match;
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (!quoted && /^["']/.test(value))
      throw new EnvFileError(`${fileName}:${index + 1}: unterminated quote in the value of ${key}`);
    vars[key] = quoted ? (quoted[1] === '"' ? quoted[2].replaceAll('\\n', '\n') : quoted[2]) : value;
  });
  return vars;
}

/** Read and parse a dotenv file. @throws {EnvFileError} when it cannot be read or parsed. */
export function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new EnvFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  return parseEnvText(text, path);
}
