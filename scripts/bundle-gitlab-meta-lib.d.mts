/** esbuild's metafile of the bundle: bytes each input contributes to the output. */
export interface GitlabMetaMetafile {
  readonly outputs: Record<string, { readonly bytes: number; readonly inputs: Record<string, { readonly bytesInOutput: number }> }>;
}

/** Bundle the GitLab metadata helper and return its text (deterministic for a given lockfile). */
export function bundleGitlabMeta(): Promise<string>;
/** Bundle the GitLab metadata helper and return its text with esbuild's metafile. */
export function bundleGitlabMeta(options: { metafile: true }): Promise<{ text: string; metafile: GitlabMetaMetafile }>;
