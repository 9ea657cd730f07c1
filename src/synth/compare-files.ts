import { normaliseLineEndings, parseMarker } from '../emit/generated-marker.js';
import type { GeneratedFile } from './render-pipeline-files.js';

/**
 * State of a generated file on disk compared with a fresh render:
 * Line endings are ignored (CRLF equals LF). `missing`; `foreign` (exists without a dockyard marker); `hand-edited` (marker checksum does not match the
 * content); `stale` (untouched since generated, but the config now renders something else); `current`.
 */
export type FileState = 'missing' | 'foreign' | 'hand-edited' | 'stale' | 'current';

/** A rendered file with the state of its counterpart on disk. */
export interface FileComparison {
  readonly file: GeneratedFile;
  readonly state: FileState;
}

/**
 * Compare rendered files with what is on disk. Pure: `onDisk` maps each path to its current content or
 * undefined when absent.
 */
export function compareFiles(
  rendered: readonly GeneratedFile[],
  onDisk: ReadonlyMap<string, string | undefined>,
): FileComparison[] {
  return rendered.map((file) => ({ file, state: stateOf(file, onDisk.get(file.path)) }));
}

function stateOf(file: GeneratedFile, existing: string | undefined): FileState {
  if (existing === undefined) return 'missing';
  // A CRLF checkout of an unchanged file is current: Git converts line endings back on commit (core.autocrlf).
  if (existing === file.content || normaliseLineEndings(existing) === file.content) return 'current';
  const marker = parseMarker(existing);
  if (!marker) return 'foreign';
  if (marker.recorded !== marker.actual) return 'hand-edited';
  return 'stale';
}
