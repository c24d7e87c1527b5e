/**
 * The owner's side of an account (issue 11), shared by the activation page, the
 * `npm run account` CLI, the demo and the tests: look up an invitation, generate the
 * Ed25519 signing key on this side, prove its possession, activate with the password the
 * owner chose, and change that password later. The secret key never leaves this side.
 * Browser-safe: no `node:*` import.
 * @module
 */
import { generateBallotKeys } from '../crypto/ballot-signature.js';
import type { RNG } from '../crypto/group.js';
import { proveAccountKey } from '../record/account-key.js';
import { type ApiClient, ApiError } from './api.js';

/** Which account an invitation code opens, as the server says before activation. */
export interface InvitationInfo {
  readonly accountId: string;
  readonly email: string;
  readonly role: 'admin' | 'committee' | 'association' | 'auditor';
  readonly expiresAt: string;
}

/** An activated account and its signing key (the secret half is the caller's to keep). */
export interface ActivatedAccount extends InvitationInfo {
  /** The Ed25519 secret seed, 32 bytes: seal it in a key file, never send it. */
  readonly secretKey: Uint8Array;
  /** Lower-case hex of the registered public key. */
  readonly signingKey: string;
  /** An access token for the activated account (set once the activation succeeded). */
  readonly accessToken?: string;
}

const ROLES = new Set(['admin', 'committee', 'association', 'auditor']);

function readInfo(answer: unknown): InvitationInfo {
  const a = answer as Record<string, unknown> | null;
  if (typeof a !== 'object' || a === null || typeof a.accountId !== 'string' || typeof a.email !== 'string'
    || typeof a.role !== 'string' || !ROLES.has(a.role) || typeof a.expiresAt !== 'string') {
    throw new ApiError(200, 'bad_response', 'the invitation answer is malformed');
  }
  return { accountId: a.accountId, email: a.email, role: a.role as InvitationInfo['role'], expiresAt: a.expiresAt };
}

/**
 * Which account `code` opens (`POST /invitations/inspect`: the code travels in the body,
 * never in a URL).
 * @throws ApiError (400 `invitation_invalid` for an unknown, used, replaced or expired code)
 */
export async function inspectInvitation(api: ApiClient, code: string): Promise<InvitationInfo> {
  return readInfo(await api.post('/invitations/inspect', { code }));
}

/**
 * Activate the account of `code`: a fresh Ed25519 key from `rng`, its proof of possession
 * for the account, and the owner's `password`. `persist` runs with the new key before its
 * public half is registered, so that a key is never registered that its owner failed to
 * keep (a key file that could not be written stops the activation). Returns the key with
 * the account.
 * @throws ApiError (`invitation_invalid`, `signing_key_rejected`, `validation_failed` for a short password, …)
 * @example const acct = await activateAccount(pub, code, password, async (a) => save(seal(a.secretKey)));
 */
export async function activateAccount(
  api: ApiClient, code: string, password: string, persist?: (account: ActivatedAccount) => Promise<void>, rng?: RNG,
): Promise<ActivatedAccount> {
  const info = await inspectInvitation(api, code);
  const keys = rng ? generateBallotKeys(rng) : generateBallotKeys();
  const { signingKey, proof } = proveAccountKey(keys.secretKey, info.accountId);
  const account = { ...info, secretKey: keys.secretKey, signingKey };
  if (persist) await persist(account);
  const answer = await api.post('/invitations/activate', { code, password, signingKey, proof }) as Record<string, unknown> | null;
  if (answer?.id !== info.accountId || answer.signingKey !== signingKey || typeof answer.accessToken !== 'string') {
    throw new ApiError(200, 'bad_response', 'the activation answer does not name this account and key');
  }
  return { ...account, accessToken: answer.accessToken };
}

/**
 * Change the signed-in owner's password (`POST /auth/password`). The server ends the
 * account's other sessions; the returned client carries the new session's token.
 * @throws ApiError (403 `wrong_password`, 400 `password_unchanged` or `validation_failed`)
 */
export async function changePassword(api: ApiClient, oldPassword: string, newPassword: string): Promise<ApiClient> {
  const answer = await api.post('/auth/password', { oldPassword, newPassword }) as Record<string, unknown> | null;
  if (typeof answer?.accessToken !== 'string' || answer.accessToken === '') {
    throw new ApiError(200, 'bad_response', 'the password answer has no accessToken');
  }
  return api.withToken(answer.accessToken);
}

/** The invitation code in an activation link's fragment (`#code=…`), if there is one. */
export function codeFromFragment(hash: string): string | undefined {
  const m = /(?:^#|&)code=([0-9A-Za-z-]{10,100})(?:&|$)/.exec(hash);
  return m?.[1];
}
