import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** A file to write: path relative to `root`, and its content. */
export interface FileToWrite {
  readonly path: string;
  readonly content: string;
}

/**
 * Write several files all-or-nothing: every file is first written to a temporary sibling, then the
 * temporaries are renamed over their targets. If anything fails, temporaries are removed and targets already
 * replaced are restored to their previous content, so the tree is never half-written.
 *
 * @param root directory the paths are relative to.
 * @throws the first I/O error, after rolling back.
 */
export async function writeFilesAtomically(root: string, files: readonly FileToWrite[]): Promise<void> {
  const staged: Array<{ target: string; temp: string; previous: string | undefined }> = [];
  const done: typeof staged = [];
  try {
    for (const file of files) {
      const target = resolve(root, file.path);
      await mkdir(dirname(target), { recursive: true });
      const temp = `${target}.dockyard-tmp-${process.pid}`;
      const previous = await readFile(target, 'utf8').catch(() => undefined);
      staged.push({ target, temp, previous });
      await writeFile(temp, file.content, 'utf8');
    }
    for (const entry of staged) {
      await rename(entry.temp, entry.target);
      done.push(entry);
    }
  } catch (error) {
    await Promise.all(staged.map((e) => rm(e.temp, { force: true })));
    for (const entry of done.reverse()) {
      if (entry.previous === undefined) await rm(entry.target, { force: true });
      else await writeFile(entry.target, entry.previous, 'utf8');
    }
    throw error;
  }
}
