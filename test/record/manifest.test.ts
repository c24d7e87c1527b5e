import { describe, expect, it } from 'vitest';
import { G, IDENTITY, fromHex, pointToHex, toHex } from '../../src/crypto/group.js';
import { ED25519_TORSION_SUBGROUP } from '@noble/curves/ed25519.js';
import {
  candidateIndex, decodeManifest, findContest, findTrustee, isEd25519PublicKey, type Manifest, manifestConstituencies, onRoll, parseManifest, readManifest,
} from '../../src/record/manifest.js';
import { CONSTITUENCY_TEMPLATE } from '../../src/record/constituencies.js';
import { election } from './fixtures.js';

const e = election();
/** A deep copy of the fixture manifest, as plain JSON. */
const copy = (): Record<string, any> => JSON.parse(JSON.stringify(e.manifest));
/** `m` as a version 2 manifest: its first contest's small roll acknowledged, the second's null. */
function v2(m: Record<string, any>): Record<string, any> {
  const out = JSON.parse(JSON.stringify(m));
  out.version = 2;
  out.rules.minRollSize = 5;
  out.contests[0].smallRoll = { acknowledged: true, decidedAt: '2026-02-20T10:00:00.000Z', reason: 'Padrón de dos asociaciones', proposalId: 'proposal-1' };
  out.contests[1].smallRoll = null;
  return out;
}

/** `m` as a version 3 manifest: version 2 plus its constituencies (the fixture's code and a seventh, unused). */
function v3(m: Record<string, any>): Record<string, any> {
  const out = v2(m);
  out.version = 3;
  out.constituencies = [
    { code: 'civil_society', nameEs: 'Sociedad civil', nameEn: 'Civil society' },
    { code: 'indigenous_peoples', nameEs: 'Pueblos indígenas', nameEn: 'Indigenous peoples' },
  ];
  return out;
}

function parseErrors(json: unknown): string[] {
  const r = parseManifest(json);
  return r.ok ? [] : r.errors.map((x) => `${x.path}: ${x.message}`);
}

