/**
 * The name of the reusable unit (GitHub reusable workflow, GitLab CI/CD component) when `output.reusable.name` is
 * not set: `dockyard-image` (`.github/workflows/dockyard-image.yml`, `templates/dockyard-image.yml`).
 */
export const DEFAULT_REUSABLE_NAME = 'dockyard-image';
