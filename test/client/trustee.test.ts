/**
 * The trustee's client through a whole election without a server: three trustees (t = 2)
 * run the ceremony with the client's pure steps on the documented public state
 * (`GET /elections/:id/ceremony`, built here from what was posted), one dealer cheats and is
 * caught by a complaint, the final secret shares match the verification keys, and any two
 * trustees' partial decryptions of the tally give the counts — but only a tally that is the
 * sum of the ballots on the board is decrypted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CeremonyView, committeeMemberId, readCeremony, trusteeIndexOf,
} from '../../src/client/ceremony.js';
import { acceptManifest, type LoadedManifest } from '../../src/client/manifest.js';
import {
  boardTally, checkTallyAgainstBoard, finalSecretShare, makeDealing, newTrusteeKey, tallyShares, verifyShares,
} from '../../src/client/trustee.js';
import { prepareBallot } from '../../src/client/voter.js';
import { ApiClient } from '../../src/client/api.js';
import { aggregateContests, contestBallotFromJSON } from '../../src/crypto/ballot.js';
import { type Ciphertext, ciphertextToJSON } from '../../src/crypto/elgamal.js';
import { pointToHex, toHex } from '../../src/crypto/group.js';
import {
  type ComplaintJSON, type DealingJSON, type TrusteePublicKeyJSON, checkComplaint, complaintFromJSON, dealingFromJSON,
  jointPublicKey, qualifiedDealers, trusteePublicKeyFromJSON, verificationKey,
} from '../../src/crypto/key-ceremony.js';
import { decryptWithShares, decryptionShareFromJSON } from '../../src/crypto/threshold-decryption.js';
import type { TrusteeSecrets } from '../../src/crypto/trustee-keyfile.js';
import { type BoardEvent, appendEvent } from '../../src/record/board.js';
import { ceremonyContext, decryptionContext, manifestHash } from '../../src/record/contexts.js';
import { election, issueToken } from '../record/fixtures.js';

const ELECTION = 'election-trustee';
const N = 3;
const T = 2;
const MEMBERS = ['member-a', 'member-b', 'member-c'];

/** What has been posted, in the documented shape of GET /elections/:id/ceremony. */
interface Posted {
  keys: (TrusteePublicKeyJSON | null)[];
  dealings: DealingJSON[];
  complaints: ComplaintJSON[];
  verified: number[];
  disqualified: number[];
  jointPublicKey: string | null;
  verificationKeys: { index: number; key: string }[] | null;
}

function ceremonyJson(p: Posted, electionId = ELECTION) {
  return {
    n: N, t: T, context: toHex(ceremonyContext(electionId, N, T)),
    trustees: MEMBERS.map((memberId, i) => ({ index: i + 1, memberId, fullName: `Miembro ${i + 1}`, sector: 'government', publicKey: p.keys[i] ?? null })),
    dealings: p.dealings, complaints: p.complaints, verified: p.verified, disqualified: p.disqualified,
    jointPublicKey: p.jointPublicKey, verificationKeys: p.verificationKeys,
  };
}

function view(p: Posted): CeremonyView {
  const r = readCeremony(ELECTION, JSON.parse(JSON.stringify(ceremonyJson(p))));
  if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
  return r.ceremony;
}

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
}

const posted: Posted = { keys: [null, null, null], dealings: [], complaints: [], verified: [], disqualified: [], jointPublicKey: null, verificationKeys: null };
const secrets: TrusteeSecrets[] = [];

