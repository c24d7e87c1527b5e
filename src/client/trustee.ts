/**
 * The trustee's side of the key ceremony and the tally (DESIGN.md §3; docs/voting-protocol.md
 * "Trustees and the key ceremony", "Close, tally, results"; ElectionGuard 2.0 §3.2, §3.6).
 * Each step is a pure function over the (decoded, checked) public state and the trustee's
 * {@link TrusteeSecrets}, plus an API wrapper that reads the state, runs the step, hands the
 * new secrets to `persist` (the CLI re-encrypts the key file) and only then posts the public
 * part — so that nothing is published whose secret the trustee could lose.
 *
 * 1. {@link createKey}: the long-term trustee key with its proof of possession.
 * 2. {@link deal}: once all n keys are posted (each proof checked), the dealing.
 * 3. {@link verifyDealings}: once all n dealings are posted, open the share from each other
 *    dealer, complain about bad ones, and keep the good ones. Re-runnable: the shares are
 *    re-derived from the public dealings; once the ceremony is over it fixes the final
 *    secret share over the qualified dealers and checks it against the published
 *    verification key.
 * 4. {@link decryptTally}: after the close, check that the encrypted tally is the sum of the
 *    ballots on the (chain-checked) board — so that the server cannot use the trustees to
 *    decrypt a single ballot — and post one partial decryption with its proof per tally
 *    ciphertext.
 *
 * Secrets never leave this module except through `persist`. Untrusted answers give result
 * values; the transport throws ApiError.
 * @module
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { type Ciphertext, type CiphertextJSON, ciphertextFromJSON } from '../crypto/elgamal.js';
import { G, type RNG, mul } from '../crypto/group.js';
import {
  type ComplaintJSON, type DealingJSON, type TrusteePublicKeyJSON, checkDealing, combineSecretShare, complaintToJSON,
  createDealing, createTrusteeKey, dealingToJSON, raiseComplaint, receiveShare, trusteePublicKeyToJSON,
} from '../crypto/key-ceremony.js';
import { type DecryptionShareJSON, computeShares, decryptionShareToJSON } from '../crypto/threshold-decryption.js';
import type { TrusteeSecrets } from '../crypto/trustee-keyfile.js';
import type { SummerFactory } from '../record/ballot-sums.js';
import { ceremonyContext, decryptionContext } from '../record/contexts.js';
import { signTrusteeKey } from '../record/trustee-key-statement.js';
import { type ApiClient, type Refusal, seg } from './api.js';
import { walkBoard } from './board.js';
import { boardTally } from './tally-check.js';
import { type CeremonyFailure, type CeremonyView, committeeMemberId, fetchCeremony, sameBytes, trusteeIndexOf } from './ceremony.js';
import { type LoadedManifest, type ManifestFailure, fetchManifest } from './manifest.js';

export { type BoardTally, boardTally, checkTallyAgainstBoard } from './tally-check.js';

/** Shortest passphrase accepted for a new trustee key file (the CLI's and the page's rule). */
export const MIN_KEYFILE_PASSPHRASE = 10;

/** The public label of a trustee's key file for election `electionId` (shown before the file is opened). */
export function trusteeKeyfileLabel(electionId: string): string {
  return `anfora ${electionId}`;
}

/** Saves the trustee's new secrets (e.g. re-encrypts the key file); awaited before anything is posted. */
export type PersistSecrets = (secrets: TrusteeSecrets) => Promise<void>;

/** Why a trustee step did not run. */
export type TrusteeFailure =
  | CeremonyFailure | ManifestFailure
  | 'not_a_trustee' | 'wrong_keyfile' | 'keys_missing' | 'dealings_missing' | 'dealing_mismatch' | 'own_share_missing'
  | 'share_missing' | 'share_mismatch' | 'ceremony_incomplete' | 'malformed_tally' | 'tally_mismatch'
  | 'malformed_board' | 'broken_chain';

/** Outcome of a step: the (possibly updated) secrets and whether something was posted. */
export type StepResult<T = object> =
  | ({ readonly ok: true; readonly secrets: TrusteeSecrets; readonly posted: boolean } & T)
  | Refusal<TrusteeFailure>;

function refuse(reason: TrusteeFailure, detail: string): Refusal<TrusteeFailure> {
  return { ok: false, reason, detail };
}

const params = (s: Pick<TrusteeSecrets, 'n' | 't'>) => ({ n: s.n, t: s.t });

