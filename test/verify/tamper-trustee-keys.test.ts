/**
 * Check 29 against forged records (issue 11): whoever holds the members' sessions or the
 * database posts or rewrites a trustee key; only the member's account-key signature over
 * the registration can give it away. Each forgery fails naming the trustee.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { signTrusteeKey, trusteeKeyMessage, verifyTrusteeKey } from '../../src/record/trustee-key-statement.js';
import { type CheckKey, type VerificationReport, verifyRecord } from '../../src/verify/index.js';
import { publicKeyOf, seedOf } from './synthetic-governance.js';
import { type SyntheticRecord, syntheticRecord } from './synthetic-record.js';
import { type AnyRecord, clone, flipHex, indexOf, rehash } from './tamper.js';

let honest: SyntheticRecord;
beforeAll(async () => { honest = await syntheticRecord(); }, 120_000);

const verify = (record: unknown) => verifyRecord(record, { tokenVerifier: verifyRsaPssNode });
const fresh = (): AnyRecord => clone(honest.record) as unknown as AnyRecord;
const failedKeys = (r: VerificationReport) => r.checks.filter((c) => !c.ok).map((c) => c.key);
function failures(r: VerificationReport, key: CheckKey): string[] {
  return r.checks.find((c) => c.key === key)!.failures.map((f) => `${f.item}: ${f.detail.en}`);
}
const electionOf = (r: AnyRecord): string => r.events.find((e) => e.kind === 'manifest')!.payload.manifest.electionId;

describe('the statement', () => {
  it('verifies under the member key only, over exactly its election, member, index and key', () => {
    const publicKey = { index: 2, key: 'ab'.repeat(32), proof: { commitment: 'cd'.repeat(32), response: 'ef'.repeat(16) + '00'.repeat(16) } };
    const s = { electionId: 'election-1', memberId: 'member-2', trustee: 2, publicKey };
    const sig = signTrusteeKey(seedOf('member-2'), s);
    expect(verifyTrusteeKey(publicKeyOf('member-2'), s, sig)).toBe(true);
    expect(verifyTrusteeKey(publicKeyOf('member-1'), s, sig)).toBe(false);
    expect(verifyTrusteeKey(publicKeyOf('member-2'), s, flipHex(sig, 5))).toBe(false);
    expect(verifyTrusteeKey(publicKeyOf('member-2'), { ...s, electionId: 'election-2' }, sig)).toBe(false);
    expect(verifyTrusteeKey(publicKeyOf('member-2'), { ...s, trustee: 3 }, sig)).toBe(false);
    expect(verifyTrusteeKey(publicKeyOf('member-2'), { ...s, memberId: 'member-3' }, sig)).toBe(false);
    expect(verifyTrusteeKey(publicKeyOf('member-2'), { ...s, publicKey: { ...publicKey, key: 'ac'.repeat(32) } }, sig)).toBe(false);
    expect(verifyTrusteeKey(publicKeyOf('member-2'), s, 42)).toBe(false);
    // The exact bytes: tag framing, then the canonical body with the key's SHA-256.
    const msg = new TextDecoder().decode(trusteeKeyMessage(s));
    expect(msg.slice(4, 38)).toBe('anfora/v1/trustee-key-registration');
    expect(msg.slice(42)).toMatch(/^\{"electionId":"election-1","memberId":"member-2","trustee":2,"trusteeKeyHash":"[0-9a-f]{64}"\}$/);
  });
});

describe('check 29: every trustee key signed by its member', () => {
  it('passes on the honest record', async () => {
    const r = await verify(honest.record);
    expect(failedKeys(r)).toEqual([]);
    expect(r.checks[28]).toMatchObject({ id: 29, key: 'trustee_key_signatures', ok: true });
  });

  it('a tampered signature fails, naming the trustee', async () => {
    const rec = fresh();
    const e = rec.events[indexOf(rec, 'trustee_key', 1)]!;
    e.payload.signature = flipHex(e.payload.signature, 7);
    const r = await verify(rehash(rec));
    // The key itself and its proof are untouched: only check 29 (and the server's signed report over the record) can tell.
    expect(failedKeys(r)).toEqual(['server_report', 'trustee_key_signatures']);
    expect(failures(r, 'trustee_key_signatures')).toEqual([expect.stringMatching(/^key of trustee 2: member member-2's signature does not verify under their account key/)]);
  });

  it('a registration signed by a key the committee never published (the server\'s) fails', async () => {
    const rec = fresh();
    const e = rec.events[indexOf(rec, 'trustee_key', 2)]!;
    e.payload.signature = signTrusteeKey(seedOf('server'), { electionId: electionOf(rec), memberId: 'member-3', trustee: 3, publicKey: e.payload.publicKey });
    const r = await verify(rehash(rec));
    expect(failures(r, 'trustee_key_signatures')).toEqual([expect.stringMatching(/^key of trustee 3: member member-3's signature does not verify/)]);
  });

  it('another member signing for trustee 1 fails, naming trustee 1', async () => {
    const rec = fresh();
    const e = rec.events[indexOf(rec, 'trustee_key', 0)]!;
    e.payload.memberId = 'member-2';
    e.payload.signature = signTrusteeKey(seedOf('member-2'), { electionId: electionOf(rec), memberId: 'member-2', trustee: 1, publicKey: e.payload.publicKey });
    const r = await verify(rehash(rec));
    expect(failures(r, 'trustee_key_signatures')).toEqual([expect.stringMatching(/^key of trustee 1: registered by member member-2, but trustee 1 is member-1/)]);
  });
});