describe('key ceremony', () => {
  it('each trustee finds its index by member id and makes its key for the ceremony context', () => {
    const v = view(posted);
    expect(trusteeIndexOf(v, 'member-b')).toBe(2);
    expect(trusteeIndexOf(v, 'someone-else')).toBeUndefined();
    for (const j of [1, 2, 3]) {
      const { secrets: s, publicKey } = newTrusteeKey(v, j);
      expect(s).toMatchObject({ index: j, n: N, t: T, polynomial: [], receivedShares: [] });
      expect(toHex(s.context)).toBe(toHex(ceremonyContext(ELECTION, N, T)));
      secrets.push(s);
      posted.keys[j - 1] = publicKey;
    }
    expect(view(posted).trustees.every((tr) => tr.publicKey !== null)).toBe(true);
  });

  it('the ceremony state is refused if a key\'s proof fails, the context is another, or trustees are out of order', () => {
    const json = ceremonyJson(posted);
    const badProof = { ...json, trustees: json.trustees.map((tr, i) => (i === 1 ? { ...tr, publicKey: { ...tr.publicKey!, proof: posted.keys[0]!.proof } } : tr)) };
    expect(readCeremony(ELECTION, badProof)).toMatchObject({ ok: false, reason: 'bad_trustee_key' });
    const movedKey = { ...json, trustees: json.trustees.map((tr, i) => (i === 1 ? { ...tr, publicKey: posted.keys[0] } : tr)) };
    expect(readCeremony(ELECTION, movedKey)).toMatchObject({ ok: false, reason: 'bad_trustee_key' });
    expect(readCeremony('election-other', json)).toMatchObject({ ok: false, reason: 'context_mismatch' });
    expect(readCeremony(ELECTION, { ...json, trustees: [...json.trustees].reverse() })).toMatchObject({ ok: false, reason: 'malformed_ceremony' });
    expect(readCeremony(ELECTION, { ...json, dealings: [{ dealer: 1 }] })).toMatchObject({ ok: false, reason: 'malformed_ceremony' });
    expect(readCeremony(ELECTION, null)).toMatchObject({ ok: false, reason: 'malformed_ceremony' });
  });

  it('no dealing before every key is posted; a key file of another ceremony is refused', () => {
    const early = { ...posted, keys: [posted.keys[0]!, posted.keys[1]!, null] };
    expect(makeDealing(view(early), secrets[0]!)).toMatchObject({ ok: false, reason: 'keys_missing' });
    const foreign = { ...secrets[0]!, context: ceremonyContext('election-other', N, T) };
    expect(makeDealing(view(posted), foreign)).toMatchObject({ ok: false, reason: 'wrong_keyfile' });
    const swapped = { ...secrets[0]!, trusteeKey: secrets[1]!.trusteeKey };
    expect(makeDealing(view(posted), swapped)).toMatchObject({ ok: false, reason: 'wrong_keyfile' });
  });

  it('each trustee deals; the key file keeps the polynomial and the own share; dealing again changes nothing', () => {
    for (const j of [1, 2, 3]) {
      const r = ok(makeDealing(view(posted), secrets[j - 1]!));
      expect(r.dealing?.dealer).toBe(j);
      expect(r.secrets.polynomial).toHaveLength(T);
      expect(r.secrets.receivedShares.map((s) => s.dealer)).toEqual([j]);
      secrets[j - 1] = r.secrets;
      posted.dealings.push(r.dealing!);
    }
    const again = ok(makeDealing(view(posted), secrets[0]!));
    expect(again.dealing).toBeUndefined();
    expect(again.secrets).toBe(secrets[0]);
    const lost = { ...secrets[0]!, polynomial: [5n, 6n] };
    expect(makeDealing(view(posted), lost)).toMatchObject({ ok: false, reason: 'dealing_mismatch' });
  });

  it('a bad share is caught with a justified complaint; good shares are kept', () => {
    // Dealer 3 cheats trustee 1: its sealed share is corrupted (the public part still checks).
    const d3 = posted.dealings[2]!;
    const sealed = d3.shares[0]!.sealed;
    posted.dealings[2] = { ...d3, shares: d3.shares.map((s) => (s.recipient === 1 ? { ...s, sealed: (sealed[0] === '0' ? '1' : '0') + sealed.slice(1) } : s)) };
    expect(verifyShares(view({ ...posted, dealings: posted.dealings.slice(0, 2) }), secrets[0]!)).toMatchObject({ ok: false, reason: 'dealings_missing' });
    const v = view(posted);
    const results = [1, 2, 3].map((j) => ok(verifyShares(v, secrets[j - 1]!)));
    expect(results[0]!.bad).toEqual([{ dealer: 3, reason: 'undecryptable' }]);
    expect(results[0]!.complaints).toHaveLength(1);
    expect(results[1]!.complaints).toEqual([]);
    expect(results[2]!.complaints).toEqual([]);
    expect(results.every((r) => r.final === false)).toBe(true);
    const complaint = complaintFromJSON(results[0]!.complaints[0]!);
    const keys = posted.keys.map((k) => trusteePublicKeyFromJSON(k!));
    expect(checkComplaint(v.context, { n: N, t: T }, keys, dealingFromJSON(posted.dealings[2]!), complaint)).toMatchObject({ status: 'justified' });
    expect(results[0]!.secrets.receivedShares.map((s) => s.dealer)).toEqual([1, 2]);
    expect(results[1]!.secrets.receivedShares.map((s) => s.dealer)).toEqual([2, 1, 3]);
    results.forEach((r, i) => { secrets[i] = r.secrets; });
    posted.complaints.push(...results[0]!.complaints);
    posted.verified.push(1, 2, 3);
  });

  it('once the ceremony is over, the final secret share is over the qualified dealers and matches the verification key', () => {
    const v = view(posted);
    const keys = posted.keys.map((k) => trusteePublicKeyFromJSON(k!));
    const dealings = posted.dealings.map(dealingFromJSON);
    const qualified = qualifiedDealers(v.context, { n: N, t: T }, keys, dealings, posted.complaints.map(complaintFromJSON));
    expect(qualified).toEqual([1, 2]);
    const q = dealings.filter((d) => qualified.includes(d.dealer));
    posted.disqualified = [3];
    posted.jointPublicKey = pointToHex(jointPublicKey(q));
    posted.verificationKeys = [1, 2, 3].map((j) => ({ index: j, key: pointToHex(verificationKey(q, j)) }));
    const done = view(posted);
    for (const j of [1, 2, 3]) {
      const r = ok(verifyShares(done, secrets[j - 1]!));
      expect(r.final).toBe(true);
      expect(done.verificationKeys![j - 1]!.key.equals(verificationKey(q, j))).toBe(true);
      secrets[j - 1] = r.secrets;
    }
    // Trustee 2's provisional share (three dealers) was replaced by the final one (two).
    expect(finalSecretShare(done, secrets[1]!)).toMatchObject({ ok: true });
    expect(finalSecretShare(done, secrets[1]!, done.verificationKeys![0]!.key)).toMatchObject({ ok: false, reason: 'share_mismatch' });
    expect(finalSecretShare(done, { ...secrets[0]!, receivedShares: secrets[0]!.receivedShares.slice(0, 1) })).toMatchObject({ ok: false, reason: 'share_missing' });
    expect(finalSecretShare(view({ ...posted, verificationKeys: null }), secrets[0]!)).toMatchObject({ ok: false, reason: 'ceremony_incomplete' });
  });
});

