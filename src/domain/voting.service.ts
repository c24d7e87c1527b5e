/**
 * Opening the vote (the frozen manifest), the token counts (the relay issues, through the
 * committee's issuers: relay.service.ts) and casting
 * (DESIGN.md §3). Casting takes no credentials: the token proves eligibility, the
 * ballot key's signature binds the ballot to the token, and nothing stored joins an
 * association to a ballot.
 * @module
 */
import { fromHex, toHex } from '../crypto/group.js';
import { generateBallotKeys } from '../crypto/ballot-signature.js';
import { ed25519SignerNode } from '../crypto/ballot-signature-node.js';
import { verifyRsaPssNode } from '../crypto/token-issuer.js';
import type { PayloadOf } from '../record/board.js';
import { checkCastToken, precheckCast } from '../record/cast-ballot.js';
import { manifestHash } from '../record/contexts.js';
import { MANIFEST_VERSION, decodeManifest, parseManifest, type DecodedManifest, type Manifest } from '../record/manifest.js';
import { IssuedTokenRequestSchema } from '../record/statements.js';
import { signReceipt, trackingCode, type Receipt } from '../record/tracking.js';
import { appendToBoard } from './board.service.js';
import { countCast } from './cast-writer.js';
import type { CeremonyResult } from './ceremony.service.js';
import { DomainError } from './errors.js';
import { requireElection, requireElectionPhase } from './elections.service.js';
import type { Actor, Election } from './model.js';
import { requireCastingPhase } from './phases.js';
import type { CastProofChecker, RelayStore, Repos, Store } from './ports.js';
import { smallRollEntry } from './small-roll.service.js';
import { registeredIssuers } from './issuers.js';

/**
 * Freeze the manifest as the election opens (entering the token window, or voting when
 * the rule `tokenWindow` is off; proposals.service.ts): contests with their eligible candidates,
 * accredited rolls and small-roll acknowledgements, trustees and keys, the issuers each
 * contest's members registered (the server holds no issuing key), the receipt key.
 * Runs inside the transaction that executes the opening decision.
 */
export async function openVoting(r: Repos, e: Election): Promise<void> {
  const state = await r.voting.state(e.id);
  const ceremony = state.ceremonyResult as CeremonyResult | null;
  if (!ceremony) throw new DomainError('ceremony_step', { reasonEs: 'no hay clave conjunta', reasonEn: 'there is no joint key' });
  const [members, contests, applications, candidates, associations, keys, acknowledgements] = await Promise.all([
    r.committee.listByElection(e.id), r.contests.listByElection(e.id), r.applications.listByElection(e.id),
    r.candidates.listByElection(e.id), r.associations.list(), r.ceremony.keys(e.id), r.acknowledgements.listByElection(e.id),
  ]);
  const issuers = await registeredIssuers(r, e.id);
  const manifestContests = [];
  for (const c of contests) {
    const accredited = new Set(applications.filter((a) => a.contestId === c.id && a.status === 'accredited').map((a) => a.associationId));
    const smallRoll = smallRollEntry(acknowledgements.find((a) => a.contestId === c.id));
    // The phase precondition refused the opening already; this keeps a manifest without it from ever being written.
    if (accredited.size < e.rules.minRollSize && !smallRoll) throw new Error(`contest ${c.id}: roll below minRollSize without acknowledgement`);
    manifestContests.push({
      id: c.id, constituency: c.constituency, title: c.title, seats: c.seats, alternates: c.alternates, maxSelections: c.maxSelections,
      candidates: candidates.filter((k) => k.contestId === c.id && k.status === 'eligible').map((k) => ({ id: k.id, fullName: k.fullName })),
      roll: associations.filter((a) => accredited.has(a.id)).map((a) => ({ associationId: a.id, legalName: a.legalName, region: a.region })),
      issuers: issuers.filter((i) => i.contestId === c.id).sort((a, b) => (a.issuanceKey.keyId < b.issuanceKey.keyId ? -1 : 1))
        .map((i) => ({ memberId: i.memberId, sector: i.sector, issuanceKey: i.issuanceKey })),
      smallRoll,
    });
  }
  const receiptKeys = generateBallotKeys();
  const manifest = {
    version: MANIFEST_VERSION, electionId: e.id, title: e.title, rules: e.rules, threshold: Math.min(e.rules.threshold, members.length),
    openedAt: new Date().toISOString(),
    trustees: members.map((m, i) => ({
      index: i + 1, memberId: m.id, sector: m.sector, publicKey: keys.find((k) => k.trustee === i + 1)!.publicKey,
      verificationKey: ceremony.verificationKeys.find((v) => v.index === i + 1)!.key,
    })),
    jointPublicKey: ceremony.jointPublicKey, receiptKey: toHex(receiptKeys.publicKey),
    constituencies: e.constituencies.map((d) => ({ code: d.code, nameEs: d.nameEs, nameEn: d.nameEn })), contests: manifestContests,
  };
  const parsed = parseManifest(manifest);
  if (!parsed.ok) throw new Error(`built an invalid manifest: ${JSON.stringify(parsed.errors)}`);
  const hash = toHex(manifestHash(parsed.manifest));
  await r.voting.setManifest(e.id, parsed.manifest, hash, receiptKeys.secretKey);
  await appendToBoard(r, e.id, 'manifest', { manifest: parsed.manifest, hash });
}

