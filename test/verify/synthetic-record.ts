/**
 * A complete election record built with the crypto core and record/board.ts alone, the
 * way the server writes it (src/domain/*.service.ts), for the verifier's unit tests
 * without a database: 3 trustees (t = 2) through the key ceremony — optionally with a
 * cheating dealer whose bad share draws a justified complaint — two contests with real
 * issuance keys, blind tokens, ballots with chained tracking codes, close, tally, partial
 * decryptions by trustees 1 and 3, seats, publication and the server's signed report.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { aggregateContests, contestBallotDigest, contestBallotToJSON, encryptContest, type ContestBallot } from '../../src/crypto/ballot.js';
import { signBallot } from '../../src/crypto/ballot-signature.js';
import { ciphertextToJSON } from '../../src/crypto/elgamal.js';
import { mod, pointToHex, toHex, type Point } from '../../src/crypto/group.js';
import {
  complaintToJSON, createDealing, createTrusteeKey, dealingToJSON, jointPublicKey, raiseComplaint, receiveShare, trusteePublicKeyToJSON,
  verificationKey, type Dealing,
} from '../../src/crypto/key-ceremony.js';
import { evaluatePolynomial } from '../../src/crypto/lagrange.js';
import { computeShares, decryptWithShares, decryptionShareToJSON, jointDecryptionValue } from '../../src/crypto/threshold-decryption.js';
import { blindSign, type IssuanceKeyPair } from '../../src/crypto/token-issuer.js';
import { finalizeIssuedToken, issuedTokenToJSON as tokenToJSON, requestIssuedToken } from '../../src/crypto/issued-token.js';
import { issuanceKeyToJSON } from '../../src/crypto/voting-token.js';
import { appendEvent, type BoardEvent, type EventKind } from '../../src/record/board.js';
import { ballotContext, ceremonyContext, decryptionContext, manifestHash } from '../../src/record/contexts.js';
import { parseManifest, type Manifest } from '../../src/record/manifest.js';
import { allocateSeats, tieBreakSeed } from '../../src/record/seats.js';
import { buildServerReport, signServerReport } from '../../src/record/server-report.js';
import type { Statement } from '../../src/record/statements.js';
import { signTrusteeKey } from '../../src/record/trustee-key-statement.js';
import { trackingCode } from '../../src/record/tracking.js';
import { decisionPayload, memberOf, publicKeyOf, seedOf, signedRequest } from './synthetic-governance.js';
import { issuerKeyPayload, issuerLogPayload, manifestIssuers, syntheticIssuers } from './synthetic-issuers.js';
import type { IssuerLogEntry } from '../../src/record/issuer-statements.js';

export interface SyntheticOptions {
  /** Dealer whose share to `cheatOn` is corrupted (a justified complaint disqualifies it). */
  readonly cheater?: number;
  readonly cheatOn?: number;
  /** Choices per voter, per contest ('board': 4 candidates, vote for 2; 'alt': 3, vote for 1). */
  readonly votes?: { board: number[][]; alt: number[][] };
  /** Trustees who post partial decryptions (default [1, 3]). */
  readonly present?: readonly number[];
  /** Stop after this kind of event (a partial record). */
  readonly stopAfter?: EventKind;
  /** A version 2 manifest with this `rules.minRollSize`, and the contests' `smallRoll` (default null). */
  readonly minRollSize?: number;
  readonly smallRoll?: Partial<Record<'board' | 'alt', unknown>>;
  /**
   * The rule `tokenWindow` on: the election opens into the token window (the manifest),
   * casting opens by a later decision followed by `token_window`, which counts per
   * contest the tokens of `windowIssued` (default: every voter's, as issued).
   */
  readonly tokenWindow?: boolean;
  readonly windowIssued?: Partial<Record<'board' | 'alt', number>>;
  /** Post the issuers' logs after the close (default true). */
  readonly issuerLogs?: boolean;
}

export interface SyntheticRecord {
  readonly record: { format: string; version: number; electionId: string; exportedAt: string; committee: unknown[]; events: BoardEvent[] };
  readonly manifest: Manifest;
  readonly hash: Uint8Array;
  readonly K: Point;
  /** The issuing keys of contest `board` (members 1 and 2, two sectors); `alt` has its own. */
  readonly issuers: readonly IssuanceKeyPair[];
  /** Plain counts per contest. */
  readonly plain: Record<string, number[]>;
  /** The server's receipt key (Ed25519 seed), which signs the report. */
  readonly receiptSecret: Uint8Array;
}

