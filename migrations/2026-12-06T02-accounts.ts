// Frozen in time: this migration never imports application code.
// Accounts belong to their owners: an account is created as an invitation (a one-time
// code kept only as a hash), and at activation its owner chooses the password and
// registers the public half of an Ed25519 key they generated themselves. The
// administrator never sets a password. A session generation counter, carried in every
// access token, ends an account's sessions when it changes.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').alterColumn('password_hash', (c) => c.dropNotNull()).execute();
  await db.schema.alterTable('accounts')
    // Lower-case hex of the owner's 32-byte Ed25519 public key; NULL until activation and
    // after a credential reset revokes it.
    .addColumn('signing_key', 'text', (c) => c.check(sql`signing_key ~ '^[0-9a-f]{64}$'`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active')
      .check(sql`status IN ('invited', 'active', 'disabled')`))
    .addColumn('session_generation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`ALTER TABLE accounts ALTER COLUMN status SET DEFAULT 'invited'`.execute(db);
  // An active account has a password; an invited one has neither password nor key.
  await sql`ALTER TABLE accounts ADD CONSTRAINT accounts_status_credentials CHECK (
    (status <> 'active' OR password_hash IS NOT NULL)
    AND (status <> 'invited' OR (password_hash IS NULL AND signing_key IS NULL)))`.execute(db);
  await sql`CREATE UNIQUE INDEX accounts_signing_key ON accounts (signing_key) WHERE signing_key IS NOT NULL`.execute(db);

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    // SHA-256 (hex) of the code: the code itself is shown once and never stored.
    .addColumn('code_hash', 'text', (c) => c.notNull().unique().check(sql`code_hash ~ '^[0-9a-f]{64}$'`))
    // 'created' by an administrator, or 'credential_reset' by a committee decision.
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason IN ('created', 'credential_reset')`))
    .addColumn('created_by', 'uuid')
    .addColumn('proposal_id', 'uuid', (c) => c.references('proposals.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    // Set when a newer invitation for the same account replaces this one.
    .addColumn('voided_at', 'timestamptz')
    .execute();
  await sql`CREATE UNIQUE INDEX invitations_one_open ON invitations (account_id)
            WHERE used_at IS NULL AND voided_at IS NULL`.execute(db);

  // Keys revoked by a credential reset, with the decision that revoked them.
  await db.schema
    .createTable('account_key_revocations')
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('signing_key', 'text', (c) => c.notNull().check(sql`signing_key ~ '^[0-9a-f]{64}$'`))
    .addColumn('proposal_id', 'uuid', (c) => c.references('proposals.id'))
    .addColumn('revoked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('account_key_revocations_pk', ['account_id', 'signing_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_key_revocations').execute();
  await db.schema.dropTable('invitations').execute();
  await sql`ALTER TABLE accounts DROP CONSTRAINT accounts_status_credentials`.execute(db);
  await db.schema.alterTable('accounts').dropColumn('session_generation').dropColumn('status').dropColumn('signing_key').execute();
  await db.schema.alterTable('accounts').alterColumn('password_hash', (c) => c.setNotNull()).execute();
}