describe('manifest schema', () => {
  it('accepts the fixture manifest and returns the same value', () => {
    const r = parseManifest(copy());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.manifest).toEqual(copy());
  });

  it.each<[string, (m: Record<string, any>) => void, RegExp]>([
    ['an unknown top-level field', (m) => { m.extra = 1; }, /^: /],
    ['an unknown field in a contest', (m) => { m.contests[0].extra = 1; }, /^contests\[0\]: /],
    ['an unknown field in a trustee key proof', (m) => { m.trustees[0].publicKey.proof.x = '00'; }, /^trustees\[0\]\.publicKey\.proof: /],
    ['a missing field', (m) => { delete m.receiptKey; }, /^receiptKey: /],
    ['version 4', (m) => { m.version = 4; }, /^version: /],
    ['version 3 without constituencies', (m) => { Object.assign(m, v2(m)); m.version = 3; }, /^constituencies: required in version 3/],
    ['version 3 with a contest in an undeclared constituency', (m) => { Object.assign(m, v3(m)); m.contests[1].constituency = 'nowhere'; }, /^contests\[1\]\.constituency: constituency nowhere is not declared/],
    ['version 3 with a repeated constituency code', (m) => { Object.assign(m, v3(m)); m.constituencies.push({ ...m.constituencies[0] }); }, /^constituencies: duplicate constituency code civil_society/],
    ['version 3 with a code outside the grammar', (m) => { Object.assign(m, v3(m)); m.constituencies[0].code = 'Civil Society'; }, /^constituencies\[0\]\.code: /],
    ['version 3 with a constituency without its English name', (m) => { Object.assign(m, v3(m)); m.constituencies[0].nameEn = ''; }, /^constituencies\[0\]\.nameEn: /],
    ['version 2 with constituencies', (m) => { Object.assign(m, v3(m)); m.version = 2; }, /^constituencies: not part of version 2/],
    ['a version 1 contest with smallRoll', (m) => { m.contests[0].smallRoll = null; }, /^contests\[0\]\.smallRoll: not part of version 1/],
    ['a version 2 contest without smallRoll', (m) => { Object.assign(m, v2(m)); delete m.contests[1].smallRoll; }, /^contests\[1\]\.smallRoll: required in version 2/],
    ['version 2 without rules.minRollSize', (m) => { Object.assign(m, v2(m)); delete m.rules.minRollSize; }, /^rules\.minRollSize: /],
    ['version 2 with minRollSize 0', (m) => { Object.assign(m, v2(m)); m.rules.minRollSize = 0; }, /^rules\.minRollSize: /],
    ['an acknowledgement that is not acknowledged', (m) => { Object.assign(m, v2(m)); m.contests[0].smallRoll.acknowledged = false; }, /^contests\[0\]\.smallRoll\.acknowledged: /],
    ['an acknowledgement without a reason', (m) => { Object.assign(m, v2(m)); m.contests[0].smallRoll.reason = ''; }, /^contests\[0\]\.smallRoll\.reason: /],
    ['an acknowledgement with an unknown field', (m) => { Object.assign(m, v2(m)); m.contests[0].smallRoll.by = 'x'; }, /^contests\[0\]\.smallRoll: /],
    ['an acknowledgement with a bad date', (m) => { Object.assign(m, v2(m)); m.contests[0].smallRoll.decidedAt = 'ayer'; }, /^contests\[0\]\.smallRoll\.decidedAt: /],
    ['upper-case hex', (m) => { m.jointPublicKey = m.jointPublicKey.toUpperCase(); }, /^jointPublicKey: /],
    ['a short key', (m) => { m.receiptKey = m.receiptKey.slice(2); }, /^receiptKey: /],
    ['a float threshold', (m) => { m.threshold = 1.5; }, /^threshold: /],
    ['a float in the rules', (m) => { m.rules.x = 0.5; }, /^rules\.x/],
    ['threshold above n', (m) => { m.threshold = 4; m.rules.threshold = 4; }, /^threshold: expected at most 3/],
    ['trustees out of order', (m) => { m.trustees.reverse(); }, /^trustees\[0\]\.index: expected 1/],
    ['a trustee key with another index', (m) => { m.trustees[1].publicKey.index = 3; }, /^trustees\[1\]\.publicKey\.index: expected 2/],
    ['no trustees', (m) => { m.trustees = []; }, /^trustees: /],
    ['no contests', (m) => { m.contests = []; }, /^contests: /],
    ['a duplicate contest id', (m) => { m.contests[1].id = m.contests[0].id; }, /duplicate contest id board/],
    ['a duplicate candidate id', (m) => { m.contests[0].candidates[1].id = m.contests[0].candidates[0].id; }, /^contests\[0\]\.candidates: duplicate/],
    ['a duplicate roll entry', (m) => { m.contests[0].roll.push(m.contests[0].roll[0]); }, /^contests\[0\]\.roll: duplicate/],
    ['no candidates', (m) => { m.contests[0].candidates = []; }, /^contests\[0\]\.candidates: /],
    ['zero seats', (m) => { m.contests[0].seats = 0; }, /^contests\[0\]\.seats: /],
    ['negative alternates', (m) => { m.contests[0].alternates = -1; }, /^contests\[0\]\.alternates: /],
    ['maxSelections above the range bound', (m) => { m.contests[0].maxSelections = 1025; }, /^contests\[0\]\.maxSelections: /],
    ['an empty contest id', (m) => { m.contests[0].id = ''; }, /^contests\[0\]\.id: /],
    ['an id with a lone surrogate', (m) => { m.electionId = 'e\ud800'; }, /^electionId: /],
    ['an id of 257 bytes', (m) => { m.contests[0].id = 'é'.repeat(128) + 'x'; }, /^contests\[0\]\.id: /],
    ['another token suite', (m) => { m.contests[0].issuers[0].issuanceKey.suite = 'RSABSSA-SHA384-PSS-Deterministic'; }, /^contests\[0\]\.issuers\[0\]\.issuanceKey\.suite: /],
    ['a date that is not ISO 8601', (m) => { m.openedAt = 'yesterday'; }, /^openedAt: /],
  ])('refuses %s, naming the path', (_name, mutate, expected) => {
    const m = copy();
    mutate(m);
    const errors = parseErrors(m);
    expect(errors.some((x) => expected.test(x)), errors.join('\n')).toBe(true);
  });

  it('accepts version 2: rules.minRollSize and, per contest, an acknowledgement or null', () => {
    const m = v2(copy());
    const r = parseManifest(m);
    expect(r.ok, JSON.stringify(!r.ok && r.errors)).toBe(true);
    if (r.ok) expect(r.manifest.contests.map((c) => c.smallRoll?.proposalId ?? null)).toEqual(['proposal-1', null]);
  });

  it('accepts version 3: declared constituencies, several contests in one of them; versions 1 and 2 read as the template', () => {
    const m = v3(copy());
    const r = parseManifest(m);
    expect(r.ok, JSON.stringify(!r.ok && r.errors)).toBe(true);
    if (r.ok) {
      expect(r.manifest.contests.map((c) => c.constituency)).toEqual(['civil_society', 'civil_society']);
      expect(manifestConstituencies(r.manifest).map((c) => c.code)).toEqual(['civil_society', 'indigenous_peoples']);
    }
    const old = parseManifest(copy());
    expect(old.ok && manifestConstituencies(old.manifest)).toEqual(CONSTITUENCY_TEMPLATE);
  });

  it('refuses values that are not objects, without throwing', () => {
    for (const v of [null, undefined, 42, 'manifest', [], [copy()]]) expect(parseManifest(v).ok).toBe(false);
  });

  it('lists every problem, not only the first', () => {
    const m = copy();
    m.version = 4;
    m.receiptKey = 'zz';
    expect(parseErrors(m).length).toBeGreaterThanOrEqual(2);
  });
});

