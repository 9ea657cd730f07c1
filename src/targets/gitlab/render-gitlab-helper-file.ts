import { addMarker, type MarkerInfo } from '../../emit/generated-marker.js';
import type { GeneratedFile, RenderAssets } from '../../synth/generated-file.js';

/**
 * The GitLab metadata helper as synth writes it: the bundled helper behind a `//` marker whose first line names
 * the dockyard version that shipped it and whose checksum line is the SHA-256 of the helper itself
 * (`templates/gitlab/dockyard-meta.mjs` of that version's package), so a reviewer can verify it. The marker names
 * no config and the plain regenerate command: the helper is the same for every config, so several configs of one
 * repository (one per image) share it without rewriting it, and `synth --check` of each finds it current.
 *
 * @param path the helper's path relative to the config directory (`gitlabMetaHelperPath`).
 * @see ../../docs/tags.md#verifying-the-gitlab-metadata-helper
 */
export function renderGitlabHelperFile(path: string, assets: RenderAssets): GeneratedFile {
  const marker: MarkerInfo = { command: 'npx dockyard synth', version: assets.dockyardVersion };
  return { ci: 'gitlab', kind: 'helper', path, content: addMarker(assets.gitlabMetaHelper, marker, '//') };
}
