import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { verifyStrictSignatureNode } from '../../src/crypto/ballot-signature-node.js';
import { appendEvent } from '../../src/record/board.js';
import {
  type ReceiptBody, checkReceiptEvent, receiptMessage, signReceipt, trackingCode, verifyReceipt,
} from '../../src/record/tracking.js';

/** The receipt's verdict with noble's verifier (the default, the browser's) and node:crypto's, which must agree. */
function verdicts(key: string, receipt: unknown): boolean[] {
  return [verifyReceipt(key, receipt), verifyReceipt(key, receipt, verifyStrictSignatureNode)];
}

function framed(...items: Uint8Array[]): Uint8Array {
  return sha256(concatBytes(...items.flatMap((b) => {
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, b.length);
    return [len, b];
  })));
}

const secret = new Uint8Array(32).fill(7);
const publicHex = bytesToHex(ed25519.getPublicKey(secret));
const body: ReceiptBody = {
  electionId: 'election-1', contestId: 'board', trackingCode: 'ab'.repeat(32), position: 12, boardHead: 'cd'.repeat(32),
  receivedAt: '2026-03-01T12:00:00.000Z',
};

describe('tracking codes', () => {
  const d1 = new Uint8Array(32).fill(1);
  const k1 = new Uint8Array(32).fill(2);

  it('is the framed digest of tag, previous code (zeros first), ballot digest and ballot key', () => {
    const first = trackingCode(null, d1, k1);
    expect(first).toEqual(framed(utf8ToBytes('anfora/v1/tracking-code'), new Uint8Array(32), d1, k1));
    expect(trackingCode(new Uint8Array(32), d1, k1)).toEqual(first);
    const second = trackingCode(first, k1, d1);
    expect(second).toEqual(framed(utf8ToBytes('anfora/v1/tracking-code'), first, k1, d1));
  });

  it('chains: the same ballot after another previous code gets another code', () => {
    const a = trackingCode(null, d1, k1);
    expect(trackingCode(a, d1, k1)).not.toEqual(a);
    expect(trackingCode(null, d1, d1)).not.toEqual(a);
  });

  it('refuses arguments that are not 32 bytes', () => {
    expect(() => trackingCode(new Uint8Array(31), d1, k1)).toThrow(RangeError);
    expect(() => trackingCode(null, d1, new Uint8Array(33))).toThrow(RangeError);
    expect(() => trackingCode(null, 'ab' as unknown as Uint8Array, k1)).toThrow(TypeError);
  });
});

