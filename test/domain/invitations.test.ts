import { describe, expect, it } from 'vitest';
import {
  CODE_SYMBOLS, humanInvitationCode, invitationCodeHash, newInvitationCode, normalizeInvitationCode,
} from '../../src/domain/invitations.js';
import { activationLink, invitationTexts } from '../../src/domain/invitation-letter.js';
import { PASSWORD_COST, hashPassword, needsRehash, verifyPassword } from '../../src/domain/password.js';

describe('invitation codes', () => {
  it('carry at least 128 bits: 26 symbols of a 32-symbol alphabet, all used', () => {
    expect(CODE_SYMBOLS * Math.log2(32)).toBeGreaterThanOrEqual(128);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) for (const c of newInvitationCode()) seen.add(c);
    expect(seen.size).toBe(32);
    expect(newInvitationCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(newInvitationCode()).not.toBe(newInvitationCode());
  });
  it('read back as typed: case, dashes, spaces and the confusable letters do not matter', () => {
    const code = newInvitationCode(() => Uint8Array.from({ length: 26 }, (_, i) => i * 7));
    expect(normalizeInvitationCode(humanInvitationCode(code).toLowerCase())).toBe(code);
    expect(normalizeInvitationCode(` ${humanInvitationCode(code)} `)).toBe(code);
    expect(normalizeInvitationCode('O1IL'.repeat(6) + '00')).toBe('0111'.repeat(6) + '00');
    expect(normalizeInvitationCode('U'.repeat(26))).toBeUndefined();
    expect(normalizeInvitationCode(code.slice(1))).toBeUndefined();
  });
  it('are stored as a SHA-256 hash that differs from the code', () => {
    const code = newInvitationCode();
    expect(invitationCodeHash(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(invitationCodeHash(code)).not.toContain(code.toLowerCase());
    expect(invitationCodeHash(code)).not.toBe(invitationCodeHash(newInvitationCode()));
  });
  it('reach the owner in a letter and an e-mail, Spanish first, with the link carrying the code in its fragment', () => {
    const code = newInvitationCode();
    const issued = {
      code, addressee: 'Asociación Esperanza', account: { id: 'a', email: 'e@x.pe', role: 'association' as const },
      invitation: { id: 'i', accountId: 'a', reason: 'created' as const, createdBy: null, proposalId: null, createdAt: new Date(), expiresAt: new Date('2026-12-20T10:00:00Z'), usedAt: null, voidedAt: null },
    };
    const t = invitationTexts(issued, 'https://anfora.example/');
    expect(t.link).toBe(`https://anfora.example/app/activate.html#code=${code}`);
    expect(activationLink('https://x.pe', code)).toBe(`https://x.pe/app/activate.html#code=${code}`);
    expect(t.letter.indexOf('Le invitamos')).toBeLessThan(t.letter.indexOf('You are invited'));
    expect(t.letter).toContain(humanInvitationCode(code));
    expect(t.letter).toContain('2026-12-20 10:00 UTC');
    expect(t.emailBody).toContain(t.link);
  });
});

describe('password hashing', () => {
  it('uses scrypt with N ≥ 2^17 in production', async () => {
    expect(PASSWORD_COST.N).toBeGreaterThanOrEqual(2 ** 17);
    const h = await hashPassword('una contraseña larga');
    expect(h.split('$').slice(0, 4)).toEqual(['scrypt', String(PASSWORD_COST.N), '8', '1']);
    expect(await verifyPassword('una contraseña larga', h)).toBe(true);
    expect(await verifyPassword('una contraseña largA', h)).toBe(false);
    expect(needsRehash(h)).toBe(false);
  });
  it('marks older, cheaper hashes for rehashing, and refuses malformed or over-costly ones', async () => {
    const cheap = await hashPassword('clave-antigua-123', { N: 2 ** 14, r: 8, p: 1 });
    expect(await verifyPassword('clave-antigua-123', cheap)).toBe(true);
    expect(needsRehash(cheap)).toBe(true);
    expect(await verifyPassword('x', 'scrypt$3$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', `scrypt$${2 ** 24}$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`)).toBe(false);
    expect(needsRehash('bcrypt$whatever')).toBe(true);
  });
});
