/**
 * `npm run trustee -- <command> --api URL --election ID --email E --keyfile PATH [--account-key FILE] [--lang en]`:
 * a committee member's client for the key ceremony and the tally (src/client/trustee.ts).
 *
 * - `init`    create the trustee key, save it in a new key file, post the public key
 * - `deal`    post the dealing (needs every trustee's key)
 * - `verify`  check the shares received, post complaints or none (needs every dealing);
 *             run again after the ceremony to fix and check the final secret share
 * - `decrypt` after the close: check the tally against the board, post partial decryptions
 * - `witness` sign the board head seen and post it (needs `--account-key`)
 * - `status`  the ceremony's progress (public; reads only the key file's header)
 *
 * Each step also witnesses the board head it saw when `--account-key` is given (issue 12:
 * the member's signature over the head goes on the board, and the verifier checks that
 * the final board extends it), so that a board rewritten after the step fails.
 *
 * The key file's passphrase comes from TRUSTEE_PASSPHRASE or a hidden prompt, the
 * account password from TRUSTEE_PASSWORD or a hidden prompt. `init` also needs the
 * member's account key file (`--account-key`, opened with ACCOUNT_PASSPHRASE or a hidden
 * prompt): it signs the trustee key's registration, so the server cannot substitute one. The key file is written with
 * mode 0600, atomically (temporary file, fsync, rename), and re-encrypted before anything
 * that depends on its new content is posted. No secret is ever printed. Spanish by
 * default, English with `--lang en`.
 * @module
 */
import { Command, Option } from 'commander';
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promptHidden, writeKeyfile } from './terminal.js';
import {
  type KeyfileFailure, type TrusteeSecrets, exportTrusteeKeyfileAsync, importTrusteeKeyfileAsync, readKeyfileHeader,
} from '../crypto/trustee-keyfile.js';
import { type AccountKey, importAccountKeyfileAsync } from '../crypto/account-keyfile.js';
import { ApiClient, ApiError, type Lang } from '../client/api.js';
import { committeeMemberId, fetchCeremony, trusteeIndexOf } from '../client/ceremony.js';
import { MIN_KEYFILE_PASSPHRASE, type StepResult, type TrusteeFailure, createKey, deal, decryptTally, trusteeKeyfileLabel, verifyDealings } from '../client/trustee.js';
import { KEYFILE_FAILURES, TRUSTEE_FAILURES } from '../client/trustee-texts.js';
import { type WitnessFailure, witnessBoardHead } from '../client/witness.js';
import { workerSummer } from './sum-pool.js';

// ---- messages ----

