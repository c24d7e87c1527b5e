import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  type BoardEvent, EVENT_KINDS, GENESIS_HASH, PAYLOAD_SCHEMAS, appendEvent, ballotPayload, boardTime, checkChain, eventHash, isCanonicalTime, parsePayload,
} from '../../src/record/board.js';
import { type CastBallot, CastBallotSchema, CheckedCastBallotSchema } from '../../src/record/cast-ballot.js';
import { Hex32Schema } from '../../src/record/manifest.js';
import { election, honestCast } from './fixtures.js';

const AT = '2026-03-01T12:00:00.000Z';

function framed(...items: Uint8Array[]): string {
  return bytesToHex(sha256(concatBytes(...items.flatMap((b) => {
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, b.length);
    return [len, b];
  }))));
}

/** A short board: two token issuances and a close. */
function board(): BoardEvent[] {
  const request = { electionId: 'election-1', contestId: 'board', associationId: 'assoc-1', blindedMessages: [{ keyId: '00'.repeat(32), blindedMessageHash: '11'.repeat(32) }] };
  const e0 = appendEvent(null, 'token_issued', AT, { contestId: 'board', associationId: 'assoc-1', request: { request, publicKey: '22'.repeat(32), signature: '33'.repeat(64) } });
  const e1 = appendEvent(e0, 'token_window', '2026-03-01T12:00:01.000Z', { contests: [{ contestId: 'board', issued: 1 }] });
  const e2 = appendEvent(e1, 'close', '2026-03-01T13:00:00.000Z', { ballots: [{ contestId: 'board', count: 2 }] });
  return [e0, e1, e2];
}
const plain = (events: BoardEvent[]): Record<string, any>[] => JSON.parse(JSON.stringify(events));

describe('board event hash', () => {
  it('is the framed digest of tag, prevHash, u32 seq, kind, at and the canonical payload', () => {
    const payload = { b: 1, a: 'é' };
    const expected = framed(utf8ToBytes('anfora/v1/board-event'), hexToBytes(GENESIS_HASH), Uint8Array.of(0, 0, 1, 2),
      utf8ToBytes('close'), utf8ToBytes(AT), utf8ToBytes('{"a":"é","b":1}'));
    expect(eventHash(GENESIS_HASH, 258, 'close', AT, payload)).toBe(expected);
  });

  it('changes with every input', () => {
    const h = eventHash(GENESIS_HASH, 0, 'close', AT, { x: 1 });
    expect(eventHash('11'.repeat(32), 0, 'close', AT, { x: 1 })).not.toBe(h);
    expect(eventHash(GENESIS_HASH, 1, 'close', AT, { x: 1 })).not.toBe(h);
    expect(eventHash(GENESIS_HASH, 0, 'result', AT, { x: 1 })).not.toBe(h);
    expect(eventHash(GENESIS_HASH, 0, 'close', '2026-03-01T12:00:00.001Z', { x: 1 })).not.toBe(h);
    expect(eventHash(GENESIS_HASH, 0, 'close', AT, { x: 2 })).not.toBe(h);
  });

  it('refuses arguments of the wrong shape', () => {
    expect(() => eventHash('AB'.repeat(32), 0, 'close', AT, {})).toThrow(RangeError);
    expect(() => eventHash(GENESIS_HASH, -1, 'close', AT, {})).toThrow(RangeError);
    expect(() => eventHash(GENESIS_HASH, 0, 'close', AT, { f: 0.5 })).toThrow(TypeError);
  });

  it('genesis is 32 zero bytes and the kinds are the twelve of the protocol, the two of the complaint log, the server report, the three of the committee, the token window\'s close, the two of the issuers and the witnessed heads', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(EVENT_KINDS).toHaveLength(22);
    expect(EVENT_KINDS.slice(12)).toEqual(['complaint', 'complaint_answer', 'report', 'committee', 'key_registered', 'decision', 'token_window', 'issuer_key', 'issuer_log', 'head_witnessed']);
    expect(Object.keys(PAYLOAD_SCHEMAS).sort()).toEqual([...EVENT_KINDS].sort());
    expect(Object.isFrozen(EVENT_KINDS)).toBe(true);
  });
});

