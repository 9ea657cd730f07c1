import { readFile } from 'node:fs/promises';
import { posix, resolve } from 'node:path';
import { runDoctorRules, runRepositoryRules, type DoctorConfig, type DoctorFinding } from '../../init/doctor-rules.js';
import { planPipeline } from '../../model/plan-pipeline.js';
import { parseDockerfile } from '../../init/parse-dockerfile.js';
import { AmbiguousConfigError, findConfigFile } from '../../io/load-config.js';
import { loadValidatedConfig } from '../load-validated-config.js';
import type { Output } from '../output.js';
import type { DoctorOptions } from './doctor-args.js';

/**
 * `dockyard doctor`: read the Dockerfile (and the config when there is one) and report what weakens the
 * pipeline, each finding with its Dockerfile line and fix (see docs/init-and-doctor.md for the rules).
 *
 * @returns 0 when there is no finding of severity `error` (warnings allowed); 1 with errors or an invalid config;
 *   2 when the Dockerfile cannot be read.
 * @throws {import('../../io/load-config.js').ConfigLoadError} when an explicit --config is missing or unloadable.
 */
export async function runDoctor(options: DoctorOptions, output: Output): Promise<number> {
  const dir = resolve(options.dir ?? '.');
  let config: DoctorConfig = {};
  let configured: string | undefined;
  let repositoryFindings: DoctorFinding[] = [];
  let configPath = 'config';
  let hasConfig = true;
  try {
    findConfigFile(dir, options.config);
  } catch (error) {
    if (options.config || error instanceof AmbiguousConfigError) throw error;
    hasConfig = false;
  }
  if (hasConfig) {
    // The test-stage rule is reported below as a finding with its line (test-stage-not-candidate), not as a config error.
    const loaded = await loadValidatedConfig(dir, options.config, output, { checkDockerfile: false });
    if (!loaded) return 1;
    config = loaded.config;
    configured = loaded.config.image.dockerfile ?? posix.join(loaded.config.image.context, 'Dockerfile');
    configPath = loaded.relativePath;
    if (loaded.config.ci.includes('github'))
      repositoryFindings = runRepositoryRules(planPipeline(loaded.config, 'github'));
  }
  const path = options.dockerfile ?? configured ?? 'Dockerfile';
  let content: string;
  try {
    content = await readFile(resolve(dir, path), 'utf8');
  } catch (error) {
    output.err(`dockyard: cannot read ${path}: ${(error as Error).message}`);
    return 2;
  }
  const findings = [...runDoctorRules(parseDockerfile(content), config), ...repositoryFindings];
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (options.json) {
    output.out(JSON.stringify({ dockerfile: path, findings }, null, 2));
    return errors > 0 ? 1 : 0;
  }
  const { color } = output;
  for (const f of findings) {
    const where = f.about === 'config' ? configPath : f.line === undefined ? path : `${path}:${f.line}`;
    const label =
      f.severity === 'error' ? color.red('error') : f.severity === 'warning' ? color.yellow('warning') : 'info';
    output.out(`${label} ${where} [${f.rule}] ${f.message}`);
    output.out(`  fix: ${f.fix}`);
  }
  const infos = findings.length - errors - warnings;
  output.out(
    findings.length === 0
      ? `${color.green('ok')} ${path}: no findings`
      : `${errors} error(s), ${warnings} warning(s)${infos > 0 ? `, ${infos} note(s)` : ''} in ${path}${repositoryFindings.length > 0 ? ` and ${configPath}` : ''}`,
  );
  return errors > 0 ? 1 : 0;
}
