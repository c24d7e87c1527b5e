/**
 * The events that grow with the roll, checked as they stream past (src/verify/checked-events.ts):
 * each verdict kept equals the one the full payload gives, and every tampered signature,
 * log or request is judged invalid. The whole verifier over such records (honest and
 * tampered) is in tamper-decisions.test.ts and tamper-issuers.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { verifyStrictSignature } from '../../src/crypto/ballot-signature.js';
import type { PayloadOf } from '../../src/record/board.js';
import { issuerLogSigners, verifyIssuerLog } from '../../src/record/issuer-statements.js';
import type { Statement } from '../../src/record/statements.js';
import { checkDecision, checkIssuerLog, checkTokenIssued } from '../../src/verify/checked-events.js';
import { decisionPayload, memberSignature, publicKeyOf } from './synthetic-governance.js';
import { issuerLogEntry, issuerLogPayload, syntheticIssuers } from './synthetic-issuers.js';

const ELECTION = 'election-checked';
const CONTEST = 'board';
const flip = (hex: string, at = 10) => hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);
const statement: Statement = { kind: 'phase_change', electionId: ELECTION, from: 'draft', to: 'accreditation' } as Statement;

describe('checkTokenIssued', () => {
  const entry = issuerLogEntry(ELECTION, CONTEST, 'assoc-1');
  const payload = { contestId: CONTEST, associationId: 'assoc-1', request: entry } as PayloadOf<'token_issued'>;
  it('keeps the key, the names signed and a valid verdict', () => {
    expect(checkTokenIssued(payload, verifyStrictSignature)).toEqual({
      contestId: CONTEST, associationId: 'assoc-1',
      request: { publicKey: entry.publicKey, request: { electionId: ELECTION, contestId: CONTEST, associationId: 'assoc-1' }, signatureValid: true },
    });
  });
  it('a tampered signature, request or key is invalid', () => {
    const bad = [
      { ...entry, signature: flip(entry.signature) },
      { ...entry, request: { ...entry.request, associationId: 'assoc-2' } },
      { ...entry, publicKey: publicKeyOf('assoc:assoc-2') },
    ];
    for (const request of bad) expect(checkTokenIssued({ ...payload, request }, verifyStrictSignature).request.signatureValid).toBe(false);
  });
});

describe('checkDecision', () => {
  it('judges each signature under the key it names, for its vote', () => {
    const d = decisionPayload('p-1', statement, [1, 2], [3]) as PayloadOf<'decision'>;
    expect(checkDecision(d)).toEqual({
      proposalId: 'p-1', statement,
      approvals: [1, 2].map((j) => ({ memberId: `member-${j}`, publicKey: publicKeyOf(`member-${j}`), valid: true })),
      against: [{ memberId: 'member-3', publicKey: publicKeyOf('member-3'), valid: true }],
    });
  });
  it('a tampered signature, an approval shown as a vote against, or another statement is invalid', () => {
    const d = decisionPayload('p-1', statement, [1, 2]) as PayloadOf<'decision'>;
    const forged = { ...d, approvals: [{ ...d.approvals[0]!, signature: flip(d.approvals[0]!.signature) }, d.approvals[1]!] };
    expect(checkDecision(forged).approvals.map((a) => a.valid)).toEqual([false, true]);
    const flipped = { ...d, against: [memberSignature(3, statement, 'approve')] };
    expect(checkDecision(flipped).against[0]!.valid).toBe(false);
    const other = { ...d, statement: { ...statement, to: 'nominations' } as Statement };
    expect(checkDecision(other).approvals.map((a) => a.valid)).toEqual([false, false]);
  });
  it('uses the verifier it is given', () => {
    const d = decisionPayload('p-1', statement, [1, 2]) as PayloadOf<'decision'>;
    expect(checkDecision(d, () => false).approvals.map((a) => a.valid)).toEqual([false, false]);
  });
});

describe('checkIssuerLog and issuerLogSigners', () => {
  const [issuer] = syntheticIssuers(CONTEST);
  const entries = ['assoc-1', 'assoc-2', 'assoc-3'].map((a) => issuerLogEntry(ELECTION, CONTEST, a));
  const payload = issuerLogPayload(ELECTION, CONTEST, issuer!, entries) as PayloadOf<'issuer_log'>;
  const memberKey = publicKeyOf(issuer!.memberId);
  const otherKey = publicKeyOf('member-3');

  it('the log verifies under its member\'s key only, among the keys offered, as verifyIssuerLog judges each', () => {
    const offered = [otherKey, 'not a key', memberKey, memberKey];
    const c = checkIssuerLog(payload, offered, verifyStrictSignature);
    expect([...c.signedUnder]).toEqual([memberKey]);
    for (const k of offered) expect(c.signedUnder.has(k)).toBe(verifyIssuerLog(k, payload.log, payload.signature));
    expect(c.log).toMatchObject({ electionId: ELECTION, contestId: CONTEST, memberId: issuer!.memberId, keyId: payload.log.keyId });
    expect(c.log.entries).toEqual(entries.map((e) => ({
      associationId: e.request.associationId, publicKey: e.publicKey, namesLog: true, blindedForKey: true, signatureValid: true,
    })));
  });

  it('a log changed after signing, or its signature changed, verifies under no key', () => {
    const dropped = { ...payload, log: { ...payload.log, entries: payload.log.entries.slice(1) } };
    expect(checkIssuerLog(dropped, [memberKey], verifyStrictSignature).signedUnder.size).toBe(0);
    expect(issuerLogSigners([memberKey], payload.log, flip(payload.signature)).size).toBe(0);
    expect(issuerLogSigners([memberKey], payload.log, 42).size).toBe(0);
    expect(issuerLogSigners([memberKey], { ...payload.log, entries: 'x' }, payload.signature).size).toBe(0);
    expect(checkIssuerLog(payload, [], verifyStrictSignature).signedUnder.size).toBe(0);
  });

  it('flags an entry naming another contest, without a blinded message for the log\'s key, or with a bad signature', () => {
    const other = issuerLogEntry(ELECTION, 'alt', 'assoc-4');
    const noBlind = { ...entries[1]!, request: { ...entries[1]!.request, blindedMessages: entries[1]!.request.blindedMessages.filter((b) => b.keyId !== payload.log.keyId) } };
    const badSig = { ...entries[2]!, signature: flip(entries[2]!.signature) };
    const log = { ...payload.log, entries: [entries[0]!, noBlind, badSig, other] };
    const c = checkIssuerLog({ log, signature: payload.signature }, [memberKey], verifyStrictSignature);
    expect(c.log.entries.map((e) => [e.namesLog, e.blindedForKey, e.signatureValid])).toEqual([
      [true, true, true], [true, false, false], [true, true, false], [false, false, true],
    ]);
  });
});