interface OpenElection {
  manifest: Manifest;
  hash: string;
  decoded: DecodedManifest;
  receiptSecretKey: Uint8Array;
  /** node:crypto's Ed25519 signer on the receipt key (the key imported once). */
  signReceiptMessage: (message: Uint8Array) => Uint8Array;
}

// A per-process cache of data that never changes once written: a manifest is frozen when
// voting opens (with its receipt key). So
// several API processes on one database may each keep their own copy (README "Several API
// processes"); what can change (the phase, the ballots, the board) is always read from the
// database.
const openCache = new Map<string, OpenElection>();

/** Drop the per-process cache, as a restart does (tests use it to simulate one). */
export function forgetCachedElections(): void {
  openCache.clear();
}

async function loadOpen(r: Repos, electionId: string): Promise<OpenElection> {
  const cached = openCache.get(electionId);
  if (cached) return cached;
  const state = await r.voting.state(electionId);
  if (!state.manifest || !state.manifestHash || !state.receiptSecretKey) {
    throw new DomainError('wrong_phase', { expected: ['voting'], phase: 'key_ceremony' });
  }
  const parsed = parseManifest(state.manifest);
  if (!parsed.ok) throw new Error('stored manifest does not parse');
  const decoded = decodeManifest(parsed.manifest);
  if (!decoded.ok) throw new Error('stored manifest does not decode');
  const open = {
    manifest: parsed.manifest, hash: state.manifestHash, decoded: decoded.decoded, receiptSecretKey: state.receiptSecretKey,
    signReceiptMessage: ed25519SignerNode(state.receiptSecretKey),
  };
  openCache.set(electionId, open);
  return open;
}

/** The frozen manifest with its decoded keys (per-process cache). */
export async function getDecodedManifest(store: Store, electionId: string): Promise<{ manifest: Manifest; hash: string; decoded: DecodedManifest }> {
  // A cached manifest is of an election that exists (elections are never deleted): no read of it
  // (the relay's hot routes ask for the manifest at every call).
  if (!openCache.has(electionId)) await requireElection(store.read, electionId);
  const { manifest, hash, decoded } = await loadOpen(store.read, electionId);
  return { manifest, hash, decoded };
}

/** {@link getDecodedManifest} of an election the caller has just read: one read of it fewer. */
export async function decodedManifestOf(store: Store, e: Pick<Election, 'id'>): Promise<{ manifest: Manifest; hash: string; decoded: DecodedManifest }> {
  const { manifest, hash, decoded } = await loadOpen(store.read, e.id);
  return { manifest, hash, decoded };
}

export async function getManifest(store: Store, electionId: string): Promise<{ manifest: Manifest; hash: string }> {
  await requireElection(store.read, electionId);
  const { manifest, hash } = await loadOpen(store.read, electionId);
  return { manifest, hash };
}

/**
 * Tokens asked for per contest, as the relay counts them (issue 12): one per association
 * and contest that posted a signed request to the contest's issuers. While voting is
 * open only these numbers are public; who asked goes on the board at the close.
 */
export async function issuanceCounts(store: Store, relay: RelayStore, electionId: string): Promise<{ contests: { contestId: string; issued: number }[] }> {
  await requireElection(store.read, electionId);
  return { contests: await relayCounts(store.read, relay, electionId) };
}

async function relayCounts(r: Repos, relay: RelayStore, electionId: string): Promise<{ contestId: string; issued: number }[]> {
  const [counts, contests] = await Promise.all([relay.counts(electionId), r.contests.listByElection(electionId)]);
  return contests.map((c) => ({ contestId: c.id, issued: counts.find((x) => x.contestId === c.id)?.requested ?? 0 }));
}