const ELECTION = 'election-synthetic';
const AT = (i: number) => new Date(Date.UTC(2026, 2, 1, 12, 0, i)).toISOString();

/** Build the record (its two issuers, members 1 and 2 of two sectors, hold the fixed test keys). */
export async function syntheticRecord(opts: SyntheticOptions = {}): Promise<SyntheticRecord> {
  const events: BoardEvent[] = [];
  let stopped = false;
  const append = (kind: EventKind, payload: unknown) => {
    if (stopped) return;
    const e = appendEvent(events.at(-1) ?? null, kind, AT(events.length), JSON.parse(JSON.stringify(payload)));
    events.push(JSON.parse(JSON.stringify(e)) as BoardEvent);
    if (kind === opts.stopAfter) stopped = true;
  };
  const n = 3;
  const t = 2;
  const params = { n, t };
  const ctx = ceremonyContext(ELECTION, n, t);
  const issuersOf = (id: string) => syntheticIssuers(id).map((i) => i.key);
  const issuers = issuersOf('board');
  const votes = opts.votes ?? { board: [[1, 0, 1, 0], [0, 1, 0, 0], [1, 1, 0, 0], [0, 0, 0, 0]], alt: [[1, 0, 0], [0, 0, 1], [1, 0, 0]] };
  const contest = (id: 'board' | 'alt', candidates: number, maxSelections: number, seats: number) => ({
    id, constituency: id === 'board' ? 'plwha' : 'tb', title: `Contienda ${id}`, seats, alternates: 1, maxSelections,
    candidates: Array.from({ length: candidates }, (_, i) => ({ id: `${id}-cand-${i + 1}`, fullName: `Candidata ${id} ${i + 1}` })),
    roll: Array.from({ length: votes[id].length + 1 }, (_, i) => ({ associationId: `${id}-assoc-${i + 1}`, legalName: `Asociación ${i + 1}`, region: 'Lima' })),
    issuers: manifestIssuers(ELECTION, id),
    ...(opts.minRollSize === undefined ? {} : { smallRoll: opts.smallRoll?.[id] ?? null }),
  });
  const contests = [contest('board', 4, 2, 2), contest('alt', 3, 1, 1)];
  const rules = {
    approvalSectors: 2, threshold: t, issuerThreshold: 2, ...(opts.minRollSize === undefined ? {} : { minRollSize: opts.minRollSize }),
    ...(opts.tokenWindow ? { tokenWindow: true } : {}),
  };

  // The committee opens the board; every step is a decision signed by members of two sectors.
  let proposals = 0;
  const decide = (statement: Statement) => append('decision', decisionPayload(`decision-${++proposals}`, statement));
  const phase = (from: string, to: string) => decide({ kind: 'phase_change', electionId: ELECTION, from, to } as Statement);
  append('committee', { members: [1, 2, 3].map(memberOf), rules });
  phase('draft', 'accreditation');
  for (const c of contests) {
    for (const [i, a] of c.roll.entries()) {
      decide({
        kind: 'accreditation_decision', electionId: ELECTION, applicationId: `application-${c.id}-${i + 1}`, contestId: c.id, constituency: c.constituency,
        association: { associationId: a.associationId, legalName: a.legalName, region: a.region, publicKey: publicKeyOf(`assoc:${a.associationId}`) },
        decision: 'accredit', reason: null,
      });
    }
  }
  phase('accreditation', 'nominations');
  for (const c of contests) {
    for (const k of c.candidates) {
      decide({
        kind: 'candidate_eligibility', electionId: ELECTION, candidateId: k.id, contestId: c.id, fullName: k.fullName,
        nominatedBy: { associationId: c.roll[0]!.associationId, legalName: c.roll[0]!.legalName }, employer: 'Independiente',
        implementsGlobalFund: false, consecutiveTerms: 0, eligible: true, reason: null,
      });
    }
  }
  for (const c of contests) {
    const ack = c.smallRoll as { proposalId?: unknown; reason?: unknown } | null | undefined;
    if (typeof ack?.proposalId !== 'string' || typeof ack.reason !== 'string') continue;
    append('decision', decisionPayload(ack.proposalId, { kind: 'small_roll_acknowledgement', electionId: ELECTION, contestId: c.id, reason: ack.reason }));
  }
  phase('nominations', 'key_ceremony');

  // Key ceremony.
  const trustees = [1, 2, 3].map((j) => createTrusteeKey(ctx, j));
  for (const [i, k] of trustees.entries()) {
    const publicKey = trusteePublicKeyToJSON(k.publicKey);
    const memberId = `member-${i + 1}`;
    append('trustee_key', { trustee: i + 1, publicKey, memberId, signature: signTrusteeKey(seedOf(memberId), { electionId: ELECTION, memberId, trustee: i + 1, publicKey }) });
  }
  const publicKeys = trustees.map((k) => k.publicKey);
  const dealt = [1, 2, 3].map((i) => createDealing(ctx, params, i, publicKeys));
  const dealings: Dealing[] = dealt.map((d) => {
    if (d.dealing.dealer !== opts.cheater) return d.dealing;
    // Corrupt the sealed share to `cheatOn`: the public part still checks.
    const shares = d.dealing.shares.map((s) => {
      if (s.recipient !== opts.cheatOn) return s;
      const sealed = new Uint8Array(s.encrypted.sealed);
      sealed[0]! ^= 1;
      return { recipient: s.recipient, encrypted: { ...s.encrypted, sealed } };
    });
    return { ...d.dealing, shares };
  });
  for (const d of dealings) append('dealing', { dealer: d.dealer, dealing: dealingToJSON(d) });
  for (let j = 1; j <= n; j++) {
    const complaints = dealings.filter((d) => d.dealer !== j && !receiveShare(ctx, params, j, trustees[j - 1]!.secret, d).ok)
      .map((d) => complaintToJSON(raiseComplaint(ctx, params, j, trustees[j - 1]!.secret, d)));
    append('ceremony_verification', { trustee: j, complaints });
  }
  const qualified = [1, 2, 3].filter((i) => i !== opts.cheater);
  const good = dealings.filter((d) => qualified.includes(d.dealer));
  const K = jointPublicKey(good);
  const secretShares = [1, 2, 3].map((j) => mod(dealt.filter((d) => qualified.includes(d.dealing.dealer)).reduce((a, d) => a + evaluatePolynomial(d.polynomial, BigInt(j)), 0n)));
  const verificationKeys = [1, 2, 3].map((j) => ({ index: j, key: pointToHex(verificationKey(good, j)) }));
  append('ceremony_result', { qualified, jointPublicKey: pointToHex(K), verificationKeys });
  // The sector issuers register their keys before the manifest (checks 43–45).
  for (const c of contests) for (const i of syntheticIssuers(c.id)) append('issuer_key', issuerKeyPayload(ELECTION, c.id, i));

  // The manifest.
  const receiptSecret = ed25519.utils.randomSecretKey();
  const json = {
    version: opts.minRollSize === undefined ? 1 : 2, electionId: ELECTION, title: 'Elección sintética 2026',
    rules, threshold: t, openedAt: AT(100),
    trustees: [1, 2, 3].map((j) => ({
      index: j, memberId: `member-${j}`, sector: ['government', 'civil_society', 'international_cooperation'][j - 1]!,
      publicKey: trusteePublicKeyToJSON(publicKeys[j - 1]!), verificationKey: verificationKeys[j - 1]!.key,
    })),
    jointPublicKey: pointToHex(K), receiptKey: toHex(ed25519.getPublicKey(receiptSecret)),
    contests,
  };
  const parsed = parseManifest(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const manifest = parsed.manifest;
  const hash = manifestHash(manifest);
  phase('key_ceremony', opts.tokenWindow ? 'tokens' : 'voting');
  append('manifest', { manifest, hash: toHex(hash) });
  if (opts.tokenWindow) {
    phase('tokens', 'voting');
    append('token_window', { contests: manifest.contests.map((c) => ({ contestId: c.id, issued: opts.windowIssued?.[c.id as 'board' | 'alt'] ?? votes[c.id as 'board' | 'alt'].length })) });
  }

  // Voting: tokens and ballots, interleaved as voters come.
  let previous: Uint8Array | null = null;
  const counted: Record<string, ContestBallot[]> = { board: [], alt: [] };
  const plain: Record<string, number[]> = { board: [0, 0, 0, 0], alt: [0, 0, 0] };
  const logged: Record<string, IssuerLogEntry[]> = { board: [], alt: [] };
  for (const id of ['board', 'alt'] as const) {
    const c = manifest.contests.find((x) => x.id === id)!;
    for (const [i, choices] of votes[id].entries()) {
      const own = issuersOf(id);
      const req = requestIssuedToken(own.map((k) => k.publicKey), ELECTION, id);
      const associationId = c.roll[i]!.associationId;
      const entry = signedRequest(ELECTION, id, associationId, req.blinded);
      append('token_issued', { contestId: id, associationId, request: entry });
      logged[id]!.push(entry);
      const answers = new Map(req.blinded.map((b, j) => {
        const signed = blindSign(own[j]!, b.blindedMessage);
        if (!signed.ok) throw new Error(signed.reason);
        return [toHex(b.keyId), signed.blindSignature] as const;
      }));
      const fin = { value: (await finalizeIssuedToken(own.map((k) => k.publicKey), req, answers)).token };
      const bctx = ballotContext({ manifestHash: hash, publicKey: K, contestId: id, ballotPublicKey: req.ballotKeys.publicKey });
      const { ballot } = encryptContest(bctx, K, choices, c.maxSelections);
      const digest = contestBallotDigest(ballot);
      previous = trackingCode(previous, digest, req.ballotKeys.publicKey);
      append('ballot', {
        contestId: id, trackingCode: toHex(previous), token: tokenToJSON(fin.value), ballot: contestBallotToJSON(ballot),
        signature: toHex(signBallot(req.ballotKeys.secretKey, digest)),
      });
      counted[id]!.push(ballot);
      choices.forEach((x, k) => { plain[id]![k]! += x; });
    }
  }

  // Each issuer's signed log of the requests it answered, per contest, while voting is open
  // (the close waits for them).
  if (opts.issuerLogs !== false) for (const c of contests) for (const i of syntheticIssuers(c.id)) append('issuer_log', issuerLogPayload(ELECTION, c.id, i, logged[c.id]!));
  // Close, tally, partial decryptions, result, publication.
  phase('voting', 'closed');
  append('close', { ballots: manifest.contests.map((c) => ({ contestId: c.id, count: counted[c.id]!.length })) });
  const closeHash = events.find((e) => e.kind === 'close')?.hash;
  const tally = new Map(manifest.contests.map((c) => [c.id, aggregateContests(counted[c.id]!, c.candidates.length)]));
  append('encrypted_tally', { contests: manifest.contests.map((c) => ({ contestId: c.id, tally: tally.get(c.id)!.map(ciphertextToJSON) })) });
  const present = opts.present ?? [1, 3];
  const posted = present.map((j) => ({
    trustee: j,
    contests: manifest.contests.map((c) => ({
      contestId: c.id, shares: computeShares(decryptionContext(hash, c.id), j, secretShares[j - 1]!, tally.get(c.id)!),
    })),
  }));
  for (const p of posted) {
    append('decryption_share', { trustee: p.trustee, contests: p.contests.map((c) => ({ contestId: c.contestId, shares: c.shares.map(decryptionShareToJSON) })) });
  }
  if (closeHash !== undefined && present.length >= t) {
    const results = manifest.contests.map((c) => {
      const cts = tally.get(c.id)!;
      const decoded = cts.map((ct, k) => {
        const shares = posted.map((p) => p.contests.find((x) => x.contestId === c.id)!.shares[k]!);
        const d = decryptWithShares(decryptionContext(hash, c.id), ct, shares, [1, 2, 3].map((j) => verificationKey(good, j)), params);
        if (!d.ok) throw new Error(d.reason);
        return d.value;
      });
      // The lots' seed from the trustees' joint decryption values, as the server does.
      const seed = tieBreakSeed(hash, c.id, cts.map((_, k) => jointDecryptionValue(posted.map((p) => p.contests.find((x) => x.contestId === c.id)!.shares[k]!), params)));
      return { contestId: c.id, ...allocateSeats({ contestId: c.id, candidates: c.candidates, votes: decoded, seats: c.seats, alternates: c.alternates, seed }) };
    });
    append('result', { contests: results });
    const resultHash = events.find((e) => e.kind === 'result')?.hash;
    if (resultHash !== undefined) phase('tallied', 'published');
    if (resultHash !== undefined) append('published', { resultEvent: resultHash });
    // The server's report, signed with the receipt key in the publishing transaction.
    if (events.at(-1)?.kind === 'published') append('report', signServerReport(receiptSecret, buildServerReport(manifest, toHex(hash), events)));
  }
  const committee = [1, 2, 3].map((j) => {
    const { memberId, fullName, sector, organisation, role } = memberOf(j);
    return { index: j, memberId, fullName, sector, organisation, role };
  });
  return {
    record: { format: 'anfora-election-record', version: 1, electionId: ELECTION, exportedAt: AT(1000), committee, events },
    manifest, hash, K, issuers, plain, receiptSecret,
  };
}