/** The trustee key's public point from the secrets. */
function ownKey(secrets: TrusteeSecrets) {
  return mul(G, secrets.trusteeKey);
}

/**
 * Do these secrets belong to this ceremony (same context, n, t) and, if the trustee's key
 * is posted, to that key? A refusal names the mismatch.
 */
export function checkSecretsFor(ceremony: CeremonyView, secrets: TrusteeSecrets): Refusal<TrusteeFailure> | undefined {
  if (secrets.n !== ceremony.n || secrets.t !== ceremony.t || !sameBytes(secrets.context, ceremony.context)) {
    return refuse('wrong_keyfile', 'the key file belongs to another election or ceremony');
  }
  const posted = ceremony.trustees[secrets.index - 1]?.publicKey;
  if (posted && !posted.key.equals(ownKey(secrets))) {
    return refuse('wrong_keyfile', `the key file's trustee key is not the one trustee ${secrets.index} posted`);
  }
  return undefined;
}

// ---- 1. trustee key ----

/**
 * Step 1 (pure): trustee `index`'s long-term key for this ceremony, with a proof of
 * possession bound to the ceremony context; the secrets start with no polynomial and no
 * shares.
 * @throws RangeError if `index` is not a trustee of the ceremony
 * @example const { secrets, publicKey } = newTrusteeKey(ceremony, 2);
 */
export function newTrusteeKey(ceremony: CeremonyView, index: number, rng: RNG = randomBytes): { secrets: TrusteeSecrets; publicKey: TrusteePublicKeyJSON } {
  if (!Number.isInteger(index) || index < 1 || index > ceremony.n) throw new RangeError(`"index" expected 1..${ceremony.n}, got ${index}`);
  const { secret, publicKey } = createTrusteeKey(ceremony.context, index, rng);
  const secrets: TrusteeSecrets = Object.freeze({
    index, n: ceremony.n, t: ceremony.t, context: ceremony.context, trusteeKey: secret, polynomial: Object.freeze([]), receivedShares: Object.freeze([]),
  });
  return { secrets, publicKey: trusteePublicKeyToJSON(publicKey) };
}

/**
 * Step 1: as the signed-in committee member, create the trustee key for election
 * `electionId`, persist the secrets, then `POST /elections/:id/ceremony/keys` with the
 * registration signed by the member's account key (`accountSecretKey`, the 32-byte seed
 * of the account key file): the server cannot substitute a key of its own. The trustee
 * index is the member's position in the ceremony's list. Refuses if a key is already posted
 * for that index (the key file cannot be rebuilt from the server).
 * @throws ApiError on an HTTP failure
 * @example const r = await createKey(api, electionId, account.signingSecretKey, (s) => saveKeyfile(s));
 */
export async function createKey(
  api: ApiClient, electionId: string, accountSecretKey: Uint8Array, persist: PersistSecrets, rng: RNG = randomBytes,
): Promise<StepResult<{ index: number }>> {
  const memberId = await committeeMemberId(api);
  const read = await fetchCeremony(api, electionId);
  if (!read.ok) return read;
  const index = trusteeIndexOf(read.ceremony, memberId);
  if (index === undefined) return refuse('not_a_trustee', 'the signed-in member is not a trustee of this election');
  if (read.ceremony.trustees[index - 1]!.publicKey !== null) {
    return refuse('wrong_keyfile', `trustee ${index} already posted a key; the key file that holds its secret is needed`);
  }
  const { secrets, publicKey } = newTrusteeKey(read.ceremony, index, rng);
  const signature = signTrusteeKey(accountSecretKey, { electionId, memberId, trustee: index, publicKey });
  await persist(secrets);
  await api.post(`/elections/${seg(electionId)}/ceremony/keys`, { publicKey, signature });
  return { ok: true, secrets, posted: true, index };
}

// ---- 2. dealing ----

/**
 * Step 2 (pure): the trustee's dealing, once every trustee's key is posted (each proof was
 * checked by readCeremony). The new secrets keep the polynomial and the trustee's own share
 * f(index). If the ceremony already holds this trustee's dealing, nothing new is made: it
 * must match the key file's polynomial (`posted: false`), else `dealing_mismatch`.
 * @example const r = makeDealing(ceremony, secrets); if (r.ok && r.dealing) post(r.dealing);
 */
