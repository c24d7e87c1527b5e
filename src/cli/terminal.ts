/**
 * Terminal and file helpers of the command-line clients (trustee, account): hidden
 * prompts and key files written with mode 0600, atomically.
 * @module
 */
import { constants } from 'node:fs';
import { access, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

/** Read one line without echo (a TTY), or one line of piped input. The answer is never printed. */
export async function promptHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true });
  try {
    process.stderr.write(question);
    muted = true;
    const answer = await rl.question('');
    return answer;
  } finally {
    muted = false;
    rl.close();
    if (process.stdin.isTTY) process.stderr.write('\n');
  }
}

/**
 * Write `text` to `path` with mode 0600, atomically: a temporary file in the same folder,
 * fsync, then rename over `path` (or, with `exclusive`, refuse an existing `path`).
 */
export async function writeKeyfile(path: string, text: string, exclusive = false): Promise<void> {
  const target = resolve(path);
  if (exclusive) {
    const exists = await access(target, constants.F_OK).then(() => true, () => false);
    if (exists) throw Object.assign(new Error(`${target} exists`), { code: 'EEXIST' });
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.chmod(0o600);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

