/**
 * Voting through the API: refusals that leave the board unchanged, one counted ballot per
 * token under concurrency, the chain intact, a restart losing nothing, and the tally by
 * two of three trustees equal to the plain count.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ballotContext, contestBallotDigest, contestBallotFromJSON, contestBallotToJSON, encryptContest } from '../../src/crypto/ballot.js';
import { generateBallotKeys, signBallot } from '../../src/crypto/ballot-signature.js';
import { encrypt } from '../../src/crypto/elgamal.js';
import { fromHex, pointFromHex, randomScalar, toHex, type Point } from '../../src/crypto/group.js';
import { computeShares, decryptionShareToJSON } from '../../src/crypto/threshold-decryption.js';
import { ciphertextFromJSON, ciphertextToJSON } from '../../src/crypto/elgamal.js';
import { type IssuedToken as Token, issuedTokenToJSON as tokenToJSON } from '../../src/crypto/issued-token.js';
import { checkChain } from '../../src/record/board.js';
import { decryptionContext } from '../../src/record/contexts.js';
import { verifyServerReport } from '../../src/record/server-report.js';
import { verifyReceipt } from '../../src/record/tracking.js';
import { createTestApp, restartTestApp, type TestApp } from '../helpers/app.js';
import { proposeAs, voteAs } from '../helpers/model-case.js';
import { beginIssuedToken } from '../../src/client/voter.js';
import { loadManifest, obtainTestToken, obtainTestTokens, postTestIssuerLogs } from '../helpers/issuance.js';
import { openVotingElection, type RollEntry, type VotingElection } from '../helpers/voting.js';

// 240 accreditations and as many tokens: minutes on a loaded machine.
vi.setConfig({ hookTimeout: 900_000, testTimeout: 900_000 });
let t: TestApp;
let v: VotingElection;
let manifest: any;
let hash: string;
let K: Point;
const plain: Record<string, number[]> = {};

beforeAll(async () => {
  t = await createTestApp();
  v = await openVotingElection(t, { plwha: 240, tb: 6 });
  const r = (await t.call('GET', `/elections/${v.electionId}/manifest`)).json();
  manifest = r.manifest;
  hash = r.hash;
  K = pointFromHex(manifest.jointPublicKey);
  // 246 associations activated and accredited by signed decisions: the heaviest set-up of the
  // suite; on a loaded machine it overran the 120 s hook default.
}, 300_000);
afterAll(async () => t?.close());

const contestOf = (c: string) => manifest.contests.find((x: { constituency: string }) => x.constituency === c);
const head = async () => (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=1`)).json().head;

async function obtain(c: string, who: RollEntry, naming?: { electionId?: string; contestId?: string }) {
  const got = await obtainTestToken(t, v, contestOf(c).id, who, undefined, undefined, naming);
  return { token: got.token, keys: got.ballotKeys };
}

function ballotBody(c: string, token: Token, secretKey: Uint8Array, choices: number[], opts: { maxSelections?: number; contestId?: string } = {}) {
  const contest = contestOf(c);
  const contestId = opts.contestId ?? contest.id;
  const ctx = ballotContext({ manifestHash: fromHex(hash), publicKey: K, contestId, ballotPublicKey: token.ballotPublicKey });
  const { ballot } = encryptContest(ctx, K, choices, opts.maxSelections ?? contest.maxSelections);
  return { contestId, token: tokenToJSON(token), ballot: contestBallotToJSON(ballot), signature: toHex(signBallot(secretKey, contestBallotDigest(ballot))) };
}

const cast = (body: unknown) => t.call('POST', `/elections/${v.electionId}/ballots`, { body });
function count(c: string, choices: number[]) {
  plain[c] ??= new Array(choices.length).fill(0);
  choices.forEach((x, i) => { plain[c]![i]! += x; });
}

describe('casting', () => {
  it('accepts a valid ballot with a signed receipt whose tracking code is on the board, and no cookie', async () => {
    const a = v.rolls.plwha![0]!;
    const { token, keys } = await obtain('plwha', a);
    const r = await cast(ballotBody('plwha', token, keys.secretKey, [1, 0, 1, 0]));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.headers['set-cookie']).toBeUndefined();
    count('plwha', [1, 0, 1, 0]);
    const receipt = r.json();
    expect(verifyReceipt(manifest.receiptKey, receipt)).toBe(true);
    expect(verifyReceipt(manifest.receiptKey, { ...receipt, position: receipt.position + 1 })).toBe(false);
    const found = await t.call('GET', `/elections/${v.electionId}/board/tracking/${receipt.trackingCode}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().hash).toBe(receipt.boardHead);
    expect(JSON.stringify(found.json())).not.toContain(a.id);
  });

  it('refuses a second, different token request, and counts the first publicly without naming anyone', async () => {
    const a = v.rolls.plwha![0]!;
    const contest = contestOf('plwha');
    const m = await loadManifest(t, v.electionId);
    const again = beginIssuedToken(m.decoded, contest.id, { associationId: a.id, secretKey: a.account.signingSecretKey });
    const before = await head();
    const r = await t.call('POST', '/issuance/requests', { token: a.token, body: again.body });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('token_request_conflict');
    expect(await head()).toEqual(before);
    // While voting is open the public log gives counts only, and the board has no entry:
    // who obtained a token, seen live beside the arriving ballots, would say who cast which.
    const log = (await t.call('GET', `/elections/${v.electionId}/issuance`)).json();
    expect(log).not.toHaveProperty('log');
    expect(log.contests.find((c: { contestId: string }) => c.contestId === contest.id).issued).toBeGreaterThanOrEqual(1);
    const board = (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=500`)).json();
    expect(board.events.filter((e: { kind: string }) => e.kind === 'token_issued')).toHaveLength(0);
  });

  it('refuses a token for a contest the association is not on the roll of', async () => {
    const contest = contestOf('tb');
    const m = await loadManifest(t, v.electionId);
    const who = v.rolls.plwha![1]!;
    const attempt = beginIssuedToken(m.decoded, contest.id, { associationId: who.id, secretKey: who.account.signingSecretKey });
    const r = await t.call('POST', '/issuance/requests', { token: who.token, body: attempt.body });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('not_on_roll');
  });

  describe('refusals leave the board unchanged', () => {
    const cases: [string, () => Promise<unknown>, number, string][] = [];
    let n = 10;
    const next = () => v.rolls.plwha![n++]!;
    cases.push(['a token used in another contest', async () => {
      const { token, keys } = await obtain('plwha', next());
      return ballotBody('tb', token, keys.secretKey, [1, 0]);
    }, 400, 'token_contest_mismatch']);
    // The issuers of plwha sign blindly, unable to see that the message names tb: the
    // token carries plwha's keys, which are not tb's (an issuing key serves one contest).
    cases.push(['a token naming another contest, blindly signed with this contest\'s keys', async () => {
      const { token, keys } = await obtain('plwha', next(), { contestId: contestOf('tb').id });
      return ballotBody('tb', token, keys.secretKey, [1, 0]);
    }, 400, 'bad_token']);
    cases.push(['a token naming another election', async () => {
      const { token, keys } = await obtain('plwha', next(), { electionId: '00000000-0000-4000-8000-000000000000' });
      return ballotBody('plwha', token, keys.secretKey, [1, 0, 0, 0]);
    }, 400, 'token_election_mismatch']);
    cases.push(['a forged token', async () => {
      const keys = generateBallotKeys();
      const issuers = contestOf('plwha').issuers as { issuanceKey: { keyId: string } }[];
      const forged: Token = {
        electionId: v.electionId, contestId: contestOf('plwha').id, ballotPublicKey: keys.publicKey, messagePrefix: new Uint8Array(32),
        signatures: issuers.map((i) => ({ keyId: fromHex(i.issuanceKey.keyId), signature: fromHex('01'.repeat(384)) })).sort((x, y) => (toHex(x.keyId) < toHex(y.keyId) ? -1 : 1)),
      };
      return ballotBody('plwha', forged, keys.secretKey, [1, 0, 0, 0]);
    }, 400, 'bad_token']);
    cases.push(['a ballot signed by another key', async () => {
      const { token } = await obtain('plwha', next());
      return ballotBody('plwha', token, generateBallotKeys().secretKey, [0, 1, 0, 0]);
    }, 400, 'bad_ballot_signature']);
    cases.push(['a ciphertext of 2 with the proof of an honest selection', async () => {
      const { token, keys } = await obtain('plwha', next());
      const body = ballotBody('plwha', token, keys.secretKey, [1, 0, 0, 0]);
      const selections = [...body.ballot.selections];
      selections[0] = { ...selections[0]!, ciphertext: ciphertextToJSON(encrypt(K, 2, randomScalar())) };
      const ballot = { ...body.ballot, selections };
      const decoded = contestBallotFromJSON(ballot);
      return { ...body, ballot, signature: toHex(signBallot(keys.secretKey, contestBallotDigest(decoded))) };
    }, 400, 'bad_ballot']);
    cases.push(['an over-vote (3 selections where 2 are allowed)', async () => {
      const { token, keys } = await obtain('plwha', next());
      return ballotBody('plwha', token, keys.secretKey, [1, 1, 1, 0], { maxSelections: 3 });
    }, 400, 'bad_ballot']);
    cases.push(['a ciphertext with a non-canonical point', async () => {
      const { token, keys } = await obtain('plwha', next());
      const body = ballotBody('plwha', token, keys.secretKey, [1, 0, 0, 0]);
      const selections = [...body.ballot.selections];
      selections[1] = { ...selections[1]!, ciphertext: { ...selections[1]!.ciphertext, alpha: 'ff'.repeat(32) } };
      return { ...body, ballot: { ...body.ballot, selections } };
    }, 400, 'malformed']);
    for (const [what, build, status, reason] of cases) {
      it(`refuses ${what}`, async () => {
        const body = await build();
        const before = await head();
        const r = await cast(body);
        expect(r.statusCode, r.body).toBe(status);
        expect(r.json().type).toMatch(/^urn:anfora:problem:/);
        expect(r.json().detail).toContain(reason);
        expect(await head()).toEqual(before);
      });
    }
  });

  it('50 parallel casts with the same token: exactly one accepted, the rest a clear 409', async () => {
    const { token, keys } = await obtain('plwha', v.rolls.plwha![30]!);
    const body = ballotBody('plwha', token, keys.secretKey, [0, 0, 1, 1]);
    const codes = (await Promise.all(Array.from({ length: 50 }, () => cast(body)))).map((r) => [r.statusCode, r.statusCode === 201 ? '' : r.json().code]);
    expect(codes.filter(([s]) => s === 201)).toHaveLength(1);
    expect(codes.filter(([s, c]) => s === 409 && c === 'token_used')).toHaveLength(49);
    count('plwha', [0, 0, 1, 1]);
  });

  it('200 parallel casts with distinct tokens: all accepted, chain intact', async () => {
    const voters = v.rolls.plwha!.slice(31, 231);
    const choices = voters.map((_, i) => [[1, 0, 0, 0], [0, 1, 0, 0], [1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 1, 0]][i % 5]!);
    const tokens = await obtainTestTokens(t, v, voters.map((who) => ({ contestId: contestOf('plwha').id, who })));
    const bodies = tokens.map((c, i) => ballotBody('plwha', c.token, c.ballotKeys.secretKey, choices[i]!));
    const rs = await Promise.all(bodies.map((b) => cast(b)));
    expect(rs.map((r) => r.statusCode)).toEqual(rs.map(() => 201));
    choices.forEach((c) => count('plwha', c));
    const codes = new Set(rs.map((r) => r.json().trackingCode));
    expect(codes.size).toBe(200);
    const events = [];
    for (let from = 0; ; from += 500) {
      const page = (await t.call('GET', `/elections/${v.electionId}/board?from=${from}&limit=500`)).json();
      events.push(...page.events);
      if (page.events.length < 500) break;
    }
    expect(checkChain(events).ok).toBe(true);
    const onBoard = new Set(events.filter((e: { kind: string }) => e.kind === 'ballot').map((e: { payload: { trackingCode: string } }) => e.payload.trackingCode));
    for (const c of codes) expect(onBoard.has(c)).toBe(true);
  });

  it('counts TB ballots in their own contest', async () => {
    for (const [i, a] of v.rolls.tb!.entries()) {
      const choices = i % 3 === 0 ? [0, 1] : [1, 0];
      const { token, keys } = await obtain('tb', a);
      expect((await cast(ballotBody('tb', token, keys.secretKey, choices))).statusCode).toBe(201);
      count('tb', choices);
    }
  });
});

describe('restart, close and tally', () => {
  it('a restart between casting and tallying loses nothing', async () => {
    const before = await head();
    t = await restartTestApp(t);
    expect(await head()).toEqual(before);
    const a = v.rolls.plwha![231]!;
    const { token, keys } = await obtain('plwha', a);
    expect((await cast(ballotBody('plwha', token, keys.secretKey, [0, 0, 0, 1]))).statusCode).toBe(201);
    count('plwha', [0, 0, 0, 1]);
  });

  it('closes by a two-sector decision; a ballot after closing is refused', async () => {
    const { token, keys } = await obtain('plwha', v.rolls.plwha![232]!);
    const late = ballotBody('plwha', token, keys.secretKey, [1, 0, 0, 0]);
    // The close waits for every issuer's signed log.
    const early = await proposeAs(t, v, 1, { kind: 'phase_change', to: 'closed' });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().failed).toEqual(['issuer_logs_missing', 'issuer_logs_missing']);
    const blockers = (await t.call('GET', `/elections/${v.electionId}/phase`)).json().blockers;
    expect(blockers.map((f: { code: string }) => f.code)).toContain('issuer_logs_missing');
    await postTestIssuerLogs(t, v);
    const p = await proposeAs(t, v, 1, { kind: 'phase_change', to: 'closed' });
    expect(p.statusCode, p.body).toBe(202);
    expect((await voteAs(t, v, 2, p.json().proposal)).statusCode).toBe(200);
    const before = await head();
    const r = await cast(late);
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('wrong_phase');
    // A cast its token does not allow (another contest's) is refused for the phase first, as a good one.
    const garbled = await cast({ ...late, contestId: v.contests.tb });
    expect(garbled.statusCode).toBe(409);
    expect(garbled.json().code).toBe('wrong_phase');
    expect(await head()).toEqual(before);
  });

  function sharesOf(trustee: number) {
    const tally = (async () => (await t.call('GET', `/elections/${v.electionId}/tally`)).json())();
    return tally.then((tl: { contests: { contestId: string; tally: never[] }[] }) => ({
      contests: tl.contests.map((c) => ({
        contestId: c.contestId,
        shares: computeShares(decryptionContext(fromHex(hash), c.contestId), trustee, v.trusteeShares[trustee - 1]!, c.tally.map((x) => ciphertextFromJSON(x, 'tally', 'sum'))).map(decryptionShareToJSON),
      })),
    }));
  }

  it('refuses a partial decryption with a bad proof, changing nothing', async () => {
    const body = await sharesOf(1);
    const s = body.contests[0]!.shares[0]!;
    body.contests[0]!.shares[0] = { ...s, proof: { ...s.proof, response: toHex(new Uint8Array(32).fill(7)) } };
    const before = await head();
    const r = await t.call('POST', `/elections/${v.electionId}/tally/shares`, { token: v.members[0], body });
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('proof_rejected');
    expect(await head()).toEqual(before);
  });

  it('two of three trustees decrypt; the third never shows up; results equal the plain count', async () => {
    const first = await t.call('POST', `/elections/${v.electionId}/tally/shares`, { token: v.members[0], body: await sharesOf(1) });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().combined).toBe(false);
    const second = await t.call('POST', `/elections/${v.electionId}/tally/shares`, { token: v.members[2], body: await sharesOf(3) });
    expect(second.json().combined).toBe(true);
    expect((await t.call('GET', `/elections/${v.electionId}`)).json().phase).toBe('tallied');
    const results = (await t.call('GET', `/elections/${v.electionId}/results`)).json();
    for (const c of ['plwha', 'tb']) {
      const r = results.contests.find((x: { contestId: string }) => x.contestId === contestOf(c).id);
      expect(r.counts.map((x: { votes: number }) => x.votes)).toEqual(plain[c]);
      expect(r.titulars).toHaveLength(contestOf(c).seats);
    }
  });
});

describe('publication and the server\'s signed report', () => {
  it('there is no report before the results are published', async () => {
    const r = await t.call('GET', `/elections/${v.electionId}/report`);
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('publishing appends the published event and right after it the report, signed with the receipt key, served publicly', async () => {
    const p = await proposeAs(t, v, 1, { kind: 'phase_change', to: 'published' });
    expect(p.statusCode, p.body).toBe(202);
    expect((await voteAs(t, v, 2, p.json().proposal)).statusCode).toBe(200);
    const events = (await t.call('GET', `/elections/${v.electionId}/record`)).json().events;
    const tail = events.slice(-2);
    expect(tail.map((e: { kind: string }) => e.kind)).toEqual(['published', 'report']);
    const r = await t.call('GET', `/elections/${v.electionId}/report`);
    expect(r.statusCode).toBe(200);
    const { report, signature } = r.json();
    expect(r.json()).toEqual(tail[1].payload);
    expect(verifyServerReport(manifest.receiptKey, report, signature)).toBe(true);
    expect(verifyServerReport(manifest.receiptKey, { ...report, title: 'Otra' }, signature)).toBe(false);

    // Its figures are the board's: the manifest, the issuance log, the close and the result.
    const issuance: { contestId: string; associationId: string }[] = events.filter((e: { kind: string }) => e.kind === 'token_issued').map((e: { payload: { contestId: string; associationId: string } }) => e.payload);
    const results = (await t.call('GET', `/elections/${v.electionId}/results`)).json();
    expect(report).toMatchObject({
      format: 'anfora-server-report', electionId: v.electionId, title: manifest.title, manifestHash: hash, minRollSize: manifest.rules.minRollSize,
      publishedEvent: { seq: tail[0].seq, hash: tail[0].hash }, resultEvent: tail[0].payload.resultEvent,
      complaints: { filed: 0, upheld: 0, dismissed: 0, unanswered: 0, log: [] },
    });
    for (const c of ['plwha', 'tb']) {
      const mc = contestOf(c);
      const line = report.contests.find((x: { contestId: string }) => x.contestId === mc.id);
      const res = results.contests.find((x: { contestId: string }) => x.contestId === mc.id);
      expect(line).toMatchObject({ rollSize: mc.roll.length, tokensIssued: issuance.filter((x) => x.contestId === mc.id).length, seats: mc.seats, alternates: mc.alternates });
      expect(line.ballotsCounted).toBe(events.filter((e: { kind: string; payload: { contestId?: string } }) => e.kind === 'ballot' && e.payload.contestId === mc.id).length);
      expect(line.candidates.map((x: { candidateId: string }) => x.candidateId)).toEqual(res.ranking);
      const votes = Object.fromEntries(line.candidates.map((x: { candidateId: string; votes: number }) => [x.candidateId, x.votes]));
      expect(mc.candidates.map((x: { id: string }) => votes[x.id])).toEqual(plain[c]);
      expect(line.candidates.filter((x: { seat: string | null }) => x.seat === 'titular').map((x: { candidateId: string }) => x.candidateId)).toEqual(res.titulars);
    }
    // Turnout by region: tokens against roll entries, all contests together, small regions suppressed.
    const roll = new Map<string, number>();
    const tokens = new Map<string, number>();
    for (const c of manifest.contests) {
      for (const a of c.roll) {
        roll.set(a.region, (roll.get(a.region) ?? 0) + 1);
        if (issuance.some((x) => x.contestId === c.id && x.associationId === a.associationId)) tokens.set(a.region, (tokens.get(a.region) ?? 0) + 1);
      }
    }
    expect(report.regions.map((x: { region: string }) => x.region)).toEqual([...roll.keys()].sort());
    for (const x of report.regions) {
      expect(x).toEqual(roll.get(x.region)! < manifest.rules.minRollSize
        ? { region: x.region, suppressed: true }
        : { region: x.region, suppressed: false, rollSize: roll.get(x.region), tokensIssued: tokens.get(x.region) ?? 0 });
    }
  });
});

describe('the election record', () => {
  it('streams every board event in order, with the committee, and the chain checks', async () => {
    const r = await t.call('GET', `/elections/${v.electionId}/record`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const record = r.json();
    expect(record.format).toBe('anfora-election-record');
    expect(record.committee.map((m: { sector: string }) => m.sector)).toEqual(['government', 'civil_society', 'international_cooperation']);
    expect(record.events.length).toBe((await head()).seq + 1);
    expect(checkChain(record.events).ok).toBe(true);
    const kinds = new Set(record.events.map((e: { kind: string }) => e.kind));
    for (const k of ['trustee_key', 'dealing', 'ceremony_verification', 'ceremony_result', 'manifest', 'token_issued', 'ballot', 'close', 'encrypted_tally', 'decryption_share', 'result', 'published', 'report']) {
      expect(kinds.has(k), k).toBe(true);
    }
  });
});
