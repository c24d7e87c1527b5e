/**
 * Accounts: sign-in, sessions, the bootstrap administrator, invitations and their
 * activation, and the owner's password change. No function here lets anyone but the
 * owner choose, learn or change an account's password: an administrator creates
 * invitations; the owner activates them.
 * @module
 */
import { publishKeyRegistration } from './governance.service.js';
import { checkAccountKey } from '../record/account-key.js';
import { DomainError } from './errors.js';
import { issueInvitation, redeemableInvitation, type IssuedInvitation } from './invitations.js';
import type { Account, Actor, Invitation } from './model.js';
import { dummyHash, hashPassword, needsRehash, PASSWORD_COST, verifyPassword, type PasswordCost } from './password.js';
import type { Repos, Store } from './ports.js';
import type { AccountRole } from './reference.js';

export const actorOf = (a: Account): Actor => ({
  accountId: a.id, role: a.role, associationId: a.associationId, committeeMemberId: a.committeeMemberId, signingKey: a.signingKey,
});

/** Costs and lifetimes the services need; production uses the defaults. */
export interface AccountPolicy {
  /** scrypt cost of new password hashes (tests lower it; production never does). */
  readonly passwordCost: PasswordCost;
  /** How long an invitation stays valid, in seconds. */
  readonly invitationSeconds: number;
}

/**
 * The active account for these credentials, or `invalid_credentials` (the same answer,
 * and about the same time, for an unknown email, an account not yet activated, a disabled
 * one or a wrong password). A hash older than the current cost is rehashed.
 */
export async function authenticate(store: Store, email: string, password: string, cost: PasswordCost = PASSWORD_COST): Promise<Account> {
  const account = await store.read.accounts.byEmail(email);
  const stored = account?.status === 'active' ? account.passwordHash : null;
  const ok = await verifyPassword(password, stored ?? (await dummyHash(cost)));
  if (!account || !stored || !ok) throw new DomainError('invalid_credentials');
  if (needsRehash(stored, cost)) {
    const rehashed = await hashPassword(password, cost);
    // Same password, same sessions: only the stored form changes.
    await store.transaction(async (r) => {
      const now = await r.accounts.lockById(account.id);
      if (now?.passwordHash === stored) await r.accounts.setPasswordHash(account.id, rehashed, false);
    });
  }
  return account;
}

/**
 * The account behind an access token, if the token's session is still valid: the
 * account exists, is active, has the token's role and the token's session generation.
 */
export async function sessionAccount(store: Store, claims: { accountId: string; role: AccountRole; generation: number }): Promise<Account> {
  const a = await store.read.accounts.byId(claims.accountId);
  if (!a || a.status !== 'active' || a.role !== claims.role || a.sessionGeneration !== claims.generation) {
    throw new DomainError('unauthenticated');
  }
  return a;
}

/**
 * Create the first administrator if there is none. Returns the created account, or null
 * when an administrator already exists (the password is then ignored). The caller shows
 * the password on the terminal or took it from the environment: it is never logged.
 */
