/**
 * Accounts: sign-in, the bootstrap administrator, and who an account may see.
 * @module
 */
import { DomainError } from './errors.js';
import type { Account, Actor } from './model.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';
import type { Store } from './ports.js';

export const actorOf = (a: Account): Actor => ({
  accountId: a.id, role: a.role, associationId: a.associationId, committeeMemberId: a.committeeMemberId,
});

/** The account for these credentials, or `invalid_credentials` (same time either way). */
export async function authenticate(store: Store, email: string, password: string): Promise<Account> {
  const account = await store.read.accounts.byEmail(email);
  const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyHash()));
  if (!account || !ok) throw new DomainError('invalid_credentials');
  return account;
}

/**
 * Create the first administrator if there is none. Returns the created account, or null
 * when an administrator already exists (the password is then ignored).
 */
export async function ensureBootstrapAdmin(store: Store, email: string, password: string): Promise<Account | null> {
  const passwordHash = await hashPassword(password);
  return store.transaction(async (r) => {
    if ((await r.accounts.countByRole('admin')) > 0) return null;
    const account = await r.accounts.insert({ email, passwordHash, role: 'admin' });
    await r.audit.append({ electionId: null, accountId: account.id, action: 'bootstrap_admin', details: { email } });
    return account;
  });
}

/** Whether the store has an administrator yet. */
export async function hasAdmin(store: Store): Promise<boolean> {
  return (await store.read.accounts.countByRole('admin')) > 0;
}

/** An account as its owner or an administrator sees it. */
export async function getAccount(store: Store, actor: Actor, id: string): Promise<Account> {
  if (actor.role !== 'admin' && actor.accountId !== id) throw new DomainError('forbidden');
  const a = await store.read.accounts.byId(id);
  if (!a) throw new DomainError('not_found', { what: 'account' });
  return a;
}

/** An administrator creates an auditor's or another administrator's account. */
export async function createStaffAccount(
  store: Store, actor: Actor, input: { email: string; password: string; role: 'auditor' | 'admin' },
): Promise<Account> {
  const passwordHash = await hashPassword(input.password);
  return store.transaction(async (r) => {
    if (await r.accounts.byEmail(input.email)) throw new DomainError('duplicate_email', { email: input.email });
    const a = await r.accounts.insert({ email: input.email, passwordHash, role: input.role });
    await r.audit.append({ electionId: null, accountId: actor.accountId, action: 'create_account', details: { accountId: a.id, role: input.role } });
    return a;
  });
}
