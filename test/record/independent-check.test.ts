/**
 * docs/election-record.md is sufficient to verify a record independently: the auditor of
 * test/record/auditor.ts, written from the document alone on libsodium's ristretto255
 * (and SHA-2 from @noble/hashes, RSA-PSS from OpenSSL), imports nothing of src/. Here the
 * project's code only produces the inputs — a whole record of a 3-trustee, 2-contest
 * election built with the real crypto and src/record, and the known-answer vectors — and
 * the values the auditor must agree with. Every tampered copy must be refused, with the
 * document's check number, and the project's verifier (src/verify) must reach the same
 * verdict on every record here.
 */
import { readFileSync } from 'node:fs';
import { ED25519_TORSION_SUBGROUP, ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
// ---- the project's code: inputs and the values to agree with ----
import {
  aggregateContests, contestBallotDigest, contestBallotFromJSON, contestBallotToJSON, encryptContest,
} from '../../src/crypto/ballot.js';
import { ballotSignatureMessage as ourSignatureMessage, signBallot, verifyBallotSignature } from '../../src/crypto/ballot-signature.js';
import { equalityChallenge } from '../../src/crypto/chaum-pedersen.js';
import { type CiphertextJSON, ciphertextFromJSON, ciphertextToJSON } from '../../src/crypto/elgamal.js';
import { G, fromHex, pointFromHex, scalarFromHex, scalarToHex, toHex } from '../../src/crypto/group.js';
import {
  checkComplaint, dealingFromJSON, dealingToJSON, raiseComplaint, trusteePublicKeyFromJSON,
} from '../../src/crypto/key-ceremony.js';
import { schnorrChallenge } from '../../src/crypto/schnorr.js';
import { computeShares, decryptWithShares, decryptionShareToJSON } from '../../src/crypto/threshold-decryption.js';
import { Transcript } from '../../src/crypto/transcript.js';
import { issuanceKeyFromJSON, issuanceKeyToJSON, tokenFromJSON, verifyRsaPss, verifyToken } from '../../src/crypto/voting-token.js';
import { issuedTokenToJSON as tokenToJSON } from '../../src/crypto/issued-token.js';
import { type BoardEvent, GENESIS_HASH, appendEvent, checkChain, eventHash } from '../../src/record/board.js';
import { canonicalJsonString } from '../../src/record/canonical-json.js';
import { ballotContext, ceremonyContext, decryptionContext, manifestHash } from '../../src/record/contexts.js';
import { type DecodedManifest, type Manifest, decodeManifest, isEd25519PublicKey, parseManifest } from '../../src/record/manifest.js';
import { allocateSeats, decryptionValues, tieBreakLot, tieBreakSeed } from '../../src/record/seats.js';
import { checkCastBallot } from '../../src/record/cast-ballot.js';
import { buildServerReport, signServerReport } from '../../src/record/server-report.js';
import { type Statement, blindedMessageHash, decisionMessage, signDecision, signIssuedTokenRequest, signTokenRequest, tokenRequestMessage } from '../../src/record/statements.js';
import { signIssuerLog } from '../../src/record/issuer-statements.js';
import { issuerRegistration } from '../../src/client/issuer.js';
import { type IssuanceKeyPair, issuanceKeyFromPkcs8 } from '../../src/crypto/token-issuer.js';
import issuerKeysFixture from '../helpers/issuer-keys.json' with { type: 'json' };
import { signTrusteeKey } from '../../src/record/trustee-key-statement.js';
import { trackingCode } from '../../src/record/tracking.js';
import { verifyRecordText } from '../../src/verify/index.js';
import kat from '../crypto/vectors/known-answers.json' with { type: 'json' };
import tokenKat from '../crypto/vectors/voting-token.json' with { type: 'json' };
import * as A from './auditor.js';
import { auditRecord, blindedMessageHash as auditorRequestHash, decisionMessage as auditorDecisionMessage, tokenRequestMessage as auditorRequestMessage } from './auditor-committee.js';
import { SHORT, section9, vectorHex } from '../../scripts/doc-examples.js';
import { type CastBody, type Election, election, issueToken } from './fixtures.js';

const DOC = readFileSync(new URL('../../docs/election-record.md', import.meta.url), 'utf8');
const H = (s: string) => fromHex(s);
const ELECTION = 'election-audit';

// ---- the record: every kind of event, built by the real code ----

interface Built {
  events: BoardEvent[];
  /** The manifest the server writes (version 2), its hash and decoded form. */
  manifest: Manifest;
  hash: Uint8Array;
  decoded: DecodedManifest;
  /** The voters' ballot keys, by ballot event seq (to re-sign a tampered ballot). */
  ballotKeys: Map<number, Uint8Array>;
}
let built: Built;
let clock = Date.parse('2026-02-20T09:00:00.000Z');
const at = () => new Date((clock += 61_000)).toISOString();

/**
 * The fixture election's manifest as the server writes it now: version 2, with
 * `rules.minRollSize` 3, so that both rolls of 2 carry the committee's acknowledgement.
 */
function manifestV2(e: Election): { manifest: Manifest; hash: Uint8Array; decoded: DecodedManifest } {
  const json = {
    ...e.manifest, version: 2, rules: { ...e.manifest.rules, minRollSize: 3, approvalSectors: 2, issuerThreshold: 2 },
    // The committee's three sectors (the fixture's trustees are all of one).
    trustees: e.manifest.trustees.map((t, i) => ({ ...t, sector: SECTORS[i]! })),
    contests: e.manifest.contests.map((c, i) => ({
      ...c, smallRoll: { acknowledged: true, decidedAt: '2026-02-28T10:00:00.000Z', reason: 'Padrón pequeño: riesgo aceptado', proposalId: `proposal-${i + 1}` },
      // Members 1 and 2 (two sectors) issue tokens for every contest (§6.9), by ascending key id.
      issuers: ISSUERS(c.id).map((x) => ({ memberId: x.memberId, sector: x.sector, issuanceKey: issuanceKeyToJSON(x.key.publicKey) }))
        .sort((a, b) => (a.issuanceKey.keyId < b.issuanceKey.keyId ? -1 : 1)),
    })),
  };
  const parsed = parseManifest(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const decoded = decodeManifest(parsed.manifest);
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
  return { manifest: parsed.manifest, hash: manifestHash(parsed.manifest), decoded: decoded.decoded };
}

type Cast = [contestId: string, associationId: string, choices: number[]];
let issuerKeys: IssuanceKeyPair[] | undefined;
/**
 * A contest's issuers: members 1 and 2 with fixed test issuing keys, a distinct key per
 * contest (a key serves one contest only, §6.9): key 2c + j - 1 for the c-th contest.
 */
const ISSUERS = (contestId: string) => {
  const c = ['board', 'alt'].indexOf(contestId);
  if (c < 0) throw new RangeError(`no issuers for contest ${contestId}`);
  issuerKeys ??= issuerKeysFixture.pkcs8.map((h) => issuanceKeyFromPkcs8(Uint8Array.from(Buffer.from(h, 'hex'))));
  return [1, 2].map((j) => ({ memberId: `member-${j}`, sector: SECTORS[j - 1]!, key: issuerKeys![2 * c + j - 1]!, seed: memberSeed(j) }));
};
/** An association's request to every issuer of the contest (the blinded messages here stand in), as an issuer's log entry. */
function issuerLogEntry(contestId: string, associationId: string) {
  const blindedMessages = ISSUERS(contestId).map((x) => toHex(x.key.publicKey.keyId)).sort()
    .map((keyId) => ({ keyId, blindedMessageHash: blindedMessageHash(utf8ToBytes(`blinded ${contestId} ${associationId} ${keyId}`)) }));
  const request = { electionId: ELECTION, contestId, associationId, blindedMessages };
  return { request, publicKey: toHex(ed25519.getPublicKey(associationSeed(associationId))), signature: signIssuedTokenRequest(associationSeed(associationId), request) };
}
const SECTORS = ['government', 'civil_society', 'international_cooperation'];
const memberSeed = (j: number) => sha256(utf8ToBytes(`independent-check member ${j}`));
const memberKey = (j: number) => toHex(ed25519.getPublicKey(memberSeed(j)));
const associationSeed = (id: string) => sha256(utf8ToBytes(`independent-check association ${id}`));
/** A decision approved by members 1 and 2 (two sectors), each signing its statement. */
const decision = (proposalId: string, statement: Statement) => ({
  proposalId, statement, against: [],
  approvals: [1, 2].map((j) => ({ memberId: `member-${j}`, publicKey: memberKey(j), signature: signDecision(memberSeed(j), statement, 'approve') })),
});
/** The request an association signs to the contest's issuers (the blinded messages here stand in), as published at the close. */
function signedRequest(contestId: string, associationId: string) {
  const keyIds = ISSUERS(contestId).map((x) => toHex(x.key.publicKey.keyId)).sort();
  const request = {
    electionId: ELECTION, contestId, associationId,
    blindedMessages: keyIds.map((keyId) => ({ keyId, blindedMessageHash: blindedMessageHash(utf8ToBytes(`blinded ${contestId} ${associationId} ${keyId}`)) })),
  };
  return { request, publicKey: toHex(ed25519.getPublicKey(associationSeed(associationId))), signature: signIssuedTokenRequest(associationSeed(associationId), request) };
}
const CASTS: Cast[] = [['board', 'assoc-1', [1, 1, 0, 0]], ['alt', 'assoc-1', [0, 0, 1]], ['board', 'assoc-2', [0, 1, 1, 0]]];
const complaint = (complaintId: string, window: string, text: string) => ({
  complaintId, window, category: 'other', text, attachments: [{ name: 'acta.pdf', sha256: 'ab'.repeat(32) }], complainant: null,
});
const answer = (c: BoardEvent, proposalId: string) => ({
  complaintId: (c.payload as { complaintId: string }).complaintId, complaintEvent: c.hash, decision: 'dismissed',
  reasoning: 'Sin fundamento', proposalId, sectors: ['civil_society', 'government'],
});

async function buildRecord(casts: readonly Cast[] = CASTS): Promise<Built> {
  const e = election(ELECTION);
  const { manifest: m, hash, decoded } = manifestV2(e);
  const events: BoardEvent[] = [];
  const push = (kind: BoardEvent['kind'], payload: unknown) => {
    const ev = appendEvent(events.at(-1) ?? null, kind, at(), payload);
    events.push(ev);
    return ev;
  };
  // The committee opens the board; every step is a decision signed by two sectors.
  push('committee', {
    members: [1, 2, 3].map((j) => ({ memberId: `member-${j}`, fullName: `Miembro ${j}`, sector: SECTORS[j - 1], organisation: `Organización ${j}`, role: j === 1 ? 'chair' : 'member', publicKey: memberKey(j) })),
    rules: m.rules,
  });
  let n = 0;
  const decide = (statement: Statement, proposalId = `decision-${++n}`) => push('decision', decision(proposalId, statement));
  const phase = (from: string, to: string) => decide({ kind: 'phase_change', electionId: ELECTION, from, to } as Statement);
  phase('draft', 'accreditation');
  for (const c of m.contests) {
    for (const r of c.roll) {
      decide({
        kind: 'accreditation_decision', electionId: ELECTION, applicationId: `application-${c.id}-${r.associationId}`, contestId: c.id, constituency: c.constituency,
        association: { associationId: r.associationId, legalName: r.legalName, region: r.region, publicKey: toHex(ed25519.getPublicKey(associationSeed(r.associationId))) },
        decision: 'accredit', reason: null,
      });
    }
  }
  phase('accreditation', 'nominations');
  // A roll complaint during nominations.
  const rollComplaint = push('complaint', complaint('complaint-1', 'roll', 'La asociación X no debió ser acreditada.\n"Ver acta" — ñ'));
  for (const c of m.contests) {
    for (const k of c.candidates) {
      decide({
        kind: 'candidate_eligibility', electionId: ELECTION, candidateId: k.id, contestId: c.id, fullName: k.fullName,
        nominatedBy: { associationId: 'assoc-1', legalName: 'Asociación Uno' }, employer: '', implementsGlobalFund: false, consecutiveTerms: 0, eligible: true, reason: null,
      });
    }
    decide({ kind: 'small_roll_acknowledgement', electionId: ELECTION, contestId: c.id, reason: c.smallRoll!.reason }, c.smallRoll!.proposalId);
  }
  phase('nominations', 'key_ceremony');
  // Trustees act in their own order, not by index.
  for (const j of [2, 1, 3]) {
    const publicKey = m.trustees[j - 1]!.publicKey;
    const memberId = `member-${j}`;
    push('trustee_key', { trustee: j, publicKey, memberId, signature: signTrusteeKey(memberSeed(j), { electionId: ELECTION, memberId, trustee: j, publicKey }) });
  }
  for (const i of [3, 1, 2]) push('dealing', { dealer: i, dealing: dealingToJSON(e.dealings[i - 1]!) });
  for (const j of [1, 3, 2]) push('ceremony_verification', { trustee: j, complaints: [] });
  push('ceremony_result', {
    qualified: [1, 2, 3], jointPublicKey: m.jointPublicKey, verificationKeys: m.trustees.map((t) => ({ index: t.index, key: t.verificationKey })),
  });
  for (const c of m.contests) {
    for (const x of ISSUERS(c.id)) {
      const r = issuerRegistration(ELECTION, c.id, x.memberId, x.key, x.seed);
      push('issuer_key', { contestId: c.id, memberId: x.memberId, sector: x.sector, issuanceKey: r.issuanceKey, pop: r.pop, signature: r.signature });
    }
  }
  phase('key_ceremony', 'voting');
  push('manifest', { manifest: m, hash: toHex(hash) });

  const ballotKeys = new Map<number, Uint8Array>();
  let code: Uint8Array | null = null;
  for (const [contestId, associationId, choices] of casts) {
    push('token_issued', { contestId, associationId, request: signedRequest(contestId, associationId) });
    // The voter's client, against the version-2 manifest's hash.
    const { token, keys } = await issueToken(e, contestId, undefined, ISSUERS(contestId).map((x) => x.key));
    const ctx = ballotContext({ manifestHash: hash, publicKey: e.K, contestId, ballotPublicKey: keys.publicKey });
    const { ballot } = encryptContest(ctx, e.K, choices, decoded.contests.get(contestId)!.contest.maxSelections);
    const digest = contestBallotDigest(ballot);
    code = trackingCode(code, digest, token.ballotPublicKey);
    const ev = push('ballot', {
      contestId, trackingCode: toHex(code), token: tokenToJSON(token), ballot: contestBallotToJSON(ballot), signature: toHex(signBallot(keys.secretKey, digest)),
    });
    ballotKeys.set(ev.seq, keys.secretKey);
  }

  const ballotsOf = (id: string) => events.filter((x) => x.kind === 'ballot' && (x.payload as CastBody).contestId === id)
    .map((x) => contestBallotFromJSON((x.payload as CastBody).ballot));
  // Each issuer's signed log of the requests it answered, per contest, while voting is open (the close waits for them).
  for (const c of m.contests) {
    for (const x of ISSUERS(c.id)) {
      const entries = casts.filter(([contestId]) => contestId === c.id).map(([, a]) => issuerLogEntry(c.id, a))
        .sort((a, b) => (a.request.associationId < b.request.associationId ? -1 : 1));
      const log = { electionId: ELECTION, contestId: c.id, memberId: x.memberId, keyId: toHex(x.key.publicKey.keyId), entries };
      push('issuer_log', { log, signature: signIssuerLog(x.seed, log) });
    }
  }
  phase('voting', 'closed');
  const close = push('close', { ballots: m.contests.map((c) => ({ contestId: c.id, count: ballotsOf(c.id).length })) });
  const tallies = new Map(m.contests.map((c) => [c.id, aggregateContests(ballotsOf(c.id), c.candidates.length)]));
  push('encrypted_tally', { contests: m.contests.map((c) => ({ contestId: c.id, tally: tallies.get(c.id)!.map(ciphertextToJSON) })) });
  const postClose = push('complaint', complaint('complaint-2', 'post_close', 'Falta mi código de seguimiento'));
  const shares = new Map<number, Map<string, ReturnType<typeof computeShares>>>();
  for (const j of [3, 1]) {
    const mine = new Map(m.contests.map((c) => [c.id, computeShares(decryptionContext(hash, c.id), j, e.secretShares[j - 1]!, tallies.get(c.id)!)]));
    shares.set(j, mine);
    // Trustee 1 posts its contests in the reverse order: matched by id, not position.
    const order = j === 1 ? [...m.contests].reverse() : m.contests;
    push('decryption_share', { trustee: j, contests: order.map((c) => ({ contestId: c.id, shares: mine.get(c.id)!.map(decryptionShareToJSON) })) });
  }
  const Xs = m.trustees.map((t) => pointFromHex(t.verificationKey));
  const result = push('result', {
    contests: m.contests.map((c) => {
      const votes = tallies.get(c.id)!.map((ct, k) => {
        const d = decryptWithShares(decryptionContext(hash, c.id), ct, [3, 1].map((j) => shares.get(j)!.get(c.id)![k]!), Xs, { n: 3, t: 2 });
        if (!d.ok) throw new Error(d.reason);
        return d.value;
      });
      return { contestId: c.id, ...allocateSeats({ contestId: c.id, candidates: c.candidates, votes, seats: c.seats, alternates: c.alternates, seed: tieBreakSeed(hash, c.id, decryptionValues(tallies.get(c.id)!, votes)) }) };
    }),
  });
  const answered = (c: BoardEvent, proposalId: string) => {
    const a = answer(c, proposalId);
    decide({ kind: 'complaint_answer', electionId: ELECTION, complaintId: a.complaintId, complaintEvent: a.complaintEvent, decision: 'dismissed', reasoning: a.reasoning }, proposalId);
    push('complaint_answer', a);
  };
  answered(postClose, 'proposal-9');
  phase('tallied', 'published');
  push('published', { resultEvent: result.hash });
  // The server's report, signed with the receipt key in the same transaction.
  push('report', signServerReport(e.receiptSecret, buildServerReport(m, toHex(hash), events)));
  // An answer may come in any phase after its complaint, even after the publication.
  answered(rollComplaint, 'proposal-10');
  return { events, manifest: m, hash, decoded, ballotKeys };
}

/** Reverse every object's key order, as a store that does not keep it might (jsonb). */
function scramble(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scramble);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, scramble(x)]));
  return v;
}

