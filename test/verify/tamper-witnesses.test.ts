/**
 * Check `witnessed_heads` against forged records (issue 12 item 7). A server that removes
 * a ballot before the close and re-chains the tracking codes, the seats and its own signed
 * report leaves a record every other check accepts; only a member's signature over a head
 * it saw before the rewrite gives it away. Each forgery fails naming the witness and seq.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { appendEvent } from '../../src/record/board.js';
import { signWitness, verifyWitness, witnessMessage } from '../../src/record/witness-statement.js';
import { type CheckKey, type VerificationReport, checkNumber, formatReport, verifyRecord } from '../../src/verify/index.js';
import { auditRecord } from '../record/auditor-committee.js';
import { publicKeyOf, seedOf } from './synthetic-governance.js';
import { type SyntheticRecord, syntheticRecord } from './synthetic-record.js';
import { type AnyRecord, clone, flipHex, indexOf, rehash } from './tamper.js';

let honest: SyntheticRecord;
beforeAll(async () => { honest = await syntheticRecord(); }, 120_000);

const verify = (record: unknown) => verifyRecord(record, { tokenVerifier: verifyRsaPssNode });
const failedKeys = (r: VerificationReport) => r.checks.filter((c) => !c.ok).map((c) => c.key);
function failures(r: VerificationReport, key: CheckKey): string[] {
  return r.checks.find((c) => c.key === key)!.failures.map((f) => `${f.item}: ${f.detail.en}`);
}

/**
 * The honest record with member `member`'s witness of the event just before position
 * `at` inserted at `at`, and the chain (and the server's report) recomputed: what the
 * server writes when a member witnesses there.
 */
function witnessedAt(at: number, member = 'member-2', sign = (seq: number, hash: string) => signWitness(seedOf(member), { electionId: honest.record.electionId, seq, hash })): AnyRecord {
  const rec = clone(honest.record) as unknown as AnyRecord;
  const seen = rec.events[at - 1]!;
  const w = appendEvent(seen, 'head_witnessed', seen.at, { memberId: member, seq: seen.seq, hash: seen.hash, signature: sign(seen.seq, seen.hash) });
  rec.events.splice(at, 0, clone(w));
  return rehash(rec, { receiptSecret: honest.receiptSecret });
}

describe('the statement', () => {
  it('verifies under the member key only, over exactly its election, seq and hash', () => {
    const s = { electionId: 'election-1', seq: 41, hash: 'ab'.repeat(32) };
    const sig = signWitness(seedOf('member-2'), s);
    expect(verifyWitness(publicKeyOf('member-2'), s, sig)).toBe(true);
    expect(verifyWitness(publicKeyOf('member-1'), s, sig)).toBe(false);
    expect(verifyWitness(publicKeyOf('member-2'), s, flipHex(sig, 3))).toBe(false);
    expect(verifyWitness(publicKeyOf('member-2'), { ...s, electionId: 'election-2' }, sig)).toBe(false);
    expect(verifyWitness(publicKeyOf('member-2'), { ...s, seq: 40 }, sig)).toBe(false);
    expect(verifyWitness(publicKeyOf('member-2'), { ...s, hash: flipHex(s.hash, 63) }, sig)).toBe(false);
    expect(verifyWitness(publicKeyOf('member-2'), s, 7)).toBe(false);
    expect(() => witnessMessage({ ...s, hash: 'AB'.repeat(32) })).toThrow(RangeError);
    expect(() => witnessMessage({ ...s, seq: -1 })).toThrow(RangeError);
    // The exact bytes: u32be(28) ‖ tag ‖ u32be(len) ‖ canonical body (keys sorted).
    const msg = witnessMessage(s);
    const body = `{"electionId":"election-1","hash":"${'ab'.repeat(32)}","seq":41}`;
    expect([...msg.slice(0, 4)]).toEqual([0, 0, 0, 28]);
    expect(new TextDecoder().decode(msg.slice(4, 32))).toBe('anfora/v1/board-head-witness');
    expect([...msg.slice(32, 36)]).toEqual([0, 0, 0, body.length]);
    expect(new TextDecoder().decode(msg.slice(36))).toBe(body);
  });

  it('gives the worked example of docs/election-record.md §6.9, byte for byte', () => {
    const seed = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
    const s = { electionId: '7f1c2a9e-4b3d-4e5f-8a6b-0c1d2e3f4a5b', seq: 41, hash: 'c0ffee00'.repeat(8) };
    expect(Buffer.from(witnessMessage(s)).toString('hex')).toBe('0000001c616e666f72612f76312f626f6172642d686561642d7769746e657373000000887b22656c656374696f6e4964223a2237663163326139652d346233642d346535662d386136622d306331643265336634613562222c2268617368223a2263306666656530306330666665653030633066666565303063306666656530306330666665653030633066666565303063306666656530306330666665653030222c22736571223a34317d');
    const signature = signWitness(seed, s);
    expect(signature).toBe('12f3556450f6733742ebd8f6eda2649ecb50add64f834effd89ab312a2e3c3982dc3bc1b17c7c14b921595eac0b16ad9a3ad745866564cc47ae8ff66908bde09');
    expect(verifyWitness('79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664', s, signature)).toBe(true);
  });
});

