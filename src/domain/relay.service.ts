/**
 * The token relay (issue 12; docs/voting-protocol.md §Tokens): the server holds no issuing
 * key. An association posts its signed request (one blinded message per issuer of the
 * contest); each issuer, signed in as its committee member, fetches the requests pending
 * for its key, checks them against the board on its own machine, and posts blind
 * signatures, which the relay checks (s^e = m under the issuer's registered key) before
 * storing. The association collects them and unblinds. Requests and signatures live in
 * the relay's own database (RelayStore), never next to the ballots.
 *
 * Idempotent: the same request again returns what is stored; another blinded message for
 * the same association and contest is 409 `token_request_conflict`.
 * @module
 */
import { fromHex, toHex } from '../crypto/group.js';
import { verifyStrictSignatureNode } from '../crypto/ballot-signature-node.js';
import { checkBlindSignatureNode } from '../crypto/token-issuer.js';
import { blindedMessageHash, IssuedTokenRequestSchema, verifyIssuedTokenRequest } from '../record/statements.js';
import { DomainError } from './errors.js';
import { requireElection, requireMember, requirePhase } from './elections.service.js';
import type { Actor, Election } from './model.js';
import { postedIssuerLogs } from './issuers.js';
import { issuanceOpen, requireIssuancePhase } from './phases.js';
import { readUntil, type RelayWatch, type Wait } from './long-poll.js';
import type { RelayRequest, RelayStore, Store } from './ports.js';
import { decodedManifestOf, getDecodedManifest } from './voting.service.js';

/** What the association sees of its request: the blind signatures received so far, by key id. */
export interface RelayState {
  readonly contestId: string;
  readonly issuers: number;
  readonly blindSignatures: { keyId: string; blindSignature: string }[];
}

/** The contest in the election's manifest (`e`: the election, when the caller has read it already). */
async function contestOf(store: Store, electionId: string, contestId: string, e?: Election) {
  const open = e ? await decodedManifestOf(store, e) : await getDecodedManifest(store, electionId);
  const contest = open.decoded.contests.get(contestId);
  if (!contest) throw new DomainError('not_found', { what: 'contest' });
  return contest;
}

/**
 * An association posts its signed token request: `request` (IssuedTokenRequest) with one
 * blinded message per issuer key of the contest, signed by its account key.
 */
