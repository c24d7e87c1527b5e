/**
 * `npm run issuer -- <command> --api URL --election ID --email E --keyfile PATH [--account-key FILE] [--lang en]`:
 * a committee member's token issuer (issue 12; docs/voting-protocol.md §Tokens).
 *
 * - `keygen`: one blind-RSA issuing key per contest, generated here, sealed in the key file
 *   (passphrase from ISSUER_PASSPHRASE or a prompt), each registered on the board with its
 *   proof of possession and the member's account signature (key ceremony phase).
 * - `once`: one batch: the requests pending for this member's keys, each checked against
 *   the manifest and the board on this machine, signed blindly, the blind signatures posted.
 *   What was signed is kept in `<keyfile>.log.json` (public: the signed requests), each
 *   entry journaled to disk before its signature is posted, so a kill loses none.
 * - `serve`: `once` again as soon as the relay holds new requests, while tokens are issued
 *   (the token window, or voting without it): between batches it asks the relay to hold
 *   its ask until a request is pending (`POST /issuance/pending` with `wait`, up to
 *   `--wait` seconds, 25 by default; 0 polls every `--interval` seconds instead). It checks
 *   each batch against the board fetched after the wait, never a stale one. It waits for
 *   the opening (every `--interval` s), and waits out an API that does not answer
 *   (restarting) or a session that ended (signs in again). With `--account-key`, it
 *   witnesses the board head after each batch that signed something (client/witness.ts),
 *   and once the token window has closed (voting open) it posts its signed logs, one per
 *   contest (the close waits for them), and exits. Without the token window it signs while
 *   voting is open, until the timeline's `votingCloses`, then posts its logs and exits
 *   (client/issuer.ts `logsDue`).
 * - `logs`: end this member's issuance now and post its signed logs (voting open): without
 *   the token window, when the timeline announces no end of voting or the committee closes
 *   earlier. The relay takes no signature of this member after its log.
 * The account password comes from ISSUER_PASSWORD or a prompt; the account key file's
 * passphrase from ACCOUNT_PASSPHRASE or a prompt.
 * @module
 */
import { Command, Option } from 'commander';
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type AccountKey, importAccountKeyfileAsync } from '../crypto/account-keyfile.js';
import { exportIssuerKeyfile, importIssuerKeyfile, type IssuerSecrets } from '../crypto/issuer-keyfile.js';
import { generateIssuanceKey, issuanceKeyFromPkcs8 } from '../crypto/token-issuer.js';
import { ApiClient, ApiError, type Lang } from '../client/api.js';
import { type BoardResult, extendBoard } from '../client/board.js';
import { committeeMemberId } from '../client/ceremony.js';
import { type IssuerLogBook, issueOnce, issuerView, issuingNow, logsDue, postIssuerLogs, registerIssuer } from '../client/issuer.js';
import { type Witnessed, type WitnessFailure, witnessBoardHead } from '../client/witness.js';
import { fetchManifest, type ManifestResult } from '../client/manifest.js';
import { MAX_WAIT_SECONDS } from '../domain/long-poll.js';
import { PHASES, type Phase } from '../domain/reference.js';
import type { IssuerLogEntry } from '../record/issuer-statements.js';
import { journalIssuerLogEntries, readIssuerLog, writeIssuerLog } from './issuer-log.js';
import { promptHidden, writeKeyfile } from './terminal.js';

export { readIssuerLog };

