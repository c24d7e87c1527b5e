/**
 * The trustees' page's Web Worker: each step of the key ceremony and the tally runs here,
 * with the CLI's own code (src/client/trustee.ts for the steps, src/crypto/trustee-keyfile.ts
 * for the key file), so that scrypt, the dealing's proofs, the board walk and the partial
 * decryptions do not freeze the page. The key file and its passphrase come from the page
 * and go back only as a newly sealed file for the member to save: the steps post public
 * data only, as in the CLI. Each new version of the file is handed to the page, and saved
 * there, before anything that depends on it is posted (the steps' `persist`).
 * @module
 */
import { ApiClient, type Lang } from '../../client/api.js';
import { committeeMemberId, fetchCeremony, trusteeIndexOf } from '../../client/ceremony.js';
import {
  type TrusteeFailure, createKey, deal, decryptTally, trusteeKeyfileLabel, verifyDealings,
} from '../../client/trustee.js';
import { importAccountKeyfileAsync } from '../../crypto/account-keyfile.js';
import type { KeyfileFailure } from '../../crypto/keyfile-envelope.js';
import { type TrusteeSecrets, exportTrusteeKeyfileAsync, importTrusteeKeyfileAsync } from '../../crypto/trustee-keyfile.js';
import { KEYFILE_COST } from '../lib/keyfile-cost.js';
import { PageStop, pageChannel, refusalOf } from '../lib/page-worker.js';

export type Step = 'init' | 'deal' | 'verify' | 'decrypt';

/** Where a step is, for the page's progress. */
export type Stage = 'open_account_key' | 'open_keyfile' | 'working' | 'sealing' | 'posting';

export type ToWorker =
  | {
    readonly type: 'run'; readonly step: Step; readonly baseUrl: string; readonly token: string; readonly lang: Lang;
    readonly electionId: string;
    /** The key file's passphrase (a new one for `init`). */
    readonly passphrase: string;
    /** The key file's text (every step but `init`). */
    readonly keyfile?: string;
    /** The member's sealed account key and its passphrase (`init`: it signs the registration). */
    readonly accountKeyfile?: string;
    readonly accountPassphrase?: string;
    readonly accountId?: string;
  }
  | { readonly type: 'saved'; readonly id: number };

/** What a finished step reports (public facts only). */
export interface StepOutcome {
  readonly step: Step;
  readonly index: number;
  readonly posted: boolean;
  readonly complaints?: number;
  readonly bad?: readonly { readonly dealer: number; readonly reason: string }[];
  readonly final?: boolean;
  readonly combined?: boolean;
}

export type Refused =
  | { readonly kind: 'step'; readonly reason: TrusteeFailure; readonly detail: string }
  | { readonly kind: 'keyfile'; readonly reason: KeyfileFailure }
  | { readonly kind: 'account_key' }
  | { readonly kind: 'other_member'; readonly file: number; readonly me: number | undefined }
  | { readonly kind: 'api'; readonly status: number; readonly code: string; readonly detail: string }
  | { readonly kind: 'unexpected'; readonly detail: string };

export type FromWorker =
  | { readonly type: 'progress'; readonly stage: Stage }
  /** A new version of the key file, to be saved by the page; answered with `saved`. */
  | { readonly type: 'keyfile'; readonly id: number; readonly text: string; readonly index: number }
  | { readonly type: 'done'; readonly outcome: StepOutcome }
  | { readonly type: 'refused'; readonly refused: Refused };

const { post, handOver, listen } = pageChannel<FromWorker, ToWorker>();
/** A refusal of this worker's, thrown to end its task. */
class Stop extends PageStop<Refused> {}

/** Seal the new secrets with the key file's passphrase and wait until the page has saved them. */
function persister(passphrase: string, electionId: string): (s: TrusteeSecrets) => Promise<void> {
  return async (s) => {
    post({ type: 'progress', stage: 'sealing' });
    const text = await exportTrusteeKeyfileAsync(s, passphrase, { label: trusteeKeyfileLabel(electionId), scrypt: KEYFILE_COST.seal });
    await handOver((id) => ({ type: 'keyfile', id, text, index: s.index }));
    post({ type: 'progress', stage: 'posting' });
  };
}

function settle<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) {
    const f = r as unknown as { reason: TrusteeFailure; detail: string };
    throw new Stop({ kind: 'step', reason: f.reason, detail: f.detail });
  }
  return r as Extract<T, { ok: true }>;
}

async function openKeyfile(text: string, passphrase: string): Promise<TrusteeSecrets> {
  post({ type: 'progress', stage: 'open_keyfile' });
  // A file sealed below this build's cost is refused before any scrypt work (lib/keyfile-cost.ts).
  const r = await importTrusteeKeyfileAsync(text, passphrase, { minLogN: KEYFILE_COST.minLogN });
  if (!r.ok) throw new Stop({ kind: 'keyfile', reason: r.reason });
  return r.secrets;
}

/** As the CLI: the signed-in member must be the key file's trustee. */
async function assertOwn(api: ApiClient, electionId: string, secrets: TrusteeSecrets): Promise<void> {
  const [memberId, read] = await Promise.all([committeeMemberId(api), fetchCeremony(api, electionId)]);
  settle(read);
  if (!read.ok) return;
  const me = trusteeIndexOf(read.ceremony, memberId);
  if (me !== secrets.index) throw new Stop({ kind: 'other_member', file: secrets.index, me });
}

async function run(m: Extract<ToWorker, { type: 'run' }>): Promise<StepOutcome> {
  const api = new ApiClient({ baseUrl: m.baseUrl, lang: m.lang, token: m.token });
  const persist = persister(m.passphrase, m.electionId);
  if (m.step === 'init') {
    post({ type: 'progress', stage: 'open_account_key' });
    const account = await importAccountKeyfileAsync(m.accountKeyfile ?? '', m.accountPassphrase ?? '');
    if (!account.ok) throw new Stop({ kind: 'keyfile', reason: account.reason });
    if (account.key.accountId !== m.accountId) throw new Stop({ kind: 'account_key' });
    post({ type: 'progress', stage: 'working' });
    try {
      const r = settle(await createKey(api, m.electionId, account.key.secretKey, persist));
      return { step: 'init', index: r.index, posted: r.posted };
    } finally {
      account.key.secretKey.fill(0);
    }
  }
  const secrets = await openKeyfile(m.keyfile ?? '', m.passphrase);
  post({ type: 'progress', stage: 'working' });
  await assertOwn(api, m.electionId, secrets);
  if (m.step === 'deal') {
    const r = settle(await deal(api, m.electionId, secrets, persist));
    return { step: 'deal', index: secrets.index, posted: r.posted };
  }
  if (m.step === 'verify') {
    const r = settle(await verifyDealings(api, m.electionId, secrets, persist));
    return { step: 'verify', index: secrets.index, posted: r.posted, complaints: r.complaints.length, bad: r.bad, final: r.final };
  }
  const r = settle(await decryptTally(api, m.electionId, secrets, persist));
  return { step: 'decrypt', index: secrets.index, posted: r.posted, combined: r.combined === true };
}

listen((m) => {
  run(m).then((outcome) => post({ type: 'done', outcome }), (e: unknown) => post({ type: 'refused', refused: refusalOf<Refused>(e) }));
});