const es = {
  passphrase: () => 'Frase de paso del archivo de claves: ',
  passphraseAgain: () => 'Repita la frase de paso: ',
  passphraseMismatch: () => 'Las frases de paso no coinciden.',
  passphraseShort: (min: number) => `La frase de paso debe tener al menos ${min} caracteres.`,
  password: (email: string) => `Contraseña de ${email}: `,
  keyfileExists: (p: string) => `El archivo ${p} ya existe; no se sobrescribe. Use otra ruta.`,
  keyfileMissing: (p: string) => `No se encuentra el archivo de claves ${p}.`,
  accountPassphrase: () => 'Frase de paso del archivo de la clave de cuenta: ',
  keyfile: (r: KeyfileFailure) => KEYFILE_FAILURES.es[r],
  otherMember: (file: number, me: number | undefined) => `El archivo de claves es del custodio ${file}, pero la cuenta iniciada es ${me === undefined ? 'de alguien que no es custodio' : `del custodio ${me}`}.`,
  saved: (p: string) => `Archivo de claves cifrado guardado en ${p} (permisos 0600).`,
  initNotPosted: (p: string) => `El archivo ${p} se guardó, pero la clave pública no se publicó. Si \`status\` no muestra su clave, borre el archivo y ejecute \`init\` de nuevo.`,
  keyPosted: (i: number) => `Clave pública del custodio ${i} publicada. Guarde el archivo de claves y su frase de paso: sin ellos no podrá descifrar.`,
  dealt: (i: number) => `Reparto del custodio ${i} publicado.`,
  alreadyDealt: (i: number) => `El custodio ${i} ya había publicado su reparto; coincide con el archivo de claves.`,
  verified: (c: number) => (c === 0 ? 'Todas las partes recibidas son correctas; verificación publicada sin reclamos.' : `Verificación publicada con ${c} reclamo(s).`),
  alreadyVerified: () => 'La verificación ya estaba publicada.',
  badDealer: (d: number, why: string) => `  - parte del custodio ${d}: ${why}`,
  finalShare: () => 'Ceremonia concluida: la parte secreta final coincide con la clave de verificación publicada.',
  decrypted: (combined: boolean) => (combined ? 'Descifrados parciales publicados; se alcanzó el umbral y el resultado fue calculado.' : 'Descifrados parciales publicados; faltan otros custodios para alcanzar el umbral.'),
  alreadyDecrypted: () => 'Este custodio ya había publicado sus descifrados parciales.',
  refused: (reason: string, detail: string) => `No se pudo completar el paso: ${reason} (${detail})`,
  reason: (r: TrusteeFailure) => TRUSTEE_FAILURES.es[r],
  apiError: (status: number, code: string, detail: string) => (status === 0 ? `No se pudo contactar al servidor: ${detail}` : `El servidor respondió ${status} (${code}): ${detail}`),
  statusHeader: (title: string, phase: string) => `Elección: ${title} — fase: ${phase}`,
  statusParams: (n: number, t: number) => `Custodios: ${n}; umbral: ${t}`,
  statusTrustee: (i: number, name: string, sector: string, marks: string) => `  ${i}. ${name} (${sector}) ${marks}`,
  marks: (key: boolean, dealing: boolean, verified: boolean, disq: boolean, me: boolean) =>
    [key ? 'clave ✓' : 'clave —', dealing ? 'reparto ✓' : 'reparto —', verified ? 'verificación ✓' : 'verificación —', disq ? 'DESCALIFICADO' : '', me ? '← usted' : ''].filter(Boolean).join('  '),
  jointKey: (k: string | null) => (k === null ? 'Clave conjunta: aún no' : `Clave conjunta: ${k}`),
  keyfileHeader: (i: number, label: string) => `Archivo de claves: custodio ${i}${label ? ` (${label})` : ''}`,
  witnessed: (seq: number, hash: string, appended: boolean) => (appended
    ? `Cabeza del tablero atestiguada y publicada: seq ${seq}, hash ${hash}. Anótela: el registro final debe contenerla.`
    : `Ya había atestiguado la cabeza del tablero seq ${seq}, hash ${hash}.`),
  witnessRefused: (r: WitnessFailure, detail: string) => ({
    empty_board: 'El tablero está vacío: no hay cabeza que atestiguar.',
    malformed_board: `El tablero está mal formado (${detail}).`,
    broken_chain: `La cadena del tablero está rota o ya no extiende lo que usted vio (${detail}). Guarde esta salida y presente un reclamo.`,
    head_not_on_board: `El servidor no tiene la cabeza que usted vio: una bifurcación o un tablero reescrito (${detail}). Guarde esta salida y presente un reclamo.`,
  })[r],
  notWitnessed: () => 'Paso no atestiguado: indique --account-key para firmar la cabeza del tablero que vio.',
};

/** The CLI's texts: one function per message, returning a string. */
export type Texts = { readonly [K in keyof typeof es]: (...args: Parameters<(typeof es)[K]>) => string };

