/**
 * Kysely implementations of the accounts, invitations and key-revocation parts of the
 * storage port.
 * @module
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Repos } from '../domain/ports.js';
import type { Database } from './database.js';
import { toAccount, toInvitation, toKeyRevocation } from './mappers.js';

type Q = Kysely<Database> | Transaction<Database>;

function accounts(db: Q): Repos['accounts'] {
  const one = async (q: Promise<Parameters<typeof toAccount>[0] | undefined>) => {
    const r = await q;
    return r && toAccount(r);
  };
  const bump = sql<number>`session_generation + 1`;
  return {
    byEmail: (email) => one(db.selectFrom('accounts').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst()),
    byId: (id) => one(db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst()),
    lockById: (id) => one(db.selectFrom('accounts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()),
    byAssociation: (associationId) =>
      one(db.selectFrom('accounts').selectAll().where('association_id', '=', associationId).executeTakeFirst()),
    byCommitteeMember: (memberId) =>
      one(db.selectFrom('accounts').selectAll().where('committee_member_id', '=', memberId).executeTakeFirst()),
    bySigningKey: (signingKey) =>
      one(db.selectFrom('accounts').selectAll().where('signing_key', '=', signingKey).executeTakeFirst()),
    async insert(a) {
      const r = await db.insertInto('accounts').values({
        email: a.email.toLowerCase(), password_hash: null, role: a.role, status: 'invited',
        association_id: a.associationId ?? null, committee_member_id: a.committeeMemberId ?? null,
      }).returningAll().executeTakeFirstOrThrow();
      return toAccount(r);
    },
    async insertActiveAdmin(email, passwordHash) {
      const r = await db.insertInto('accounts').values({
        email: email.toLowerCase(), password_hash: passwordHash, role: 'admin', status: 'active',
      }).returningAll().executeTakeFirstOrThrow();
      return toAccount(r);
    },
    async countByRole(role) {
      const r = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', role).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async activate(id, passwordHash, signingKey) {
      await db.updateTable('accounts').set({ password_hash: passwordHash, signing_key: signingKey, status: 'active' })
        .where('id', '=', id).execute();
    },
    async setPasswordHash(id, passwordHash, endSessions) {
      await db.updateTable('accounts').set({ password_hash: passwordHash, ...(endSessions && { session_generation: bump }) })
        .where('id', '=', id).execute();
    },
    async setStatus(id, status) {
      await db.updateTable('accounts').set({ status, ...(status !== 'active' && { session_generation: bump }) })
        .where('id', '=', id).execute();
    },
    async resetCredentials(id) {
      await db.updateTable('accounts').set({ status: 'invited', password_hash: null, signing_key: null, session_generation: bump })
        .where('id', '=', id).execute();
    },
  };
}

function invitations(db: Q): Repos['invitations'] {
  return {
    async insert(i) {
      const r = await db.insertInto('invitations').values({
        account_id: i.accountId, code_hash: i.codeHash, reason: i.reason, created_by: i.createdBy,
        proposal_id: i.proposalId, expires_at: i.expiresAt,
      }).returningAll().executeTakeFirstOrThrow();
      return toInvitation(r);
    },
    async lockByCodeHash(codeHash) {
      const r = await db.selectFrom('invitations').selectAll().where('code_hash', '=', codeHash).forUpdate().executeTakeFirst();
      return r && toInvitation(r);
    },
    async markUsed(id) {
      await db.updateTable('invitations').set({ used_at: new Date() }).where('id', '=', id).execute();
    },
    async voidOpen(accountId) {
      await db.updateTable('invitations').set({ voided_at: new Date() })
        .where('account_id', '=', accountId).where('used_at', 'is', null).where('voided_at', 'is', null).execute();
    },
    async listByAccount(accountId) {
      const rows = await db.selectFrom('invitations').selectAll().where('account_id', '=', accountId)
        .orderBy('created_at').orderBy('id').execute();
      return rows.map(toInvitation);
    },
  };
}

function keyRevocations(db: Q): Repos['keyRevocations'] {
  return {
    async insert(r) {
      await db.insertInto('account_key_revocations').values({
        account_id: r.accountId, signing_key: r.signingKey, proposal_id: r.proposalId,
      }).execute();
    },
    async listByAccount(accountId) {
      const rows = await db.selectFrom('account_key_revocations').selectAll().where('account_id', '=', accountId)
        .orderBy('revoked_at').execute();
      return rows.map(toKeyRevocation);
    },
  };
}

/** The accounts part of the port, bound to one query executor. */
export function accountsRepos(db: Q): Pick<Repos, 'accounts' | 'invitations' | 'keyRevocations'> {
  return { accounts: accounts(db), invitations: invitations(db), keyRevocations: keyRevocations(db) };
}