/**
 * Casting opens after the token window: the number of tokens asked for per contest, read
 * from the relay's own database at this moment, goes on the board (`token_window`), so
 * that the verifier can tell that none was issued later. Runs inside the transaction that
 * executes the decision to enter voting (the relay refuses requests once it commits).
 */
export async function closeTokenWindow(r: Repos, e: Election, relay: RelayStore): Promise<void> {
  await appendToBoard(r, e.id, 'token_window', { contests: await relayCounts(r, relay, e.id) });
}

/**
 * The issuance log published at the close, from the relay: per contest then association
 * id, the request each association signed (its key, the request with one blinded-message
 * hash per issuer, its signature). Its order and the board's times say nothing about
 * when anyone voted: all entries go on at once.
 */
export async function issuanceEntries(relay: RelayStore, manifest: Manifest): Promise<PayloadOf<'token_issued'>[]> {
  const out: PayloadOf<'token_issued'>[] = [];
  const requests = await relay.requests(manifest.electionId);
  for (const c of manifest.contests) {
    for (const q of requests.filter((x) => x.contestId === c.id).sort((a, b) => (a.associationId < b.associationId ? -1 : 1))) {
      const parsed = IssuedTokenRequestSchema.safeParse(q.request);
      if (!parsed.success) continue; // the relay stored only requests it parsed
      out.push({ contestId: c.id, associationId: q.associationId, request: { request: parsed.data, publicKey: q.publicKey, signature: q.signature } });
    }
  }
  return out;
}

/**
 * Cast a ballot, cheapest checks first, then store it.
 *
 * Outside any transaction: the body's shape, the token's decoding and claims
 * (`precheckCast`); then one statement reads the phase and refuses a ballot key already
 * counted (409 `token_used`, by index: a replay costs no proof check); then the token's
 * issuer signatures against the manifest's issuance rule (`checkCastToken`); then the
 * ballot's decoding, signature and proofs, checked by `proofs` together with the casts
 * arriving at the same time, off the event loop when it runs worker threads.
 *
 * Then it is counted (cast-writer.ts) in a transaction that holds the election lock (so a
 * ballot and the close cannot interleave) only for the inserts and the appends, shared
 * with the other casts of the election ready at the same time: the last tracking code and
 * the board head are each read once, by index. The database refuses a second ballot for
 * the same token under any concurrency. The receipt is signed after the commit, outside
 * the lock.
 */
export async function castBallot(store: Store, electionId: string, body: unknown, proofs: CastProofChecker): Promise<Receipt> {
  const open = await openForCasting(store, electionId);
  const pre = precheckCast(open.decoded, electionId, body);
  if (!pre.ok) {
    // The phase's refusal comes first, as for a well-formed cast.
    requireCastingPhase({ phase: await requireElectionPhase(store.read, electionId) });
    throw rejected(pre);
  }
  const ballotPublicKey = toHex(pre.token.ballotPublicKey);
  const seen = await store.read.ballots.castLookup(electionId, pre.contestId, ballotPublicKey);
  if (seen === undefined) throw new DomainError('not_found', { what: 'election' });
  requireCastingPhase(seen);
  if (seen.keyUsed) throw new DomainError('token_used');
  const badToken = await checkCastToken(open.decoded, pre, electionId, verifyRsaPssNode);
  if (badToken) throw rejected(badToken);
  const { contest } = pre.contest;
  const verdict = await proofs.check({
    manifestHash: open.hash, jointPublicKey: open.manifest.jointPublicKey, contestId: pre.contestId, maxSelections: contest.maxSelections,
    candidateCount: pre.contest.candidateIds.length, ballotPublicKey, ballot: pre.cast.ballot, signature: pre.cast.signature,
  });
  if (!verdict.ok) throw rejected(verdict);
  const receipt = await countCast(store, electionId, { cast: pre.cast, ballotPublicKey, digest: verdict.digest });
  return signReceipt(open.receiptSecretKey, receipt, open.signReceiptMessage);
}

/**
 * The open election's manifest for a cast. A cached one is of an election that opened
 * voting: its phase now is read with the ballot key (`castLookup`), one statement a cast.
 * Otherwise the phase is checked before the manifest is read.
 */
async function openForCasting(store: Store, electionId: string): Promise<OpenElection> {
  const cached = openCache.get(electionId);
  if (cached) return cached;
  requireCastingPhase({ phase: await requireElectionPhase(store.read, electionId) });
  return loadOpen(store.read, electionId);
}

function rejected(f: { code: string; detail: string }): DomainError {
  return new DomainError('ballot_rejected', { reason: f.code, detail: f.detail });
}
