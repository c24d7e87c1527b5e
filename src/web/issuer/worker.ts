/**
 * The issuers' page's Web Worker: the heavy and secret work of a token issuer, with the
 * issuer CLI's own code (src/client/issuer.ts, src/crypto/issuer-keyfile.ts) and the
 * browser's issuing key (src/crypto/issuing-key.ts).
 *
 * - `keygen`: one RSA-3072 issuing key per contest (WebCrypto), sealed in the issuer key
 *   file (the CLI's format) and handed to the page, which downloads it, *before* any key
 *   is registered (a key on the board whose private half was lost would block issuance);
 *   then each registered with its proof of possession and the member's account signature.
 * - `open`: the key file and the account key opened here, kept in this worker's memory only.
 * - `batch`: while tokens are issued, the pending requests checked against the manifest and
 *   the board, signed blindly, the signatures posted, and the board's head witnessed; after
 *   its signing is over (client/issuer.ts `logsDue`: the token window closed, or without the
 *   window the timeline's end of voting, or the member ending it with `end`), each
 *   contest's signed issuance log posted.
 * Nothing secret leaves the worker: the page gets the sealed file and public facts.
 * @module
 */
import { ApiClient, type Lang } from '../../client/api.js';
import { type BoardResult, extendBoard } from '../../client/board.js';
import { committeeMemberId } from '../../client/ceremony.js';
import {
  type IssuanceElection, type IssuerLogBook, type IssuerRefusal, issueOnce, issuerView, issuingNow, logsDue, postIssuerLogs, registerIssuer,
} from '../../client/issuer.js';
import { fetchManifest } from '../../client/manifest.js';
import { type Witnessed, witnessBoardHead } from '../../client/witness.js';
import { importAccountKeyfileAsync } from '../../crypto/account-keyfile.js';
import { type IssuerSecrets, exportIssuerKeyfile, importIssuerKeyfile } from '../../crypto/issuer-keyfile.js';
import { generateIssuingKey, issuingKeyFromPkcs8 } from '../../crypto/issuing-key.js';
import type { KeyfileFailure } from '../../crypto/keyfile-envelope.js';
import type { IssuerLogEntry } from '../../record/issuer-statements.js';
import { PageStop, pageChannel, refusalOf } from '../lib/page-worker.js';

/** The issuance log book as JSON (public: the signed requests answered), per contest and association. */
export type BookJSON = Record<string, Record<string, IssuerLogEntry>>;

interface Session { readonly baseUrl: string; readonly token: string; readonly lang: Lang; readonly electionId: string; readonly accountId: string }
interface AccountInput { readonly accountKeyfile: string; readonly accountPassphrase: string }

export type ToWorker =
  | ({ readonly type: 'keygen'; readonly passphrase: string } & Session & AccountInput)
  | ({ readonly type: 'open'; readonly keyfile: string; readonly passphrase: string; readonly book: BookJSON } & Session & AccountInput)
  /** `end`: the member ends its issuance now (no token window, voting open): post the logs. */
  | { readonly type: 'batch'; readonly token: string; readonly end?: boolean }
  | { readonly type: 'saved'; readonly id: number };

export type Stage = 'open_account_key' | 'generating' | 'sealing' | 'registering' | 'open_keyfile';

/** What one batch did, in public facts. */
export type BatchReport =
  | { readonly kind: 'issued'; readonly signed: number; readonly refused: readonly { associationId: string; contestId: string; reason: IssuerRefusal }[]; readonly witnessed: number | null; readonly book: BookJSON }
  | { readonly kind: 'waiting'; readonly phase: string }
  | { readonly kind: 'logs'; readonly posted: number; readonly already: number };

export type Refused =
  | { readonly kind: 'keyfile'; readonly reason: KeyfileFailure }
  | { readonly kind: 'account_key' }
  | { readonly kind: 'other_member' }
  | { readonly kind: 'other_election' }
  | { readonly kind: 'no_contests' }
  | { readonly kind: 'manifest'; readonly detail: string }
  | { readonly kind: 'board'; readonly detail: string }
  | { readonly kind: 'api'; readonly status: number; readonly code: string; readonly detail: string }
  | { readonly kind: 'unexpected'; readonly detail: string };

export type FromWorker =
  | { readonly type: 'progress'; readonly stage: Stage; readonly done?: number; readonly of?: number }
  | { readonly type: 'keyfile'; readonly id: number; readonly text: string }
  | { readonly type: 'registered'; readonly contests: number }
  | { readonly type: 'opened'; readonly contests: readonly string[] }
  | { readonly type: 'batch'; readonly report: BatchReport }
  | { readonly type: 'refused'; readonly refused: Refused };

const { post, handOver, listen } = pageChannel<FromWorker, ToWorker>();
/** A refusal of this worker's, thrown to end its task. */
class Stop extends PageStop<Refused> {}

/**
 * What `open` keeps: the keys, the account key, the book, the last head witnessed, and the
 * board as checked at the last batch (each batch reads only the events after its head, which
 * must chain onto it: client/board.ts `extendBoard`).
 */
let held: {
  api: ApiClient; session: Session; electionId: string; secrets: IssuerSecrets; accountKey: Uint8Array; book: IssuerLogBook; witnessed?: Witnessed;
  board?: Extract<BoardResult, { ok: true }>;
} | null = null;

