/**
 * The verifier on a record built without a database (synthetic-record.ts): an honest
 * record passes every check; each check fails, naming the item, on a record tampered for
 * it (mostly re-hashed afterwards, so the chain cannot be what catches it); malformed
 * input of any shape is a failing report, never an exception; partial records; the
 * ceremony with a cheating dealer; a ballot checker run in slices and merged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ballotContext, contestBallotDigest, contestBallotFromJSON, contestBallotToJSON, encryptContest } from '../../src/crypto/ballot.js';
import { generateBallotKeys, signBallot } from '../../src/crypto/ballot-signature.js';
import { G, pointToHex, toHex } from '../../src/crypto/group.js';
import { sodiumProofBackend, sodiumReady } from '../../src/crypto/sodium-ballots.js';
import { blindSign, verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { finalizeIssuedToken, issuedTokenToJSON as tokenToJSON, requestIssuedToken } from '../../src/crypto/issued-token.js';
import { eventHash } from '../../src/record/board.js';
import { manifestHash } from '../../src/record/contexts.js';
import { allocateSeats } from '../../src/record/seats.js';
import { type BallotChecker, type CheckKey, type VerificationReport, checkBallots, mergeBallotBatches, readRecordText, verifyRecord, verifyRecordText } from '../../src/verify/index.js';
import { findBadNumbers } from '../../src/verify/numbers.js';
import { type SyntheticRecord, syntheticRecord } from './synthetic-record.js';
import { decisionPayload } from './synthetic-governance.js';
import { type AnyRecord, ballotNumber, clone, flipHex, indexOf, rehash } from './tamper.js';
import { formatReport } from '../../src/verify/format.js';
import { reportHtml } from '../../src/verify/html.js';
import { TOKEN_WINDOW_OFF } from '../../src/verify/token-window.js';

let honest: SyntheticRecord;
let cheated: SyntheticRecord;

beforeAll(async () => {
  honest = await syntheticRecord();
  cheated = await syntheticRecord({ cheater: 2, cheatOn: 3 });
}, 120_000);

/** The report on the noble path; the libsodium proof backend must give the very same one. */
async function verify(record: unknown, partial = false): Promise<VerificationReport> {
  await sodiumReady;
  const [noble, sodium] = await Promise.all([
    verifyRecord(record, { tokenVerifier: verifyRsaPssNode, partial }),
    verifyRecord(record, { tokenVerifier: verifyRsaPssNode, partial, proofBackend: sodiumProofBackend }),
  ]);
  expect(sodium).toEqual(noble);
  return noble;
}
const fresh = (s: SyntheticRecord = honest): AnyRecord => clone(s.record) as AnyRecord;
/** The report on the libsodium backend alone, for records whose ballots and proofs {@link verify} already compared on both. */
async function verifySodium(record: unknown): Promise<VerificationReport> {
  await sodiumReady;
  return verifyRecord(record, { tokenVerifier: verifyRsaPssNode, proofBackend: sodiumProofBackend });
}

function failures(r: VerificationReport, key: CheckKey): string[] {
  return r.checks.find((c) => c.key === key)!.failures.map((f) => `${f.item}: ${f.detail.en}`);
}
function failedKeys(r: VerificationReport): CheckKey[] {
  return r.checks.filter((c) => !c.ok).map((c) => c.key);
}
/** The report fails check `key` with a failure whose item and detail match `item`. */
function expectFailure(r: VerificationReport, key: CheckKey, item: RegExp | string): void {
  expect(r.ok).toBe(false);
  const list = failures(r, key);
  expect(list.some((x) => (typeof item === 'string' ? x.includes(item) : item.test(x))), `${key}: ${JSON.stringify(list)} / failing: ${failedKeys(r).join(', ')}`).toBe(true);
}

describe('an honest record', () => {
  it('passes all 35 checks (1–29 and 40–45), with its counts and results', async () => {
    const r = await verify(honest.record);
    expect(failedKeys(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => c.id)).toEqual([...Array.from({ length: 29 }, (_, i) => i + 1), 40, 41, 42, 43, 44, 45]);
    expect(r.serverReport).toEqual({ seq: indexOf(fresh(), 'report'), signature: 'valid', figures: 'match' });
    expect(r.stage).toBe('published');
    expect(r.complete).toBe(true);
    expect(r.manifestHash).toBe(toHex(honest.hash));
    expect(r.counts.contests.map((c) => [c.contestId, c.rollSize, c.tokensIssued, c.countedBallots, c.closeCount])).toEqual([['board', 5, 4, 4, 4], ['alt', 4, 3, 3, 3]]);
    for (const c of r.results!) {
      expect(c.verified).toBe(true);
      const byId = new Map(c.candidates.map((x) => [x.candidateId, x.votes]));
      expect(honest.manifest.contests.find((x) => x.id === c.contestId)!.candidates.map((x) => byId.get(x.id))).toEqual(honest.plain[c.contestId]);
      expect(c.candidates.filter((x) => x.seat === 'titular')).toHaveLength(c.seats);
    }
  });

  it('re-hashing without a change gives the same record', () => {
    expect(rehash(fresh())).toEqual(honest.record);
  });

  it('gives the same report with a ballot checker that works in slices', async () => {
    const sliced: BallotChecker = async (context, tasks, onProgress) => {
      const half = Math.ceil(tasks.length / 2);
      const parts = await Promise.all([tasks.slice(0, half), tasks.slice(half)].map((s) => checkBallots(context, s, { tokenVerifier: verifyRsaPssNode })));
      onProgress?.(tasks.length);
      return mergeBallotBatches(parts);
    };
    const stages = new Set<string>();
    const r = await verifyRecord(honest.record, { ballotChecker: sliced, onProgress: (_d, _t, stage) => stages.add(stage) });
    expect(r.ok).toBe(true);
    expect(r.counts).toEqual((await verify(honest.record)).counts);
    expect([...stages]).toEqual(['format', 'chain', 'ceremony', 'ballots', 'tally']);
  });

  it('passes with the browser-side (WebCrypto) token verifier too', async () => {
    expect((await verifyRecord(honest.record)).ok).toBe(true);
  });
});