describe('receipts', () => {
  it('the signed message is the receipt tag framed with the canonical JSON of the six body fields only', () => {
    const expected = '{"boardHead":"' + 'cd'.repeat(32) + '","contestId":"board","electionId":"election-1","position":12,'
      + '"receivedAt":"2026-03-01T12:00:00.000Z","trackingCode":"' + 'ab'.repeat(32) + '"}';
    const m = receiptMessage(body);
    expect(Array.from(m.subarray(0, 4))).toEqual([0, 0, 0, 17]);
    expect(new TextDecoder().decode(m.subarray(4, 21))).toBe('anfora/v1/receipt');
    expect(new DataView(m.buffer, m.byteOffset + 21, 4).getUint32(0)).toBe(expected.length);
    expect(new TextDecoder().decode(m.subarray(25))).toBe(expected);
    expect(receiptMessage({ ...body, signature: '00', extra: 1 } as ReceiptBody)).toEqual(receiptMessage(body));
  });

  it('a signed receipt verifies under the receipt key, and its signature is plain Ed25519 over the message', () => {
    const r = signReceipt(secret, body);
    expect(r).toMatchObject(body);
    expect(verdicts(publicHex, r)).toEqual([true, true]);
    expect(verdicts(publicHex, JSON.parse(JSON.stringify(r)))).toEqual([true, true]);
    expect(ed25519.verify(Buffer.from(r.signature, 'hex'), receiptMessage(body), ed25519.getPublicKey(secret))).toBe(true);
  });

  it.each<[string, (r: Record<string, unknown>) => void]>([
    ['another tracking code', (r) => { r.trackingCode = 'ef'.repeat(32); }],
    ['another position', (r) => { r.position = 13; }],
    ['another board head', (r) => { r.boardHead = '00'.repeat(32); }],
    ['another time', (r) => { r.receivedAt = '2026-03-01T12:00:00.001Z'; }],
    ['another contest', (r) => { r.contestId = 'alt'; }],
    ['another election', (r) => { r.electionId = 'election-2'; }],
    ['a flipped signature bit', (r) => { r.signature = ((r.signature as string)[0] === '0' ? '1' : '0') + (r.signature as string).slice(1); }],
    ['S + ℓ (non-canonical S)', (r) => {
      const sig = Buffer.from(r.signature as string, 'hex');
      let s = 0n;
      for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]!);
      s += ed25519.Point.Fn.ORDER;
      for (let i = 32; i < 64; i++) { sig[i] = Number(s & 0xffn); s >>= 8n; }
      r.signature = sig.toString('hex');
    }],
    ['an upper-case signature', (r) => { r.signature = (r.signature as string).toUpperCase(); }],
    ['an extra field', (r) => { r.note = 'x'; }],
    ['no signature', (r) => { delete r.signature; }],
    ['a string position', (r) => { r.position = '12'; }],
  ])('does not verify with %s', (_name, tamper) => {
    const r: Record<string, unknown> = { ...signReceipt(secret, body) };
    tamper(r);
    expect(verdicts(publicHex, r)).toEqual([false, false]);
  });

  it('refuses a signature with a small-order R or a torsion component in R, which noble\'s cofactored verify accepts (the rule of the report, same key)', () => {
    const { scalar: a, pointBytes: A } = ed25519.utils.getExtendedPublicKey(secret);
    const { Point } = ed25519;
    const le = (x: bigint) => { const o = new Uint8Array(32); for (let i = 0; i < 32; i++) { o[i] = Number(x & 0xffn); x >>= 8n; } return o; };
    const leInt = (b: Uint8Array) => b.reduceRight((acc, x) => (acc << 8n) | BigInt(x), 0n);
    const msg = receiptMessage(body);
    const forge = (R: Uint8Array, r: bigint) => {
      const k = Point.Fn.create(leInt(sha512(concatBytes(R, A, msg))));
      return bytesToHex(concatBytes(R, le(Point.Fn.create(r + k * a))));
    };
    const identity = Point.ZERO.toBytes();
    const torsion = Point.BASE.multiply(12345n).add(Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a')).toBytes();
    for (const [R, r] of [[identity, 0n], [torsion, 12345n]] as const) {
      const signature = forge(R, r);
      expect(ed25519.verify(Buffer.from(signature, 'hex'), msg, A, { zip215: false })).toBe(true);
      expect(verdicts(publicHex, { ...body, signature })).toEqual([false, false]);
    }
  });

  it('a verifier is only taken at its word when it says true', () => {
    const r = signReceipt(secret, body);
    expect(verifyReceipt(publicHex, r, () => 1 as unknown as boolean)).toBe(false);
    expect(verifyReceipt(publicHex, r, () => { throw new Error('x'); })).toBe(false);
  });

  it('does not verify under another key or a malformed key, and never throws', () => {
    const r = signReceipt(secret, body);
    expect(verdicts(bytesToHex(ed25519.getPublicKey(new Uint8Array(32).fill(8))), r)).toEqual([false, false]);
    expect(verifyReceipt('zz', r)).toBe(false);
    expect(verifyReceipt(publicHex.toUpperCase(), r)).toBe(false);
    expect(verifyReceipt(undefined as unknown as string, r)).toBe(false);
    for (const junk of [null, undefined, 1, 'receipt', [], {}]) expect(verifyReceipt(publicHex, junk)).toBe(false);
  });

  it('signReceipt refuses a bad secret key or a body that is not a receipt body', () => {
    expect(() => signReceipt(new Uint8Array(31), body)).toThrow(RangeError);
    expect(() => signReceipt(secret, { ...body, position: -1 })).toThrow(RangeError);
    expect(() => signReceipt(secret, { ...body, trackingCode: 'AB'.repeat(32) })).toThrow(RangeError);
  });

  it('matches the ballot event it names and nothing else', () => {
    const token = { electionId: 'election-1', contestId: 'board', ballotPublicKey: '11'.repeat(32), messagePrefix: '22'.repeat(32), signatures: [{ keyId: 'cc'.repeat(32), signature: '33'.repeat(384) }] };
    const branch = { a: '44'.repeat(32), b: '55'.repeat(32), challenge: '66'.repeat(32), response: '77'.repeat(32) };
    const ballot = { selections: [{ ciphertext: { alpha: '88'.repeat(32), beta: '99'.repeat(32) }, proof: { branches: [branch, branch] } }], rangeProof: { branches: [branch] } };
    const e0 = appendEvent(null, 'token_window', '2026-03-01T11:00:00.000Z', { contests: [{ contestId: 'board', issued: 1 }] });
    const ev = appendEvent(e0, 'ballot', '2026-03-01T12:00:00.000Z', { contestId: 'board', trackingCode: 'ab'.repeat(32), token, ballot, signature: 'aa'.repeat(64) });
    const receipt = signReceipt(secret, { ...body, position: ev.seq, boardHead: ev.hash, receivedAt: ev.at });
    expect(checkReceiptEvent(receipt, ev)).toEqual({ ok: true });
    expect(checkReceiptEvent(receipt, e0)).toEqual({ ok: false, reason: 'not_a_ballot' });
    expect(checkReceiptEvent({ ...receipt, position: 2 }, ev)).toEqual({ ok: false, reason: 'position' });
    expect(checkReceiptEvent({ ...receipt, boardHead: e0.hash }, ev)).toEqual({ ok: false, reason: 'board_head' });
    expect(checkReceiptEvent({ ...receipt, receivedAt: e0.at }, ev)).toEqual({ ok: false, reason: 'received_at' });
    expect(checkReceiptEvent({ ...receipt, contestId: 'alt' }, ev)).toEqual({ ok: false, reason: 'contest' });
    expect(checkReceiptEvent({ ...receipt, trackingCode: 'cd'.repeat(32) }, ev)).toEqual({ ok: false, reason: 'tracking_code' });
    expect(checkReceiptEvent(receipt, null as unknown as typeof ev)).toEqual({ ok: false, reason: 'not_a_ballot' });
  });
});
