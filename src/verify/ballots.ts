/**
 * Checking the record's ballots, the costly part of verification (≈ 9 ms per ballot, mostly
 * point decoding and the validity proofs), written so that it can run anywhere: in the
 * verifier's own thread, in Node worker threads (src/cli/verify-pool.ts) or in browser
 * workers. A {@link BallotChecker} takes plain JSON (the manifest, its hash, the ballot
 * events' payloads) and returns plain JSON: per ballot, the problems found and the digest
 * that the tracking code hashes; per contest, the homomorphic sum of the ballots that
 * passed, so the caller never decodes a ballot again to check the tally.
 *
 * Per ballot (docs/voting-protocol.md "Casting"; the checks of record/cast-ballot.ts, all
 * of them rather than the first failure): the payload's shape; the token's claims and its
 * RFC 9474 signatures by the contest's issuers under the manifest's issuance rule (at
 * least `rules.issuerThreshold` distinct issuers of 2 sectors); the Ed25519 ballot signature by the
 * token's key over `contestBallotDigest`; the 0-or-1 and range proofs under the ballot
 * context — folded over many ballots with crypto/batch.ts, whose bisection names the bad
 * ones, which are then checked exactly to say which proof failed.
 * @module
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { type ContestBallot, type ContestBallotJSON, ballotContext, checkContest, contestBallotDigest, contestBallotFromJSON } from '../crypto/ballot.js';
import { verifyBallotSignature } from '../crypto/ballot-signature.js';
import { type ContestBytesItem, type ContestBytesResult, type ContestItem, type ProofBackend, batchCheckContests } from '../crypto/batch.js';
import { type Ciphertext, type CiphertextJSON, ZERO, addCiphertexts, ciphertextFromJSON, ciphertextToJSON, pointBytes } from '../crypto/elgamal.js';
import { DecodeError, type RNG, decodePoint, fromHex, toHex } from '../crypto/group.js';
import { type IssuedToken, issuedTokenFromJSON } from '../crypto/issued-token.js';
import { verifyRsaPss } from '../crypto/voting-token.js';
import { PAYLOAD_SCHEMAS } from '../record/board.js';
import { type BallotSignatureVerifier, type TokenVerifier, checkCastToken } from '../record/cast-ballot.js';
import { type DecodedManifest, readManifest } from '../record/manifest.js';
import { type Text, text } from './report.js';

/** What every ballot is checked against (plain JSON). */
export interface BallotCheckContext {
  readonly electionId: string;
  /** The manifest as published in the record (already checked by the caller); its rolls may be left empty, as no ballot check reads them. */
  readonly manifest: unknown;
  /** The manifest hash as recomputed by the caller (hex). */
  readonly manifestHash: string;
}

/** One ballot event to check. */
export interface BallotTask {
  /** 1-based position among the record's ballot events. */
  readonly number: number;
  readonly seq: number;
  /** The event's payload, untrusted. */
  readonly payload: unknown;
}

/** Which report check a ballot problem belongs to. */
export type BallotCheckKind = 'format' | 'token' | 'signature' | 'proofs';

/** One thing wrong with a ballot. */
export interface BallotProblem {
  readonly check: BallotCheckKind;
  /** Stable code: `malformed`, `unknown_contest`, a token verdict, a checkContest reason, … */
  readonly code: string;
  readonly detail: Text;
  /** For proofs: the 0-based candidate whose 0-or-1 proof failed. */
  readonly candidate?: number;
}

/** The verdict on one ballot. */
export interface BallotOutcome {
  readonly number: number;
  readonly seq: number;
  /** True iff there are no problems. */
  readonly ok: boolean;
  readonly problems: readonly BallotProblem[];
  /** `contestBallotDigest` (hex), when the ballot decodes: the tracking code hashes it. */
  readonly digest?: string;
}

/** The sum of the passing ballots of one contest, per candidate. */
export interface ContestSum {
  readonly contestId: string;
  readonly count: number;
  readonly tally: readonly CiphertextJSON[];
}

