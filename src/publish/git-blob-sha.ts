import { createHash } from 'node:crypto';

/**
 * The git object id (SHA-1) of a blob with this content: `sha1("blob <bytes>\0" + content)`, 40 lowercase hex
 * digits. GitHub's trees (`sha` of a `blob` entry) and GitLab's repository files (`blob_id`) report the same id,
 * so a rendered file can be compared with a remote one without downloading it. Pure.
 *
 * @param content the file's text, encoded as UTF-8.
 * @see https://git-scm.com/book/en/v2/Git-Internals-Git-Objects
 * @see https://docs.github.com/rest/git/trees#get-a-tree
 */
export function gitBlobShaOf(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
