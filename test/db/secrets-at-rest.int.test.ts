/**
 * Keys at rest (docs/voting-protocol.md "Keys at rest"): the receipt key is sealed in the
 * database under the server's secret key, so a dump of the tables holds none of its bytes;
 * the issuing keys are not on the server at all (issue 12: each issuer keeps its own), so
 * neither the ballots' database nor the relay's holds any of their bytes; a store with
 * another key refuses clearly; rows written before sealing are sealed at start; the key
 * comes from the environment, a file, or (on PGlite) DATA_DIR, and PostgreSQL without one
 * refuses to start.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Kysely, sql } from 'kysely';
import { SecretKeyMissing, resolveSecretKey } from '../../src/cli/secret-key.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { SecretBox, SecretKeyError, isSealedSecret, processSecretBox, sealPlaintextSecrets } from '../../src/db/secrets.js';
import { createStore } from '../../src/db/store.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openVotingElection, testIssuerKeys2, type VotingElection } from '../helpers/voting.js';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));
  const secret = randomBytes(32);
  it('opens what it sealed, for the same column and owner only', () => {
    const sealed = box.seal('elections.receipt_secret_key', 'e-1', secret);
    expect(isSealedSecret(sealed)).toBe(true);
    expect(bytesToHex(sealed)).not.toContain(bytesToHex(secret));
    expect(box.open('elections.receipt_secret_key', 'e-1', sealed)).toEqual(secret);
    expect(() => box.open('elections.receipt_secret_key', 'e-2', sealed)).toThrow(SecretKeyError);
    const flipped = Uint8Array.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => box.open('elections.receipt_secret_key', 'e-1', flipped)).toThrow(SecretKeyError);
  });
  it('another key does not open it, with a message naming the variable', () => {
    const sealed = box.seal('elections.receipt_secret_key', 'e-1', secret);
    expect(() => new SecretBox(randomBytes(32)).open('elections.receipt_secret_key', 'e-1', sealed)).toThrow(/wrong ANFORA_SECRET_KEY/);
  });
  it('passes a value written before sealing through as it is', () => {
    expect(box.open('elections.receipt_secret_key', 'e-1', secret)).toEqual(secret);
  });
});

describe('the key from the environment', () => {
  const key = bytesToHex(randomBytes(32));
  const dir = mkdtempSync(join(tmpdir(), 'anfora-key-'));
  it('ANFORA_SECRET_KEY, or a file, parsed by the configuration', () => {
    expect(bytesToHex(resolveSecretKey(loadConfig({ ANFORA_SECRET_KEY: key, DATABASE_URL: 'postgres://x@localhost/db' }), () => {}))).toBe(key);
    const file = join(dir, 'k');
    writeFileSync(file, `${key.toUpperCase()}\n`);
    expect(bytesToHex(resolveSecretKey(loadConfig({ ANFORA_SECRET_KEY_FILE: file, DATABASE_URL: 'postgres://x@localhost/db' }), () => {}))).toBe(key);
    expect(() => loadConfig({ ANFORA_SECRET_KEY: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ ANFORA_SECRET_KEY: key, ANFORA_SECRET_KEY_FILE: file })).toThrow(/not both/);
    writeFileSync(file, 'not a key');
    expect(() => resolveSecretKey(loadConfig({ ANFORA_SECRET_KEY_FILE: file }), () => {})).toThrow(SecretKeyMissing);
  });
  it('PostgreSQL without a key refuses to start, saying what to set', () => {
    expect(() => resolveSecretKey(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' }), () => {})).toThrow(/ANFORA_SECRET_KEY .*is missing/);
  });
  it('PGlite without a key generates one into DATA_DIR once, says so, and reads it back', () => {
    const said: string[] = [];
    const first = resolveSecretKey(loadConfig({ DATA_DIR: dir }), (l) => said.push(l));
    expect(said.join(' ')).toContain(join(dir, 'secret.key'));
    expect(statSync(join(dir, 'secret.key')).mode & 0o077).toBe(0);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(bytesToHex(first));
    const again: string[] = [];
    expect(resolveSecretKey(loadConfig({ DATA_DIR: dir }), (l) => again.push(l))).toEqual(first);
    expect(again).toEqual([]);
  });
});

describe('secrets in the database', () => {
  let t: TestApp;
  let v: VotingElection;
  beforeAll(async () => {
    t = await createTestApp();
    v = await openVotingElection(t, { plwha: 2, tb: 2 }, 'k');
  }, 240_000);
  afterAll(async () => { await t?.close(); });

  /** What a dump of a database holds: every row of every table of its schema, bytea as hex. */
  async function dumpOf(db: Kysely<any>): Promise<string> {
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
    const lines: string[] = [];
    for (const { name } of tables.rows) {
      const rows = await sql<{ row: string }>`select row_to_json(t)::text as row from ${sql.table(name)} t`.execute(db);
      lines.push(`-- ${name}`, ...rows.rows.map((r) => r.row));
    }
    return lines.join('\n').toLowerCase();
  }
  /** The ballots' database (elections, whose receipt key is the sealed secret, and every other table). */
  const dumpText = (): Promise<string> => dumpOf(t.database.db);

  it('a dump of the tables holds no byte string of the receipt key or of an issuing key', async () => {
    const state = await t.store.read.voting.state(v.electionId);
    const seed = state.receiptSecretKey!;
    const manifest = state.manifest as { receiptKey: string; contests: { id: string }[] };
    // The store opens the real key: it is the manifest's receipt key.
    expect(bytesToHex(ed25519.getPublicKey(seed))).toBe(manifest.receiptKey);
    const dump = await dumpText();
    expect(dump).toContain('-- elections');
    expect(dump).toContain(v.electionId);
    expect(dump).not.toContain(bytesToHex(seed));
    // The issuing keys are not on the server at all (issue 12): each issuer keeps its own
    // private key, the server and its relay only ever see the public keys and blind
    // signatures. No table for them, and no byte string of one in either database.
    expect(dump).not.toContain('-- issuance_keys');
    const relayDump = await dumpOf(t.relayDb);
    expect(relayDump).toContain('-- token_requests');
    for (const key of testIssuerKeys2()) {
      expect(dump).not.toContain(bytesToHex(key.pkcs8));
      expect(relayDump).not.toContain(bytesToHex(key.pkcs8));
    }
    expect(relayDump).not.toContain(bytesToHex(seed));
  });

  it('a store with another key refuses clearly, and so does the start', async () => {
    const wrong = createStore(t.database.db, new SecretBox(randomBytes(32)));
    await expect(wrong.read.voting.state(v.electionId)).rejects.toThrow(/wrong ANFORA_SECRET_KEY/);
    await expect(sealPlaintextSecrets(t.database.db, new SecretBox(randomBytes(32)))).rejects.toThrow(SecretKeyError);
  });

  it('rows written before sealing are sealed at start, and still open to the same key', async () => {
    const state = await t.store.read.voting.state(v.electionId);
    const seed = state.receiptSecretKey!;
    await t.database.db.updateTable('elections').set({ receipt_secret_key: seed }).where('id', '=', v.electionId).execute();
    expect(await dumpText()).toContain(bytesToHex(seed));
    expect(await sealPlaintextSecrets(t.database.db, processSecretBox())).toBe(1);
    expect(await dumpText()).not.toContain(bytesToHex(seed));
    expect((await t.store.read.voting.state(v.electionId)).receiptSecretKey).toEqual(seed);
    expect(await sealPlaintextSecrets(t.database.db, processSecretBox())).toBe(0);
  });
});
