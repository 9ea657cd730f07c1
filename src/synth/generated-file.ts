import type { CiSystem } from '../config/schema/primitives.js';
import type { StepScripts } from '../emit/step-scripts.js';

/**
 * A file dockyard generates: path relative to the config directory (POSIX separators) and full content.
 * `pipeline` files are CI configurations; `helper` files are scripts a pipeline runs (the GitLab metadata helper).
 */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
  readonly ci: CiSystem;
  readonly kind: 'pipeline' | 'helper';
}

/** Prebuilt file contents the renderer includes (read from the package by the caller, keeping this pure). */
export interface RenderAssets {
  /** The bundled GitLab metadata helper (`templates/gitlab/dockyard-meta.mjs`). */
  readonly gitlabMetaHelper: string;
  /** The dockyard version these assets ship with (package.json `version`), named in the helper's marker. */
  readonly dockyardVersion: string;
  /** The step scripts the pipelines embed (`templates/steps/`, read by `readStepScripts`). */
  readonly steps: StepScripts;
}
