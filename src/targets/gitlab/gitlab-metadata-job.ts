import { posix } from 'node:path';
import { retentionDaysOf, type Pipeline } from '../../model/pipeline.js';
import { metadataLines } from '../../emit/metadata-lines.js';
import { GITLAB_IMAGES } from './gitlab-images.js';
import type { GitlabRegistry } from './gitlab-registries.js';
import type { GitlabJob } from './gitlab-types.js';

/** Where the metadata helper goes, relative to the GitLab CI file's directory. */
export const GITLAB_META_HELPER = '.gitlab/dockyard-meta.mjs';

/** Path of the metadata helper relative to the config directory, beside the GitLab CI file. */
export function gitlabMetaHelperPath(gitlabFile: string): string {
  return posix.join(posix.dirname(gitlabFile), GITLAB_META_HELPER);
}

/**
 * The `metadata` job: runs dockyard's tag engine (the committed helper, a single dependency-free Node.js file)
 * over GitLab's predefined variables and writes a dotenv report (`DOCKYARD_VERSION`, `DOCKYARD_TAGS`,
 * `DOCKYARD_LABELS`, `DOCKYARD_ANNOTATIONS`; list items joined by the two characters `\n`) for the build and
 * manifest jobs, plus `dockyard/meta.json` with the full result and the reason for every tag. Tag and flavor
 * lines are passed unexpanded; image names are expanded (`$CI_REGISTRY_IMAGE`).
 *
 * @param helperPath the helper's path relative to the project directory.
 * @see https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportsdotenv
 */
export function gitlabMetadataJob(
  pipeline: Pipeline,
  registries: readonly GitlabRegistry[],
  helperPath: string,
): GitlabJob {
  const lines = metadataLines(pipeline);
  const literal = (items: string[]) => ({ value: items.join('\n'), expand: false });
  return {
    image: { name: GITLAB_IMAGES.node, entrypoint: [''] },
    variables: {
      DOCKYARD_META_IMAGES: registries.map((r) => r.ref).join('\n'),
      DOCKYARD_META_TAGS: literal(lines.tags),
      DOCKYARD_META_FLAVOR: literal(lines.flavor),
      ...(lines.labels.length > 0 ? { DOCKYARD_META_LABELS: literal(lines.labels) } : {}),
      ...(lines.annotations.length > 0 ? { DOCKYARD_META_ANNOTATIONS: literal(lines.annotations) } : {}),
    },
    script: [`node ${helperPath} dockyard/meta.env dockyard/meta.json`],
    artifacts: {
      reports: { dotenv: 'dockyard/meta.env' },
      paths: ['dockyard/meta.json'],
      expire_in: `${retentionDaysOf(pipeline, 'metadata')} day`,
    },
  };
}
