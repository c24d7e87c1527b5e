/**
 * The issuer's own log on disk (`<keyfile>.log.json`, cli/issuer.ts): what it signed, per
 * contest, with a journal (`<log>.journal`) of the entries of the batch under way, each
 * flushed before its blind signature is posted, so a killed issuer loses none.
 * @module
 */
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { IssuerLogBook } from '../client/issuer.js';
import type { IssuerLogEntry } from '../record/issuer-statements.js';

/**
 * The log an issuer kept in `path` (`<keyfile>.log.json`) with the entries journaled
 * since its last complete batch (`path.journal`).
 */
export async function readIssuerLog(path: string): Promise<IssuerLogBook> {
  const text = await readFile(path, 'utf8').catch(() => '{}');
  const json = JSON.parse(text) as Record<string, Record<string, IssuerLogEntry>>;
  const book: IssuerLogBook = new Map(Object.entries(json).map(([c, m]) => [c, new Map(Object.entries(m))]));
  // A batch cut short (the process killed) left its entries in the journal; a last line cut
  // mid-write was never followed by a posted signature, so it is dropped.
  const journal = await readFile(`${path}.journal`, 'utf8').catch(() => '');
  for (const line of journal.split('\n')) {
    let e: { contestId: string; entry: IssuerLogEntry };
    try { e = JSON.parse(line) as typeof e; } catch { continue; }
    let contest = book.get(e.contestId);
    if (!contest) book.set(e.contestId, (contest = new Map()));
    contest.set(e.entry.request.associationId, e.entry);
  }
  return book;
}

/** The whole log in `path`, replaced atomically (write, then rename), then the journal emptied. */
export async function writeIssuerLog(path: string, book: IssuerLogBook): Promise<void> {
  const json = Object.fromEntries([...book].map(([c, m]) => [c, Object.fromEntries(m)]));
  await writeFile(`${path}.tmp`, `${JSON.stringify(json, null, 1)}\n`);
  await rename(`${path}.tmp`, path);
  await rm(`${path}.journal`, { force: true });
}

/**
 * Entries, appended to the journal of the log in `path` and flushed to disk (one fsync for
 * them all) before their signatures are posted.
 */
export async function journalIssuerLogEntries(path: string, entries: readonly { contestId: string; entry: IssuerLogEntry }[]): Promise<void> {
  if (entries.length === 0) return;
  const f = await open(`${path}.journal`, 'a');
  try {
    await f.write(entries.map(({ contestId, entry }) => `${JSON.stringify({ contestId, entry })}\n`).join(''));
    await f.sync();
  } finally {
    await f.close();
  }
}
