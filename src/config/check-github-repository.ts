import { type ConfigIssue, configIssue as issue } from './format-issues.js';
import type { DockyardConfig } from './schema/index.js';

/** Plans whose organizations can enable GitHub Code Security on private and internal repositories. */
const CODE_SECURITY_PLANS: readonly string[] = ['team', 'enterprise'];

/**
 * Rules of the `github` block: it describes the GitHub repository, so `ci` must list github; `internal`
 * repositories exist only on GitHub Enterprise Cloud; code scanning on private and internal repositories needs
 * GitHub Code Security, which only organizations on Team or Enterprise Cloud can enable; `codeScanning` without
 * `scan.report` has no effect (a warning).
 *
 * @see https://docs.github.com/code-security/code-scanning/reference
 * @see https://docs.github.com/repositories/creating-and-managing-repositories/about-repositories#about-internal-repositories
 */
export function checkGithubRepository(config: DockyardConfig): ConfigIssue[] {
  const github = config.github;
  if (github === undefined) return [];
  const out: ConfigIssue[] = [];
  if (!config.ci.includes('github')) {
    out.push(
      issue(
        'github',
        'describes the GitHub repository, but `ci` does not list github',
        'ci including "github", or no github block',
        github,
      ),
    );
  }
  if (github.visibility === 'internal' && github.plan !== 'enterprise') {
    out.push(
      issue(
        'github.plan',
        `internal repositories exist only on GitHub Enterprise Cloud, not on plan "${github.plan}"`,
        'plan "enterprise" with visibility "internal", or visibility "private"',
        github.plan,
      ),
    );
  }
  if (github.visibility !== 'public' && github.codeScanning === true && !CODE_SECURITY_PLANS.includes(github.plan)) {
    out.push(
      issue(
        'github.codeScanning',
        `code scanning is not available on ${github.visibility} repositories on plan "${github.plan}": it needs GitHub Code Security, which only organizations on GitHub Team or Enterprise Cloud can enable`,
        'false (the scan report is then kept as an artifact and summarised in the job summary), or plan "team" / "enterprise" with Code Security enabled',
        github.codeScanning,
      ),
    );
  }
  if (github.codeScanning !== undefined && !config.scan.report) {
    out.push(
      issue(
        'github.codeScanning',
        'has no effect: only scan.report uploads anything to code scanning',
        'scan.report true, or no codeScanning',
        github.codeScanning,
        'warning',
      ),
    );
  }
  return out;
}