export function makeDealing(ceremony: CeremonyView, secrets: TrusteeSecrets, rng: RNG = randomBytes): StepResult<{ dealing?: DealingJSON }> {
  const bad = checkSecretsFor(ceremony, secrets);
  if (bad) return bad;
  const missing = ceremony.trustees.filter((tr) => tr.publicKey === null).map((tr) => tr.index);
  if (missing.length > 0) return refuse('keys_missing', `trustees ${missing.join(', ')} have not posted their keys yet`);
  const existing = ceremony.dealings.find((d) => d.dealer === secrets.index);
  if (existing) {
    const a0 = secrets.polynomial[0];
    if (a0 === undefined || !existing.commitments[0]!.equals(mul(G, a0))) {
      return refuse('dealing_mismatch', `trustee ${secrets.index}'s posted dealing is not the one in the key file`);
    }
    return { ok: true, secrets, posted: false };
  }
  const keys = ceremony.trustees.map((tr) => tr.publicKey!);
  const { dealing, polynomial, ownShare } = createDealing(ceremony.context, params(ceremony), secrets.index, keys, rng);
  const next: TrusteeSecrets = Object.freeze({
    ...secrets, polynomial, receivedShares: Object.freeze([Object.freeze({ dealer: secrets.index, share: ownShare })]),
  });
  return { ok: true, secrets: next, posted: false, dealing: dealingToJSON(dealing) };
}

/**
 * Step 2: read the ceremony, make the dealing ({@link makeDealing}), persist the secrets,
 * then `POST /elections/:id/ceremony/dealings`.
 * @throws ApiError on an HTTP failure
 */
export async function deal(api: ApiClient, electionId: string, secrets: TrusteeSecrets, persist: PersistSecrets, rng: RNG = randomBytes): Promise<StepResult> {
  const read = await fetchCeremony(api, electionId);
  if (!read.ok) return read;
  const made = makeDealing(read.ceremony, secrets, rng);
  if (!made.ok || made.dealing === undefined) return made;
  await persist(made.secrets);
  await api.post(`/elections/${seg(electionId)}/ceremony/dealings`, { dealing: made.dealing });
  return { ok: true, secrets: made.secrets, posted: true };
}

// ---- 3. verification of the shares received ----

/** A dealer whose share to this trustee was bad, and why. */
export interface BadDealer {
  readonly dealer: number;
  readonly reason: 'bad_dealing' | 'missing' | 'undecryptable' | 'inconsistent';
}

/**
 * Step 3 (pure): open the share of every other dealer (each dealing checked with
 * `checkDealing`, each share with Feldman's check), raise a complaint for each bad one, and
 * keep the good shares with the own share; the provisional secret share sums them. Needs all
 * n dealings. If the ceremony is over (verification keys published; `final: true`), the
 * secret share is the final one over the qualified dealers and is checked against this
 * trustee's verification key ({@link finalSecretShare}).
 */
export function verifyShares(
  ceremony: CeremonyView, secrets: TrusteeSecrets, rng: RNG = randomBytes,
): StepResult<{ complaints: ComplaintJSON[]; bad: BadDealer[]; final: boolean }> {
  const wrong = checkSecretsFor(ceremony, secrets);
  if (wrong) return wrong;
  if (ceremony.dealings.length < ceremony.n) {
    const have = new Set(ceremony.dealings.map((d) => d.dealer));
    const missing = ceremony.trustees.map((tr) => tr.index).filter((j) => !have.has(j));
    return refuse('dealings_missing', `trustees ${missing.join(', ')} have not posted their dealings yet`);
  }
  const own = secrets.receivedShares.find((r) => r.dealer === secrets.index);
  const a0 = secrets.polynomial[0];
  const ownDealing = ceremony.dealings.find((d) => d.dealer === secrets.index);
  if (own === undefined || a0 === undefined) return refuse('own_share_missing', 'the key file holds no dealing of this trustee');
  if (!ownDealing || !ownDealing.commitments[0]!.equals(mul(G, a0))) {
    return refuse('dealing_mismatch', `trustee ${secrets.index}'s posted dealing is not the one in the key file`);
  }
  const p = params(ceremony);
  const good: { dealer: number; share: bigint }[] = [own];
  const complaints: ComplaintJSON[] = [];
  const bad: BadDealer[] = [];
  for (const d of [...ceremony.dealings].sort((x, y) => x.dealer - y.dealer)) {
    if (d.dealer === secrets.index) continue;
    if (!checkDealing(ceremony.context, p, d).ok) {
      bad.push({ dealer: d.dealer, reason: 'bad_dealing' });
      continue;
    }
    const r = receiveShare(ceremony.context, p, secrets.index, secrets.trusteeKey, d);
    if (r.ok) {
      good.push({ dealer: d.dealer, share: r.share });
    } else {
      bad.push({ dealer: d.dealer, reason: r.reason });
      if (r.reason !== 'missing') complaints.push(complaintToJSON(raiseComplaint(ceremony.context, p, secrets.index, secrets.trusteeKey, d, rng)));
    }
  }
  let next: TrusteeSecrets = Object.freeze({
    ...secrets, receivedShares: Object.freeze(good.map((g) => Object.freeze(g))), secretShare: combineSecretShare(good),
  });
  if (ceremony.verificationKeys !== null) {
    const final = finalSecretShare(ceremony, next);
    if (!final.ok) return final;
    next = final.secrets;
  }
  return { ok: true, secrets: next, posted: false, complaints, bad, final: ceremony.verificationKeys !== null };
}