const en: Texts = {
  passphrase: () => 'Key file passphrase: ',
  passphraseAgain: () => 'Repeat the passphrase: ',
  passphraseMismatch: () => 'The passphrases do not match.',
  passphraseShort: (min: number) => `The passphrase must be at least ${min} characters long.`,
  password: (email: string) => `Password for ${email}: `,
  keyfileExists: (p: string) => `The file ${p} already exists; it is not overwritten. Use another path.`,
  keyfileMissing: (p: string) => `Key file ${p} not found.`,
  keyfile: (r: KeyfileFailure) => KEYFILE_FAILURES.en[r],
  otherMember: (file: number, me: number | undefined) => `The key file is trustee ${file}'s, but the signed-in account is ${me === undefined ? 'not a trustee' : `trustee ${me}`}.`,
  saved: (p: string) => `Encrypted key file saved to ${p} (mode 0600).`,
  initNotPosted: (p: string) => `The file ${p} was saved, but the public key was not posted. If \`status\` does not show your key, delete the file and run \`init\` again.`,
  accountPassphrase: () => 'Account key file passphrase: ',
  keyPosted: (i: number) => `Trustee ${i}'s public key posted. Keep the key file and its passphrase: without them you cannot decrypt.`,
  dealt: (i: number) => `Trustee ${i}'s dealing posted.`,
  alreadyDealt: (i: number) => `Trustee ${i} had already posted a dealing; it matches the key file.`,
  verified: (c: number) => (c === 0 ? 'Every share received is good; verification posted with no complaint.' : `Verification posted with ${c} complaint(s).`),
  alreadyVerified: () => 'The verification was already posted.',
  badDealer: (d: number, why: string) => `  - share from trustee ${d}: ${why}`,
  finalShare: () => 'Ceremony over: the final secret share matches the published verification key.',
  decrypted: (combined: boolean) => (combined ? 'Partial decryptions posted; the threshold was reached and the result computed.' : 'Partial decryptions posted; other trustees are needed to reach the threshold.'),
  alreadyDecrypted: () => 'This trustee had already posted its partial decryptions.',
  refused: (reason: string, detail: string) => `The step could not be completed: ${reason} (${detail})`,
  reason: (r: TrusteeFailure) => TRUSTEE_FAILURES.en[r],
  apiError: (status: number, code: string, detail: string) => (status === 0 ? `Could not reach the server: ${detail}` : `The server answered ${status} (${code}): ${detail}`),
  statusHeader: (title: string, phase: string) => `Election: ${title} — phase: ${phase}`,
  statusParams: (n: number, t: number) => `Trustees: ${n}; threshold: ${t}`,
  statusTrustee: (i: number, name: string, sector: string, marks: string) => `  ${i}. ${name} (${sector}) ${marks}`,
  marks: (key: boolean, dealing: boolean, verified: boolean, disq: boolean, me: boolean) =>
    [key ? 'key ✓' : 'key —', dealing ? 'dealing ✓' : 'dealing —', verified ? 'verification ✓' : 'verification —', disq ? 'DISQUALIFIED' : '', me ? '← you' : ''].filter(Boolean).join('  '),
  jointKey: (k: string | null) => (k === null ? 'Joint key: not yet' : `Joint key: ${k}`),
  keyfileHeader: (i: number, label: string) => `Key file: trustee ${i}${label ? ` (${label})` : ''}`,
  witnessed: (seq: number, hash: string, appended: boolean) => (appended
    ? `Board head witnessed and posted: seq ${seq}, hash ${hash}. Note it down: the final record must contain it.`
    : `You had already witnessed the board head seq ${seq}, hash ${hash}.`),
  witnessRefused: (r: WitnessFailure, detail: string) => ({
    empty_board: 'The board is empty: there is no head to witness.',
    malformed_board: `The board is malformed (${detail}).`,
    broken_chain: `The board's chain is broken or no longer extends what you saw (${detail}). Keep this output and file a complaint.`,
    head_not_on_board: `The server does not hold the head you saw: a fork or a rewritten board (${detail}). Keep this output and file a complaint.`,
  })[r],
  notWitnessed: () => 'Step not witnessed: give --account-key to sign the board head you saw.',
};

/** Every text the CLI prints, in Spanish (default) and English. */
export const MESSAGES: Readonly<Record<Lang, Texts>> = Object.freeze({ es, en });

/** Thrown to stop with a message (already translated) and an exit code. */
class Stop extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** Shortest passphrase accepted for a new key file. */
export const MIN_PASSPHRASE = MIN_KEYFILE_PASSPHRASE;

export { writeKeyfile };

// ---- terminal input ----

async function passphrase(t: Texts, confirm: boolean): Promise<string> {
  const fromEnv = process.env.TRUSTEE_PASSPHRASE;
  const value = fromEnv !== undefined && fromEnv !== '' ? fromEnv : await promptHidden(t.passphrase());
  if (confirm && value.length < MIN_PASSPHRASE) throw new Stop(t.passphraseShort(MIN_PASSPHRASE));
  if (confirm && (fromEnv === undefined || fromEnv === '') && (await promptHidden(t.passphraseAgain())) !== value) {
    throw new Stop(t.passphraseMismatch());
  }
  return value;
}

async function password(t: Texts, email: string): Promise<string> {
  const fromEnv = process.env.TRUSTEE_PASSWORD;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : promptHidden(t.password(email));
}

async function openKeyfile(t: Texts, path: string): Promise<{ secrets: TrusteeSecrets; label: string; pass: string }> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new Stop(t.keyfileMissing(path));
  });
  const pass = await passphrase(t, false);
  const r = await importTrusteeKeyfileAsync(text, pass);
  if (!r.ok) throw new Stop(t.keyfile(r.reason));
  return { secrets: r.secrets, label: r.label, pass };
}