describe('malformed input is a failing report, never an exception', () => {
  const junk: [string, unknown][] = [
    ['null', null], ['a number', 42], ['an array', [1, 2]], ['an empty object', {}], ['events not an array', { ...{ format: 'anfora-election-record' }, events: 'x' }],
    ['events of junk', { format: 'anfora-election-record', version: 1, electionId: 'e', exportedAt: '2026-01-01T00:00:00Z', committee: [], events: [null, 1, 'x', [], { seq: 0 }] }],
  ];
  for (const [what, value] of junk) {
    it(`${what}`, async () => {
      const r = await verify(value);
      expect(r.ok).toBe(false);
      expect(failures(r, 'format').length).toBeGreaterThan(0);
    });
  }

  it('names the path of a bad header field and of a malformed event', async () => {
    const rec = fresh();
    rec.version = 2;
    delete rec.events[5].at;
    const r = await verify(rec);
    expectFailure(r, 'format', 'record version');
    expectFailure(r, 'format', 'record events[5]: the event is malformed');
  });

  it('names an event of unknown kind', async () => {
    const rec = fresh();
    rec.events.splice(indexOf(rec, 'close'), 0, { ...clone(rec.events[0]), kind: 'ballot_box_stuffing' });
    const r = await verify(rehash(rec));
    expectFailure(r, 'format', /event seq \d+ \(ballot_box_stuffing\): unknown event kind/);
  });

  it('names a payload that does not fit its kind, and a ballot payload of the wrong shape', async () => {
    const rec = fresh();
    rec.events[indexOf(rec, 'close')].payload.ballots[0].count = -1;
    rec.events[indexOf(rec, 'ballot', 2)].payload.signature = 'zz';
    const r = await verify(rehash(rec));
    expectFailure(r, 'format', /event seq \d+ \(close\): the payload does not fit its kind/);
    expectFailure(r, 'format', /ballot #3 .*the payload is not a ballot's \(signature/);
  });

  it('a record with a payload no canonical JSON can hash (a float) fails the chain, naming the event', async () => {
    const rec = fresh();
    const at = indexOf(rec, 'dealing');
    rec.events[at].payload.trustee = 1.5;
    const r = await verify(rec);
    expectFailure(r, 'chain', new RegExp(`event seq ${at} \\(dealing\\): the hash cannot be recomputed`));
  });
});

describe('order and partial records', () => {
  it('a record that ends before the results fails, unless partial', async () => {
    const rec = await syntheticRecord({ stopAfter: 'close' });
    const strict = await verify(rec.record);
    expectFailure(strict, 'order', 'the record ends before the results (stage: closed)');
    expect(failedKeys(strict)).toEqual(['order']);
    const partial = await verify(rec.record, true);
    expect(partial.ok).toBe(true);
    expect(partial.stage).toBe('closed');
    expect(partial.complete).toBe(false);
    expect(partial.results).toBeNull();
    expect(partial.checks.find((c) => c.key === 'decryption')!.note?.en).toMatch(/^not reached/);
    // What the record does not reach yet is pending, not passed: the verdict says "in progress".
    const pending = partial.checks.filter((c) => c.pending === true).map((c) => c.key);
    expect(pending).toEqual(['encrypted_tally', 'threshold', 'decryption', 'seats', 'published', 'server_report']);
    expect(partial.checks.filter((c) => c.pending === true).every((c) => c.ok)).toBe(true);
    expect(partial.verdict.en).toBe(`In progress: the ${partial.checks.length - pending.length} checks the record reaches pass so far; ${pending.length} are pending until the record reaches their stage (close, tally, publication).`);
    expect(partial.verdict.es).toMatch(/^En curso: /);
    // The strict reading of the same record fails; the checks it cannot reach are still pending, not failed.
    expect(strict.verdict.en).toMatch(new RegExp(`^The record is NOT valid: 1 of ${strict.checks.length}`));
    expect(strict.checks.find((c) => c.key === 'seats')!.pending).toBe(true);
  });

  it('a complete record has no pending check, and one tampered mid-election fails rather than pends', async () => {
    const full = await verify(fresh());
    expect(full.checks.some((c) => c.pending === true)).toBe(false);
    expect(full.verdict.en).toBe('The record is valid: all 35 checks pass.');
    const rec = await syntheticRecord({ stopAfter: 'close' });
    const broken = clone(rec.record) as AnyRecord;
    broken.events[2].payload.tampered = true;
    const r = await verify(broken, true);
    expect(r.ok).toBe(false);
    expect(failedKeys(r)).toContain('chain');
    expect(r.verdict.en).toMatch(/^The record is NOT valid/);
  });

  it('a partial record during the vote, before the issuance log is published at the close, is fine', async () => {
    const rec = await syntheticRecord({ stopAfter: 'ballot' });
    const r = rec.record as AnyRecord;
    r.events = r.events.filter((e: { kind: string }) => e.kind !== 'token_issued');
    const report = await verify(rehash(r), true);
    expect(failedKeys(report)).toEqual([]);
    expect(report.stage).toBe('voting');
    // After the close the log must be there: the same ballots without it fail the counts.
    const closed = fresh();
    closed.events = closed.events.filter((e: { kind: string }) => e.kind !== 'token_issued');
    expect(failedKeys(await verify(rehash(closed)))).toContain('ballot_counts');
  });

  it('a partial record in the middle of the ceremony is fine as far as it goes', async () => {
    const rec = await syntheticRecord({ stopAfter: 'dealing' });
    const r = await verify(rec.record, true);
    expect(failedKeys(r)).toEqual([]);
    expect(r.stage).toBe('ceremony');
  });

  it('a ballot moved after the close fails the order check, naming it', async () => {
    const rec = fresh();
    const [moved] = rec.events.splice(indexOf(rec, 'ballot', 1), 1);
    rec.events.splice(indexOf(rec, 'close') + 1, 0, moved);
    const r = await verify(rehash(rec));
    expectFailure(r, 'order', /event seq \d+ \(ballot\): ballot after the close/);
  });

  it('a second manifest fails', async () => {
    const rec = fresh();
    rec.events.splice(indexOf(rec, 'close'), 0, clone(rec.events[indexOf(rec, 'manifest')]));
    expectFailure(await verify(rehash(rec)), 'order', 'a second manifest event');
  });
});

describe('chain', () => {
  it('a changed prevHash names its seq; a changed hash names it and the next link', async () => {
    const rec = fresh();
    rec.events[7].prevHash = flipHex(rec.events[7].prevHash, 10);
    rec.events[20].hash = flipHex(rec.events[20].hash, 10);
    const r = await verify(rec);
    expect(failures(r, 'chain')).toEqual([
      expect.stringMatching(/^event seq 7 .*prevHash is not the previous event's hash/),
      expect.stringMatching(/^event seq 7 .*the hash does not match the event/),
      expect.stringMatching(/^event seq 20 .*the hash does not match the event/),
      expect.stringMatching(/^event seq 21 .*prevHash is not the previous event's hash/),
    ]);
  });

  it('a removed event is one sequence gap', async () => {
    const rec = fresh();
    rec.events.splice(10, 1);
    const r = await verify(rec);
    expect(failures(r, 'chain')).toEqual([
      expect.stringMatching(/^event seq 11 .*sequence number 11, expected 10/),
      expect.stringMatching(/^event seq 11 .*prevHash is not the previous event's hash/),
    ]);
  });
});

describe('manifest and key ceremony', () => {
  it('a published manifest hash that is not the manifest\'s fails', async () => {
    const rec = fresh();
    rec.events[indexOf(rec, 'manifest')].payload.hash = flipHex(rec.events[indexOf(rec, 'manifest')].payload.hash, 3);
    expectFailure(await verify(rehash(rec)), 'manifest', /event seq \d+ \(manifest\): the published hash is not the manifest's/);
  });

  it('a manifest naming another election fails', async () => {
    const rec = fresh();
    rec.electionId = 'another-election';
    expectFailure(await verify(rec), 'manifest', 'manifest electionId: names another election');
  });

  it('a trustee key with a bad proof of possession fails, naming the trustee', async () => {
    const rec = fresh();
    const e = rec.events[indexOf(rec, 'trustee_key', 1)];
    e.payload.publicKey.proof.response = flipHex(e.payload.publicKey.proof.response);
    expectFailure(await verify(rehash(rec)), 'trustee_keys', 'key of trustee 2: the proof of possession does not verify');
  });

  it('a dealing with a bad commitment proof fails, naming the dealer', async () => {
    const rec = fresh();
    const e = rec.events[indexOf(rec, 'dealing', 0)];
    e.payload.dealing.proofs[1].response = flipHex(e.payload.dealing.proofs[1].response);
    const r = await verify(rehash(rec));
    expectFailure(r, 'dealings', 'dealing of trustee 1: a commitment\'s proof of knowledge does not verify');
  });

  it('a justified complaint disqualifies the cheating dealer, and the record checks', async () => {
    const r = await verify(cheated.record);
    expect(failedKeys(r)).toEqual([]);
    const result = cheated.record.events.find((e) => e.kind === 'ceremony_result')!.payload as { qualified: number[] };
    expect(result.qualified).toEqual([1, 3]);
  });

  it('a complaint with a bad proof fails, naming it', async () => {
    const rec = fresh(cheated);
    const e = rec.events[indexOf(rec, 'ceremony_verification', 2)];
    e.payload.complaints[0].proof.response = flipHex(e.payload.complaints[0].proof.response);
    expectFailure(await verify(rehash(rec)), 'complaints', 'complaint 1 of trustee 3: the complaint against trustee 2 is invalid (bad_proof)');
  });

  it('a ceremony result that keeps the disqualified dealer fails', async () => {
    const rec = fresh(cheated);
    rec.events[indexOf(rec, 'ceremony_result')].payload.qualified = [1, 2, 3];
    expectFailure(await verify(rehash(rec)), 'ceremony_result', 'the published qualified set [1, 2, 3] is not the recomputed one [1, 3]');
  });

  it('a verification key that is not recomputed from the commitments fails, in the result and in the manifest', async () => {
    const rec = fresh();
    const other = pointToHex(G.multiply(12345n));
    rec.events[indexOf(rec, 'ceremony_result')].payload.verificationKeys[1].key = other;
    const m = rec.events[indexOf(rec, 'manifest')].payload;
    m.manifest.trustees[1].verificationKey = other;
    m.hash = toHex(manifestHash(m.manifest));
    const r = await verify(rehash(rec));
    expectFailure(r, 'ceremony_result', 'verification key of trustee 2: is not recomputed from the commitments');
    expectFailure(r, 'ceremony_result', 'manifest trustees[1].verificationKey: is not trustee 2\'s verification key');
  });
});

describe('issuance and ballots', () => {
  it('a token for an association not on the roll, and a second token, fail', async () => {
    const rec = fresh();
    const i = indexOf(rec, 'token_issued', 0);
    rec.events[i].payload.associationId = 'intruder';
    rec.events.splice(i + 1, 0, clone(rec.events[indexOf(rec, 'token_issued', 1)]));
    const r = await verify(rehash(rec));
    expectFailure(r, 'issuance', 'token of association intruder, contest plwha: the association is not on the contest\'s roll');
    expectFailure(r, 'issuance', /token of association board-assoc-2, contest plwha: a second token \(the first is seq \d+\)/);
  });

  it('more counted ballots than tokens, and more tokens than the roll, fail the counts', async () => {
    const rec = fresh();
    rec.events.splice(indexOf(rec, 'token_issued', 0), 1);
    const r = await verify(rehash(rec));
    expectFailure(r, 'ballot_counts', 'contest plwha: 4 counted ballots but only 3 tokens issued');
    const rec2 = fresh();
    const roll = rec2.events[indexOf(rec2, 'manifest')].payload.manifest.contests[1].roll;
    roll.splice(0, 2);
    const m = rec2.events[indexOf(rec2, 'manifest')].payload;
    m.hash = toHex(manifestHash(m.manifest));
    expectFailure(await verify(rehash(rec2)), 'ballot_counts', 'contest tb: 3 tokens issued for a roll of 2');
  });

  it('a bad ballot signature fails, naming the ballot', async () => {
    const rec = fresh();
    const i = indexOf(rec, 'ballot', 3);
    rec.events[i].payload.signature = flipHex(rec.events[i].payload.signature, 2);
    const r = await verify(rehash(rec));
    expectFailure(r, 'ballot_signatures', `ballot #4 (seq ${i}, tracking code ${rec.events[i].payload.trackingCode.slice(0, 16)}…): the signature is not by the token's key over this ballot`);
  });

  it('a changed tracking code is one failure, naming that ballot', async () => {
    const rec = fresh();
    const i = indexOf(rec, 'ballot', 2);
    rec.events[i].payload.trackingCode = flipHex(rec.events[i].payload.trackingCode, 5);
    const e = rec.events;
    // Re-hash the chain only: the attacker keeps the changed code.
    for (let k = i; k < e.length; k++) {
      if (k > 0) e[k].prevHash = e[k - 1].hash;
      e[k].hash = eventHash(e[k].prevHash, e[k].seq, e[k].kind, e[k].at, e[k].payload);
    }
    const r = await verify(rec);
    expect(failures(r, 'tracking_codes')).toEqual([expect.stringMatching(/^ballot #3 .*the tracking code does not chain from the previous ballot/)]);
    expect(failures(r, 'chain')).toEqual([]);
  });

  it('an over-vote with valid-looking signature and token fails the proofs, naming the ballot', async () => {
    // A voter's client that encrypts 3 choices where 2 are allowed, proving a range of 0..3.
    const rec = fresh();
    const i = indexOf(rec, 'ballot', 0);
    rec.events[i].payload = await overVote(rec.events[i].payload.trackingCode);
    const r = await verify(rehash(rec));
    expectFailure(r, 'ballot_proofs', /ballot #1 .*the range proof of the sum does not verify/);
    expect(failures(r, 'ballot_tokens')).toEqual([]);
    expect(failures(r, 'ballot_signatures')).toEqual([]);
  });
});

/** An over-vote (3 choices where 2 are allowed) under a valid fresh token, signed by its key. */
async function overVote(trackingCode: string) {
  const keys = honest.issuers;
  const req = requestIssuedToken(keys.map((k) => k.publicKey), honest.manifest.electionId, 'board');
  const answers = new Map(req.blinded.map((b, j) => {
    const signed = blindSign(keys[j]!, b.blindedMessage);
    if (!signed.ok) throw new Error(signed.reason);
    return [toHex(b.keyId), signed.blindSignature] as const;
  }));
  const fin = { value: (await finalizeIssuedToken(keys.map((k) => k.publicKey), req, answers)).token };
  const ctx = ballotContext({ manifestHash: honest.hash, publicKey: honest.K, contestId: 'board', ballotPublicKey: req.ballotKeys.publicKey });
  const json = contestBallotToJSON(encryptContest(ctx, honest.K, [1, 1, 1, 0], 3).ballot);
  // Keep the manifest's branch count (maxSelections + 1 = 3) so that the ballot still decodes.
  const ballot = { ...json, rangeProof: { branches: json.rangeProof.branches.slice(0, 3) } };
  return {
    contestId: 'board', trackingCode, token: tokenToJSON(fin.value), ballot,
    signature: toHex(signBallot(req.ballotKeys.secretKey, contestBallotDigest(contestBallotFromJSON(ballot)))),
  };
}

describe('close, tally, decryption, seats, publication', () => {
  it('a close count that is not the counted ballots fails', async () => {
    const rec = fresh();
    rec.events[indexOf(rec, 'close')].payload.ballots[1].count = 4;
    expectFailure(await verify(rehash(rec)), 'close', 'close, contest tb: the close counts 4 ballots; 3 are counted');
  });

  it('an encrypted tally with two candidates swapped fails, naming both', async () => {
    const rec = fresh();
    const t = rec.events[indexOf(rec, 'encrypted_tally')].payload.contests[0].tally;
    [t[0], t[1]] = [t[1], t[0]];
    const r = await verify(rehash(rec));
    expectFailure(r, 'encrypted_tally', 'encrypted tally, contest plwha, candidate 1 (Candidata board 1): is not the homomorphic sum of the 4 counted ballots');
    expectFailure(r, 'encrypted_tally', 'encrypted tally, contest plwha, candidate 2 (Candidata board 2)');
  });

  it('a partial decryption with a bad proof fails, naming trustee, contest and candidate', async () => {
    const rec = fresh();
    const s = rec.events[indexOf(rec, 'decryption_share', 1)].payload.contests[1].shares[2];
    s.proof.response = flipHex(s.proof.response);
    const r = await verify(rehash(rec));
    expectFailure(r, 'decryption_shares', 'decryption share of trustee 3, contest tb, candidate 3 (Candidata alt 3): the Chaum–Pedersen proof does not verify');
    expectFailure(r, 'threshold', 'contest tb, candidate 3 (Candidata alt 3): 1 valid partial decryptions before the results; 2 are needed');
  });

  it('too few trustees fails the threshold and the decryption', async () => {
    const rec = fresh();
    rec.events.splice(indexOf(rec, 'decryption_share', 0), 1);
    const r = await verify(rehash(rec));
    expectFailure(r, 'threshold', 'contest plwha, candidate 1 (Candidata board 1): 1 valid partial decryptions');
    expectFailure(r, 'decryption', 'result, contest plwha, candidate 1 (Candidata board 1): cannot be decrypted');
  });

  it('a changed vote count fails the decryption, naming contest and candidate', async () => {
    const rec = fresh();
    rec.events[indexOf(rec, 'result')].payload.contests[0].counts[2].votes += 1;
    const r = await verify(rehash(rec));
    expectFailure(r, 'decryption', 'result, contest plwha, candidate 3 (Candidata board 3): 2 votes published; the decryption gives 1');
    expect(r.results!.find((c) => c.contestId === 'board')!.verified).toBe(false);
  });

  it('swapped seats and a wrong tie-break seed fail the seats check', async () => {
    const rec = fresh();
    const c = rec.events[indexOf(rec, 'result')].payload.contests[0];
    c.titulars = [c.titulars[0], c.alternates[0]];
    c.tieBreak = flipHex(c.tieBreak);
    const r = await verify(rehash(rec, { seats: false }));
    expectFailure(r, 'seats', /result, contest plwha: titulars: published \[#\d, #3\], recomputed/);
    expectFailure(r, 'seats', 'result, contest plwha: the tie-break seed is not the one recomputed from the joint decryption values');
  });

  it('a publication that does not refer to the result fails', async () => {
    const rec = fresh();
    rec.events[indexOf(rec, 'published')].payload.resultEvent = rec.events[indexOf(rec, 'close')].hash;
    expectFailure(await verify(rehash(rec, { publication: false })), 'published', /event seq \d+ \(published\): does not refer to the result event/);
  });

  it('a fresh ballot key with a random token signature is not counted and fails the token check only', async () => {
    const rec = fresh();
    const keys = generateBallotKeys();
    const ctx = ballotContext({ manifestHash: honest.hash, publicKey: honest.K, contestId: 'alt', ballotPublicKey: keys.publicKey });
    const { ballot } = encryptContest(ctx, honest.K, [0, 1, 0], 1);
    const payload = {
      contestId: 'alt', trackingCode: '00'.repeat(32),
      token: { electionId: honest.manifest.electionId, contestId: 'alt', ballotPublicKey: toHex(keys.publicKey), messagePrefix: '11'.repeat(32),
        signatures: honest.manifest.contests[1]!.issuers.map((i) => ({ keyId: i.issuanceKey.keyId, signature: '01'.repeat(384) })) },
      ballot: contestBallotToJSON(ballot), signature: toHex(signBallot(keys.secretKey, contestBallotDigest(ballot))),
    };
    // Before the decision that closes the voting, which comes right before the close.
    const at = indexOf(rec, 'close') - 1;
    rec.events.splice(at, 0, { ...clone(rec.events[at - 1]), kind: 'ballot', payload });
    const r = await verify(rehash(rec, { receiptSecret: honest.receiptSecret }));
    expectFailure(r, 'ballot_tokens', /ballot #8 .*a signature of the token does not verify under its issuer's key/);
    expect(failedKeys(r)).toEqual(['ballot_tokens']);
    expect(ballotNumber(rec, at)).toBe(8);
  });
});

describe('lots no single party can choose, and board times (check 40)', () => {
  /** The same instant spelled as ISO 8601 allows (28 ways), of which only the first is canonical. */
  function spellings(at: string): string[] {
    const d = new Date(at);
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    const [Y, M, D, h, m, sec, ms] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()];
    const date = `${Y}-${p(M)}-${p(D)}`;
    const frac = [`.${p(ms, 3)}`, '', `.${p(ms, 3)}000`, `.${p(ms, 3)}0`];
    const out: string[] = [];
    for (const f of frac) {
      out.push(`${date}T${p(h)}:${p(m)}:${p(sec)}${f}Z`, `${date}T${p(h)}:${p(m)}:${p(sec)}${f}+00:00`, `${date}T${p(h)}:${p(m)}:${p(sec)}${f}-00:00`);
      const west = new Date(d.getTime() - 5 * 3600_000);
      out.push(`${date.slice(0, 8)}${p(west.getUTCDate())}T${p(west.getUTCHours())}:${p(m)}:${p(sec)}${f}-05:00`);
      const east = new Date(d.getTime() + 9 * 3600_000 + 30 * 60_000);
      out.push(`${date.slice(0, 8)}${p(east.getUTCDate())}T${p(east.getUTCHours())}:${p(east.getUTCMinutes())}:${p(sec)}${f}+09:30`);
      out.push(`${date}t${p(h)}:${p(m)}:${p(sec)}${f}z`, `${date} ${p(h)}:${p(m)}:${p(sec)}${f}Z`);
    }
    return out;
  }

  it('grinding every time the server writes (28 spellings), the export time and the committee names leaves the lots and seats as they were', async () => {
    const base = fresh();
    const closeAt = base.events[indexOf(base, 'close')].at as string;
    const variants = spellings(closeAt);
    expect(new Set(variants).size).toBe(28);
    for (const x of variants) expect(Date.parse(x.replace(' ', 'T').replace('t', 'T').replace('z', 'Z'))).toBe(Date.parse(closeAt));
    const original = JSON.stringify(base.events[indexOf(base, 'result')].payload);
    for (const [i, spelled] of variants.entries()) {
      const rec = fresh();
      // Every event's time respelled the same way, the close's by the variant; seats NOT recomputed.
      for (const e of rec.events) e.at = spellings(e.at)[i]!;
      rec.events[indexOf(rec, 'close')].at = spelled;
      rec.exportedAt = new Date(Date.parse(rec.exportedAt) + i * 1000).toISOString();
      rec.committee[0].fullName = `Miembro ${i}`;
      // The spellings change no ballot or proof: both proof backends are compared on the first
      // variant; the others run on libsodium's alone (the noble path is the slow one).
      const respelled = rehash(rec, { seats: false, receiptSecret: honest.receiptSecret });
      const r = i === 0 ? await verify(respelled) : await verifySodium(respelled);
      expect(JSON.stringify(rec.events[indexOf(rec, 'result')].payload)).toBe(original);
      expect(failures(r, 'seats'), spelled).toEqual([]);
      expect(failures(r, 'decryption'), spelled).toEqual([]);
      // Only the spelling itself fails (check 40), and only when it is not the canonical one.
      expect(failedKeys(r).filter((k) => k !== 'board_times')).toEqual([]);
      expect(failedKeys(r).includes('board_times')).toBe(i > 0);
    }
  }, 120_000);

  it('seats that follow another lot (the close event\'s hash, as before) fail the seats check, naming each lot', async () => {
    const rec = fresh();
    const closeHash = rec.events[indexOf(rec, 'close')].hash as string;
    const result = rec.events[indexOf(rec, 'result')].payload;
    result.contests = result.contests.map((c: any) => {
      const mc = honest.manifest.contests.find((x) => x.id === c.contestId)!;
      return { contestId: c.contestId, ...allocateSeats({ contestId: c.contestId, candidates: mc.candidates, votes: c.counts.map((x: any) => x.votes), seats: mc.seats, alternates: mc.alternates, seed: closeHash }) };
    });
    const r = await verify(rehash(rec, { seats: false }));
    expectFailure(r, 'seats', 'result, contest plwha: the tie-break seed is not the one recomputed from the joint decryption values');
    expectFailure(r, 'seats', 'tie-break lot, contest plwha, candidate 1 (Candidata board 1): is not the recomputed lot');
  });

  it('seats whose counts tie follow the lot recomputed from the public tally', async () => {
    const tied = await syntheticRecord({ votes: { board: [[1, 1, 0, 0], [0, 0, 1, 1]], alt: [[1, 0, 0], [0, 1, 0]] } });
    const r = await verify(tied.record);
    expect(failedKeys(r)).toEqual([]);
    const board = tied.record.events.find((e) => e.kind === 'result')!.payload as { contests: { contestId: string; ranking: string[]; lots: { candidateId: string; lot: string }[] }[] };
    const c = board.contests.find((x) => x.contestId === 'board')!;
    const byLot = [...c.lots].sort((a, b) => (a.lot < b.lot ? -1 : 1)).map((x) => x.candidateId);
    expect(c.ranking).toEqual(byLot);
    // Swapping two tied candidates (a chosen winner) fails, though the counts are right.
    const rec = clone(tied.record) as AnyRecord;
    const res = rec.events[indexOf(rec, 'result')].payload.contests.find((x: any) => x.contestId === 'board');
    [res.ranking[0], res.ranking[1]] = [res.ranking[1], res.ranking[0]];
    res.titulars = res.ranking.slice(0, res.titulars.length);
    res.alternates = res.ranking.slice(res.titulars.length, res.titulars.length + res.alternates.length);
    expectFailure(await verify(rehash(rec, { seats: false })), 'seats', /result, contest plwha: ranking: published/);
  }, 120_000);

  it('a time not in the canonical form fails check 40, naming the event', async () => {
    const rec = fresh();
    const i = indexOf(rec, 'close');
    rec.events[i].at = (rec.events[i].at as string).replace('.000Z', 'Z');
    const r = await verify(rehash(rec, { receiptSecret: honest.receiptSecret, keepTimes: true }));
    expect(r.checks.find((c) => c.key === 'board_times')!.id).toBe(40);
    expectFailure(r, 'board_times', new RegExp(`event seq ${i} \\(close\\): the time "[^"]+" is not in the canonical form`));
    expect(failedKeys(r)).toEqual(['board_times']);
  });

  it('a time earlier than the event before it fails check 40, naming both events', async () => {
    const rec = fresh();
    const i = indexOf(rec, 'encrypted_tally');
    rec.events[i].at = '2026-03-01T11:59:59.999Z';
    const r = await verify(rehash(rec, { receiptSecret: honest.receiptSecret, keepTimes: true }));
    expectFailure(r, 'board_times', new RegExp(`event seq ${i} \\(encrypted_tally\\): the time 2026-03-01T11:59:59.999Z is earlier than that of event seq ${i - 1}`));
    expect(failedKeys(r)).toEqual(['board_times']);
  });

  it('an impossible date in canonical shape fails check 40', async () => {
    const rec = fresh();
    rec.events[0].at = '2026-02-30T12:00:00.000Z';
    expectFailure(await verify(rehash(rec, { receiptSecret: honest.receiptSecret, keepTimes: true })), 'board_times', 'event seq 0 (');
  });
});

describe('pinning the manifest hash (--expect-manifest)', () => {
  it('passes with the pinned hash and fails the manifest check, naming both hashes, with another', async () => {
    const hash = toHex(honest.hash);
    expect(failedKeys(await verifyRecord(honest.record, { tokenVerifier: verifyRsaPssNode, expectManifest: hash }))).toEqual([]);
    const other = '01'.repeat(32);
    const r = await verifyRecord(honest.record, { tokenVerifier: verifyRsaPssNode, expectManifest: other });
    expectFailure(r, 'manifest', `manifest: the manifest hash is ${hash}, not the pinned ${other}`);
    expect(failedKeys(r)).toEqual(['manifest']);
  });

  it('fails a record without a manifest', async () => {
    const rec = fresh();
    rec.events = rec.events.slice(0, indexOf(rec, 'manifest'));
    const r = await verifyRecord(rec, { tokenVerifier: verifyRsaPssNode, partial: true, expectManifest: '01'.repeat(32) });
    expectFailure(r, 'manifest', 'there is no manifest to compare with the pinned hash');
  });
});

describe('the record\'s one integer grammar (format check)', () => {
  it.each([
    ['66.00000000000000000001'], ['66.0'], ['6.6e1'], ['66E0'], ['9007199254740993'], ['-0'], ['1e400'],
  ])('refuses %s where the close writes a count, naming its path, in the streamed and the whole reading', async (spelled) => {
    const rec = fresh();
    const i = indexOf(rec, 'close');
    const count = rec.events[i].payload.ballots[0].count as number;
    const marker = '"__count__"';
    rec.events[i].payload.ballots[0].count = '__count__';
    const textOf = JSON.stringify(rec).replace(marker, spelled);
    const streamed = await verifyRecordText(textOf, { tokenVerifier: verifyRsaPssNode });
    expectFailure(streamed, 'format', `record events[${i}].payload.ballots[0].count: the number ${spelled} is not an integer of the record's grammar`);
    const whole = await verifyRecordText(readRecordText(textOf), { tokenVerifier: verifyRsaPssNode });
    expectFailure(whole, 'format', `the number ${spelled} is not an integer`);
    expect(count).toBeGreaterThan(0);
  });

  it('accepts the integers as written, and numbers inside strings', () => {
    expect(findBadNumbers('{"a":[0,-1,66,9007199254740991,-9007199254740991],"b":"1.5e3 and 66.0"}')).toEqual([]);
    expect(findBadNumbers('{"a":{"b":[1,2.5]},"c\\"d":007}'.replace('007', '7.0'))).toEqual([{ path: 'a.b[1]', text: '2.5' }, { path: '["c\\"d"]', text: '7.0' }]);
  });
});

describe('manifest version 2: small rolls', () => {
  // 'board' has a roll of 5, 'alt' of 4: with minRollSize 5 only 'alt' is small.
  const ack = { acknowledged: true, decidedAt: '2026-03-01T11:00:00.000Z', reason: 'Pocas asociaciones de TB acreditadas', proposalId: 'proposal-7' };
  let v2: SyntheticRecord;
  beforeAll(async () => {
    v2 = await syntheticRecord({ minRollSize: 5, smallRoll: { alt: ack } });
  }, 120_000);

  /** Change the manifest, re-publish its hash, re-hash the chain. */
  function withManifest(change: (m: AnyRecord) => void): AnyRecord {
    const rec = fresh(v2);
    const p = rec.events[indexOf(rec, 'manifest')].payload;
    change(p.manifest);
    p.hash = toHex(manifestHash(p.manifest));
    return rehash(rec);
  }

  it('a small roll with the committee\'s acknowledgement checks', async () => {
    expect(failedKeys(await verify(v2.record))).toEqual([]);
  });

  it('a small roll without an acknowledgement fails, naming the contest', async () => {
    const r = await verify(withManifest((m) => { m.contests[1].smallRoll = null; }));
    expectFailure(r, 'manifest', 'manifest, contest tb: the roll of 4 is shorter than minRollSize 5 and there is no committee acknowledgement');
  });

  it('an acknowledgement on a roll that is not small, or decided after the opening, fails', async () => {
    const r = await verify(withManifest((m) => {
      m.contests[0].smallRoll = ack;
      m.contests[1].smallRoll = { ...ack, decidedAt: '2026-03-02T00:00:00.000Z' };
    }));
    expectFailure(r, 'manifest', 'manifest, contest plwha: small-roll acknowledgement with a roll of 5 (minRollSize 5)');
    expectFailure(r, 'manifest', 'manifest, contest tb: the small-roll acknowledgement is later than the opening');
  });
});

describe('the complaint log', () => {
  const complaint = (complaintId: string, window: 'roll' | 'post_close') => ({
    kind: 'complaint', at: '2026-03-01T12:30:00.000Z', seq: 0, prevHash: '', hash: '',
    payload: { complaintId, window, category: window === 'roll' ? 'accreditation' : 'voting_conduct', text: 'Reclamo', attachments: [], complainant: null },
  });
  const answer = (complaintId: string, complaintEvent: string) => ({
    kind: 'complaint_answer', at: '2026-03-01T12:40:00.000Z', seq: 0, prevHash: '', hash: '',
    payload: { complaintId, complaintEvent, decision: 'dismissed', reasoning: 'Sin fundamento', proposalId: 'proposal-9', sectors: ['civil_society', 'government'] },
  });
  /** Insert `e` before the event at `before` and re-hash; returns the record. */
  function insert(rec: AnyRecord, before: number, e: AnyRecord['events'][number]): AnyRecord {
    // At the time of the event before it: board times never decrease.
    rec.events.splice(before, 0, { ...e, at: rec.events[before - 1]?.at ?? e.at });
    return rehash(rec);
  }
  /** A record with a roll complaint and an answered post-close complaint. */
  function withComplaints(): AnyRecord {
    const rec = fresh();
    insert(rec, indexOf(rec, 'manifest'), complaint('c-roll', 'roll'));
    insert(rec, indexOf(rec, 'encrypted_tally') + 1, complaint('c-post', 'post_close'));
    const posted = rec.events[indexOf(rec, 'complaint', 1)];
    // The answer is executed by a decision signed by members of two sectors.
    const statement = { kind: 'complaint_answer', electionId: rec.electionId, complaintId: 'c-post', complaintEvent: posted.hash, decision: 'dismissed', reasoning: 'Sin fundamento' } as const;
    insert(rec, indexOf(rec, 'result') + 1, { ...answer('c-post', posted.hash), kind: 'decision', payload: decisionPayload('proposal-9', statement, [1, 2]) });
    insert(rec, indexOf(rec, 'result') + 2, answer('c-post', posted.hash));
    // The server reports this log when it publishes.
    return rehash(rec, { receiptSecret: honest.receiptSecret });
  }

  it('complaints in their windows, answered before the publication, check', async () => {
    const r = await verify(withComplaints());
    expect(failedKeys(r)).toEqual([]);
    expect(r.counts.byKind).toMatchObject({ complaint: 2, complaint_answer: 1 });
  });

  it('a post-close complaint left unanswered at the publication fails, naming it', async () => {
    const rec = withComplaints();
    rec.events.splice(indexOf(rec, 'complaint_answer'), 1);
    const r = await verify(rehash(rec));
    expectFailure(r, 'order', /event seq \d+ \(complaint\): unanswered when the results were published/);
  });

  it('an answer naming another event, and a roll complaint after the opening, fail', async () => {
    const rec = withComplaints();
    rec.events[indexOf(rec, 'complaint_answer')].payload.complaintEvent = rec.events[0].hash;
    insert(rec, indexOf(rec, 'close'), complaint('c-late', 'roll'));
    const r = await verify(rec);
    expectFailure(r, 'order', /event seq \d+ \(complaint_answer\): does not answer an earlier complaint c-post with that hash/);
    expectFailure(r, 'order', /event seq \d+ \(complaint\): roll complaint after voting opened/);
  });
});

describe('check 41, the token window', () => {
  let windowed: SyntheticRecord;
  beforeAll(async () => { windowed = await syntheticRecord({ tokenWindow: true }); }, 120_000);

  it('a record with the window passes it, with no notice; one without the rule (an old record) passes with a plain notice in both languages, in the text and the HTML report', async () => {
    const on = await verify(windowed.record);
    expect(failedKeys(on)).toEqual([]);
    const check = (r: VerificationReport) => r.checks.find((c) => c.key === 'token_window')!;
    expect(check(on).id).toBe(41);
    expect(check(on).note).toBeUndefined();
    const off = await verify(honest.record);
    expect(off.ok).toBe(true);
    expect(check(off).note).toEqual(TOKEN_WINDOW_OFF);
    expect(formatReport(off, 'es').join('\n')).toContain('SIN ventana de fichas');
    expect(formatReport(off, 'en').join('\n')).toContain('WITHOUT a token window');
    expect(formatReport(on, 'en').join('\n')).not.toContain('WITHOUT a token window');
    expect(reportHtml(off, 'en')).toContain('WITHOUT a token window');
    expect(reportHtml(off, 'es')).toContain('SIN ventana de fichas');
  });

  it('fails a token issued after casting opened: the issuance log at the close holds more than the window counted', async () => {
    const late = await syntheticRecord({ tokenWindow: true, windowIssued: { alt: 2 } });
    const r = await verify(late.record);
    expect(failedKeys(r)).toEqual(['token_window']);
    expectFailure(r, 'token_window', ': 1 tokens issued after voting opened: the issuance log holds 3, the window closed with 2');
  });

  it('fails entries missing from the issuance log, a ballot before the window closed, and a window the rules do not have', async () => {
    const missing = await verify((await syntheticRecord({ tokenWindow: true, windowIssued: { board: 5 } })).record);
    expectFailure(missing, 'token_window', '1 entries are missing from the issuance log');
    // The window's close moved after the first ballot (re-chained, so only the order is wrong).
    const moved = fresh(windowed);
    const at = indexOf(moved, 'token_window');
    const [w] = moved.events.splice(at, 1);
    moved.events.splice(indexOf(moved, 'ballot') + 1, 0, w!);
    rehash(moved);
    expectFailure(await verify(moved), 'token_window', /ballot.*: a ballot before the token window closed/);
    // A window event in a record whose rules are off.
    const stray = fresh();
    const m = indexOf(stray, 'manifest');
    stray.events.splice(m + 1, 0, { ...clone(stray.events[m]), kind: 'token_window', payload: { contests: [{ contestId: 'board', issued: 0 }] } });
    rehash(stray);
    expectFailure(await verify(stray), 'token_window', 'closes a token window the manifest\'s rules do not have');
  });
});