/** The exported record's text (section 6.1), with scrambled key order and whitespace. */
function recordText(events: readonly unknown[]): string {
  const committee = [1, 2, 3].map((index) => ({
    index, memberId: `member-${index}`, fullName: `Miembro ${index}`, sector: ['government', 'civil_society', 'international_cooperation'][index - 1],
    organisation: 'Org', role: index === 1 ? 'chair' : 'member',
  }));
  return JSON.stringify(scramble({
    format: 'anfora-election-record', version: 1, electionId: ELECTION, exportedAt: '2026-03-05T10:00:00.000Z', committee, events,
  }), null, 1);
}

/** Recompute seq, prevHash and hash after a tamper (what a forger with the whole board would do). */
function rechain(events: readonly BoardEvent[]): BoardEvent[] {
  let prevHash = GENESIS_HASH;
  return events.map((ev, seq) => {
    const hash = eventHash(prevHash, seq, ev.kind, ev.at, ev.payload);
    const out = { ...ev, seq, prevHash, hash };
    prevHash = hash;
    return out;
  });
}

/** A deep copy as a JSON reader would see it (no object shared between events). */
const copy = (): any[] => JSON.parse(JSON.stringify(built.events)) as any[];

/**
 * What a forger holding the whole board and the server's receipt key (a dishonest server)
 * does after a change: re-chain every event in order, re-pointing what names an earlier
 * hash — each complaint answer to its complaint, the lots and seats to the close (keeping
 * the counts as written), `published` to the result — and issuing the report the server
 * would write for the forged board, unless told to leave one as it is. So that each
 * tamper fails only the check it is about, the committee's signed answers are re-signed
 * for the re-hashed complaints too (a forger without the members' keys could not: G4).
 */