const MESSAGES = {
  es: {
    passphrase: 'Frase de paso del archivo de claves de emisión: ',
    accountPassphrase: 'Frase de paso del archivo de la clave de cuenta: ',
    password: (e: string) => `Contraseña de ${e}: `,
    exists: (p: string) => `El archivo ${p} ya existe; no se sobrescribe.`,
    missing: (p: string) => `No se encuentra el archivo ${p}.`,
    keyfile: (r: string) => `No se pudo abrir el archivo de claves (${r}).`,
    saved: (p: string) => `Claves de emisión cifradas guardadas en ${p}.`,
    registered: (c: string) => `Clave de emisión registrada para la contienda ${c}.`,
    manifest: (r: string) => `El manifiesto no es aceptable (${r}).`,
    board: (r: string) => `El tablero no es íntegro (${r}).`,
    batch: (n: number, r: number) => `${n} solicitud(es) firmada(s) a ciegas; ${r} rechazada(s).`,
    refused: (a: string, c: string, why: string) => `  rechazada: asociación ${a}, contienda ${c}: ${why}`,
    done: 'La emisión terminó (la elección ya no emite fichas).',
    notYet: 'La emisión de fichas aún no ha comenzado.',
    retry: (why: string) => `El API no respondió (${why}); se reintenta en el próximo lote.`,
    apiError: (s: number, c: string, d: string) => `Error del API (${s} ${c}): ${d}`,
    witnessed: (seq: number, appended: boolean) => (appended ? `Cabeza del tablero atestiguada: seq ${seq}.` : `Cabeza del tablero ya atestiguada: seq ${seq}.`),
    witnessRefused: (r: WitnessFailure, d: string) => `No se pudo atestiguar el tablero (${r}): ${d}`,
    logs: (n: number, already: number) => `Registros de emisión firmados publicados: ${n}${already > 0 ? ` (${already} ya estaban en el tablero)` : ''}.`,
    noLogs: 'Registros de emisión no publicados: indique --account-key para firmarlos (el cierre los espera).',
    lateLogs: 'La votación ya no está abierta: los registros de emisión no pueden publicarse ahora.',
  },
  en: {
    passphrase: 'Issuing key file passphrase: ',
    accountPassphrase: 'Account key file passphrase: ',
    password: (e: string) => `Password of ${e}: `,
    exists: (p: string) => `The file ${p} already exists; it is not overwritten.`,
    missing: (p: string) => `File ${p} not found.`,
    keyfile: (r: string) => `The key file could not be opened (${r}).`,
    saved: (p: string) => `Issuing keys saved, encrypted, in ${p}.`,
    registered: (c: string) => `Issuing key registered for contest ${c}.`,
    manifest: (r: string) => `The manifest is not acceptable (${r}).`,
    board: (r: string) => `The board is not intact (${r}).`,
    batch: (n: number, r: number) => `${n} request(s) blindly signed; ${r} refused.`,
    refused: (a: string, c: string, why: string) => `  refused: association ${a}, contest ${c}: ${why}`,
    done: 'Issuance is over (the election no longer issues tokens).',
    notYet: 'Token issuance has not started yet.',
    retry: (why: string) => `The API did not answer (${why}); retrying at the next batch.`,
    apiError: (s: number, c: string, d: string) => `API error (${s} ${c}): ${d}`,
    witnessed: (seq: number, appended: boolean) => (appended ? `Board head witnessed: seq ${seq}.` : `Board head already witnessed: seq ${seq}.`),
    witnessRefused: (r: WitnessFailure, d: string) => `The board could not be witnessed (${r}): ${d}`,
    logs: (n: number, already: number) => `Signed issuance logs posted: ${n}${already > 0 ? ` (${already} were already on the board)` : ''}.`,
    noLogs: 'Issuance logs not posted: give --account-key to sign them (the close waits for them).',
    lateLogs: 'Voting is no longer open: the issuance logs cannot be posted now.',
  },
} as const;
type Texts = (typeof MESSAGES)[Lang];

class Stop extends Error {}

interface Options { api: string; election: string; email?: string; keyfile?: string; accountKey?: string; interval: string; wait: string; postEvery: string; lang: Lang }

const say = (line: string) => { process.stdout.write(`${line}\n`); };
const env = (name: string) => (process.env[name] !== undefined && process.env[name] !== '' ? process.env[name] : undefined);
function need(o: Options, key: 'email' | 'keyfile' | 'accountKey'): string {
  const v = o[key];
  if (!v) throw new Stop(`--${key} ${o.lang === 'en' ? 'is required' : 'es obligatorio'}`);
  return v;
}

async function signIn(t: Texts, o: Options): Promise<ApiClient> {
  const email = need(o, 'email');
  return new ApiClient({ baseUrl: o.api, lang: o.lang }).login(email, env('ISSUER_PASSWORD') ?? await promptHidden(t.password(email)));
}

async function accountKey(t: Texts, o: Options): Promise<AccountKey> {
  const path = need(o, 'accountKey');
  const text = await readFile(path, 'utf8').catch(() => { throw new Stop(t.missing(path)); });
  const r = await importAccountKeyfileAsync(text, env('ACCOUNT_PASSPHRASE') ?? await promptHidden(t.accountPassphrase));
  if (!r.ok) throw new Stop(t.keyfile(r.reason));
  return r.key;
}