/** What a {@link BallotChecker} returns. */
export interface BallotBatch {
  /** One per task, by ascending `number`. */
  readonly outcomes: readonly BallotOutcome[];
  /** Per contest, the sum of the ballots with `ok` (identity ciphertexts when none). */
  readonly sums: readonly ContestSum[];
}

/**
 * Checks a list of ballots; `onProgress(done)` reports ballots finished so far. The
 * default is {@link checkBallots} in the calling thread; the CLI passes one that farms
 * the tasks out to worker threads and merges with {@link mergeBallotBatches}.
 */
export type BallotChecker = (
  context: BallotCheckContext, tasks: readonly BallotTask[], onProgress?: (done: number) => void,
) => Promise<BallotBatch>;

/** Options of {@link checkBallots}. */
export interface CheckBallotsOptions {
  /** Default crypto's WebCrypto `verifyRsaPss`; Node passes `verifyRsaPssNode`. */
  readonly tokenVerifier?: TokenVerifier;
  /** Default crypto's `verifyBallotSignature`; Node passes `verifyBallotSignatureNode`. */
  readonly signatureVerifier?: BallotSignatureVerifier;
  readonly onProgress?: (done: number) => void;
  /**
   * Checks the proofs on the ballots' encodings first (Node: crypto/sodium-ballots.ts); a
   * ballot it does not accept is checked on the noble path, so the outcomes are the same.
   */
  readonly proofBackend?: ProofBackend;
  /** Ballots per folded proof check (default 128). */
  readonly batchSize?: number;
  readonly rng?: RNG;
}

const TOKEN_REASONS: Record<string, Text> = {
  malformed_token: text('la ficha está mal formada', 'the token is malformed'),
  election_mismatch: text('la ficha nombra otra elección', 'the token names another election'),
  contest_mismatch: text('la ficha nombra otra contienda', 'the token names another contest'),
  ballot_key_mismatch: text('la ficha certifica otra clave de papeleta', 'the token certifies another ballot key'),
  bad_signature: text('una firma de la ficha no verifica con la clave de su emisor', 'a signature of the token does not verify under its issuer\'s key'),
  unknown_issuer: text('la ficha lleva una firma de una clave que no es de un emisor de la contienda', 'the token carries a signature by a key that is not an issuer\'s of the contest'),
  duplicate_issuer: text('la ficha lleva dos firmas del mismo emisor', 'the token carries two signatures of the same issuer'),
  too_few_issuers: text('la ficha tiene menos firmas de emisores distintos que las que pide la regla de emisión', 'the token has fewer signatures of distinct issuers than the issuance rule asks'),
  too_few_sectors: text('las firmas de la ficha no cubren al menos 2 sectores', 'the token\'s signatures do not span at least 2 sectors'),
};

const PROOF_REASONS: Record<string, Text> = {
  malformed: text('la papeleta está mal formada', 'the ballot is malformed'),
  wrong_candidate_count: text('la papeleta no tiene un cifrado por candidato', 'the ballot does not have one ciphertext per candidate'),
  identity_ciphertext: text('un cifrado es la identidad', 'a ciphertext is the identity'),
  bad_selection_proof: text('la prueba 0-o-1 no verifica', 'the 0-or-1 proof does not verify'),
  bad_range_proof: text('la prueba de rango de la suma no verifica', 'the range proof of the sum does not verify'),
};

const contextCache = new WeakMap<BallotCheckContext, { decoded: DecodedManifest; hash: Uint8Array }>();