describe('appendEvent', () => {
  it('starts at seq 0 on genesis and links each event to the previous hash', () => {
    const [e0, e1, e2] = board();
    expect(e0!.seq).toBe(0);
    expect(e0!.prevHash).toBe(GENESIS_HASH);
    expect(e1!.seq).toBe(1);
    expect(e1!.prevHash).toBe(e0!.hash);
    expect(e2!.prevHash).toBe(e1!.hash);
    expect(e2!.hash).toBe(eventHash(e1!.hash, 2, 'close', e2!.at, e2!.payload));
  });

  it('refuses a payload that does not fit its kind, an unknown kind and a bad time', () => {
    expect(() => appendEvent(null, 'token_issued', AT, { contestId: 'board' })).toThrow(TypeError);
    expect(() => appendEvent(null, 'token_issued', AT, { contestId: 'board', associationId: 'a', extra: 1 })).toThrow(TypeError);
    expect(() => appendEvent(null, 'nonsense' as 'close', AT, {})).toThrow(RangeError);
    expect(() => appendEvent(null, 'close', 'now', { ballots: [] })).toThrow(RangeError);
  });

  it('accepts only the canonical UTC spelling of a time', () => {
    for (const at of ['2026-03-01T12:00:00Z', '2026-03-01T12:00:00.000+00:00', '2026-03-01T07:00:00.000-05:00', '2026-03-01T12:00:00.0000Z',
      '2026-03-01t12:00:00.000z', '2026-02-30T12:00:00.000Z', '2026-03-01T24:00:00.000Z', '+002026-03-01T12:00:00.000Z']) {
      expect(isCanonicalTime(at), at).toBe(false);
      expect(() => appendEvent(null, 'close', at, { ballots: [] }), at).toThrow(RangeError);
    }
    for (const at of ['2026-03-01T12:00:00.000Z', '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z']) {
      expect(isCanonicalTime(at), at).toBe(true);
      expect(new Date(at).toISOString()).toBe(at);
    }
  });

  it('refuses a time earlier than the previous event\'s; boardTime keeps the previous time when the clock goes back', () => {
    const [e0] = board();
    expect(() => appendEvent(e0!, 'close', '2026-03-01T11:59:59.999Z', { ballots: [] })).toThrow(/no earlier than/);
    expect(appendEvent(e0!, 'close', e0!.at, { ballots: [] }).at).toBe(e0!.at);
    expect(boardTime(e0!.at, new Date(Date.parse(e0!.at) - 60_000))).toBe(e0!.at);
    expect(boardTime(e0!.at, new Date(Date.parse(e0!.at) + 1))).toBe('2026-03-01T12:00:00.001Z');
    expect(boardTime(undefined, new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('checkChain', () => {
  it('accepts an intact board (as JSON) and returns its head', () => {
    const events = plain(board());
    expect(checkChain(events)).toEqual({ ok: true, head: { seq: 2, hash: events[2]!.hash } });
  });

  it('accepts the empty board with no head, and a page continuing from a known head', () => {
    expect(checkChain([])).toEqual({ ok: true, head: null });
    const events = plain(board());
    expect(checkChain(events.slice(1), { seq: 0, hash: events[0]!.hash })).toEqual({ ok: true, head: { seq: 2, hash: events[2]!.hash } });
    expect(checkChain(events.slice(1))).toMatchObject({ ok: false, index: 0, reason: 'seq_gap' });
  });

  it.each<[string, (ev: Record<string, any>[]) => void, number, string]>([
    ['a changed payload', (ev) => { ev[1]!.payload.associationId = 'assoc-9'; }, 1, 'hash_mismatch'],
    ['a changed time', (ev) => { ev[0]!.at = '2026-03-01T12:00:00.001Z'; }, 0, 'hash_mismatch'],
    ['a changed kind', (ev) => { ev[2]!.kind = 'published'; }, 2, 'hash_mismatch'],
    ['a changed hash', (ev) => { ev[2]!.hash = '11'.repeat(32); }, 2, 'hash_mismatch'],
    ['a removed event', (ev) => { ev.splice(1, 1); }, 1, 'seq_gap'],
    ['swapped events', (ev) => { [ev[0], ev[1]] = [ev[1]!, ev[0]!]; }, 0, 'seq_gap'],
    ['a duplicated event', (ev) => { ev.splice(2, 0, ev[1]!); }, 2, 'seq_gap'],
    ['a first event off genesis', (ev) => { ev[0]!.prevHash = '11'.repeat(32); }, 0, 'prev_hash_mismatch'],
    ['an event re-hashed after a change (breaks the next link)', (ev) => {
      ev[1]!.payload.associationId = 'assoc-9';
      ev[1]!.hash = eventHash(ev[1]!.prevHash, 1, ev[1]!.kind, ev[1]!.at, ev[1]!.payload);
    }, 2, 'prev_hash_mismatch'],
    ['an unknown field', (ev) => { ev[0]!.extra = 1; }, 0, 'malformed_event'],
    ['an unknown kind', (ev) => { ev[0]!.kind = 'vote'; }, 0, 'malformed_event'],
    ['a float in the payload', (ev) => { ev[2]!.payload.ballots[0].count = 2.5; }, 2, 'malformed_event'],
    ['a non-ISO time', (ev) => { ev[1]!.at = 'Sunday'; }, 1, 'malformed_event'],
    ['an upper-case hash', (ev) => { ev[0]!.hash = ev[0]!.hash.toUpperCase(); }, 0, 'malformed_event'],
    ['a string seq', (ev) => { ev[0]!.seq = '0'; }, 0, 'malformed_event'],
    ['null instead of an event', (ev) => { ev[1] = null as unknown as Record<string, any>; }, 1, 'malformed_event'],
  ])('names the first bad event on %s', (_name, tamper, index, reason) => {
    const events = plain(board());
    tamper(events);
    expect(checkChain(events)).toMatchObject({ ok: false, index, reason });
  });

  it('does not throw on input that is not an array or on a Date hidden in a payload', () => {
    expect(checkChain('events' as unknown as unknown[]).ok).toBe(false);
    const events: unknown[] = plain(board());
    (events[0] as Record<string, any>).payload.associationId = new Date(0);
    expect(checkChain(events)).toMatchObject({ ok: false, index: 0, reason: 'malformed_event' });
  });
});

describe('payload schemas', () => {
  it('accept a real ballot payload and refuse one with a short signature', async () => {
    const e = election();
    const { body } = await honestCast(e, 'board', [1, 0, 1, 0]);
    const payload = { ...body, trackingCode: 'ab'.repeat(32) };
    expect(parsePayload('ballot', payload).ok).toBe(true);
    const bad = parsePayload('ballot', { ...payload, signature: body.signature.slice(2) });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatch(/^signature: /);
    expect(parsePayload('ballot', { ...payload, ballot: { ...body.ballot, extra: 1 } }).ok).toBe(false);
  });

  it('accept the manifest payload and refuse a manifest with an unknown field', () => {
    const e = election();
    expect(parsePayload('manifest', { manifest: e.manifest, hash: bytesToHex(e.hash) }).ok).toBe(true);
    expect(parsePayload('manifest', { manifest: { ...e.manifest, x: 1 }, hash: bytesToHex(e.hash) }).ok).toBe(false);
  });

  it.each<[string, unknown]>([
    ['trustee_key', { trustee: 1, publicKey: { index: 1, key: '11'.repeat(32), proof: { commitment: '22'.repeat(32), response: '33'.repeat(32) } }, memberId: 'member-1', signature: '44'.repeat(64) }],
    ['ceremony_verification', { trustee: 2, complaints: [] }],
    ['ceremony_result', { qualified: [1, 2, 3], jointPublicKey: '11'.repeat(32), verificationKeys: [{ index: 1, key: '22'.repeat(32) }] }],
    ['token_issued', {
      contestId: 'board', associationId: 'assoc-1',
      request: { request: { electionId: 'election-1', contestId: 'board', associationId: 'assoc-1', blindedMessages: [{ keyId: '00'.repeat(32), blindedMessageHash: '11'.repeat(32) }] }, publicKey: '22'.repeat(32), signature: '33'.repeat(64) },
    }],
    ['close', { ballots: [{ contestId: 'board', count: 0 }] }],
    ['encrypted_tally', { contests: [{ contestId: 'board', tally: [{ alpha: '00'.repeat(32), beta: '00'.repeat(32) }] }] }],
    ['decryption_share', { trustee: 1, contests: [{ contestId: 'board', shares: [{ index: 1, share: '11'.repeat(32), proof: { a1: '22'.repeat(32), a2: '33'.repeat(32), response: '44'.repeat(32) } }] }] }],
    ['result', { contests: [{ contestId: 'board', counts: [{ candidateId: 'c1', votes: 3 }], ranking: ['c1'], titulars: ['c1'], alternates: [], tieBreak: '11'.repeat(32), lots: [{ candidateId: 'c1', lot: '22'.repeat(32) }] }] }],
    ['published', { resultEvent: '11'.repeat(32) }],
    ['complaint', { complaintId: 'k1', window: 'roll', category: 'accreditation', text: 'Texto', attachments: [{ name: 'acta.pdf', sha256: '11'.repeat(32) }], complainant: { role: 'association', name: 'Asociación Uno' } }],
    ['complaint_answer', { complaintId: 'k1', complaintEvent: '11'.repeat(32), decision: 'dismissed', reasoning: 'Motivos', proposalId: 'p1', sectors: ['civil_society', 'government'] }],
  ])('accept a well-formed %s payload, and refuse it with an extra field or as null', (kind, payload) => {
    const k = kind as keyof typeof PAYLOAD_SCHEMAS;
    expect(parsePayload(k, payload).ok).toBe(true);
    expect(parsePayload(k, { ...(payload as object), extra: true }).ok).toBe(false);
    expect(parsePayload(k, null).ok).toBe(false);
  });

  it('accept an anonymous complaint and an auditor shown by role only; refuse other shapes', () => {
    const base = { complaintId: 'k1', window: 'post_close', category: 'missing_tracking_code', text: 'No encuentro mi código', attachments: [], complainant: null };
    expect(parsePayload('complaint', base).ok).toBe(true);
    expect(parsePayload('complaint', { ...base, complainant: { role: 'auditor', name: null } }).ok).toBe(true);
    for (const bad of [
      { ...base, window: 'voting' }, { ...base, category: 'fraud' }, { ...base, text: '' }, { ...base, text: 'x'.repeat(5001) },
      { ...base, attachments: [{ name: 'a', sha256: 'AB'.repeat(32) }] }, { ...base, attachments: Array(11).fill({ name: 'a', sha256: '11'.repeat(32) }) },
      { ...base, complainant: { role: 'admin', name: 'x' } }, { ...base, complainant: { role: 'association', name: 'x', accountId: 'a' } },
    ]) expect(parsePayload('complaint', bad).ok, JSON.stringify(bad).slice(0, 80)).toBe(false);
    const answer = { complaintId: 'k1', complaintEvent: '11'.repeat(32), decision: 'upheld', reasoning: 'r', proposalId: 'p1', sectors: ['government', 'civil_society'] };
    for (const bad of [{ ...answer, decision: 'rejected' }, { ...answer, reasoning: '' }, { ...answer, sectors: [] }, { ...answer, complaintEvent: '11' }]) {
      expect(parsePayload('complaint_answer', bad).ok).toBe(false);
    }
  });

  it('refuse a dealing with a short sealed share, and an unknown kind without throwing', () => {
    const dealing = { dealer: 1, commitments: ['11'.repeat(32)], proofs: [{ commitment: '22'.repeat(32), response: '33'.repeat(32) }], shares: [{ recipient: 2, ephemeral: '44'.repeat(32), sealed: '55'.repeat(48) }] };
    expect(parsePayload('dealing', { dealer: 1, dealing }).ok).toBe(true);
    expect(parsePayload('dealing', { dealer: 1, dealing: { ...dealing, shares: [{ ...dealing.shares[0], sealed: '55'.repeat(47) }] } }).ok).toBe(false);
    expect(parsePayload('toString' as 'close', {})).toEqual({ ok: false, errors: ['kind: unknown toString'] });
  });
});

describe('ballotPayload (a checked cast\'s payload, not checked again by appendEvent)', () => {
  it('the ballot payload\'s schema is the cast body\'s, field by field, with the tracking code', () => {
    const payloadShape = PAYLOAD_SCHEMAS.ballot.shape as Record<string, unknown>;
    const castShape = CastBallotSchema.shape as Record<string, unknown>;
    expect(Object.keys(payloadShape).sort()).toEqual([...Object.keys(castShape), 'trackingCode'].sort());
    for (const k of Object.keys(castShape)) expect(payloadShape[k]).toBe(castShape[k]);
    expect(payloadShape.trackingCode).toBe(Hex32Schema);
    // Both strict: an unknown field is refused by each.
    expect(PAYLOAD_SCHEMAS.ballot.safeParse({ ...Object.fromEntries(Object.keys(payloadShape).map((k) => [k, null])), extra: 1 }).error?.issues.map((i) => i.code))
      .toContain('unrecognized_keys');
    expect(CastBallotSchema.safeParse({ ...Object.fromEntries(Object.keys(castShape).map((k) => [k, null])), extra: 1 }).error?.issues.map((i) => i.code))
      .toContain('unrecognized_keys');
  });

  it('gives the same event as the plain payload; a checked cast\'s payload is frozen', async () => {
    const { body } = await honestCast(election(), 'board', [0, 1, 1, 0]);
    const code = 'ab'.repeat(32);
    const checked = CheckedCastBallotSchema.parse(JSON.parse(JSON.stringify(body)));
    const fast = ballotPayload(checked, code);
    expect(Object.isFrozen(fast)).toBe(true);
    const plain = { ...body, trackingCode: code };
    expect(appendEvent(null, 'ballot', AT, fast)).toEqual(appendEvent(null, 'ballot', AT, plain));
  });

  it('appendEvent still refuses a bad payload: an unchecked cast, or a checked one with a bad tracking code', async () => {
    const { body } = await honestCast(election(), 'board', [1, 0, 0, 0]);
    const unchecked = { ...body, signature: body.signature.slice(2) } as CastBallot;
    const p = ballotPayload(unchecked, 'ab'.repeat(32));
    expect(Object.isFrozen(p)).toBe(false);
    expect(() => appendEvent(null, 'ballot', AT, p)).toThrow(TypeError);
    const checked = CheckedCastBallotSchema.parse(JSON.parse(JSON.stringify(body)));
    for (const code of ['AB'.repeat(32), 'ab'.repeat(31), 7 as unknown as string]) {
      expect(() => appendEvent(null, 'ballot', AT, ballotPayload(checked, code))).toThrow(TypeError);
    }
    // A payload recognised for 'ballot' is checked under any other kind.
    expect(() => appendEvent(null, 'close', AT, ballotPayload(checked, 'ab'.repeat(32)))).toThrow(TypeError);
  });
});
