/**
 * Accounts as their owners get them: through the invitation an administrator (or a
 * committee decision) issued, activated with a password the owner chooses and an
 * Ed25519 signing key the owner generates. No test sets a password as an administrator.
 */
import { expect } from 'vitest';
import { generateBallotKeys } from '../../src/crypto/ballot-signature.js';
import { toHex } from '../../src/crypto/group.js';
import { activateAccount } from '../../src/domain/accounts.service.js';
import { issueInvitation } from '../../src/domain/invitations.js';
import type { AccountRole } from '../../src/domain/reference.js';
import { proveAccountKey } from '../../src/record/account-key.js';
import { TEST_PASSWORD_COST, type TestApp } from './app.js';

/** An activated account and what only its owner holds. */
export interface TestAccount {
  readonly accountId: string;
  readonly email: string;
  readonly role: AccountRole;
  readonly password: string;
  /** The owner's Ed25519 secret seed (32 bytes): signs proposals, approvals, token requests. */
  readonly signingSecretKey: Uint8Array;
  /** The registered public key, lower-case hex (as `accounts.signing_key`). */
  readonly signingPublicKey: string;
  /** Sign in with the password and return a fresh access token. */
  token(): Promise<string>;
}

/** A fresh password for an owner to choose (deterministic per label, 12+ characters). */
export const ownerPassword = (label: string): string => `propia-${label}-2026`;

/**
 * The owner's side of an invitation, over HTTP: look up the code, generate a key, prove
 * possession, activate with `password`.
 */
export async function activateInvitation(t: TestApp, code: string, password: string): Promise<TestAccount> {
  const info = await t.call('POST', '/invitations/inspect', { body: { code } });
  expect(info.statusCode, info.body).toBe(200);
  const { accountId, email, role } = info.json() as { accountId: string; email: string; role: AccountRole };
  const keys = generateBallotKeys();
  const { signingKey, proof } = proveAccountKey(keys.secretKey, accountId);
  const r = await t.call('POST', '/invitations/activate', { body: { code, password, signingKey, proof } });
  expect(r.statusCode, r.body).toBe(200);
  return {
    accountId, email, role, password, signingSecretKey: keys.secretKey, signingPublicKey: signingKey,
    token: () => t.login(email, password),
  };
}

/** An administrator invites an auditor (or administrator); its owner activates it. */
export async function createStaffAccount(t: TestApp, adminToken: string, email: string, role: 'auditor' | 'admin' = 'auditor'): Promise<TestAccount> {
  const r = await t.call('POST', '/accounts', { token: adminToken, body: { email, role } });
  expect(r.statusCode, r.body).toBe(201);
  return activateInvitation(t, r.json().invitation.code, ownerPassword(email));
}

/**
 * The same flow through the services, without HTTP, for accounts of associations
 * written straight to the database (large rolls): invitation issued, then activated by
 * its owner with their own key. Returns each account with an access token, in the order
 * given. Accounts are independent rows, so a few are activated at once (their database
 * round trips overlap; each is still one transaction).
 */
export async function activateInBulk(
  t: TestApp, accounts: readonly { email: string; role: AccountRole; associationId?: string; addressee: string }[],
  password?: string,
): Promise<(TestAccount & { accessToken: string })[]> {
  const one = async (a: (typeof accounts)[number]): Promise<TestAccount & { accessToken: string }> => {
    const issued = await t.store.transaction(async (r) => {
      const account = await r.accounts.insert({ email: a.email, role: a.role, associationId: a.associationId ?? null });
      return issueInvitation(r, account, a.addressee, { reason: 'created', createdBy: null, proposalId: null, seconds: 3600 });
    });
    const keys = generateBallotKeys();
    const { signingKey, proof } = proveAccountKey(keys.secretKey, issued.account.id);
    const chosen = password ?? ownerPassword(a.email);
    const account = await activateAccount(t.store, { code: issued.code, password: chosen, signingKey, proof }, TEST_PASSWORD_COST);
    return {
      accountId: account.id, email: account.email, role: account.role, password: chosen, signingSecretKey: keys.secretKey,
      signingPublicKey: toHex(keys.publicKey), token: () => t.login(account.email, chosen),
      accessToken: t.app.issueAccessToken({ accountId: account.id, role: account.role, associationId: account.associationId, committeeMemberId: account.committeeMemberId }, account.sessionGeneration),
    };
  };
  const out: (TestAccount & { accessToken: string })[] = [];
  for (let i = 0; i < accounts.length; i += BULK_AT_ONCE) out.push(...await Promise.all(accounts.slice(i, i + BULK_AT_ONCE).map(one)));
  return out;
}

/** Accounts activated at once by {@link activateInBulk} (below the test database pool's size). */
const BULK_AT_ONCE = 6;