/**
 * The final secret share x_j = Σ_{i∈Q} f_i(j) over the qualified dealers Q (the dealers not
 * disqualified once the ceremony is over), checked against the published verification key
 * X_j (x_j·G = X_j; ElectionGuard 2.0 §3.2.3). `verificationKey` defaults to the
 * ceremony's; the tally passes the manifest's.
 */
export function finalSecretShare(
  ceremony: CeremonyView, secrets: TrusteeSecrets, verificationKey = ceremony.verificationKeys?.find((v) => v.index === secrets.index)?.key,
): StepResult {
  if (verificationKey === undefined) return refuse('ceremony_incomplete', 'the ceremony has no verification keys yet');
  const disqualified = new Set(ceremony.disqualified);
  const qualified = [...new Set(ceremony.dealings.map((d) => d.dealer))].filter((i) => !disqualified.has(i));
  const shares: { dealer: number; share: bigint }[] = [];
  for (const i of qualified) {
    const s = secrets.receivedShares.find((r) => r.dealer === i);
    if (s === undefined) return refuse('share_missing', `no good share from qualified dealer ${i} (run verify again)`);
    shares.push(s);
  }
  const x = combineSecretShare(shares);
  if (!mul(G, x).equals(verificationKey)) {
    return refuse('share_mismatch', `the secret share does not match trustee ${secrets.index}'s verification key`);
  }
  return { ok: true, secrets: x === secrets.secretShare ? secrets : Object.freeze({ ...secrets, secretShare: x }), posted: false };
}

/**
 * Step 3: read the ceremony, verify the shares ({@link verifyShares}), persist the secrets
 * if they changed, then, unless this trustee already reported,
 * `POST /elections/:id/ceremony/verifications { complaints }`.
 * @throws ApiError on an HTTP failure
 */
export async function verifyDealings(
  api: ApiClient, electionId: string, secrets: TrusteeSecrets, persist: PersistSecrets, rng: RNG = randomBytes,
): Promise<StepResult<{ complaints: ComplaintJSON[]; bad: BadDealer[]; final: boolean }>> {
  const read = await fetchCeremony(api, electionId);
  if (!read.ok) return read;
  const v = verifyShares(read.ceremony, secrets, rng);
  if (!v.ok) return v;
  if (!sameSecrets(v.secrets, secrets)) await persist(v.secrets);
  if (read.ceremony.verified.includes(secrets.index)) return v;
  await api.post(`/elections/${seg(electionId)}/ceremony/verifications`, { complaints: v.complaints });
  return { ...v, posted: true };
}

function sameSecrets(a: TrusteeSecrets, b: TrusteeSecrets): boolean {
  const shares = (s: TrusteeSecrets) => s.receivedShares.map((r) => `${r.dealer}:${r.share}`).join(',');
  return a.secretShare === b.secretShare && shares(a) === shares(b) && a.polynomial.join() === b.polynomial.join();
}

// ---- 4. tally ----

/** The body of `POST /elections/:id/tally/shares`. */
export interface SharesBody {
  readonly contests: readonly { readonly contestId: string; readonly shares: readonly DecryptionShareJSON[] }[];
}