async function openAccountKey(t: Texts, path: string): Promise<AccountKey> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new Stop(t.keyfileMissing(path));
  });
  const fromEnv = process.env.ACCOUNT_PASSPHRASE;
  const pass = fromEnv !== undefined && fromEnv !== '' ? fromEnv : await promptHidden(t.accountPassphrase());
  const r = await importAccountKeyfileAsync(text, pass);
  if (!r.ok) throw new Stop(t.keyfile(r.reason));
  return r.key;
}

// ---- commands ----

interface Options {
  api: string;
  election: string;
  email?: string;
  keyfile?: string;
  accountKey?: string;
  lang: Lang;
}

function need<K extends keyof Options>(o: Options, key: K): NonNullable<Options[K]> {
  const v = o[key];
  if (v === undefined || v === '') throw new Stop(`--${String(key)} ${o.lang === 'en' ? 'is required' : 'es obligatorio'}`, 2);
  return v as NonNullable<Options[K]>;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function settle<T extends object>(t: Texts, r: StepResult<T>): Extract<StepResult<T>, { ok: true }> {
  if (!r.ok) throw new Stop(t.refused(t.reason(r.reason), r.detail));
  return r as Extract<StepResult<T>, { ok: true }>;
}

async function signIn(t: Texts, o: Options): Promise<ApiClient> {
  const email = need(o, 'email');
  return new ApiClient({ baseUrl: o.api, lang: o.lang }).login(email, await password(t, email));
}

/** The signed-in member must be the key file's trustee. */
async function assertOwnKeyfile(t: Texts, api: ApiClient, o: Options, secrets: TrusteeSecrets): Promise<void> {
  const [memberId, read] = await Promise.all([committeeMemberId(api), fetchCeremony(api, o.election)]);
  if (!read.ok) throw new Stop(t.refused(t.reason(read.reason), read.detail));
  const me = trusteeIndexOf(read.ceremony, memberId);
  if (me !== secrets.index) throw new Stop(t.otherMember(secrets.index, me));
}

/** Sign and post the board head seen (client/witness.ts); a refusal stops with its message. */
async function witness(t: Texts, api: ApiClient, o: Options, account: AccountKey): Promise<void> {
  const w = await witnessBoardHead(api, account.secretKey, o.election);
  if (!w.ok) throw new Stop(t.witnessRefused(w.reason, w.detail));
  say(t.witnessed(w.witnessed.seq, w.witnessed.hash, w.appended));
}

async function runWitness(t: Texts, o: Options): Promise<void> {
  const account = await openAccountKey(t, need(o, 'accountKey'));
  await witness(t, await signIn(t, o), o, account);
}

async function runInit(t: Texts, o: Options): Promise<void> {
  const path = need(o, 'keyfile');
  if (await access(path, constants.F_OK).then(() => true, () => false)) throw new Stop(t.keyfileExists(path));
  const account = await openAccountKey(t, need(o, 'accountKey'));
  const pass = await passphrase(t, true);
  const api = await signIn(t, o);
  const label = trusteeKeyfileLabel(o.election);
  let saved = false;
  try {
    const r = settle(t, await createKey(api, o.election, account.secretKey, async (s) => {
      await writeKeyfile(path, await exportTrusteeKeyfileAsync(s, pass, { label }), true);
      saved = true;
      say(t.saved(resolve(path)));
    }));
    say(t.keyPosted(r.index));
  } catch (e) {
    if (saved && e instanceof ApiError) process.stderr.write(`${t.initNotPosted(resolve(path))}\n`);
    throw e;
  }
  await witness(t, api, o, account);
}

async function runStep(t: Texts, o: Options, command: 'deal' | 'verify' | 'decrypt'): Promise<void> {
  const path = need(o, 'keyfile');
  const { secrets, label, pass } = await openKeyfile(t, path);
  const account = o.accountKey !== undefined && o.accountKey !== '' ? await openAccountKey(t, o.accountKey) : undefined;
  const api = await signIn(t, o);
  await assertOwnKeyfile(t, api, o, secrets);
  const persist = async (s: TrusteeSecrets) => {
    await writeKeyfile(path, await exportTrusteeKeyfileAsync(s, pass, { label }));
    say(t.saved(resolve(path)));
  };
  if (command === 'deal') {
    const r = settle(t, await deal(api, o.election, secrets, persist));
    say(r.posted ? t.dealt(secrets.index) : t.alreadyDealt(secrets.index));
  } else if (command === 'verify') {
    const r = settle(t, await verifyDealings(api, o.election, secrets, persist));
    for (const b of r.bad) say(t.badDealer(b.dealer, b.reason));
    say(r.posted ? t.verified(r.complaints.length) : t.alreadyVerified());
    if (r.final) say(t.finalShare());
  } else {
    const r = settle(t, await decryptTally(api, o.election, secrets, persist, { summer: workerSummer(availableParallelism()) }));
    say(r.posted ? t.decrypted(r.combined === true) : t.alreadyDecrypted());
  }
  if (account !== undefined) await witness(t, api, o, account);
  else say(t.notWitnessed());
}

async function runStatus(t: Texts, o: Options): Promise<void> {
  const api = new ApiClient({ baseUrl: o.api, lang: o.lang });
  const election = await api.get(`/elections/${encodeURIComponent(o.election)}`) as { title?: string; phase?: string } | null;
  say(t.statusHeader(String(election?.title ?? o.election), String(election?.phase ?? '?')));
  let mine: number | undefined;
  if (o.keyfile !== undefined) {
    const text = await readFile(o.keyfile, 'utf8').catch(() => undefined);
    const header = text === undefined ? undefined : readKeyfileHeader(text);
    if (header) {
      mine = header.trustee;
      say(t.keyfileHeader(header.trustee, header.label));
    } else {
      say(t.keyfileMissing(o.keyfile));
    }
  }
  const read = await fetchCeremony(api, o.election);
  if (!read.ok) throw new Stop(t.refused(t.reason(read.reason), read.detail));
  const c = read.ceremony;
  say(t.statusParams(c.n, c.t));
  const dealt = new Set(c.dealings.map((d) => d.dealer));
  for (const tr of c.trustees) {
    say(t.statusTrustee(tr.index, tr.fullName, tr.sector,
      t.marks(tr.publicKey !== null, dealt.has(tr.index), c.verified.includes(tr.index), c.disqualified.includes(tr.index), tr.index === mine)));
  }
  say(t.jointKey(c.jointPublicKey === null ? null : c.jointPublicKey.toHex()));
}

/** Build the command line program (exported for tests of the option parsing). */
export function program(): Command {
  const cmd = new Command()
    .name('trustee')
    .description('Ánfora: cliente del custodio / trustee client')
    .addOption(new Option('--api <url>', 'URL del API / API base URL').env('TRUSTEE_API').makeOptionMandatory())
    .addOption(new Option('--election <id>', 'id de la elección / election id').env('TRUSTEE_ELECTION').makeOptionMandatory())
    .addOption(new Option('--email <email>', 'correo de la cuenta / account email').env('TRUSTEE_EMAIL'))
    .addOption(new Option('--keyfile <path>', 'archivo de claves / key file').env('TRUSTEE_KEYFILE'))
    .addOption(new Option('--account-key <path>', 'archivo de la clave de cuenta (init, witness; en los demás pasos, para atestiguar) / account key file (init, witness; in the other steps, to witness)').env('TRUSTEE_ACCOUNT_KEY'))
    .addOption(new Option('--lang <lang>', 'idioma / language').choices(['es', 'en']).default('es'))
    .showHelpAfterError();
  const action = (name: 'init' | 'deal' | 'verify' | 'decrypt' | 'status' | 'witness') => async (_: unknown, sub: Command) => {
    const o = sub.optsWithGlobals<Options>();
    const t = MESSAGES[o.lang];
    if (name === 'init') await runInit(t, o);
    else if (name === 'status') await runStatus(t, o);
    else if (name === 'witness') await runWitness(t, o);
    else await runStep(t, o, name);
  };
  cmd.command('init').description('crear la clave del custodio / create the trustee key').action(action('init'));
  cmd.command('deal').description('publicar el reparto / post the dealing').action(action('deal'));
  cmd.command('verify').description('verificar las partes recibidas / verify the shares received').action(action('verify'));
  cmd.command('decrypt').description('publicar descifrados parciales / post partial decryptions').action(action('decrypt'));
  cmd.command('witness').description('atestiguar la cabeza del tablero / witness the board head').action(action('witness'));
  cmd.command('status').description('estado de la ceremonia / ceremony status').action(action('status'));
  return cmd;
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const lang: Lang = argv.includes('en') && argv.some((a, i) => (a === '--lang' && argv[i + 1] === 'en') || a === '--lang=en') ? 'en' : 'es';
  try {
    await program().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    const t = MESSAGES[lang];
    if (e instanceof Stop) {
      process.stderr.write(`${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof ApiError) {
      process.stderr.write(`${t.apiError(e.status, e.code, e.detail)}\n`);
      return 1;
    }
    throw e;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