async function openKeys(t: Texts, o: Options): Promise<IssuerSecrets> {
  const path = need(o, 'keyfile');
  const text = await readFile(path, 'utf8').catch(() => { throw new Stop(t.missing(path)); });
  const r = await importIssuerKeyfile(text, env('ISSUER_PASSPHRASE') ?? await promptHidden(t.passphrase), issuanceKeyFromPkcs8);
  if (!r.ok) throw new Stop(t.keyfile(r.reason));
  return r.secrets;
}

async function runKeygen(t: Texts, o: Options): Promise<void> {
  const path = need(o, 'keyfile');
  if (await access(path, constants.F_OK).then(() => true, () => false)) throw new Stop(t.exists(path));
  const account = await accountKey(t, o);
  const pass = env('ISSUER_PASSPHRASE') ?? await promptHidden(t.passphrase);
  const api = await signIn(t, o);
  const memberId = await committeeMemberId(api);
  const election = await api.get(`/elections/${encodeURIComponent(o.election)}`) as { contests?: { id: string }[] };
  const keys = (election.contests ?? []).map((c) => ({ contestId: c.id, key: generateIssuanceKey() }));
  // Saved before registering: a key on the board whose private half was lost would block issuance.
  await writeKeyfile(path, await exportIssuerKeyfile({ electionId: o.election, memberId, keys }, pass, { label: `anfora issuer ${o.election}` }), true);
  say(t.saved(resolve(path)));
  for (const k of keys) {
    await registerIssuer(api, o.election, k.contestId, memberId, k.key, account.secretKey);
    say(t.registered(k.contestId));
  }
}

const logPath = (o: Options) => `${need(o, 'keyfile')}.log.json`;
const readBook = (o: Options): Promise<IssuerLogBook> => readIssuerLog(logPath(o));
const writeBook = (o: Options, book: IssuerLogBook): Promise<void> => writeIssuerLog(logPath(o), book);
const journal = (o: Options, entries: readonly { contestId: string; entry: IssuerLogEntry }[]): Promise<void> => journalIssuerLogEntries(logPath(o), entries);

/** Where the election stands for issuance (rule `tokenWindow`: tokens in `tokens`, else in `voting`). */
export function issuanceState(election: { phase?: string; rules?: { tokenWindow?: boolean }; timeline?: { votingCloses?: string } }, now = Date.now()): 'open' | 'not_yet' | 'over' {
  const e = { phase: election.phase ?? '', ...(election.rules && { rules: election.rules }), ...(election.timeline && { timeline: election.timeline }) };
  // Without the token window, issuance ends (and the logs are due) at the announced end of voting.
  if (logsDue(e, now)) return 'over';
  if (issuingNow(e)) return 'open';
  const opening = election.rules?.tokenWindow === true ? 'tokens' : 'voting';
  const at = PHASES.indexOf(election.phase as Phase);
  return at >= 0 && at < PHASES.indexOf(opening) ? 'not_yet' : 'over';
}

/** What `serve` keeps between batches to witness the board: the account key, and the last head it witnessed. */
interface Witness { readonly key: AccountKey; previous?: Witnessed }

/** What one batch found: 'over' once the election no longer issues tokens (with the phase it is in); what it signed and refused. */
interface BatchOutcome { state: 'open' | 'not_yet' | 'over'; phase?: string; signed: number; refused: number }

/**
 * What `serve` keeps between batches of what it read and checked: the frozen manifest (it
 * cannot change once tokens are issued; keeping the copy checked first is at least as
 * strict as taking the server's word again each batch) and its chain-checked copy of the
 * board, extended from its head at each batch (client/board.ts `extendBoard`: the new
 * events must chain onto the head checked before, so the whole board stays checked from
 * seq 0) rather than fetched whole: one read of each event, not one per batch.
 */
interface Checked { manifest?: Extract<ManifestResult, { ok: true }>; board?: Extract<BoardResult, { ok: true }> }