describe('tally', () => {
  let loaded: LoadedManifest;
  const events: BoardEvent[] = [];
  let tally: Map<string, Ciphertext[]>;
  const expected = new Map<string, number[]>();

  beforeAll(async () => {
    const fixture = election('election-trustee-fixture');
    const v = view(posted);
    const manifest = {
      ...fixture.manifest, electionId: ELECTION, threshold: T,
      trustees: [1, 2, 3].map((j) => ({
        index: j, memberId: MEMBERS[j - 1]!, sector: 'government', publicKey: posted.keys[j - 1]!, verificationKey: pointToHex(v.verificationKeys![j - 1]!.key),
      })),
      jointPublicKey: posted.jointPublicKey!,
    };
    loaded = ok(acceptManifest(ELECTION, { manifest, hash: toHex(manifestHash(manifest)) }));
    const push = (kind: Parameters<typeof appendEvent>[1], payload: unknown) => {
      events.push(appendEvent(events.at(-1) ?? null, kind, '2026-03-01T12:00:00.000Z', payload));
    };
    push('manifest', { manifest, hash: toHex(loaded.hash) });
    const votes: [string, number[]][] = [['board', [1, 0, 1, 0]], ['board', [0, 0, 1, 1]], ['board', [0, 0, 0, 0]], ['alt', [0, 1, 0]]];
    for (const [contestId, choices] of votes) {
      const { token, keys } = await issueToken(fixture, contestId, ELECTION);
      const credentials = { token, ballotKeys: keys };
      const body = prepareBallot(loaded.decoded, loaded.hash, contestId, choices, credentials).body;
      push('ballot', { ...body, trackingCode: toHex(new Uint8Array(32).fill(events.length)) });
      expected.set(contestId, (expected.get(contestId) ?? choices.map(() => 0)).map((x, i) => x + choices[i]!));
    }
    tally = new Map(loaded.manifest.contests.map((c) => {
      const ballots = events.filter((e) => e.kind === 'ballot' && (e.payload as { contestId: string }).contestId === c.id)
        .map((e) => contestBallotFromJSON((e.payload as { ballot: never }).ballot));
      return [c.id, aggregateContests(ballots, c.candidates.length)];
    }));
  });

  it('a tally that is the sum of the board\'s ballots is accepted', async () => {
    expect(await checkTallyAgainstBoard(loaded, events, tally)).toEqual({ ok: true });
  });

  it('a single ballot presented as the tally, a missing ballot or another manifest is refused', async () => {
    const oneBallot = contestBallotFromJSON((events[1]!.payload as { ballot: never }).ballot).selections.map((s) => s.ciphertext);
    expect(await checkTallyAgainstBoard(loaded, events, new Map([...tally, ['board', oneBallot]]))).toMatchObject({ ok: false, reason: 'tally_mismatch' });
    expect(await checkTallyAgainstBoard(loaded, events.slice(0, -1), tally)).toMatchObject({ ok: false, reason: 'tally_mismatch' });
    expect(await checkTallyAgainstBoard(loaded, events.slice(1), tally)).toMatchObject({ ok: false, reason: 'tally_mismatch' });
  });

  it('the board read page by page gives the same verdict as read whole, and counts the trustees who posted', async () => {
    for (const size of [1, 2, 3]) {
      const check = boardTally(loaded);
      for (let i = 0; i < events.length; i += size) expect(await check.visit(events.slice(i, i + size))).toBeUndefined();
      expect(await check.finish(tally)).toEqual({ ok: true });
    }
    const withShare = [...events, appendEvent(events.at(-1)!, 'decryption_share', '2026-03-02T12:00:00.000Z', { trustee: 2, contests: [] })];
    const check = boardTally(loaded);
    await check.visit(withShare);
    expect([...check.sharesPosted]).toEqual([2]);
    expect(await check.finish(tally)).toEqual({ ok: true });
  });

  it('a ballot whose ciphertexts do not decode, or with another number of candidates, is refused by the event', async () => {
    const ballot = events[1]!.payload as { ballot: { selections: { ciphertext: { alpha: string; beta: string } }[] } };
    const bad = async (edit: (b: typeof ballot.ballot) => void) => {
      const copy = JSON.parse(JSON.stringify(events[1]!.payload)) as typeof ballot;
      edit(copy.ballot);
      const forged = [events[0]!, { ...events[1]!, payload: copy }, ...events.slice(2)];
      return checkTallyAgainstBoard(loaded, forged, tally);
    };
    const notAPoint = await bad((b) => { b.selections[0]!.ciphertext.alpha = 'ff'.repeat(32); });
    expect(notAPoint).toMatchObject({ ok: false, reason: 'tally_mismatch' });
    expect(notAPoint.ok || notAPoint.detail).toMatch(/board event 1/);
    expect(await bad((b) => { b.selections.pop(); })).toMatchObject({ ok: false, reason: 'tally_mismatch' });
    // Another valid point in a ciphertext changes the sum: the tally no longer matches.
    expect(await bad((b) => { b.selections[0]!.ciphertext.alpha = b.selections[1]!.ciphertext.alpha; })).toMatchObject({ ok: false, reason: 'tally_mismatch' });
  });

  it('any two trustees\' partial decryptions give the counts, the disqualified dealer\'s included', () => {
    const bodies = [1, 2, 3].map((j) => JSON.parse(JSON.stringify(tallyShares(loaded, secrets[j - 1]!, tally))) as ReturnType<typeof tallyShares>);
    for (const pair of [[1, 2], [2, 3], [1, 3]]) {
      for (const c of loaded.manifest.contests) {
        const ctx = decryptionContext(loaded.hash, c.id);
        const counts = tally.get(c.id)!.map((ct, k) => {
          const shares = pair.map((j) => decryptionShareFromJSON(bodies[j - 1]!.contests.find((x) => x.contestId === c.id)!.shares[k]!));
          const r = decryptWithShares(ctx, ct, shares, loaded.decoded.verificationKeys, { n: N, t: T });
          if (!r.ok) throw new Error(r.reason);
          expect(r.rejected).toEqual([]);
          return r.value;
        });
        expect(counts).toEqual(expected.get(c.id));
      }
    }
    expect(bodies[0]!.contests.map((c) => c.contestId)).toEqual(loaded.manifest.contests.map((c) => c.id));
    expect(tally.get('board')!.map(ciphertextToJSON)).toHaveLength(4);
  });

  it('no partial decryption without a final secret share', () => {
    expect(() => tallyShares(loaded, { ...secrets[0]!, secretShare: undefined }, tally)).toThrow(RangeError);
  });
});

describe('committeeMemberId', () => {
  it('reads the member id from /auth/me and refuses an account that is not a member\'s', async () => {
    const answer = (body: unknown) => new ApiClient({ baseUrl: 'http://api.test', token: 'x', fetch: (async () => Response.json(body)) as typeof fetch });
    expect(await committeeMemberId(answer({ committeeMemberId: 'member-a' }))).toBe('member-a');
    await expect(committeeMemberId(answer({ committeeMemberId: null }))).rejects.toMatchObject({ code: 'not_committee' });
  });
});
