/**
 * Invitations: how an account reaches its owner without the administrator ever knowing
 * its password. An invitation is a one-time code of 130 bits (26 symbols of Crockford's
 * base32), stored only as its SHA-256 (a code this random needs no slow hash), that
 * expires and works once. The owner redeems it at activation, choosing the password and
 * registering the public half of a signing key they generated themselves.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from './errors.js';
import type { Account, Invitation } from './model.js';
import type { Repos } from './ports.js';

/** Crockford's base32: no I, L, O or U, so that a code read aloud or typed is unambiguous. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Symbols in a code: 26 × 5 = 130 bits of entropy. */
export const CODE_SYMBOLS = 26;
/** Default lifetime of an invitation: 14 days. */
export const DEFAULT_INVITATION_SECONDS = 14 * 24 * 3600;

/** A fresh invitation code, `CODE_SYMBOLS` symbols of {@link ALPHABET}, from `rng`. */
export function newInvitationCode(rng: (n: number) => Uint8Array = randomBytes): string {
  // 256 is a multiple of 32: masking a byte to 5 bits is uniform.
  return [...rng(CODE_SYMBOLS)].map((b) => ALPHABET[b & 31]).join('');
}

/**
 * The canonical form of a code as a person may type it: case, spaces and dashes ignored,
 * and the letters Crockford maps (I, L → 1; O → 0). Undefined if it cannot be a code.
 */
export function normalizeInvitationCode(input: string): string | undefined {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return s.length === CODE_SYMBOLS && [...s].every((c) => ALPHABET.includes(c)) ? s : undefined;
}

/** The code in groups of four, for the letter: `ABCD-EFGH-…-YZ`. */
export function humanInvitationCode(code: string): string {
  return code.match(/.{1,4}/g)!.join('-');
}

/** What is stored: SHA-256 (hex) of the code under a fixed label. */
export function invitationCodeHash(code: string): string {
  return createHash('sha256').update(`anfora/v1/invitation-code:${code}`).digest('hex');
}

/** An invitation just created, with its code: the only moment the code exists outside its holder. */
export interface IssuedInvitation {
  readonly invitation: Invitation;
  readonly code: string;
  readonly account: Pick<Account, 'id' | 'email' | 'role'>;
  /** Whom the letter addresses: the association's legal name, the member's full name, or the email. */
  readonly addressee: string;
}

/**
 * Create the account's invitation inside the caller's transaction, voiding any open one
 * it replaces.
 */
export async function issueInvitation(
  r: Repos, account: Pick<Account, 'id' | 'email' | 'role'>, addressee: string,
  opts: { reason: Invitation['reason']; createdBy: string | null; proposalId: string | null; seconds: number },
): Promise<IssuedInvitation> {
  const code = newInvitationCode();
  await r.invitations.voidOpen(account.id);
  const invitation = await r.invitations.insert({
    accountId: account.id, codeHash: invitationCodeHash(code), reason: opts.reason, createdBy: opts.createdBy,
    proposalId: opts.proposalId, expiresAt: new Date(Date.now() + opts.seconds * 1000),
  });
  return { invitation, code, account: { id: account.id, email: account.email, role: account.role }, addressee };
}

/**
 * The open invitation for a code, locked, or `invitation_invalid` naming why not
 * (unknown, used, voided, expired).
 */
export async function redeemableInvitation(r: Repos, code: string): Promise<Invitation> {
  const canonical = normalizeInvitationCode(code);
  const inv = canonical === undefined ? undefined : await r.invitations.lockByCodeHash(invitationCodeHash(canonical));
  if (!inv) throw new DomainError('invitation_invalid', { reason: 'unknown' });
  if (inv.usedAt) throw new DomainError('invitation_invalid', { reason: 'used' });
  if (inv.voidedAt) throw new DomainError('invitation_invalid', { reason: 'voided' });
  if (inv.expiresAt.getTime() <= Date.now()) throw new DomainError('invitation_invalid', { reason: 'expired' });
  return inv;
}