/** One batch. */
async function batch(t: Texts, o: Options, api: ApiClient, secrets: IssuerSecrets, witness?: Witness, checked: Checked = {}): Promise<BatchOutcome> {
  const election = await api.get(`/elections/${encodeURIComponent(o.election)}`) as { phase?: string; rules?: { tokenWindow?: boolean }; timeline?: { votingCloses?: string } };
  const state = issuanceState(election);
  if (state !== 'open') return { state, phase: election.phase, signed: 0, refused: 0 };
  const m = checked.manifest ?? await fetchManifest(api, o.election);
  if (!m.ok) throw new Stop(t.manifest(m.reason));
  checked.manifest = m;
  const board = await extendBoard(api, o.election, checked.board);
  if (!board.ok) throw new Stop(t.board(board.reason));
  checked.board = board;
  const book = await readBook(o);
  const keys = new Map(secrets.keys.map((k) => [k.contestId, k.key]));
  const r = await issueOnce(api, issuerView(m.decoded, board.events), secrets.memberId, keys, book, 200, (entries) => journal(o, entries), Math.max(1, Math.floor(Number(o.postEvery)) || 200));
  await writeBook(o, book);
  say(t.batch(r.signed, r.refused.length));
  for (const x of r.refused) say(t.refused(x.associationId, x.contestId, x.reason));
  // One witness per batch that signed something: the board stays small while idle polls add nothing.
  if (witness && r.signed > 0) {
    const w = await witnessBoardHead(api, witness.key.secretKey, o.election, witness.previous);
    if (!w.ok) throw new Stop(t.witnessRefused(w.reason, w.detail));
    witness.previous = w;
    say(t.witnessed(w.witnessed.seq, w.appended));
  }
  return { state: 'open', signed: r.signed, refused: r.refused.length };
}

/**
 * Between two batches of `serve`: the relay holds the ask until more than `seen` requests
 * are pending for this member's keys (`seen`: those the last batch refused, which stay
 * pending), issuance is over, or `waitS` seconds pass. True when there is new work.
 */
async function waitForWork(o: Options, api: ApiClient, seen: number, waitS: number): Promise<boolean> {
  const r = (await api.post('/issuance/pending', { electionId: o.election, limit: seen + 1, wait: waitS, seen })) as { requests: unknown[] };
  return r.requests.length > seen;
}

/** Issuance is over: post the signed logs while voting is open (the close waits for them). */
async function postLogs(t: Texts, o: Options, api: ApiClient, secrets: IssuerSecrets, phase: string | undefined, witness?: Witness): Promise<void> {
  if (!witness) { say(t.noLogs); return; }
  if (phase !== 'voting') { say(t.lateLogs); return; }
  const r = await postIssuerLogs(api, o.election, secrets.memberId, secrets.keys, await readBook(o), witness.key.secretKey);
  say(t.logs(r.posted, r.already));
}

/** An API failure `serve` waits out: no answer (the API restarting), 429 or a 5xx. */
const transient = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.status === 429 || e.status >= 500);

async function runIssue(t: Texts, o: Options, serve: boolean): Promise<void> {
  const secrets = await openKeys(t, o);
  const witness: Witness | undefined = serve && o.accountKey !== undefined && o.accountKey !== '' ? { key: await accountKey(t, o) } : undefined;
  const email = need(o, 'email');
  const password = env('ISSUER_PASSWORD') ?? await promptHidden(t.password(email));
  const pub = new ApiClient({ baseUrl: o.api, lang: o.lang });
  const interval = Math.max(0.2, Number(o.interval) || 2) * 1000;
  const waitS = Math.min(MAX_WAIT_SECONDS, Math.max(0, Number(o.wait) || 0));
  const pause = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
  let api: ApiClient | undefined;
  const checked: Checked = {};
  for (;;) {
    let state: 'open' | 'not_yet' | 'over' | 'retry';
    let phase: string | undefined;
    let waited = false;
    try {
      api ??= await pub.login(email, password);
      let signed: number;
      let refused: number;
      ({ state, phase, signed, refused } = await batch(t, o, api, secrets, witness, checked));
      if (serve && state === 'over') await postLogs(t, o, api, secrets, phase, witness);
      if (serve && state === 'open' && waitS > 0) {
        // Only refusals: the same requests are pending again at once; the old pace for them.
        if (signed === 0 && refused > 0) await pause(interval);
        const asked = Date.now();
        // An answer with no work before `interval` (the relay closing, issuance over): no new ask sooner.
        if (!(await waitForWork(o, api, refused, waitS))) await pause(asked + interval - Date.now());
        waited = true;
      }
    } catch (e) {
      if (!serve) throw e;
      // The session ended (401): sign in again; the API unreachable or failing: try again later.
      if (e instanceof ApiError && e.status === 401) api = undefined;
      else if (!transient(e)) throw e;
      say(t.retry(e instanceof ApiError ? `${e.status} ${e.code}` : String(e)));
      state = 'retry';
    }
    if (!serve) {
      if (state === 'not_yet') say(t.notYet);
      if (state === 'over') say(t.done);
      return;
    }
    if (state === 'over') { say(t.done); return; }
    if (!waited) await pause(interval);
  }
}