function prepare(context: BallotCheckContext): { decoded: DecodedManifest; hash: Uint8Array } {
  let c = contextCache.get(context);
  if (c === undefined) {
    const r = readManifest(context.manifest);
    if (!r.ok) throw new TypeError(`"context.manifest" expected a valid manifest: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    c = { decoded: r.decoded, hash: fromHex(context.manifestHash, 'manifestHash', 32) };
    contextCache.set(context, c);
  }
  return c;
}

function decodeFailure(e: unknown): string {
  return e instanceof DecodeError ? `${e.what}: ${e.code}` : e instanceof Error ? e.message : String(e);
}

interface Pending {
  readonly task: BallotTask;
  readonly problems: BallotProblem[];
  contestId?: string;
  ballot?: ContestBallot;
  digest?: Uint8Array;
  proofItem?: ContestItem;
}

/** Shape, decoding, contest, token and signature of one ballot; the proofs are left for the batch. */
async function checkOne(
  task: BallotTask, electionId: string, decoded: DecodedManifest, hash: Uint8Array,
  verifyTok: TokenVerifier, verifySig: BallotSignatureVerifier, fast?: ContestBytesResult,
): Promise<Pending> {
  const problems: BallotProblem[] = [];
  const pending: Pending = { task, problems };
  const parsed = PAYLOAD_SCHEMAS.ballot.safeParse(task.payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
    problems.push({ check: 'format', code: 'malformed', detail: text(`la carga útil no tiene la forma de una papeleta (${issues})`, `the payload is not a ballot's (${issues})`) });
    return pending;
  }
  const p = parsed.data;
  pending.contestId = p.contestId;
  let token: IssuedToken | undefined;
  try {
    token = issuedTokenFromJSON(p.token);
  } catch (e) {
    problems.push({ check: 'token', code: 'malformed', detail: text(`la ficha no se decodifica (${decodeFailure(e)})`, `the token does not decode (${decodeFailure(e)})`) });
  }
  if (fast !== undefined) {
    pending.digest = fast.digest;
  } else {
    try {
      pending.ballot = contestBallotFromJSON(p.ballot as ContestBallotJSON);
      pending.digest = contestBallotDigest(pending.ballot);
    } catch (e) {
      problems.push({ check: 'proofs', code: 'malformed', detail: text(`la papeleta no se decodifica (${decodeFailure(e)})`, `the ballot does not decode (${decodeFailure(e)})`) });
    }
  }
  const contest = decoded.contests.get(p.contestId);
  if (contest === undefined) {
    problems.push({ check: 'token', code: 'unknown_contest', detail: text(`la contienda ${p.contestId} no está en el manifiesto`, `contest ${p.contestId} is not in the manifest`) });
  }

  // The token: its claims, then the issuance rule and each issuer's signature (the same
  // step 4 the server runs, record/cast-ballot.ts).
  if (token !== undefined && contest !== undefined) {
    const refused = await checkCastToken(decoded, { contest, contestId: p.contestId, token }, electionId, verifyTok);
    if (refused !== null) {
      const reason = refused.code === 'token_election_mismatch' ? 'election_mismatch' : refused.code === 'token_contest_mismatch' ? 'contest_mismatch' : refused.reason ?? refused.code;
      problems.push({ check: 'token', code: reason, detail: TOKEN_REASONS[reason] ?? text(reason, reason) });
    }
  }

  // The ballot signature by the token's key, over the ballot's digest.
  if (token !== undefined && pending.digest !== undefined) {
    let signed = false;
    try {
      signed = verifySig(token.ballotPublicKey, pending.digest, fromHex(p.signature, 'signature', 64));
    } catch {
      signed = false;
    }
    if (!signed) {
      problems.push({ check: 'signature', code: 'bad_ballot_signature', detail: text('la firma no es de la clave de la ficha sobre esta papeleta', 'the signature is not by the token\'s key over this ballot') });
    }
  } else {
    problems.push({ check: 'signature', code: 'unverifiable', detail: text('no se puede verificar: la ficha o la papeleta no se decodifican', 'cannot be checked: the token or the ballot does not decode') });
  }

  // The proofs' statement; checked together with other ballots' by the caller.
  if (fast !== undefined) return pending;
  if (pending.ballot !== undefined && contest !== undefined && token !== undefined) {
    try {
      const ctx = ballotContext({ manifestHash: hash, publicKey: decoded.jointPublicKey, contestId: p.contestId, ballotPublicKey: token.ballotPublicKey });
      pending.proofItem = {
        ctx, K: decoded.jointPublicKey, maxSelections: contest.contest.maxSelections, candidateCount: contest.candidateIds.length, ballot: pending.ballot,
      };
    } catch (e) {
      problems.push({ check: 'proofs', code: 'unverifiable', detail: text(`no se puede verificar (${decodeFailure(e)})`, `cannot be checked (${decodeFailure(e)})`) });
    }
  } else if (pending.ballot !== undefined) {
    problems.push({ check: 'proofs', code: 'unverifiable', detail: text('no se puede verificar: falta la contienda o la clave de la ficha', 'cannot be checked: the contest or the token\'s key is missing') });
  }
  return pending;
}

/** Fold the proofs of a chunk; the bad ones are checked exactly to name the failing proof. */
function checkProofs(chunk: readonly Pending[], rng: RNG): void {
  const withItems = chunk.filter((x) => x.proofItem !== undefined);
  if (withItems.length === 0) return;
  let bad: number[];
  try {
    bad = batchCheckContests(withItems.map((x) => x.proofItem!), rng).bad;
  } catch {
    bad = withItems.map((_, i) => i);
  }
  for (const i of bad) {
    const x = withItems[i]!;
    const item = x.proofItem!;
    let verdict;
    try {
      verdict = checkContest(item.ctx, item.K, item.maxSelections, item.candidateCount, item.ballot);
    } catch {
      verdict = { ok: false as const, reason: 'malformed' as const };
    }
    // A folded check fails only for a false relation, so the exact check fails too (but
    // if it did not, the ballot still failed a proof equation).
    const reason = verdict.ok ? 'bad_range_proof' : verdict.reason;
    const index = verdict.ok ? undefined : verdict.index;
    const base = PROOF_REASONS[reason] ?? text(reason, reason);
    const detail = index === undefined ? base : text(`${base.es} (candidato ${index + 1})`, `${base.en} (candidate ${index + 1})`);
    x.problems.push(index === undefined ? { check: 'proofs', code: reason, detail } : { check: 'proofs', code: reason, detail, candidate: index });
  }
}

/** The proof backend's view of a ballot (its JSON and statement), or null if it has none. */
function bytesItem(task: BallotTask, decoded: DecodedManifest, hash: Uint8Array): ContestBytesItem | null {
  const parsed = PAYLOAD_SCHEMAS.ballot.safeParse(task.payload);
  if (!parsed.success) return null;
  const contest = decoded.contests.get(parsed.data.contestId);
  if (contest === undefined) return null;
  try {
    const token = issuedTokenFromJSON(parsed.data.token);
    const ctx = ballotContext({ manifestHash: hash, publicKey: decoded.jointPublicKey, contestId: parsed.data.contestId, ballotPublicKey: token.ballotPublicKey });
    return {
      ctx, K: pointBytes(decoded.jointPublicKey), maxSelections: contest.contest.maxSelections, candidateCount: contest.candidateIds.length, ballot: parsed.data.ballot,
    };
  } catch {
    return null;
  }
}

/** The backend's verdicts on the items that have one (a backend that throws accepts nothing). */
function fastResults(backend: ProofBackend, items: (ContestBytesItem | null)[], rng: RNG): (ContestBytesResult | null)[] {
  const live = items.flatMap((it, i) => (it === null ? [] : [i]));
  let verdicts: (ContestBytesResult | null)[];
  try {
    verdicts = backend.checkContests(live.map((i) => items[i]!), rng);
  } catch {
    verdicts = [];
  }
  const out: (ContestBytesResult | null)[] = items.map(() => null);
  live.forEach((i, k) => { out[i] = verdicts[k] ?? null; });
  return out;
}

/** Let the event loop run (a browser page repaints its progress bar). */
function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Check ballots in the calling thread (see the module comment). Never throws on untrusted
 * payloads: each problem is an entry of its outcome.
 * @throws TypeError only if `context` itself is unusable (a manifest that does not decode)
 * @example const batch = await checkBallots({ electionId, manifest, manifestHash }, tasks, { tokenVerifier: verifyRsaPssNode });
 */
export async function checkBallots(context: BallotCheckContext, tasks: readonly BallotTask[], options: CheckBallotsOptions = {}): Promise<BallotBatch> {
  const { decoded, hash } = prepare(context);
  const verifyTok = options.tokenVerifier ?? verifyRsaPss;
  const verifySig = options.signatureVerifier ?? verifyBallotSignature;
  const size = Math.max(1, Math.floor(options.batchSize ?? 128));
  const rng = options.rng ?? randomBytes;
  const backend = options.proofBackend;
  const sums = new Map<string, { count: number; tally: Ciphertext[] }>();
  for (const c of decoded.manifest.contests) sums.set(c.id, { count: 0, tally: c.candidates.map(() => ZERO) });
  const outcomes: BallotOutcome[] = [];
  for (let from = 0; from < tasks.length; from += size) {
    const slice = tasks.slice(from, from + size);
    const fast = backend === undefined ? [] : fastResults(backend, slice.map((task) => bytesItem(task, decoded, hash)), rng);
    const chunk = await Promise.all(slice.map(async (task, i) => {
      const f = fast[i] ?? undefined;
      if (f !== undefined) {
        const x = await checkOne(task, context.electionId, decoded, hash, verifyTok, verifySig, f);
        // Any problem: the noble path, so that the outcome is exactly its.
        if (x.problems.length === 0) return { ...x, fast: f };
      }
      return checkOne(task, context.electionId, decoded, hash, verifyTok, verifySig);
    }));
    checkProofs(chunk.filter((x) => !('fast' in x)), rng);
    const fastSums = new Map<string, { alpha: Uint8Array; beta: Uint8Array }[]>();
    for (const x of chunk) {
      const ok = x.problems.length === 0;
      if (ok) {
        const s = sums.get(x.contestId!)!;
        s.count++;
        if ('fast' in x) {
          const acc = fastSums.get(x.contestId!);
          fastSums.set(x.contestId!, acc === undefined ? [...x.fast.ciphertexts]
            : acc.map((c, k) => ({ alpha: backend!.addPoints(c.alpha, x.fast.ciphertexts[k]!.alpha), beta: backend!.addPoints(c.beta, x.fast.ciphertexts[k]!.beta) })));
        } else {
          s.tally = s.tally.map((c, k) => addCiphertexts(c, x.ballot!.selections[k]!.ciphertext));
        }
      }
      const outcome = { number: x.task.number, seq: x.task.seq, ok, problems: x.problems };
      outcomes.push(x.digest === undefined ? outcome : { ...outcome, digest: toHex(x.digest) });
    }
    for (const [contestId, list] of fastSums) {
      const s = sums.get(contestId)!;
      s.tally = s.tally.map((c, k) => addCiphertexts(c, {
        alpha: decodePoint(list[k]!.alpha, 'sum', true), beta: decodePoint(list[k]!.beta, 'sum', true),
      }));
    }
    options.onProgress?.(Math.min(tasks.length, from + size));
    if (from + size < tasks.length) await yieldToLoop();
  }
  return {
    outcomes,
    sums: [...sums].map(([contestId, s]) => ({ contestId, count: s.count, tally: s.tally.map(ciphertextToJSON) })),
  };
}

/**
 * Merge the batches of several checkers (e.g. workers, each given a slice of the tasks):
 * outcomes by ascending ballot number, sums added contest by contest.
 * @throws DecodeError if a sum is not a ciphertext (batches come from our own checkers)
 * @example mergeBallotBatches(await Promise.all(slices.map((s) => runInWorker(s))))
 */
export function mergeBallotBatches(batches: readonly BallotBatch[]): BallotBatch {
  const outcomes = batches.flatMap((b) => b.outcomes).sort((a, b) => a.number - b.number);
  const sums = new Map<string, { count: number; tally: Ciphertext[] }>();
  for (const b of batches) {
    for (const s of b.sums) {
      const tally = s.tally.map((c, k) => ciphertextFromJSON(c, `sums.${s.contestId}[${k}]`, 'sum'));
      const acc = sums.get(s.contestId);
      if (acc === undefined) sums.set(s.contestId, { count: s.count, tally });
      else {
        acc.count += s.count;
        acc.tally = acc.tally.map((c, k) => addCiphertexts(c, tally[k] ?? ZERO));
      }
    }
  }
  return { outcomes, sums: [...sums].map(([contestId, s]) => ({ contestId, count: s.count, tally: s.tally.map(ciphertextToJSON) })) };
}