function tallyOf(election: LoadedManifest, json: unknown): Map<string, Ciphertext[]> | string {
  const contests = (json as { contests?: unknown } | null)?.contests;
  if (!Array.isArray(contests)) return 'expected { contests: [{ contestId, tally }] }';
  const out = new Map<string, Ciphertext[]>();
  try {
    for (const c of contests as { contestId?: unknown; tally?: unknown }[]) {
      const contest = election.decoded.contests.get(c?.contestId as string);
      if (contest === undefined || out.has(contest.contest.id)) return `unknown or repeated contest ${String(c?.contestId)}`;
      if (!Array.isArray(c.tally) || c.tally.length !== contest.candidateIds.length) return `contest ${contest.contest.id}: one ciphertext per candidate expected`;
      out.set(contest.contest.id, (c.tally as CiphertextJSON[]).map((t) => ciphertextFromJSON(t, 'tally', 'sum')));
    }
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  if (out.size !== election.decoded.contests.size) return 'the tally does not cover every contest of the manifest';
  return out;
}

/**
 * Step 4 (pure): this trustee's partial decryption of every tally ciphertext, one
 * Chaum–Pedersen proof each, under the decryption context of (manifest hash, contest).
 * `secrets.secretShare` must already be the final share (see {@link finalSecretShare}).
 */
export function tallyShares(
  election: LoadedManifest, secrets: TrusteeSecrets, tally: ReadonlyMap<string, readonly Ciphertext[]>, rng: RNG = randomBytes,
): SharesBody {
  const x = secrets.secretShare;
  if (x === undefined) throw new RangeError('"secrets" expected a secret share (the ceremony is not finished in this key file)');
  return {
    contests: election.manifest.contests.map((c) => ({
      contestId: c.id,
      shares: computeShares(decryptionContext(election.hash, c.id), secrets.index, x, tally.get(c.id) ?? [], rng).map(decryptionShareToJSON),
    })),
  };
}

/**
 * Step 4: load the manifest (hash checked), make sure the key file is this trustee's and its
 * final secret share matches the manifest's verification key (recomputing it over the
 * qualified dealers if needed, and persisting it), read the tally, walk the whole board,
 * check the tally against the board's ballots, and — unless this trustee already posted —
 * `POST /elections/:id/tally/shares`. `opts.summer` sums the board's ballots (default in
 * this thread; the CLI passes worker threads, src/cli/sum-pool.ts).
 * @throws ApiError on an HTTP failure
 */
export async function decryptTally(
  api: ApiClient, electionId: string, secrets: TrusteeSecrets, persist: PersistSecrets, opts: { summer?: SummerFactory } = {}, rng: RNG = randomBytes,
): Promise<StepResult<{ combined?: boolean }>> {
  const loaded = await fetchManifest(api, electionId);
  if (!loaded.ok) return loaded;
  const { manifest, decoded } = loaded;
  const trustee = decoded.trustees[secrets.index - 1];
  if (secrets.n !== manifest.trustees.length || secrets.t !== manifest.threshold
    || !sameBytes(secrets.context, ceremonyContext(electionId, secrets.n, secrets.t))
    || trustee === undefined || !trustee.publicKey.key.equals(ownKey(secrets))) {
    return refuse('wrong_keyfile', 'the key file does not belong to a trustee of this election\'s manifest');
  }
  let current = secrets;
  if (current.secretShare === undefined || !mul(G, current.secretShare).equals(trustee.verificationKey)) {
    const read = await fetchCeremony(api, electionId);
    if (!read.ok) return read;
    const final = finalSecretShare(read.ceremony, current, trustee.verificationKey);
    if (!final.ok) return final;
    current = final.secrets;
    await persist(current);
  }
  const tally = tallyOf(loaded, await api.get(`/elections/${seg(electionId)}/tally`));
  if (typeof tally === 'string') return refuse('malformed_tally', tally);
  // The board is walked, not held: at 100,000 ballots it is hundreds of megabytes of JSON.
  const sums = boardTally(loaded, opts.summer);
  const board = await walkBoard<Refusal<'tally_mismatch'>>(api, electionId, (page) => sums.visit(page));
  if (!board.ok) return board;
  const check = await sums.finish(tally);
  if (!check.ok) return check;
  if (sums.sharesPosted.has(current.index)) return { ok: true, secrets: current, posted: false };
  const body = tallyShares(loaded, current, tally, rng);
  const answer = await api.post(`/elections/${seg(electionId)}/tally/shares`, body) as { combined?: unknown } | null;
  return { ok: true, secrets: current, posted: true, combined: answer?.combined === true };
}