describe('check witnessed_heads', () => {
  it('passes on a record with witnesses before and after the close, and the report counts them', async () => {
    const close = indexOf(honest.record as unknown as AnyRecord, 'close');
    let rec = witnessedAt(close, 'member-1');
    rec = (() => {
      const again = clone(rec);
      const at = indexOf(again, 'close') + 1;
      const seen = again.events[at - 1]!;
      const sig = signWitness(seedOf('member-3'), { electionId: honest.record.electionId, seq: seen.seq, hash: seen.hash });
      again.events.splice(at, 0, clone(appendEvent(seen, 'head_witnessed', seen.at, { memberId: 'member-3', seq: seen.seq, hash: seen.hash, signature: sig })));
      return rehash(again, { receiptSecret: honest.receiptSecret });
    })();
    const r = await verify(rec);
    expect(failedKeys(r)).toEqual([]);
    expect(r.checks.find((c) => c.key === 'witnessed_heads')).toMatchObject({ id: checkNumber('witnessed_heads'), ok: true });
    expect(r.governance).toMatchObject({ witnessedHeads: 2, witnessedHeadsVerified: 2 });
    // The independent auditor, written from docs/election-record.md §7.16, agrees.
    expect(auditRecord(JSON.stringify(rec)).findings).toEqual([]);
    expect(formatReport(r, 'en').join('\n')).toContain('2 of 2 board heads witnessed by committee members are still in the final board');
  });

  it('a ballot removed before the close, with the tracking codes re-chained after a witness, fails naming the witness', async () => {
    // The board member 2 saw: one more ballot (X) before the close, which the server later removed.
    const final = clone(honest.record) as unknown as AnyRecord;
    const close = indexOf(final, 'close');
    const x = indexOf(final, 'ballot', 1);
    const seen = clone(final);
    seen.events = seen.events.slice(0, close + 1);
    seen.events.splice(x, 0, clone(seen.events[x]));
    rehash(seen);
    const seenClose = seen.events[close + 1]!;
    expect(seenClose.kind).toBe('close');
    // Member 2 witnessed that close; the witness went on the board after the encrypted tally.
    const at = indexOf(final, 'encrypted_tally') + 1;
    const signature = signWitness(seedOf('member-2'), { electionId: honest.record.electionId, seq: seenClose.seq, hash: seenClose.hash });
    final.events.splice(at, 0, clone(appendEvent(final.events[at - 1]!, 'head_witnessed', final.events[at - 1]!.at, { memberId: 'member-2', seq: seenClose.seq, hash: seenClose.hash, signature })));
    // The server re-chains everything it can (tracking codes, hashes, its signed report).
    const forged = rehash(final, { receiptSecret: honest.receiptSecret });
    const r = await verify(forged);
    expect(failedKeys(r)).toEqual(['witnessed_heads']);
    expect(auditRecord(JSON.stringify(forged)).findings).toEqual([expect.objectContaining({ check: 'X1', seq: at })]);
    expect(failures(r, 'witnessed_heads')).toEqual([expect.stringMatching(
      new RegExp(`^witness seq ${at} by member member-2 of head seq ${close + 1}: Miembro 2 \\(civil_society\\) saw event [0-9a-f]+… at seq ${close + 1}, but the final board has [0-9a-f]+… there: the board was rewritten or forked after this witness$`))]);
  });

  it('a forged signature (a flipped digit, or the server\'s key) fails, naming the witness', async () => {
    const close = indexOf(honest.record as unknown as AnyRecord, 'close');
    const flipped = witnessedAt(close, 'member-2', (seq, hash) => flipHex(signWitness(seedOf('member-2'), { electionId: honest.record.electionId, seq, hash }), 9));
    const r1 = await verify(flipped);
    expect(failedKeys(r1)).toEqual(['witnessed_heads']);
    expect(failures(r1, 'witnessed_heads')).toEqual([expect.stringMatching(new RegExp(`^witness seq ${close} by member member-2 of head seq ${close - 1}: the signature does not verify under the member's account key`))]);
    const server = witnessedAt(close, 'member-3', (seq, hash) => signWitness(seedOf('server'), { electionId: honest.record.electionId, seq, hash }));
    expect(failures(await verify(server), 'witnessed_heads')).toEqual([expect.stringMatching(/by member member-3 .*: the signature does not verify/)]);
  });

  it('a witness by someone outside the committee, or of a head that does not precede it, fails', async () => {
    const close = indexOf(honest.record as unknown as AnyRecord, 'close');
    const outsider = witnessedAt(close, 'member-9');
    expect(failures(await verify(outsider), 'witnessed_heads')).toEqual([expect.stringMatching(/by member member-9 .*: member-9 is not a committee member/)]);
    // A head "seen" at a seq the board only reaches later (the witness event's own seq).
    const rec = witnessedAt(close, 'member-1');
    const w = rec.events[close]!;
    w.payload.seq = close;
    w.payload.signature = signWitness(seedOf('member-1'), { electionId: honest.record.electionId, seq: close, hash: w.payload.hash });
    expect(failures(await verify(rehash(rec, { receiptSecret: honest.receiptSecret })), 'witnessed_heads')).toEqual([expect.stringMatching(/does not precede it/)]);
  });
});
