/**
 * Signed statements (record/statements.ts): the known answers of
 * test/crypto/vectors/statements.json recomputed (canonical JSON, the framed message, the
 * deterministic signatures), and every signature refused when anything it covers changes:
 * the statement, the election, the vote, the kind's tag, the key, one bit of the
 * signature; malformed keys and statements are refused without throwing.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/crypto/group.js';
import { canonicalJsonString } from '../../src/record/canonical-json.js';
import {
  DECISION_KINDS, type Statement, blindedMessageHash, decisionMessage, decisionTag, organisationKey, parseStatement, recusedMemberId, signDecision,
  signTokenRequest, subjectOrganisations, tokenRequestMessage, verifyDecision, verifyTokenRequest,
} from '../../src/record/statements.js';
import vectors from '../crypto/vectors/statements.json' with { type: 'json' };

const flip = (hex: string, at = 0) => hex.slice(0, at) + (parseInt(hex[at]!, 16) ^ 1).toString(16) + hex.slice(at + 1);

describe('known answers', () => {
  it('covers every decision kind', () => {
    expect(vectors.decisions.map((d) => d.statement.kind).sort()).toEqual([...DECISION_KINDS].sort());
  });

  it('recomputes keys, canonical statements, messages and signatures', () => {
    const seed = fromHex(vectors.memberSeed);
    expect(toHex(ed25519.getPublicKey(seed))).toBe(vectors.memberKey);
    for (const d of vectors.decisions) {
      const s = d.statement as Statement;
      expect(canonicalJsonString(s)).toBe(d.canonical);
      expect(toHex(decisionMessage(s, 'approve'))).toBe(d.approveMessage);
      // The framing, by hand: tag, vote, canonical statement, each after its u32 length.
      const tag = decisionTag(s.kind);
      const frame = (b: Uint8Array) => toHex(Uint8Array.of(0, 0, b.length >>> 8, b.length & 0xff)) + toHex(b);
      const te = new TextEncoder();
      expect(d.approveMessage).toBe(frame(te.encode(tag)) + frame(te.encode('approve')) + frame(te.encode(d.canonical)));
      expect(signDecision(seed, s, 'approve')).toBe(d.approveSignature);
      expect(signDecision(seed, s, 'against')).toBe(d.againstSignature);
      expect(verifyDecision(vectors.memberKey, s, 'approve', d.approveSignature)).toBe(true);
      expect(verifyDecision(vectors.memberKey, s, 'against', d.againstSignature)).toBe(true);
    }
    const r = vectors.tokenRequest;
    expect(r.request.blindedMessageHash).toBe(blindedMessageHash(fromHex(r.blindedMessage)));
    expect(toHex(tokenRequestMessage(r.request))).toBe(r.message);
    expect(signTokenRequest(fromHex(vectors.associationSeed), r.request)).toBe(r.signature);
    expect(verifyTokenRequest(vectors.associationKey, r.request, r.signature)).toBe(true);
  });
});

describe('a signature covers everything it signs', () => {
  const d = vectors.decisions[1]!;
  const s = d.statement as Statement & { kind: 'accreditation_decision' };
  it('refuses another statement, election, vote, key, or a flipped bit', () => {
    expect(verifyDecision(vectors.memberKey, { ...s, decision: 'reject', reason: 'x' }, 'approve', d.approveSignature)).toBe(false);
    expect(verifyDecision(vectors.memberKey, { ...s, electionId: 'another' }, 'approve', d.approveSignature)).toBe(false);
    expect(verifyDecision(vectors.memberKey, { ...s, association: { ...s.association, publicKey: vectors.memberKey } }, 'approve', d.approveSignature)).toBe(false);
    expect(verifyDecision(vectors.memberKey, s, 'against', d.approveSignature)).toBe(false);
    expect(verifyDecision(vectors.memberKey, s, 'withdraw', d.approveSignature)).toBe(false);
    expect(verifyDecision(vectors.associationKey, s, 'approve', d.approveSignature)).toBe(false);
    expect(verifyDecision(vectors.memberKey, s, 'approve', flip(d.approveSignature, 70))).toBe(false);
  });

  it('a statement of one kind cannot pass for another: the tag differs', () => {
    const phase = vectors.decisions[0]!;
    expect(decisionTag('phase_change')).toBe('anfora/v1/decision/phase_change');
    const asOther = { ...(phase.statement as object), kind: 'small_roll_acknowledgement' };
    expect(verifyDecision(vectors.memberKey, asOther, 'approve', phase.approveSignature)).toBe(false);
  });

  it('refuses a token request for another contest, association or blinded message', () => {
    const r = vectors.tokenRequest;
    for (const other of [{ contestId: 'tb' }, { associationId: 'assoc-2' }, { blindedMessageHash: flip(r.request.blindedMessageHash) }, { electionId: 'x' }]) {
      expect(verifyTokenRequest(vectors.associationKey, { ...r.request, ...other }, r.signature)).toBe(false);
    }
    expect(verifyTokenRequest(vectors.memberKey, r.request, r.signature)).toBe(false);
  });
});

describe('untrusted input', () => {
  const d = vectors.decisions[0]!;
  it('malformed keys, signatures and statements are false, never an exception', () => {
    for (const key of ['', 'zz', '00'.repeat(32), '01' + '00'.repeat(31), 'ec' + 'ff'.repeat(30) + '7f', null, 7]) {
      expect(verifyDecision(key, d.statement, 'approve', d.approveSignature)).toBe(false);
    }
    for (const sig of ['', 'ab', d.approveSignature.toUpperCase(), `${d.approveSignature}00`, null]) {
      expect(verifyDecision(vectors.memberKey, d.statement, 'approve', sig)).toBe(false);
    }
    for (const st of [null, {}, { ...d.statement, extra: 1 }, { ...d.statement, to: 'nowhere' }, { ...d.statement, electionId: '' }]) {
      expect(verifyDecision(vectors.memberKey, st, 'approve', d.approveSignature)).toBe(false);
      expect(parseStatement(st).ok).toBe(false);
    }
    expect(() => decisionMessage({ ...d.statement, extra: 1 } as never, 'approve')).toThrow(RangeError);
    expect(() => decisionMessage(d.statement as Statement, 'maybe' as never)).toThrow(RangeError);
  });
});

describe('recusal', () => {
  it('compares organisations by NFC, case and white space; a member is recused from their own reset', () => {
    expect(organisationKey('  Red   Perú ')).toBe(organisationKey('red perú'));
    expect(organisationKey('Red Peru\u0301')).toBe(organisationKey('Red Perú'));
    const accreditation = vectors.decisions[1]!.statement as Statement;
    expect(subjectOrganisations(accreditation)).toEqual(['asociación vida positiva']);
    const candidate = vectors.decisions[3]!.statement as Statement;
    expect(subjectOrganisations(candidate)).toEqual(['asociación vida positiva', 'hospital regional']);
    expect(recusedMemberId(vectors.decisions[7]!.statement as Statement)).toBe('member-2');
    expect(recusedMemberId(accreditation)).toBeNull();
  });
});
