/** Bundle the GitLab metadata helper and return its text (deterministic for a given lockfile). */
export function bundleGitlabMeta(): Promise<string>;