function forge(events: readonly BoardEvent[], redo: { seats?: boolean; published?: boolean; answers?: boolean; report?: boolean; keepTimes?: boolean } = {}): any[] {
  redo = { seats: true, published: true, answers: true, report: true, ...redo };
  const out: any[] = [];
  let prevHash = GENESIS_HASH;
  const complaints = new Map<string, string>();
  const hashOf = (kind: string) => out.find((x) => x.kind === kind)?.hash as string | undefined;
  for (const [seq, ev] of events.entries()) {
    const payload = ev.payload as any;
    if (ev.kind === 'complaint_answer' && redo.answers && complaints.has(payload.complaintId)) payload.complaintEvent = complaints.get(payload.complaintId);
    if (ev.kind === 'decision' && payload.statement.kind === 'complaint_answer' && redo.answers && complaints.has(payload.statement.complaintId)) {
      Object.assign(payload, decision(payload.proposalId, { ...payload.statement, complaintEvent: complaints.get(payload.statement.complaintId) }));
    }
    const tallyEvent = out.find((x) => x.kind === 'encrypted_tally');
    if (ev.kind === 'result' && redo.seats && tallyEvent !== undefined) {
      payload.contests = payload.contests.map((c: { contestId: string; counts: { votes: number }[] }) => {
        const mc = built.manifest.contests.find((x) => x.id === c.contestId)!;
        const votes = c.counts.map((x) => x.votes);
        const tally = (tallyEvent.payload.contests as { contestId: string; tally: CiphertextJSON[] }[]).find((x) => x.contestId === c.contestId)!.tally.map((x) => ciphertextFromJSON(x, 'tally', 'sum'));
        const seed = tieBreakSeed(built.hash, c.contestId, decryptionValues(tally, votes));
        return { contestId: c.contestId, ...allocateSeats({ contestId: c.contestId, candidates: mc.candidates, votes, seats: mc.seats, alternates: mc.alternates, seed }) };
      });
    }
    if (ev.kind === 'published' && redo.published && hashOf('result') !== undefined) payload.resultEvent = hashOf('result');
    let p = payload;
    if (ev.kind === 'report' && redo.report) {
      try {
        p = JSON.parse(JSON.stringify(signServerReport(election(ELECTION).receiptSecret, buildServerReport(built.manifest, toHex(built.hash), out))));
      } catch {
        // A board the server could not report on (no close or result before the publication): the old report stays.
      }
    }
    // A forger keeps the board's times from going back (W1), as the server's append does.
    const lastAt = out.at(-1)?.at as string | undefined;
    const at = redo.keepTimes !== true && lastAt !== undefined && ev.at < lastAt ? lastAt : ev.at;
    const hash = eventHash(prevHash, seq, ev.kind, at, p);
    if (ev.kind === 'complaint') complaints.set(payload.complaintId, hash);
    out.push({ ...ev, seq, at, payload: p, prevHash, hash });
    prevHash = hash;
  }
  return out;
}

/** The project verifier's check key (src/verify/report.ts) for each of the document's checks. */
const KEY_OF: Record<string, string> = {
  R1: 'format', R2: 'format', C1: 'format', C2: 'chain', C3: 'chain', C4: 'chain', O1: 'format', O2: 'order', O3: 'order', O4: 'order',
  K1: 'trustee_keys', K2: 'dealings', K3: 'complaints', K4: 'ceremony_result', M1: 'manifest', M2: 'manifest', M3: 'manifest',
  M4: 'ceremony_result', M5: 'manifest', I1: 'issuance', B1: 'format', B2: 'ballot_tokens', B3: 'ballot_tokens', B4: 'ballot_tokens',
  B5: 'ballot_signatures', B6: 'ballot_proofs', B7: 'tracking_codes', B8: 'one_ballot_per_token', B9: 'ballot_counts', T1: 'close',
  T2: 'encrypted_tally', D1: 'decryption_shares', E1: 'decryption', E2: 'decryption', E3: 'seats', P1: 'published',
  S1: 'server_report', S2: 'server_report', S3: 'server_report', W1: 'board_times',
  G1: 'committee', G2: 'rule_floors', G3: 'decision_signatures', G4: 'decision_record', G5: 'token_requests', G6: 'trustee_key_signatures',
  X1: 'witnessed_heads',
  Y1: 'issuer_keys', Y6: 'issuer_keys', Y7: 'issuer_keys', L1: 'issuer_logs', L5: 'issuer_logs', N1: 'counted_within_issuer_logs',
};
/** The project's verifier (src/verify) gives the same verdict, failing the same checks (and maybe more of their consequences). */
async function expectProjectAgrees(text: string, checks: readonly string[], partial = false): Promise<void> {
  // From the text, as the command line reads it: a repeated member name is visible there only.
  const report = await verifyRecordText(text, { partial });
  expect(report.ok).toBe(checks.length === 0);
  const failing = report.checks.filter((c) => !c.ok).map((c) => c.key);
  for (const check of checks) expect(failing).toContain(KEY_OF[check]);
}

const seqOf = (kind: string, nth = 0): number => built.events.filter((e) => e.kind === kind)[nth]!.seq;
const checksOf = (text: string): string[] => [...new Set(auditRecord(text).findings.map((f) => f.check))];
/** Flip the last hex digit of a hex string (for hashes, signatures: not scalars). */
const flip = (s: string): string => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');
/** A scalar plus one: still a canonical scalar, so the change reaches the equations. */
const bump = (s: string): string => toHex(sodium.crypto_core_ristretto255_scalar_add(H(s), A.scalarOf(1)));

beforeAll(async () => {
  await A.ready;
  await sodium.ready;
  built = await buildRecord();
}, 120_000);