/**
 * `logs`: end this member's issuance now and post its signed logs (voting open). For an
 * election without the token window whose timeline announces no end of voting, or that
 * the committee closes before it: `serve` posts them by itself otherwise.
 */
async function runLogs(t: Texts, o: Options): Promise<void> {
  const secrets = await openKeys(t, o);
  const key = await accountKey(t, o);
  const api = await signIn(t, o);
  const election = await api.get(`/elections/${encodeURIComponent(o.election)}`) as { phase?: string };
  await postLogs(t, o, api, secrets, election.phase, { key });
}

export function program(): Command {
  const cmd = new Command().name('issuer').description('Ánfora: emisor de fichas de votación / voting token issuer')
    .addOption(new Option('--api <url>', 'URL del API / API base URL').env('ISSUER_API').makeOptionMandatory())
    .addOption(new Option('--election <id>', 'id de la elección / election id').env('ISSUER_ELECTION').makeOptionMandatory())
    .addOption(new Option('--email <email>', 'correo de la cuenta / account email').env('ISSUER_EMAIL'))
    .addOption(new Option('--keyfile <path>', 'archivo de claves de emisión / issuing key file').env('ISSUER_KEYFILE'))
    .addOption(new Option('--account-key <path>', 'archivo de la clave de cuenta (keygen; en serve, para atestiguar y publicar los registros) / account key file (keygen; in serve, to witness and post the logs)').env('ISSUER_ACCOUNT_KEY'))
    .addOption(new Option('--interval <seconds>', 'segundos entre lotes sin espera, o antes de reintentar (serve) / seconds between batches without a wait, or before retrying (serve)').default('2'))
    .addOption(new Option('--wait <seconds>', `espera de solicitudes en el relay entre lotes, 0 a ${MAX_WAIT_SECONDS} (serve; 0: cada --interval) / wait at the relay for requests between batches, 0 to ${MAX_WAIT_SECONDS} (serve; 0: every --interval)`).default(String(MAX_WAIT_SECONDS)))
    .addOption(new Option('--post-every <n>', 'firmas por envío al relay (once, serve; por defecto el lote entero, hasta 200) / blind signatures per post to the relay (once, serve; by default the whole batch, up to 200)').default('200'))
    .addOption(new Option('--lang <lang>', 'idioma / language').choices(['es', 'en']).default('es'))
    .showHelpAfterError();
  const action = (name: 'keygen' | 'once' | 'serve' | 'logs') => async (_: unknown, sub: Command) => {
    const o = sub.optsWithGlobals<Options>();
    const t = MESSAGES[o.lang];
    if (name === 'keygen') await runKeygen(t, o);
    else if (name === 'logs') await runLogs(t, o);
    else await runIssue(t, o, name === 'serve');
  };
  cmd.command('keygen').description('generar y registrar las claves de emisión / generate and register the issuing keys').action(action('keygen'));
  cmd.command('once').description('firmar un lote de solicitudes / sign one batch of requests').action(action('once'));
  cmd.command('serve').description('firmar mientras dure la emisión / sign while issuance lasts').action(action('serve'));
  cmd.command('logs').description('terminar la emisión y publicar los registros firmados (votación abierta) / end issuance and post the signed logs (voting open)').action(action('logs'));
  return cmd;
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const lang: Lang = argv.some((a, i) => (a === '--lang' && argv[i + 1] === 'en') || a === '--lang=en') ? 'en' : 'es';
  try {
    await program().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof Stop) { process.stderr.write(`${e.message}\n`); return 2; }
    if (e instanceof ApiError) { process.stderr.write(`${MESSAGES[lang].apiError(e.status, e.code, e.detail)}\n`); return 1; }
    throw e;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