export async function ensureBootstrapAdmin(store: Store, email: string, password: string, cost: PasswordCost = PASSWORD_COST): Promise<Account | null> {
  const passwordHash = await hashPassword(password, cost);
  return store.transaction(async (r) => {
    if ((await r.accounts.countByRole('admin')) > 0) return null;
    const account = await r.accounts.insertActiveAdmin(email, passwordHash);
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

/** An administrator invites an auditor or another administrator. */
export async function inviteStaff(
  store: Store, actor: Actor, input: { email: string; role: 'auditor' | 'admin' }, policy: AccountPolicy,
): Promise<IssuedInvitation> {
  return store.transaction(async (r) => {
    if (await r.accounts.byEmail(input.email)) throw new DomainError('duplicate_email', { email: input.email });
    const a = await r.accounts.insert({ email: input.email, role: input.role });
    await r.audit.append({ electionId: null, accountId: actor.accountId, action: 'invite_account', details: { accountId: a.id, role: input.role } });
    return issueInvitation(r, a, input.email, { reason: 'created', createdBy: actor.accountId, proposalId: null, seconds: policy.invitationSeconds });
  });
}

/**
 * A new invitation for an account that was never activated (its invitation expired or was
 * lost), replacing the open one. An active account is never re-invited this way: that
 * would be a credential reset, which only a committee decision makes.
 */
export async function reissueInvitation(store: Store, actor: Actor, accountId: string, policy: AccountPolicy): Promise<IssuedInvitation> {
  return store.transaction(async (r) => {
    const a = await r.accounts.lockById(accountId);
    if (!a) throw new DomainError('not_found', { what: 'account' });
    if (a.status !== 'invited') {
      throw new DomainError('account_state', {
        reasonEs: 'solo se vuelve a invitar una cuenta que nunca se activó; para una cuenta activa, el comité decide un restablecimiento',
        reasonEn: 'only an account never activated is invited again; for an active account the committee decides a reset',
      });
    }
    const addressee = a.associationId ? (await r.associations.byId(a.associationId))?.legalName
      : a.committeeMemberId ? (await r.committee.byId(a.committeeMemberId))?.fullName : undefined;
    await r.audit.append({ electionId: null, accountId: actor.accountId, action: 'reissue_invitation', details: { accountId } });
    return issueInvitation(r, a, addressee ?? a.email, { reason: 'created', createdBy: actor.accountId, proposalId: null, seconds: policy.invitationSeconds });
  });
}

/** What the holder of a code learns before activating: which account it opens. */
export async function inspectInvitation(store: Store, code: string): Promise<{ account: Account; expiresAt: Date }> {
  return store.transaction(async (r) => {
    const inv = await redeemableInvitation(r, code);
    const account = (await r.accounts.byId(inv.accountId))!;
    return { account, expiresAt: inv.expiresAt };
  });
}

/** The invitation and account of an activation, if the code, the account and the key all allow it. */
async function checkActivation(r: Repos, input: { code: string; signingKey: string; proof: string }, lock = false): Promise<{ inv: Invitation; account: Account }> {
  const inv = await redeemableInvitation(r, input.code);
  const account = lock ? await r.accounts.lockById(inv.accountId) : await r.accounts.byId(inv.accountId);
  if (!account || account.status !== 'invited') {
    throw new DomainError('account_state', { reasonEs: 'la cuenta no espera activación', reasonEn: 'the account is not awaiting activation' });
  }
  const check = checkAccountKey(account.id, input.signingKey, input.proof);
  if (!check.ok) throw new DomainError('signing_key_rejected', { reason: check.reason });
  if ((await r.keyRevocations.listByAccount(account.id)).some((k) => k.signingKey === input.signingKey)
    || await r.accounts.bySigningKey(input.signingKey)) {
    throw new DomainError('signing_key_rejected', { reason: 'duplicate_key' });
  }
  return { inv, account };
}

/**
 * The owner activates their account: the invitation is used up, the password they chose
 * is set, and their public signing key is registered after its proof of possession
 * verifies. One transaction: on any refusal nothing changes.
 */
export async function activateAccount(
  store: Store, input: { code: string; password: string; signingKey: string; proof: string }, cost: PasswordCost = PASSWORD_COST,
): Promise<Account> {
  // The cheap checks first, so that a wrong code or key costs no scrypt (128 MiB each);
  // they run again, under lock, in the transaction.
  await checkActivation(store.read, input);
  const passwordHash = await hashPassword(input.password, cost);
  return store.transaction(async (r) => {
    const { inv, account } = await checkActivation(r, input, true);
    await r.invitations.markUsed(inv.id);
    await r.accounts.activate(account.id, passwordHash, input.signingKey);
    await r.audit.append({ electionId: null, accountId: account.id, action: 'activate_account', details: { invitationId: inv.id, signingKey: input.signingKey } });
    const activated = (await r.accounts.byId(account.id))!;
    await publishKeyRegistration(r, activated);
    return activated;
  });
}

/**
 * The owner changes their password (old and new). Every other session of the account
 * ends; the caller issues a new access token for this one.
 */
export async function changePassword(
  store: Store, actor: Actor, input: { oldPassword: string; newPassword: string }, cost: PasswordCost = PASSWORD_COST,
): Promise<Account> {
  if (input.oldPassword === input.newPassword) throw new DomainError('password_unchanged');
  const current = await store.read.accounts.byId(actor.accountId);
  if (!current?.passwordHash || !(await verifyPassword(input.oldPassword, current.passwordHash))) throw new DomainError('wrong_password');
  const passwordHash = await hashPassword(input.newPassword, cost);
  return store.transaction(async (r) => {
    const a = await r.accounts.lockById(actor.accountId);
    // A concurrent change got there first: the old password checked above is stale.
    if (!a || a.passwordHash !== current.passwordHash) throw new DomainError('wrong_password');
    await r.accounts.setPasswordHash(a.id, passwordHash, true);
    await r.audit.append({ electionId: null, accountId: a.id, action: 'change_password', details: {} });
    return (await r.accounts.byId(a.id))!;
  });
}

/** An administrator disables an account for good; its sessions end at once. */
export async function disableAccount(store: Store, actor: Actor, id: string): Promise<Account> {
  if (id === actor.accountId) {
    throw new DomainError('account_state', { reasonEs: 'no puede desactivar su propia cuenta', reasonEn: 'you cannot disable your own account' });
  }
  return store.transaction(async (r) => {
    const a = await r.accounts.lockById(id);
    if (!a) throw new DomainError('not_found', { what: 'account' });
    if (a.status === 'disabled') throw new DomainError('account_state', { reasonEs: 'ya está desactivada', reasonEn: 'it is already disabled' });
    await r.accounts.setStatus(id, 'disabled');
    await r.invitations.voidOpen(id);
    await r.audit.append({ electionId: null, accountId: actor.accountId, action: 'disable_account', details: { accountId: id } });
    return (await r.accounts.byId(id))!;
  });
}