describe('manifest decoding', () => {
  it('decodes keys into crypto objects', () => {
    const d = e.decoded;
    expect(d.jointPublicKey.equals(e.K)).toBe(true);
    expect(d.verificationKeys).toHaveLength(3);
    d.verificationKeys.forEach((X, j) => expect(X.equals(G.multiply(e.secretShares[j]!))).toBe(true));
    expect(d.trustees.map((t) => t.index)).toEqual([1, 2, 3]);
    expect(toHex(d.receiptKey)).toBe(e.manifest.receiptKey);
    expect([...d.contests.keys()]).toEqual(['board', 'alt']);
    const board = d.contests.get('board')!;
    expect(board.position).toBe(0);
    expect(board.candidateIds).toEqual(['board-cand-1', 'board-cand-2', 'board-cand-3', 'board-cand-4']);
    expect(board.issuers.map((i) => i.key.spki)).toEqual(e.manifest.contests[0]!.issuers.map((i) => fromHex(i.issuanceKey.spki)));
  });

  function decodeErrors(mutate: (m: Record<string, any>) => void): string[] {
    const m = copy();
    mutate(m);
    const p = parseManifest(m);
    expect(p.ok, 'the schema accepts it').toBe(true);
    if (!p.ok) return [];
    const d = decodeManifest(p.manifest);
    return d.ok ? [] : d.errors.map((x) => `${x.path}: ${x.message}`);
  }

  it.each<[string, (m: Record<string, any>) => void, string]>([
    ['a non-canonical joint key', (m) => { m.jointPublicKey = 'ff'.repeat(32); }, 'jointPublicKey: non_canonical_point'],
    ['the identity as joint key', (m) => { m.jointPublicKey = pointToHex(IDENTITY); }, 'jointPublicKey: identity_point'],
    ['a non-canonical verification key', (m) => { m.trustees[2].verificationKey = 'ff'.repeat(32); }, 'trustees[2].verificationKey: non_canonical_point'],
    ['a trustee key that is not a point', (m) => { m.trustees[0].publicKey.key = '01' + '00'.repeat(31); }, 'trustees[0].publicKey: non_canonical_point'],
    ['a Schnorr response ≥ ℓ', (m) => { m.trustees[0].publicKey.proof.response = 'ff'.repeat(32); }, 'trustees[0].publicKey: scalar_out_of_range'],
    ['an issuance key with another keyId', (m) => { m.contests[1].issuers[0].issuanceKey.keyId = '00'.repeat(32); }, 'contests[1].issuers[0].issuanceKey: wrong_length'],
    ['an issuance key that is not an SPKI', (m) => { m.contests[0].issuers[0].issuanceKey.spki = '3000'; }, 'contests[0].issuers[0].issuanceKey: wrong_length'],
    ['a small-order receipt key', (m) => { m.receiptKey = ED25519_TORSION_SUBGROUP[1]; }, 'receiptKey: not a strict Ed25519 public key'],
    ['a receipt key off the curve', (m) => { m.receiptKey = '02' + '00'.repeat(31); }, 'receiptKey: not a strict Ed25519 public key'],
  ])('refuses %s, naming it', (_name, mutate, expected) => {
    expect(decodeErrors(mutate)).toContain(expected);
  });

  it('gathers every decoding failure', () => {
    const errors = decodeErrors((m) => { m.jointPublicKey = 'ff'.repeat(32); m.contests[0].issuers[0].issuanceKey.keyId = '00'.repeat(32); });
    expect(errors).toEqual(['jointPublicKey: non_canonical_point', 'contests[0].issuers[0].issuanceKey: wrong_length']);
  });

  it('readManifest parses and decodes, never throwing', () => {
    expect(readManifest(copy()).ok).toBe(true);
    expect(readManifest({}).ok).toBe(false);
    const m = copy();
    m.jointPublicKey = 'ff'.repeat(32);
    expect(readManifest(m)).toEqual({ ok: false, errors: [{ path: 'jointPublicKey', message: 'non_canonical_point' }] });
  });

  it('isEd25519PublicKey accepts a real key and refuses a non-canonical one', () => {
    expect(isEd25519PublicKey(e.decoded.receiptKey)).toBe(true);
    expect(isEd25519PublicKey(Uint8Array.from([...new Uint8Array(31).fill(0xff), 0x7f]))).toBe(false); // y ≥ p
    expect(isEd25519PublicKey(new Uint8Array(31))).toBe(false);
  });
});

describe('manifest lookups', () => {
  const m: Manifest = e.manifest;
  it('finds contests, candidates, roll entries and trustees', () => {
    const board = findContest(m, 'board')!;
    expect(board.id).toBe('board');
    expect(findContest(m, 'nope')).toBeUndefined();
    expect(candidateIndex(board, 'board-cand-3')).toBe(2);
    expect(candidateIndex(board, 'alt-cand-1')).toBe(-1);
    expect(onRoll(board, 'assoc-2')).toBe(true);
    expect(onRoll(board, 'assoc-9')).toBe(false);
    expect(findTrustee(m, 2)?.memberId).toBe('member-2');
    expect(findTrustee(m, 4)).toBeUndefined();
  });
});
