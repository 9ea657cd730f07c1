import type { RemoteFile, RemoteFiles } from '../remote-state.js';
import type { GitlabClient } from './create-gitlab-client.js';
import { callGitlab } from './describe-gitlab-error.js';

/**
 * Files at a commit (`GET /projects/:id/repository/files/:file_path?ref=SHA`, one request per path; content is
 * base64 in the answer). Missing paths (404) map to undefined.
 *
 * @throws {import('../repository-host.js').PublishError} on any other API error.
 * @see https://docs.gitlab.com/api/repository_files/#get-file-from-repository
 */
export async function readGitlabFiles(gitlab: GitlabClient, project: string, sha: string, paths: readonly string[], withContent: boolean): Promise<RemoteFiles> {
  const files = new Map<string, RemoteFile | undefined>();
  for (const path of paths) {
    const data = await callGitlab(`read ${path}`, project, () => gitlab.RepositoryFiles.show(project, path, sha), () => undefined);
    if (!data) {
      files.set(path, undefined);
      continue;
    }
    const blobSha = String(data.blob_id);
    const content = data.encoding === 'base64' ? Buffer.from(String(data.content), 'base64').toString('utf8') : String(data.content);
    files.set(path, withContent ? { blobSha, content } : { blobSha });
  }
  return files;
}