describe('the auditor is independent', () => {
  it('imports only libsodium, SHA-2 from @noble/hashes and node:crypto (RSA-PSS), nothing of src/', () => {
    const source = readFileSync(new URL('./auditor.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((x) => x[1]);
    expect(imports.sort()).toEqual(['@noble/hashes/sha2.js', 'libsodium-wrappers-sumo', 'node:crypto']);
    // Its §7.14 and §7.18–7.20 import only it and each other.
    for (const [file, allowed] of [['auditor-committee.ts', ['./auditor-issuers.js', './auditor.js', '@noble/hashes/sha2.js']], ['auditor-issuers.ts', ['./auditor.js', './auditor-committee.js']]] as const) {
      const text = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
      for (const m of text.matchAll(/^import .* from '([^']+)';$/gm)) expect(allowed, file).toContain(m[1]);
    }
  });
});

describe('the worked examples of the document are what the auditor computes', () => {
  it('canonical JSON (section 3)', () => {
    const v = JSON.parse('{"zeta":1,"alpha":"Ánfora \\"v1\\"\\n\\u001f/","Alpha":[true,false,null,-0,12],"\\uff5e":"fullwidth tilde","\\ud83d\\uddf3":"ballot box","é":{}}');
    expect(A.canonicalText(v)).toBe(canonicalJsonString(v));
    expect(DOC).toContain(toHex(A.canonicalJson(v)));
    // Lone surrogates and control characters, escaped exactly as JSON.stringify does.
    for (const s of ['\ud800', 'a\udfffb', '\u0000\u0007\u007f\u2028', '\ud83d\ude00', 'tab\tline\n"q"\\']) {
      expect(A.canonicalText({ [s]: s })).toBe(canonicalJsonString({ [s]: s }));
    }
  });

  it('transcript framing and hash to scalar (section 4.1)', () => {
    const tr = kat.group.transcripts[1]!;
    const t = new A.Tr('range').bytes(new Uint8Array()).string('anfora').u32(2).bytes(H(tr.items[3]!.point!)).bytes(H(tr.items[4]!.scalar!));
    expect(toHex(t.digest())).toBe(tr.digest);
    expect(toHex(t.challenge())).toBe(tr.challenge);
    expect(DOC).toContain(tr.digest);
    expect(DOC).toContain(tr.challenge);
    for (const x of kat.group.transcripts) {
      const our = new Transcript(x.tag);
      const their = new A.Tr(x.tag.replace('anfora/v1/', ''));
      for (const item of x.items as unknown as Record<string, string | number>[]) {
        if ('bytes' in item) { our.bytes(H(item.bytes as string)); their.bytes(H(item.bytes as string)); }
        if ('string' in item) { our.string(item.string as string); their.string(item.string as string); }
        if ('u32' in item) { our.u32(item.u32 as number); their.u32(item.u32 as number); }
        if ('point' in item) { our.point(pointFromHex(item.point as string)); their.bytes(H(item.point as string)); }
        if ('scalar' in item) { our.scalar(scalarFromHex(item.scalar as string)); their.bytes(H(item.scalar as string)); }
      }
      expect(toHex(their.digest())).toBe(toHex(our.digest()));
      expect(toHex(their.challenge())).toBe(scalarToHex(our.challenge()));
    }
  });

  it('contexts, event hashes, tracking codes, lots and λ (section 9)', () => {
    const cctx = A.ceremonyContext('election-1', 3, 2);
    expect(toHex(cctx)).toBe(toHex(ceremonyContext('election-1', 3, 2)));
    expect(DOC).toContain(toHex(cctx));

    const at0 = '2026-02-20T09:15:00.000Z';
    const p0 = { trustee: 1, publicKey: kat.dkg.trusteeKeys[0] };
    const h0 = A.eventHash(H(GENESIS_HASH), 0, 'trustee_key', at0, p0);
    expect(toHex(h0)).toBe(eventHash(GENESIS_HASH, 0, 'trustee_key', at0, p0));
    const h1 = A.eventHash(h0, 1, 'trustee_key', '2026-02-20T09:16:30.250Z', { trustee: 2, publicKey: kat.dkg.trusteeKeys[1] });
    const close = A.eventHash(h1, 17, 'close', '2026-03-01T18:00:00.000Z', { ballots: [{ contestId: 'board', count: 2 }, { contestId: 'alt', count: 1 }] });
    for (const h of [h0, h1, close]) expect(DOC).toContain(toHex(h));

    const toy = { version: 1, electionId: 'election-1', title: 'Elección 2026' };
    expect(toHex(A.manifestHash(toy))).toBe(toHex(manifestHash(toy)));
    expect(DOC).toContain(toHex(A.manifestHash(toy)));

    const ballot = A.decodeBallot(kat.ballot.ballot)!;
    expect(toHex(A.ballotDigest(ballot))).toBe(kat.ballot.digest);
    const code1 = A.trackingCode(null, H(kat.ballot.digest), H(kat.ballot.contextInput.ballotPublicKey));
    const extra = A.decodeBallot(kat.tally.extraBallots[0]!.ballot)!;
    const code2 = A.trackingCode(code1, A.ballotDigest(extra), H(kat.tally.extraBallots[0]!.ballotPublicKey));
    expect(toHex(code2)).toBe(toHex(trackingCode(trackingCode(null, H(kat.ballot.digest), H(kat.ballot.contextInput.ballotPublicKey)),
      contestBallotDigest(contestBallotFromJSON(kat.tally.extraBallots[0]!.ballot as never)), H(kat.tally.extraBallots[0]!.ballotPublicKey))));
    for (const h of [code1, code2]) expect(DOC).toContain(toHex(h));
    expect(toHex(A.ballotSignatureMessage(H(kat.ballot.digest)))).toBe(kat.ballotSignature.message);
    // The lengths the document states.
    expect(A.ballotSignatureMessage(H(kat.ballot.digest)).length).toBe(66);
    expect(DOC).toContain('message** (66 bytes)');
    expect(A.canonicalJson(p0).length).toBe(278);
    expect(DOC).toContain('(278 bytes)');
    expect(H(tokenKat.issuanceKey.spki).length).toBe(422);
    expect(DOC).toContain('SPKI of a 3072-bit key is 422 bytes');

    // Section 9.8: the lots of the KAT tally, from its joint decryption values D_i = β_i − v_i·G.
    const kt = kat.tally;
    const D = kt.encryptedTally.map((c, i) => (kt.counts[i] === 0 ? H(c.beta) : sodium.crypto_core_ristretto255_sub(H(c.beta), sodium.crypto_scalarmult_ristretto255_base(A.scalarOf(kt.counts[i]!)))));
    expect(D.map(toHex)).toEqual(kt.jointDecryptionValues);
    for (const d of D) expect(DOC).toContain(toHex(d));
    const seed = A.tieBreakSeed(H(kt.tieBreakSeed.manifestHash), 'board', D);
    expect(toHex(seed)).toBe(kt.tieBreakSeed.seed);
    expect(toHex(seed)).toBe(toHex(tieBreakSeed(kt.tieBreakSeed.manifestHash, 'board', decryptionValues(kt.encryptedTally.map((c) => ciphertextFromJSON(c, 'tally', 'sum')), kt.counts))));
    expect(DOC).toContain(`the seed h =\n\`${toHex(seed)}\``);
    expect(DOC).toContain(kt.tieBreakSeed.manifestHash);
    const ids = ['board-cand-1', 'board-cand-2', 'board-cand-3', 'board-cand-4', 'board-cand-5'];
    for (const id of ids) {
      const lot = A.tieBreakLot(seed, 'board', id);
      expect(toHex(lot)).toBe(toHex(tieBreakLot(toHex(seed), 'board', id)));
      expect(DOC).toContain(toHex(lot));
    }
    const seats = allocateSeats({ contestId: 'board', candidates: ids.map((id) => ({ id })), votes: kt.counts, seats: 2, alternates: 1, seed: toHex(seed) });
    expect(DOC).toContain(`ranking ${seats.ranking.map((x) => x.replace('board-', '')).join(', ')}`);
    expect(close.length).toBe(32);
    const ci = kat.ballot.contextInput;
    expect(toHex(A.decryptionContext(H(ci.manifestHash), 'board'))).toBe(toHex(decryptionContext(H(ci.manifestHash), 'board')));
    expect(DOC).toContain(toHex(A.decryptionContext(H(ci.manifestHash), 'board')));
    // λ for {1, 3}: 3/2 and −1/2.
    const half = sodium.crypto_core_ristretto255_scalar_invert(A.scalarOf(2));
    expect(DOC).toContain(toHex(sodium.crypto_core_ristretto255_scalar_mul(A.scalarOf(3), half)));
    expect(DOC).toContain(toHex(sodium.crypto_core_ristretto255_scalar_negate(half)));
  });
});

describe('the byte layouts of the document', () => {
  it('each hashes to the value the document states (or, for the token, is the token message)', () => {
    const blocks = [...DOC.matchAll(/```\n([\s\S]*?)```/g)].map((x) => x[1]!).filter((b) => /^[0-9a-f]{8} /.test(b));
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    for (const block of blocks) {
      const hexOf = block.split('\n').map((line) => {
        const tokens = line.trim().split(/\s+/);
        const end = tokens.findIndex((tok) => !/^(?:[0-9a-f]{2})+$/.test(tok));
        return (end < 0 ? tokens : tokens.slice(0, end)).join('');
      }).join('');
      const bytes = H(hexOf);
      if (hexOf.includes(toHex(new TextEncoder().encode('anfora/v1/voting-token')))) {
        const tok = tokenKat.token;
        expect(hexOf).toBe(toHex(A.tokenMessage(tok.electionId, tok.contestId, H(tok.ballotPublicKey))));
        expect(DOC).toContain(`(section 2.6, ${bytes.length} bytes)`);
      } else {
        // A digest (SHA-256) or a challenge (SHA-512, little-endian, mod ℓ).
        const digest = toHex(new Uint8Array(sodium.crypto_hash_sha256(bytes)));
        const challenge = toHex(sodium.crypto_core_ristretto255_scalar_reduce(new Uint8Array(sodium.crypto_hash_sha512(bytes))));
        expect(DOC.includes(digest) || DOC.includes(challenge), block.slice(0, 80)).toBe(true);
      }
    }
  });
});

describe('the integer grammar (section 2.2), as the project reads it', () => {
  it.each(['66.00000000000000000001', '66.0', '6.6e1', '9007199254740993'])('refuses %s as a count in the close, naming R1 / format', async (spelled) => {
    const text = recordText(copy()).replace(/"count": ?(\d+)/, `"count": ${spelled}`);
    expect(A.audit(text).findings.map((x) => x.check)).toContain('R1');
    const report = await verifyRecordText(text, {});
    expect(report.checks.find((c) => c.key === 'format')!.ok).toBe(false);
    expect(A.badNumbers(text)).toEqual([spelled]);
  });
});

describe('the worked examples print every value in full (scripts/doc-examples.ts)', () => {
  it('section 9 shortens no hex value, and the values it takes from the vectors are theirs', () => {
    const nine = section9(DOC).text;
    expect(nine.match(SHORT)).toBeNull();
    const vectors = vectorHex();
    const full = [...nine.matchAll(/`([0-9a-f]{64})`/g)].map((m) => m[1]!);
    const fromVectors = full.filter((h) => vectors.has(h));
    // The examples' inputs (keys, ciphertexts, shares, the token's ballot key and prefix) all come from the vectors.
    for (const h of [kat.tally.combined[0]!, kat.tally.combined[4]!, kat.ballot.ballot.selections[0]!.ciphertext.alpha, tokenKat.token.messagePrefix]) expect(fromVectors).toContain(h);
    expect(fromVectors.length).toBeGreaterThanOrEqual(15);
  });
});

describe('the proofs of the known-answer vectors, checked with libsodium', () => {
  it('a ballot: context, 0-or-1 challenges and equations, range proof', () => {
    const ci = kat.ballot.contextInput;
    const bctx = A.ballotContext(H(ci.manifestHash), H(ci.publicKey), ci.contestId, H(ci.ballotPublicKey));
    expect(toHex(bctx)).toBe(toHex(ballotContext({ manifestHash: H(ci.manifestHash), publicKey: pointFromHex(ci.publicKey), contestId: ci.contestId, ballotPublicKey: H(ci.ballotPublicKey) })));
    expect(toHex(bctx)).toBe(kat.ballot.context);
    const K = H(ci.publicKey);
    const ballot = A.decodeBallot(kat.ballot.ballot)!;
    for (const s of ballot.selections) {
      const t = A.zeroOrOneChallengeTranscript(bctx, K, s.alpha, s.beta);
      for (const br of s.branches) t.bytes(br.a).bytes(br.b);
      // The challenge the prover split: Σ c_j as in the record.
      expect(toHex(t.challenge())).toBe(toHex(sodium.crypto_core_ristretto255_scalar_add(s.branches[0]!.c, s.branches[1]!.c)));
      expect(A.zeroOrOneValid(bctx, K, s.alpha, s.beta, s.branches)).toBe(true);
    }
    expect(A.rangeValid(bctx, K, 2, ballot.selections, ballot.range)).toBe(true);
    expect(DOC).toContain('2d3325482931888631be0cc3373ec4cf300c8211cf42af81bdeaa59beb684b00');

    // Refusals: another ballot key (a copied ballot), a moved response, a bound of 3.
    const other = A.ballotContext(H(ci.manifestHash), K, ci.contestId, H(kat.tally.extraBallots[0]!.ballotPublicKey));
    const s0 = ballot.selections[0]!;
    expect(A.zeroOrOneValid(other, K, s0.alpha, s0.beta, s0.branches)).toBe(false);
    expect(A.rangeValid(other, K, 2, ballot.selections, ballot.range)).toBe(false);
    const bent = s0.branches.map((br, j) => (j === 1 ? { ...br, v: sodium.crypto_core_ristretto255_scalar_add(br.v, A.scalarOf(1)) } : br));
    expect(A.zeroOrOneValid(bctx, K, s0.alpha, s0.beta, bent)).toBe(false);
    expect(A.rangeValid(bctx, K, 3, ballot.selections, ballot.range)).toBe(false);
    // The range challenge hashes the parts: swapping two selections breaks it.
    const swapped = [ballot.selections[1]!, ballot.selections[0]!, ...ballot.selections.slice(2)];
    expect(A.rangeValid(bctx, K, 2, swapped, ballot.range)).toBe(false);
  });

  it('Schnorr proofs of trustee keys and dealing commitments', () => {
    const ctx = H(kat.dkg.ctx);
    for (const k of kat.dkg.trusteeKeys) {
      const keyCtx = new A.Tr('dkg-trustee-key').bytes(ctx).u32(k.index).digest();
      const X = A.point(k.key)!;
      const R = A.point(k.proof.commitment)!;
      const s = A.scalar(k.proof.response)!;
      const c = new A.Tr('schnorr').bytes(keyCtx).bytes(A.G).bytes(X).bytes(R).challenge();
      expect(toHex(c)).toBe(scalarToHex(schnorrChallenge(keyCtx, pointFromHex(k.key), pointFromHex(k.proof.commitment))));
      expect(A.schnorrValid(keyCtx, X, R, s)).toBe(true);
      expect(A.schnorrValid(new A.Tr('dkg-trustee-key').bytes(ctx).u32(k.index + 1).digest(), X, R, s)).toBe(false);
      expect(A.schnorrValid(keyCtx, X, R, sodium.crypto_core_ristretto255_scalar_add(s, A.scalarOf(1)))).toBe(false);
    }
    const { n, t } = kat.dkg.params;
    for (const d of kat.dkg.dealings) {
      d.commitments.forEach((C, k) => {
        const cctx = new A.Tr('dkg-commitment').bytes(ctx).u32(n).u32(t).u32(d.dealer).u32(k).digest();
        expect(A.schnorrValid(cctx, A.point(C)!, A.point(d.proofs[k]!.commitment)!, A.scalar(d.proofs[k]!.response)!)).toBe(true);
      });
    }
    expect(DOC).toContain('4411301888619b82494d81f74a2cc247cd986d316a136e0b9f5d68f558fc880b');
  });

  it('Chaum–Pedersen proofs of partial decryptions, and their combination', () => {
    const ctx = H(kat.tally.ctx);
    kat.tally.partialDecryptions.forEach((row, j) => {
      const X = A.point(kat.dkg.verificationKeys[j])!;
      row.forEach((share, k) => {
        const ct = kat.tally.encryptedTally[k]!;
        const pctx = new A.Tr('partial-decryption').bytes(ctx).u32(share.index).bytes(H(ct.alpha)).bytes(H(ct.beta)).digest();
        const [M, a1, a2] = [share.share, share.proof.a1, share.proof.a2].map((p) => A.point(p, true)!);
        const c = new A.Tr('chaum-pedersen').bytes(pctx).bytes(A.G).bytes(X).bytes(H(ct.alpha)).bytes(M!).bytes(a1!).bytes(a2!).challenge();
        const statement = { g1: G, h1: pointFromHex(kat.dkg.verificationKeys[j]!), g2: pointFromHex(ct.alpha), h2: pointFromHex(share.share, 'M', true) };
        expect(toHex(c)).toBe(scalarToHex(equalityChallenge(pctx, statement, pointFromHex(share.proof.a1, 'a1', true), pointFromHex(share.proof.a2, 'a2', true))));
        const s = A.scalar(share.proof.response)!;
        expect(A.equalityValid(pctx, A.G, X, H(ct.alpha), M!, a1!, a2!, s)).toBe(true);
        // Another trustee's key, or the proof moved to another ciphertext, fails.
        const otherX = A.point(kat.dkg.verificationKeys[(j + 1) % 3])!;
        expect(A.equalityValid(pctx, A.G, otherX, H(ct.alpha), M!, a1!, a2!, s)).toBe(false);
        const next = kat.tally.encryptedTally[(k + 1) % 5]!;
        expect(A.equalityValid(pctx, A.G, X, H(next.alpha), M!, a1!, a2!, s)).toBe(false);
      });
    });
    expect(DOC).toContain('cfef81df234ab830abe47b534bebe697dbcb09d4546f4407c0df0a270f34080c');
  });

  it('a complaint is judged as the project judges it: unjustified, justified, invalid', () => {
    const ctx = H(kat.dkg.ctx);
    const params = kat.dkg.params;
    const keys = kat.dkg.trusteeKeys.map((k) => trusteePublicKeyFromJSON(k));
    const sk2 = scalarFromHex(kat.dkg.trusteeSecrets[1]!);
    const judge = (dealingJson: typeof kat.dkg.dealings[number], complaint: ReturnType<typeof raiseComplaint>) => {
      const d: A.AuditDealing = {
        dealer: dealingJson.dealer,
        commitments: dealingJson.commitments.map((c) => A.point(c)!),
        shares: new Map(dealingJson.shares.map((s) => [s.recipient, { ephemeral: A.point(s.ephemeral)!, sealed: H(s.sealed) }])),
      };
      const proof = { a1: A.point(toHex(complaint.proof.a1.toBytes()), true)!, a2: A.point(toHex(complaint.proof.a2.toBytes()), true)!, s: H(scalarToHex(complaint.proof.response)) };
      return A.judgeComplaint(ctx, params.n, params.t, d, complaint.complainer, A.point(kat.dkg.trusteeKeys[1]!.key)!, complaint.shared.toBytes(), proof);
    };
    // An honest share: the complaint is unjustified, for both.
    const honest = kat.dkg.dealings[0]!;
    const c1 = raiseComplaint(ctx, params, 2, sk2, dealingFromJSON(honest));
    expect(checkComplaint(ctx, params, keys, dealingFromJSON(honest), c1).status).toBe('unjustified');
    expect(judge(honest, c1)).toBe('unjustified');
    // A share that does not open (one sealed byte changed): justified.
    const broken = structuredClone(honest);
    broken.shares[0]!.sealed = flip(broken.shares[0]!.sealed);
    const c2 = raiseComplaint(ctx, params, 2, sk2, dealingFromJSON(broken));
    expect(checkComplaint(ctx, params, keys, dealingFromJSON(broken), c2)).toEqual({ status: 'justified', reason: 'undecryptable' });
    expect(judge(broken, c2)).toBe('justified');
    // A share that opens but is not on the dealer's polynomial (other commitments): justified.
    const inconsistent = structuredClone(honest);
    inconsistent.commitments = [...kat.dkg.dealings[1]!.commitments];
    const c3 = raiseComplaint(ctx, params, 2, sk2, dealingFromJSON(inconsistent));
    expect(checkComplaint(ctx, params, keys, dealingFromJSON(inconsistent), c3)).toEqual({ status: 'justified', reason: 'inconsistent' });
    expect(judge(inconsistent, c3)).toBe('justified');
    // A complaint whose proof belongs to another dealing: invalid.
    expect(checkComplaint(ctx, params, keys, dealingFromJSON(honest), c2).status).toBe('invalid');
    expect(judge(honest, c2)).toBe('invalid');
    expect(DOC).toContain('edb9e9772471b237808bdfd81347856af7a23d3e89ed5c07ac786c074c18db04');
  });

  it('a voting token: RSA-PSS over the token message, as the project verifies it', async () => {
    const key = A.issuanceKey(tokenKat.issuanceKey)!;
    expect(key).not.toBeNull();
    const tok = tokenKat.token;
    const prepared = new Uint8Array([...H(tok.messagePrefix), ...A.tokenMessage(tok.electionId, tok.contestId, H(tok.ballotPublicKey))]);
    expect(A.tokenSignatureValid(key, prepared, H(tok.signature))).toBe(true);
    const ours = await verifyToken(issuanceKeyFromJSON(tokenKat.issuanceKey), tokenFromJSON(tok), { electionId: tok.electionId, contestId: tok.contestId });
    expect(ours.ok).toBe(true);
    const other = new Uint8Array([...H(tok.messagePrefix), ...A.tokenMessage(tok.electionId, 'tb', H(tok.ballotPublicKey))]);
    expect(A.tokenSignatureValid(key, other, H(tok.signature))).toBe(false);
    expect(A.tokenSignatureValid(key, prepared, H(flip(tok.signature)))).toBe(false);
    // A non-canonical SPKI (long-form length of the outer SEQUENCE) or a wrong keyId is refused.
    const spki = tokenKat.issuanceKey.spki;
    expect(A.issuanceKey({ ...tokenKat.issuanceKey, keyId: flip(tokenKat.issuanceKey.keyId) })).toBeNull();
    const longForm = `3083 0001a2${spki.slice(8)}`.replace(' ', '');
    expect(A.issuanceKey({ ...tokenKat.issuanceKey, spki: longForm, keyId: toHex(new Uint8Array(sodium.crypto_hash_sha256(H(longForm)))) })).toBeNull();
    expect(() => issuanceKeyFromJSON({ ...tokenKat.issuanceKey, spki: longForm, keyId: toHex(new Uint8Array(sodium.crypto_hash_sha256(H(longForm)))) })).toThrow();
  });

  it('a ballot signature: the document\'s rule and libsodium\'s own verify agree, also on a small-order R (section 10)', () => {
    const A_ = H(kat.ballot.contextInput.ballotPublicKey);
    const msg = A.ballotSignatureMessage(H(kat.ballot.digest));
    const sig = H(kat.ballotSignature.signature);
    expect(A.ed25519Valid(A_, msg, sig)).toBe(true);
    expect(sodium.crypto_sign_verify_detached(sig, msg, A_)).toBe(true);
    expect(A.ed25519Valid(A_, msg, H(flip(kat.ballotSignature.signature)))).toBe(false);
    // R = identity, S = k·a: the equation holds (OpenSSL alone would accept it); the
    // document's rule, the project and libsodium's verify all refuse a small-order R.
    const az = sodium.crypto_hash_sha512(H(kat.ballot.ballotSecretKey));
    az[0]! &= 248;
    az[31]! &= 127;
    az[31]! |= 64;
    const a = sodium.crypto_core_ed25519_scalar_reduce(new Uint8Array([...az.subarray(0, 32), ...new Uint8Array(32)]));
    const R = H('01'.padEnd(64, '0'));
    const k = sodium.crypto_core_ed25519_scalar_reduce(sodium.crypto_hash_sha512(new Uint8Array([...R, ...A_, ...msg])));
    const crafted = new Uint8Array([...R, ...sodium.crypto_core_ed25519_scalar_mul(k, a)]);
    expect(toHex(ourSignatureMessage(H(kat.ballot.digest)))).toBe(toHex(msg));
    expect(verifyBallotSignature(A_, H(kat.ballot.digest), crafted)).toBe(false);
    expect(A.ed25519Valid(A_, msg, crafted)).toBe(false);
    expect(sodium.crypto_sign_verify_detached(crafted, msg, A_)).toBe(false);
  });

  it('strict Ed25519 public keys (receiptKey, section 2.5 steps 2 and 4), as the project decides them', () => {
    const candidates = [
      kat.ballot.contextInput.ballotPublicKey, tokenKat.token.ballotPublicKey,
      // the eight small-order points, the two non-canonical x = 0 encodings, y = p, y = p + 1
      ...ED25519_TORSION_SUBGROUP, '01'.padEnd(62, '0') + '80', 'ec'.padEnd(62, 'f') + 'ff',
      'ed'.padEnd(62, 'f') + '7f', 'ee'.padEnd(62, 'f') + '7f',
      // small y, on the curve or not
      ...Array.from({ length: 40 }, (_, y) => (y + 2).toString(16).padStart(2, '0').padEnd(64, '0')),
    ];
    for (const key of candidates) expect([key, A.ed25519KeyValid(H(key))]).toEqual([key, isEd25519PublicKey(H(key))]);
    // Section 2.5 lists the eight small-order encodings as noble knows them.
    for (const x of ED25519_TORSION_SUBGROUP) expect(DOC).toContain(x);
    expect(candidates.filter((key) => isEd25519PublicKey(H(key))).length).toBeGreaterThan(10);
    expect(candidates.filter((key) => !isEd25519PublicKey(H(key))).length).toBeGreaterThan(20);
  });
});

describe('a whole record', () => {
  it('is valid for the auditor, which recomputes the project\'s hashes, codes, keys, counts and lots', () => {
    const text = recordText(built.events);
    const audit = auditRecord(text);
    expect(audit.findings).toEqual([]);
    expect(audit.valid).toBe(true);
    expect(audit.stage).toBe('published');
    expect(audit.computed.eventHashes).toEqual(built.events.map((e) => e.hash));
    expect(checkChain(JSON.parse(text).events)).toMatchObject({ ok: true });
    expect(audit.computed.manifestHash).toBe(toHex(built.hash));
    expect(audit.computed.trackingCodes).toEqual(built.events.filter((x) => x.kind === 'ballot').map((x) => (x.payload as { trackingCode: string }).trackingCode));
    expect(audit.computed.jointPublicKey).toBe(built.manifest.jointPublicKey);
    expect(audit.computed.counted).toEqual({ board: 2, alt: 1 });
    const result = built.events.find((x) => x.kind === 'result')!.payload as { contests: { contestId: string; counts: { votes: number }[]; lots: { lot: string }[]; ranking: string[] }[] };
    for (const c of result.contests) {
      expect(audit.computed.counts[c.contestId]).toEqual(c.counts.map((x) => x.votes));
      expect(audit.computed.lots[c.contestId]).toEqual(c.lots.map((x) => x.lot));
    }
    // The board contest's counts are 1, 2, 1, 0: candidates 1 and 3 tie, the lot decides.
    expect(result.contests[0]!.counts.map((x) => x.votes)).toEqual([1, 2, 1, 0]);
    // The server's report as the document defines it is the one the project's code signed.
    expect(audit.computed.report).toEqual((built.events.find((x) => x.kind === 'report')!.payload as { report: unknown }).report);
    expect(audit.computed.report).toMatchObject({ complaints: { filed: 2, upheld: 0, dismissed: 1, unanswered: 1 } });
  });

  it('is valid for the project\'s verifier too', async () => {
    await expectProjectAgrees(recordText(built.events), []);
  });

  it('reports how far a partial record goes, and fails it unless asked for a partial check (O4)', async () => {
    const beforeClose = recordText(built.events.slice(0, seqOf('close')));
    expect(auditRecord(beforeClose, { partial: true })).toMatchObject({ valid: true, stage: 'voting' });
    expect(checksOf(beforeClose)).toEqual(['O4']);
    await expectProjectAgrees(beforeClose, [], true);
    await expectProjectAgrees(beforeClose, ['O4']);
    expect(auditRecord(recordText(built.events.slice(0, 6)), { partial: true })).toMatchObject({ valid: true, stage: 'ceremony' });
    expect(auditRecord(recordText(built.events.slice(0, seqOf('published'))), { partial: true })).toMatchObject({ valid: true, stage: 'tallied' });
  });

  it('refuses a text that is not a record, or has a duplicate key (R1), as the project\'s verifier does', async () => {
    const text = recordText(built.events);
    expect(checksOf(text.replace('"anfora-election-record"', '"other"'))).toEqual(['R1']);
    const header = `{"format":"anfora-election-record","format":"x",${text.trim().slice(1)}`;
    expect(checksOf(header)).toEqual(['R1']);
    await expectProjectAgrees(header, ['R1']);
    // Deep in an event: JSON.parse keeps the second count, a reader keeping the first sees another close.
    const at = text.indexOf('"count"');
    const deep = `${text.slice(0, at)}"count": 7, ${text.slice(at)}`;
    expect(checksOf(deep)).toEqual(['R1']);
    await expectProjectAgrees(deep, ['R1']);
    expect(checksOf('{')).toEqual(['R1']);
  });

  /** The `nth` issuer log changed and signed again by its member (ISSUERS' seeds), then forged. */
  const relog = (ev: any[], nth: number, change: (log: any) => void, sign = true) => {
    const p = ev[seqOf('issuer_log', nth)].payload;
    change(p.log);
    if (sign) p.signature = signIssuerLog(ISSUERS(p.log.contestId).find((x) => x.memberId === p.log.memberId)!.seed, p.log);
    return forge(ev);
  };
  const move = (ev: any[], from: number, to: number) => { const [x] = ev.splice(from, 1); ev.splice(to, 0, x); return ev; };
  // [what is tampered, the change (then forged unless stated), the checks that fail]
  const tampers: [string, (ev: any[]) => any[], string[]][] = [
    ['a payload byte, not re-chained', (ev) => { ev[seqOf('ballot')].payload.trackingCode = flip(ev[seqOf('ballot')].payload.trackingCode); return ev; }, ['C4']],
    ['an event removed, not re-chained', (ev) => ev.filter((_, i) => i !== seqOf('token_issued')), ['C2']],
    ['a prevHash, not re-chained', (ev) => { ev[3].prevHash = ev[1].hash; return ev; }, ['C3']],
    ['a payload shape', (ev) => { ev[seqOf('close')].payload.extra = 1; return forge(ev); }, ['O1']],
    ['a board time in another spelling of the same instant', (ev) => { ev[seqOf('close')].at = ev[seqOf('close')].at.replace('.000Z', '+00:00'); return forge(ev); }, ['W1']],
    ['a board time that goes back', (ev) => { ev[seqOf('encrypted_tally')].at = '2026-01-01T00:00:00.000Z'; return forge(ev, { keepTimes: true }); }, ['W1']],
    ['a token issued after the close', (ev) => forge(move(ev, seqOf('token_issued'), seqOf('close'))), ['O2']],
    ['a second close', (ev) => forge([...ev.slice(0, seqOf('encrypted_tally')), ev[seqOf('close')], ...ev.slice(seqOf('encrypted_tally'))]), ['O2']],
    ['a roll complaint after the manifest', (ev) => forge(move(ev, seqOf('complaint'), seqOf('manifest'))), ['O3']],
    // The committee's signed answer names the real complaint event: G4 sees the difference too.
    ['an answer naming another complaint event', (ev) => { ev[seqOf('complaint_answer')].payload.complaintEvent = ev[seqOf('close')].hash; return forge(ev, { seats: true, published: true, answers: false }); }, ['O3', 'G4']],
    ['a post-close complaint answered after the publication', (ev) => forge(move(ev, seqOf('complaint_answer'), seqOf('published'))), ['O3']],
    ['the manifest, not its hash', (ev) => { ev[seqOf('manifest')].payload.manifest.title = 'Otra'; return forge(ev); }, ['M1']],
    ['a trustee key proof', (ev) => { const p = ev[seqOf('trustee_key')].payload.publicKey.proof; p.response = bump(p.response); return forge(ev); }, ['G6', 'K1']], // the member signed the original key
    ['a dealing commitment', (ev) => { ev[seqOf('dealing')].payload.dealing.commitments.reverse(); return forge(ev); }, ['K2', 'K4', 'M4']],
    ['a missing verification', (ev) => forge(ev.filter((_, i) => i !== seqOf('ceremony_verification'))), ['K3']],
    ['the joint key', (ev) => { const r = ev[seqOf('ceremony_result')].payload; r.jointPublicKey = r.verificationKeys[0].key; return forge(ev); }, ['K4']],
    // Nor was it accredited, nor did it sign the request (G5).
    ['a token for an association not on the roll', (ev) => { ev[seqOf('token_issued')].payload.associationId = 'assoc-9'; return forge(ev); }, ['I1', 'G5']],
    // A ballot that fails is not counted: the close, the tally and the counted ballots the server reports then no longer match.
    ['a token of another contest', (ev) => { ev[seqOf('ballot')].payload.token.contestId = 'alt'; return forge(ev); }, ['B3', 'T1', 'T2', 'S3']],
    ['a token signature', (ev) => { const tk = ev[seqOf('ballot')].payload.token.signatures[0]; tk.signature = flip(tk.signature); return forge(ev); }, ['B4', 'T1', 'T2', 'S3']],
    ['a ballot signature', (ev) => { const p = ev[seqOf('ballot')].payload; p.signature = flip(p.signature); return forge(ev); }, ['B5', 'T1', 'T2', 'S3']],
    ['a tracking code', (ev) => { const p = ev[seqOf('ballot', 1)].payload; p.trackingCode = flip(p.trackingCode); return forge(ev); }, ['B7']],
    // Inserted while voting is open: before the decision to close, which comes right before the close.
    ['a ballot cast twice', (ev) => forge([...ev.slice(0, seqOf('close') - 1), ev[seqOf('ballot')], ...ev.slice(seqOf('close') - 1)]), ['B7', 'B8']],
    // The server reports the close's count; the record counts 2.
    ['a close count', (ev) => { ev[seqOf('close')].payload.ballots[0].count = 3; return forge(ev); }, ['T1', 'S3']],
    ['a tally ciphertext', (ev) => { const t = ev[seqOf('encrypted_tally')].payload.contests[0].tally; [t[0], t[1]] = [t[1], t[0]]; return forge(ev); }, ['T2', 'D1', 'E2']],
    ['a decryption share proof', (ev) => { const s = ev[seqOf('decryption_share')].payload.contests[0].shares[0].proof; s.response = bump(s.response); return forge(ev); }, ['D1', 'E2']],
    ['a count', (ev) => { ev[seqOf('result')].payload.contests[1].counts[0].votes = 1; return forge(ev); }, ['E2']],
    ['the ranking', (ev) => { const c = ev[seqOf('result')].payload.contests[0]; [c.ranking[1], c.ranking[2]] = [c.ranking[2], c.ranking[1]]; return forge(ev, { seats: false, published: true, answers: true }); }, ['E3']],
    ['a lot', (ev) => { const c = ev[seqOf('result')].payload.contests[1]; c.lots[0].lot = flip(c.lots[0].lot); return forge(ev, { seats: false, published: true, answers: true }); }, ['E3']],
    // Re-chained without a new report: the report names the publication as it was.
    ['the published result hash', (ev) => { ev[seqOf('published')].payload.resultEvent = ev[seqOf('close')].hash; return rechain(ev); }, ['P1', 'S3']],
    ['the server report, removed', (ev) => forge(ev.filter((_, i) => i !== seqOf('report'))), ['S1']],
    ['a report figure, left with its signature', (ev) => { ev[seqOf('report')].payload.report.contests[0].ballotsCounted = 3; return forge(ev, { report: false }); }, ['S2', 'S3']],
    ['a report figure, re-signed with another key', (ev) => {
      const p = ev[seqOf('report')].payload;
      p.report.contests[1].candidates[0].votes = 0;
      ev[seqOf('report')].payload = JSON.parse(JSON.stringify(signServerReport(sodium.randombytes_buf(32), p.report)));
      return forge(ev, { report: false });
    }, ['S2', 'S3']],
    ['a report figure the server signed, not the record\'s', (ev) => {
      const p = ev[seqOf('report')].payload;
      p.report.regions[0] = { region: p.report.regions[0].region, suppressed: false, rollSize: 2, tokensIssued: 1 };
      ev[seqOf('report')].payload = JSON.parse(JSON.stringify(signServerReport(election(ELECTION).receiptSecret, p.report)));
      return forge(ev, { report: false });
    }, ['S3']],
    // §7.14: the committee's signatures and what they decided.
    ['a forged approval', (ev) => { const a = ev[seqOf('decision', 3)].payload.approvals[1]; a.signature = flip(a.signature); return forge(ev); }, ['G3']],
    ['a decision approved by one sector', (ev) => { const d = ev[seqOf('decision', 2)].payload; d.approvals = d.approvals.slice(0, 1); return forge(ev); }, ['G3']],
    ['an approval by a member whose organisation is the subject', (ev) => { ev[seqOf('committee')].payload.members[1].organisation = ' asociación  UNO'; return forge(ev); }, ['G3']],
    ['an approval under a revoked key', (ev) => {
      const at = seqOf('decision', 5); // the step to nominations
      const reset = { kind: 'credential_reset', electionId: ELECTION, holder: 'member', holderId: 'member-2', name: 'Miembro 2', revokedKey: memberKey(2), reason: 'Perdió su clave' } as Statement;
      const approvals = [1, 3].map((j) => ({ memberId: `member-${j}`, publicKey: memberKey(j), signature: signDecision(memberSeed(j), reset, 'approve') }));
      ev.splice(at, 0, { ...ev[at], payload: { proposalId: 'reset-1', statement: reset, approvals, against: [] } });
      return forge(ev);
    }, ['G3', 'G6', 'Y1', 'Y6', 'L1', 'N1']], // and member 2 registers its trustee and issuer keys, and signs its logs, with no account key in force
    ['a trustee key registration signed by the server, not the member', (ev) => {
      const p = ev[seqOf('trustee_key')].payload;
      p.signature = toHex(ed25519.sign(utf8ToBytes('not the registration'), sha256(utf8ToBytes('server'))));
      return forge(ev);
    }, ['G6']],
    ['an issuance entry without a valid association\'s signature', (ev) => { const r = ev[seqOf('token_issued')].payload.request; r.signature = flip(r.signature); return forge(ev); }, ['G5']],
    // The first accreditation removed: its roll entry has no decision, and its requests no accredited signer.
    // The issuers' logs then hold a request of an association nobody accredited, and fewer valid requests than ballots.
    ['a roll entry that no decision accredited', (ev) => forge(ev.filter((_, i) => i !== seqOf('decision', 1))), ['G4', 'G5', 'L5', 'N1']],
    // approvalSectors 1: below the floor, and no longer the manifest's rules.
    ['rules below the floors', (ev) => { ev[seqOf('committee')].payload.rules.approvalSectors = 1; return forge(ev); }, ['G2', 'G4']],
    // §7.18–7.20: the sector issuers (each log re-signed by its member where it changed).
    ['an issuer key\'s proof of possession', (ev) => { const p = ev[seqOf('issuer_key')].payload; p.pop = flip(p.pop); return forge(ev); }, ['Y1', 'Y6', 'L1', 'N1']],
    // Member 1 registers its board key for alt as well (signed, with its proof of possession):
    // the blinded message hides the contest, so a key serves one contest only (Y5). The
    // manifest's alt key then has no registration, nor its log a registered key.
    ['an issuing key registered for two contests', (ev) => {
      const p = ev[seqOf('issuer_key', 2)].payload;
      const x = ISSUERS('board')[0]!;
      const r = issuerRegistration(ELECTION, p.contestId, x.memberId, x.key, x.seed);
      Object.assign(p, { issuanceKey: r.issuanceKey, pop: r.pop, signature: r.signature });
      return forge(ev);
    }, ['Y1', 'Y6', 'L1', 'N1']],
    ['a manifest issuer with no registration', (ev) => forge(ev.filter((_, i) => i !== seqOf('issuer_key', 1))), ['Y6', 'L1', 'N1']],
    ['a log under another issuer\'s key', (ev) => relog(ev, 0, (log) => { log.keyId = ev[seqOf('issuer_log', 1)].payload.log.keyId; }), ['L1', 'N1']],
    ['a log request of an association not on the contest\'s roll', (ev) => relog(ev, 2, (log) => { log.entries.push(issuerLogEntry('alt', 'assoc-9')); }), ['L5']],
    // Not signed again (the project's signer refuses such a log): the shape fails first.
    ['a log with an association twice', (ev) => relog(ev, 0, (log) => { log.entries.push(log.entries[1]); }, false), ['O1', 'N1']],
    ['counted ballots above the smallest log', (ev) => relog(ev, 1, (log) => { log.entries.pop(); }), ['N1']],
    ['an issuer log missing', (ev) => forge(ev.filter((_, i) => i !== seqOf('issuer_log', 3))), ['N1']],
    // The server could not have reported a board without its publication: the old report stays, naming another.
    ['a report before the publication', (ev) => forge(move(ev, seqOf('report'), seqOf('published'))), ['O2', 'S3']],
  ];
  it.each(tampers)('refuses %s, as the project\'s verifier does', async (_what, tamper, checks) => {
    const text = recordText(tamper(copy()));
    expect(checksOf(text).sort()).toEqual([...checks].sort());
    await expectProjectAgrees(text, checks);
  });

  it('checks the small-roll acknowledgements of a version-2 manifest (M5)', async () => {
    const opened = (change: (m: any) => void) => {
      const ev = copy().slice(0, seqOf('manifest') + 1);
      const p = ev.at(-1).payload;
      change(p.manifest);
      p.hash = toHex(manifestHash(p.manifest));
      return recordText(rechain(ev));
    };
    const cases: [(m: any) => void, string[]][] = [
      [() => {}, []],
      [(m) => { m.contests[0].smallRoll = null; }, ['M5']],
      // Rolls of 2 are no longer small: both acknowledgements are out of place; and these
      // are not the rules the committee published (G4).
      [(m) => { m.rules.minRollSize = 2; }, ['M5', 'M5', 'G4']],
      [(m) => { delete m.contests[0].smallRoll; }, ['O1']],
    ];
    for (const [change, checks] of cases) {
      const text = opened(change);
      expect(auditRecord(text, { partial: true }).findings.map((f) => f.check)).toEqual(checks);
      await expectProjectAgrees(text, checks, true);
    }
    // docs/voting-protocol.md also asks that the acknowledgement precede the opening.
    const late = opened((m) => { m.contests[1].smallRoll.decidedAt = '2026-03-01T12:00:00.001Z'; });
    expect(auditRecord(late, { partial: true }).findings.map((f) => f.check)).toEqual(['M5']);
    await expectProjectAgrees(late, ['M5'], true);
    // The same instant written with an offset is not later.
    const offset = opened((m) => { m.contests[1].smallRoll.decidedAt = '2026-03-01T07:00:00.000-05:00'; });
    expect(auditRecord(offset, { partial: true }).findings).toEqual([]);
    await expectProjectAgrees(offset, [], true);
  });

  it('accepts more than t partial decryptions before the result', async () => {
    const e = election(ELECTION);
    const ev = copy();
    const tally = ev[seqOf('encrypted_tally')].payload.contests as { contestId: string; tally: CiphertextJSON[] }[];
    const contests = tally.map((c) => ({
      contestId: c.contestId,
      shares: computeShares(decryptionContext(built.hash, c.contestId), 2, e.secretShares[1]!, c.tally.map((x) => ciphertextFromJSON(x, 'x', 'sum'))).map(decryptionShareToJSON),
    }));
    const third = { ...ev[seqOf('decryption_share')], at: ev[seqOf('result') - 1].at, payload: { trustee: 2, contests } };
    const text = recordText(forge([...ev.slice(0, seqOf('result')), third, ...ev.slice(seqOf('result'))]));
    expect(auditRecord(text).findings).toEqual([]);
    await expectProjectAgrees(text, []);
  });

  it('refuses a ballot whose proofs are bad even with a valid signature and tracking code (B6), as the project does', async () => {
    for (const part of ['selection', 'range', 'copied'] as const) {
      const ev = copy();
      const seq = seqOf('ballot');
      const p = ev[seq].payload as CastBody;
      const sel = p.ballot.selections[2]!.proof.branches[0]!;
      const rng = p.ballot.rangeProof.branches[1]!;
      if (part === 'selection') (sel as { response: string }).response = bump(sel.response);
      if (part === 'range') (rng as { challenge: string }).challenge = bump(rng.challenge);
      // Another voter's ballot, signed by this voter (Cortier–Smyth copying): its proofs hash the other ballot key.
      if (part === 'copied') p.ballot = structuredClone((ev[seqOf('ballot', 2)].payload as CastBody).ballot);
      p.signature = toHex(signBallot(built.ballotKeys.get(seq)!, contestBallotDigest(contestBallotFromJSON(p.ballot as never))));
      // The tracking codes re-chained over the whole election, as the server would have.
      let code: Uint8Array | null = null;
      for (const x of ev.filter((y) => y.kind === 'ballot')) {
        code = trackingCode(code, contestBallotDigest(contestBallotFromJSON(x.payload.ballot)), H(x.payload.token.ballotPublicKey));
        x.payload.trackingCode = toHex(code);
      }
      const text = recordText(forge(ev));
      const audit = auditRecord(text);
      expect(audit.findings.filter((f) => f.seq === seq).map((f) => f.check)).toEqual(['B6']);
      await expectProjectAgrees(text, ['B6']);
      const { trackingCode: _code, ...body } = p as CastBody & { trackingCode: string };
      const ours = await checkCastBallot({ manifest: built.decoded, manifestHash: built.hash, electionId: ELECTION, body, verifyToken: verifyRsaPss });
      expect(ours).toMatchObject({ ok: false, code: 'bad_ballot' });
    }
  });

  it('handles the identity where the document allows it: a contest without ballots', async () => {
    const empty = await buildRecord(CASTS.filter(([contestId]) => contestId !== 'alt'));
    const tally = empty.events.find((x) => x.kind === 'encrypted_tally')!.payload as { contests: { contestId: string; tally: { alpha: string }[] }[] };
    expect(tally.contests[1]!.tally.every((ct) => ct.alpha === '00'.repeat(32))).toBe(true);
    const audit = auditRecord(recordText(empty.events));
    expect(audit.findings).toEqual([]);
    expect(audit.computed.counts.alt).toEqual([0, 0, 0]);
    await expectProjectAgrees(recordText(empty.events), []);
  });

  it('keeps the hashes of the text as exported: re-encoding is canonical, not the text', () => {
    const events = copy();
    const text = recordText(events);
    expect(text).not.toContain(canonicalJsonString(events[0].payload));
    // The ciphertexts of a tally decode identically whatever the key order.
    const tally = events[seqOf('encrypted_tally')].payload.contests[0].tally[0];
    expect(toHex(ciphertextFromJSON(tally, 'x', 'sum').alpha.toBytes())).toBe(tally.alpha);
    expect(auditRecord(text).valid).toBe(true);
  });
});

describe('§6.8 and §9.10: the signed statements, from the document alone', () => {
  it('the auditor rebuilds every message of statements.json and verifies its signatures with libsodium; a changed vote, statement or key fails', async () => {
    await A.ready;
    const { default: v } = await import('../crypto/vectors/statements.json', { with: { type: 'json' } });
    for (const d of v.decisions) {
      const msg = auditorDecisionMessage(d.statement as Record<string, unknown>, 'approve');
      expect(toHex(msg)).toBe(d.approveMessage);
      expect(toHex(msg)).toBe(toHex(decisionMessage(d.statement as Statement, 'approve')));
      expect(A.ed25519Valid(H(v.memberKey), msg, H(d.approveSignature))).toBe(true);
      expect(A.ed25519Valid(H(v.memberKey), auditorDecisionMessage(d.statement as Record<string, unknown>, 'against'), H(d.againstSignature))).toBe(true);
      expect(A.ed25519Valid(H(v.memberKey), auditorDecisionMessage(d.statement as Record<string, unknown>, 'against'), H(d.approveSignature))).toBe(false);
      expect(A.ed25519Valid(H(v.memberKey), auditorDecisionMessage({ ...d.statement, electionId: 'another' }, 'approve'), H(d.approveSignature))).toBe(false);
      expect(A.ed25519Valid(H(v.associationKey), msg, H(d.approveSignature))).toBe(false);
    }
    const r = v.tokenRequest;
    expect(auditorRequestHash(H(r.blindedMessage))).toBe(r.request.blindedMessageHash);
    expect(toHex(auditorRequestMessage(r.request))).toBe(r.message);
    expect(toHex(auditorRequestMessage(r.request))).toBe(toHex(tokenRequestMessage(r.request)));
    expect(A.ed25519Valid(H(v.associationKey), H(r.message), H(r.signature))).toBe(true);
    expect(A.ed25519Valid(H(v.associationKey), auditorRequestMessage({ ...r.request, contestId: 'tb' }), H(r.signature))).toBe(false);
    // §9.10 prints these values in full.
    for (const value of [v.memberKey, v.decisions[0]!.approveSignature, v.decisions[0]!.againstSignature, r.signature, v.associationKey]) expect(DOC).toContain(value);
  });
});