export async function postTokenRequest(
  store: Store, relay: RelayStore, actor: Actor, body: { electionId: string; request: unknown; blindedMessages: readonly { keyId: string; blindedMessage: string }[]; signature: string },
  wait?: RelayWait,
): Promise<RelayState> {
  const associationId = actor.associationId;
  if (!associationId) throw new DomainError('forbidden');
  const e = await requireElection(store.read, body.electionId);
  requireIssuancePhase(e);
  const parsed = IssuedTokenRequestSchema.safeParse(body.request);
  if (!parsed.success) throw new DomainError('validation_failed', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
  const request = parsed.data;
  if (request.electionId !== body.electionId || request.associationId !== associationId) throw new DomainError('forbidden', { reason: 'the request names another election or association' });
  const contest = await contestOf(store, body.electionId, request.contestId, e);
  if (!contest.contest.roll.some((a) => a.associationId === associationId)) throw new DomainError('not_on_roll');
  const keyIds = contest.issuers.map((i) => toHex(i.key.keyId)).sort();
  if (request.blindedMessages.length !== keyIds.length || request.blindedMessages.some((b, i) => b.keyId !== keyIds[i])) {
    throw new DomainError('validation_failed', { issues: ['blindedMessages: expected one per issuer of the contest, by key id'] });
  }
  const blinded: Record<string, string> = {};
  for (const b of body.blindedMessages) {
    const issuer = contest.issuers.find((i) => toHex(i.key.keyId) === b.keyId);
    const named = request.blindedMessages.find((x) => x.keyId === b.keyId);
    if (!issuer || !named) throw new DomainError('validation_failed', { issues: ['blindedMessages: an unknown key id'] });
    const bytes = fromHex(b.blindedMessage, 'blindedMessage', issuer.key.modulusBytes);
    if (blindedMessageHash(bytes) !== named.blindedMessageHash) throw new DomainError('validation_failed', { issues: [`blindedMessages: ${b.keyId} does not match its hash`] });
    blinded[b.keyId] = b.blindedMessage;
  }
  if (Object.keys(blinded).length !== keyIds.length) throw new DomainError('validation_failed', { issues: ['blindedMessages: expected one per issuer'] });
  // The session's read of the account (active, this request) holds its key; else read it.
  const account = actor.signingKey !== undefined ? undefined : await store.read.accounts.byId(actor.accountId);
  const publicKey = actor.signingKey !== undefined ? actor.signingKey : account?.status === 'active' ? account.signingKey : null;
  if (!publicKey) throw new DomainError('signature_invalid', { reason: 'no_key' });
  if (!verifyIssuedTokenRequest(publicKey, request, body.signature, verifyStrictSignatureNode)) throw new DomainError('signature_invalid', { reason: 'bad', what: 'token request' });
  const stored = await relay.insertRequest({ electionId: body.electionId, contestId: request.contestId, associationId, request, publicKey, signature: body.signature, blinded });
  if (JSON.stringify(Object.entries(stored.blinded).sort()) !== JSON.stringify(Object.entries(blinded).sort())) throw new DomainError('token_request_conflict');
  // A request stored just now has no signature yet: no read for them.
  let blindSignatures = stored.inserted ? [] : await relay.signatures(request.contestId, associationId);
  if (wait) {
    // Stored: the issuers' held asks read now. With `wait`, the answer waits for signatures
    // as the status long poll does: one round trip instead of a request and then a status ask.
    wait.watch.poke('requests');
    if (wait.seconds > 0 && blindSignatures.length <= wait.seen) {
      blindSignatures = await wait.watch.signatures(request.contestId, associationId, wait.seen, wait) ?? await relay.signatures(request.contestId, associationId);
    }
  }
  return { contestId: request.contestId, issuers: keyIds.length, blindSignatures };
}

/**
 * How long a relay read may wait for work (long-poll.ts), how much of it the caller
 * already has (the answer comes once there is more than `seen`), and the process's watch.
 */
export type RelayWait = Wait & { readonly seen: number; readonly watch: RelayWatch };

/**
 * The association's request state: the blind signatures received so far. With `wait`, the
 * answer comes once more than `wait.seen` signatures are stored (or the wait is over).
 */
export async function tokenRequestState(store: Store, relay: RelayStore, actor: Actor, electionId: string, contestId: string, wait?: RelayWait): Promise<RelayState> {
  const associationId = actor.associationId;
  if (!associationId) throw new DomainError('forbidden');
  const contest = await contestOf(store, electionId, contestId);
  // The request and its signatures in one read (this route is the many associations' long poll).
  const stored = await relay.requestState(contestId, associationId);
  if (!stored || stored.electionId !== electionId) throw new DomainError('not_found', { what: 'token request' });
  let blindSignatures = stored.blindSignatures;
  if (wait && wait.seconds > 0 && blindSignatures.length <= wait.seen) {
    // The watch hands over the signatures it read; a wait that ended without them reads once.
    blindSignatures = await wait.watch.signatures(contestId, associationId, wait.seen, wait) ?? await relay.signatures(contestId, associationId);
  }
  return { contestId, issuers: contest.issuers.length, blindSignatures };
}

/** The issuer keys of `memberId` in the election's manifest, by contest (`e`: the election, when read already). */
async function keysOf(store: Store, electionId: string, memberId: string, e?: Election) {
  const open = e ? await decodedManifestOf(store, e) : await getDecodedManifest(store, electionId);
  return [...open.decoded.contests.values()].flatMap((c) => c.issuers.filter((i) => i.memberId === memberId).map((i) => ({ contestId: c.contest.id, issuer: i })));
}

/** How often an issuer's held ask for pending requests reads the election's phase, ms. */
const PHASE_RECHECK_MS = 1000;

/**
 * The requests pending for the acting member's issuing keys (all contests), at most `limit`
 * per key. With `wait`, the answer comes once more than `wait.seen` are pending (the
 * issuer's `seen`: those it refused last time, which stay pending), or once the election
 * no longer issues tokens (nothing more will come), or when the wait is over.
 */
export async function pendingRequests(store: Store, relay: RelayStore, actor: Actor, electionId: string, limit = 200, wait?: RelayWait): Promise<(RelayRequest & { keyId: string })[]> {
  const member = await requireMember(store.read, actor, electionId);
  const keys = (await keysOf(store, electionId, member.id)).map(({ contestId, issuer }) => ({ contestId, keyId: toHex(issuer.key.keyId) }));
  const read = async () => {
    const out: (RelayRequest & { keyId: string })[] = [];
    for (const { contestId, keyId } of keys) {
      for (const r of await relay.pending(electionId, keyId, limit)) if (r.contestId === contestId) out.push({ ...r, keyId });
    }
    return out;
  };
  // Whether issuance is over is read at most once a second (a held ask re-reads the relay
  // every 100 ms and at every write; the phase changes once in the election's life).
  let open = true;
  let phaseReadAt = -Infinity;
  const over = async () => {
    if (Date.now() - phaseReadAt >= PHASE_RECHECK_MS) {
      open = issuanceOpen(await requireElection(store.read, electionId));
      phaseReadAt = Date.now();
    }
    return !open;
  };
  return readUntil(read, async (out) => out.length > (wait?.seen ?? 0) || await over(), wait, wait?.watch);
}

/**
 * An issuer posts its blind signature of one request. Checked before storing: the key is
 * the acting member's in the manifest, the request exists and names it, and s^e = m.
 * A second, different signature for the same request and key is 409.
 */
export async function postBlindSignature(
  store: Store, relay: RelayStore, actor: Actor, body: { electionId: string; contestId: string; associationId: string; keyId: string; blindSignature: string },
): Promise<{ stored: true }> {
  await postBlindSignatures(store, relay, actor, body.electionId, [body]);
  return { stored: true };
}

/** One blind signature of a batch ({@link postBlindSignatures}). */
export interface BlindSignaturePost { readonly contestId: string; readonly associationId: string; readonly keyId: string; readonly blindSignature: string }

/**
 * An issuer posts the blind signatures of a batch, each checked as {@link postBlindSignature}
 * checks one, in order: the member, the election's phase and the member's posted logs are
 * read once for the batch (they are the same for every signature of it), the request and
 * s^e = m for each. The first refused signature ends the call with its error; those before
 * it are stored (each is final and idempotent: posting the batch again is harmless).
 */
export async function postBlindSignatures(
  store: Store, relay: RelayStore, actor: Actor, electionId: string, posts: readonly BlindSignaturePost[],
): Promise<{ stored: number }> {
  const member = await requireMember(store.read, actor, electionId);
  const e = await requireElection(store.read, electionId);
  requireIssuancePhase(e);
  const keys = await keysOf(store, electionId, member.id, e);
  // A log on the board is final: a signature after it would be a token the log does not list.
  const logged = await postedIssuerLogs(store.read, electionId);
  const requests = await relay.requestsOf(posts);
  // Each signature is checked in order; those before the first refused one are stored (in one
  // statement), then the refusal is the answer.
  function checkPost(body: BlindSignaturePost): DomainError | undefined {
    const mine = keys.find((k) => k.contestId === body.contestId && toHex(k.issuer.key.keyId) === body.keyId);
    if (!mine) return new DomainError('forbidden', { reason: 'not your issuing key for this contest' });
    if (logged.has(`${body.contestId} ${member.id}`)) return new DomainError('already_posted', { what: 'issuer log' });
    const request = requests.get(`${body.contestId} ${body.associationId}`);
    const blindedHex = request?.electionId === electionId ? request.blinded[body.keyId] : undefined;
    if (!blindedHex) return new DomainError('not_found', { what: 'token request' });
    const key = mine.issuer.key;
    let signature: Uint8Array;
    try {
      signature = fromHex(body.blindSignature, 'blindSignature', key.modulusBytes);
    } catch {
      return new DomainError('blind_signature_invalid', { what: 'length' });
    }
    if (!checkBlindSignatureNode(key, fromHex(blindedHex, 'blindedMessage', key.modulusBytes), signature)) return new DomainError('blind_signature_invalid', { what: 's^e ≠ m' });
    return undefined;
  }
  const good: BlindSignaturePost[] = [];
  let refusal: DomainError | undefined;
  for (const body of posts) {
    refusal = checkPost(body);
    if (refusal) break;
    good.push(body);
  }
  const stored = await relay.addSignatures(good);
  // RSA signatures are deterministic: a different valid one cannot exist, but a stored one is never replaced.
  if (stored.some((x, i) => x !== good[i]!.blindSignature)) throw new DomainError('token_request_conflict');
  if (refusal) throw refusal;
  return { stored: good.length };
}