async function accountSecret(m: Session & AccountInput): Promise<Uint8Array> {
  post({ type: 'progress', stage: 'open_account_key' });
  const r = await importAccountKeyfileAsync(m.accountKeyfile, m.accountPassphrase);
  if (!r.ok) throw new Stop({ kind: 'keyfile', reason: r.reason });
  if (r.key.accountId !== m.accountId) throw new Stop({ kind: 'account_key' });
  return r.key.secretKey;
}

async function keygen(m: Extract<ToWorker, { type: 'keygen' }>): Promise<void> {
  const api = new ApiClient({ baseUrl: m.baseUrl, lang: m.lang, token: m.token });
  const secretKey = await accountSecret(m);
  try {
    const memberId = await committeeMemberId(api);
    const election = (await api.get(`/elections/${encodeURIComponent(m.electionId)}`)) as { contests?: { id: string }[] };
    const contests = (election.contests ?? []).map((c) => c.id);
    if (contests.length === 0) throw new Stop({ kind: 'no_contests' });
    const keys = [];
    for (const [i, contestId] of contests.entries()) {
      post({ type: 'progress', stage: 'generating', done: i, of: contests.length });
      keys.push({ contestId, key: await generateIssuingKey() });
    }
    post({ type: 'progress', stage: 'sealing' });
    const text = await exportIssuerKeyfile({ electionId: m.electionId, memberId, keys }, m.passphrase, { label: `anfora issuer ${m.electionId}` });
    await handOver((id) => ({ type: 'keyfile', id, text }));
    for (const [i, k] of keys.entries()) {
      post({ type: 'progress', stage: 'registering', done: i, of: keys.length });
      await registerIssuer(api, m.electionId, k.contestId, memberId, k.key, secretKey);
    }
    post({ type: 'registered', contests: keys.length });
  } finally {
    secretKey.fill(0);
  }
}

async function open(m: Extract<ToWorker, { type: 'open' }>): Promise<void> {
  const api = new ApiClient({ baseUrl: m.baseUrl, lang: m.lang, token: m.token });
  post({ type: 'progress', stage: 'open_keyfile' });
  const r = await importIssuerKeyfile(m.keyfile, m.passphrase, issuingKeyFromPkcs8);
  if (!r.ok) throw new Stop({ kind: 'keyfile', reason: r.reason });
  if (r.secrets.electionId !== m.electionId) throw new Stop({ kind: 'other_election' });
  if (r.secrets.memberId !== (await committeeMemberId(api))) throw new Stop({ kind: 'other_member' });
  const accountKey = await accountSecret(m);
  const book: IssuerLogBook = new Map(Object.entries(m.book).map(([c, e]) => [c, new Map(Object.entries(e))]));
  held?.accountKey.fill(0);
  held = { api, session: { baseUrl: m.baseUrl, token: m.token, lang: m.lang, electionId: m.electionId, accountId: m.accountId }, electionId: m.electionId, secrets: r.secrets, accountKey, book };
  post({ type: 'opened', contests: r.secrets.keys.map((k) => k.contestId) });
}

const bookJSON = (book: IssuerLogBook): BookJSON => Object.fromEntries([...book].map(([c, e]) => [c, Object.fromEntries(e)]));

/**
 * One round: sign what is pending (token issuance open), post the logs (signing is over and
 * voting is open: the server takes logs then, and the close waits for them), or wait.
 */
async function batch(token: string, end: boolean): Promise<BatchReport> {
  if (held === null) throw new Stop({ kind: 'unexpected', detail: 'no key file open' });
  held.api = new ApiClient({ baseUrl: held.session.baseUrl, lang: held.session.lang, token });
  const { api, electionId, secrets, book } = held;
  const e = (await api.get(`/elections/${encodeURIComponent(electionId)}`)) as IssuanceElection;
  if (logsDue(e, Date.now()) || (end && e.phase === 'voting')) {
    const { posted, already } = await postIssuerLogs(api, electionId, secrets.memberId, secrets.keys, book, held.accountKey);
    return { kind: 'logs', posted, already };
  }
  if (!issuingNow(e)) return { kind: 'waiting', phase: e.phase };
  const manifest = await fetchManifest(api, electionId);
  if (!manifest.ok) throw new Stop({ kind: 'manifest', detail: manifest.reason });
  const board = await extendBoard(api, electionId, held.board);
  if (!board.ok) throw new Stop({ kind: 'board', detail: board.reason });
  held.board = board;
  const keys = new Map(secrets.keys.map((k) => [k.contestId, k.key]));
  const r = await issueOnce(api, issuerView(manifest.decoded, board.events), secrets.memberId, keys, book);
  const w = await witnessBoardHead(api, held.accountKey, electionId, held.witnessed);
  if (!w.ok && w.reason !== 'empty_board') throw new Stop({ kind: 'board', detail: `${w.reason}: ${w.detail}` });
  if (w.ok) held.witnessed = w;
  return { kind: 'issued', signed: r.signed, refused: r.refused, witnessed: w.ok ? w.witnessed.seq : null, book: bookJSON(book) };
}

listen((m) => {
  const work = m.type === 'keygen' ? keygen(m) : m.type === 'open' ? open(m) : batch(m.token, m.end === true).then((report) => post({ type: 'batch', report }));
  work.catch((e: unknown) => post({ type: 'refused', refused: refusalOf<Refused>(e) }));
});
