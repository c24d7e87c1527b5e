/**
 * Server secrets at rest (docs/voting-protocol.md "Keys at rest"): the receipt key
 * (`elections.receipt_secret_key`) is stored sealed with XChaCha20-Poly1305 under a key
 * from the environment (`ANFORA_SECRET_KEY` or `ANFORA_SECRET_KEY_FILE`, src/config.ts),
 * with the row's owner (election id) and column in the associated data, so that a
 * database dump alone does not reveal it and a sealed value cannot be moved to another
 * row. The server holds no issuing key (issue 12: the committee's issuers do).
 *
 * Sealed form: `anfs` (4 bytes) ‖ version 1 (1 byte) ‖ nonce (24 bytes) ‖ ciphertext ‖ tag
 * (16 bytes). A value without the prefix is a row written before sealing (a 32-byte
 * receipt seed): {@link sealPlaintextSecrets} seals those at start.
 * @module
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Kysely } from 'kysely';
import type { Database } from './database.js';

const MAGIC = Uint8Array.of(0x61, 0x6e, 0x66, 0x73, 0x01);
const NONCE = 24;
/** Bytes of the secret key. */
export const SECRET_KEY_BYTES = 32;

/** The database's sealed secrets do not open under the configured key. */
export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}

/** Which column a secret lives in: part of its associated data. */
export type SecretColumn = 'elections.receipt_secret_key';

function isSealed(b: Uint8Array): boolean {
  return b.length >= MAGIC.length + NONCE + 16 && MAGIC.every((x, i) => b[i] === x);
}

/** Seals and opens the server's secrets under one key. */
export class SecretBox {
  readonly #key: Uint8Array;

  constructor(key: Uint8Array) {
    if (!(key instanceof Uint8Array) || key.length !== SECRET_KEY_BYTES) throw new RangeError(`"key" expected ${SECRET_KEY_BYTES} bytes`);
    this.#key = Uint8Array.from(key);
  }

  static #ad(column: SecretColumn, owner: string): Uint8Array {
    return utf8ToBytes(`anfora/v1/secret-at-rest\u0000${column}\u0000${owner}`);
  }

  /** The sealed form of `plain`, bound to its column and owner (election or contest id). */
  seal(column: SecretColumn, owner: string, plain: Uint8Array, rng: (n: number) => Uint8Array = randomBytes): Uint8Array {
    const nonce = rng(NONCE);
    const ct = xchacha20poly1305(this.#key, nonce, SecretBox.#ad(column, owner)).encrypt(plain);
    const out = new Uint8Array(MAGIC.length + NONCE + ct.length);
    out.set(MAGIC, 0);
    out.set(nonce, MAGIC.length);
    out.set(ct, MAGIC.length + NONCE);
    return out;
  }

  /**
   * The plain secret of a stored value: opened if sealed, as is if written before sealing.
   * @throws SecretKeyError when it does not open (another key, or a value moved from another row)
   */
  open(column: SecretColumn, owner: string, stored: Uint8Array): Uint8Array {
    if (!isSealed(stored)) return stored;
    try {
      const nonce = stored.subarray(MAGIC.length, MAGIC.length + NONCE);
      return xchacha20poly1305(this.#key, nonce, SecretBox.#ad(column, owner)).decrypt(stored.subarray(MAGIC.length + NONCE));
    } catch {
      throw new SecretKeyError(`La clave secreta del servidor no abre ${column} de ${owner}: ¿ANFORA_SECRET_KEY equivocada? / `
        + `the server's secret key does not open ${column} of ${owner}: wrong ANFORA_SECRET_KEY?`);
    }
  }
}

/** True if `stored` is in the sealed form (not a row written before sealing). */
export function isSealedSecret(stored: Uint8Array): boolean {
  return isSealed(stored);
}

/**
 * At start: seal every secret still stored in the clear (rows written before sealing),
 * and open every sealed one, so that a wrong key stops the start with a clear message
 * instead of failing at the first receipt. Returns how many rows it sealed.
 * @throws SecretKeyError when a sealed secret does not open under `box`
 */
export async function sealPlaintextSecrets(db: Kysely<Database>, box: SecretBox): Promise<number> {
  let sealed = 0;
  const elections = await db.selectFrom('elections').select(['id', 'receipt_secret_key']).where('receipt_secret_key', 'is not', null).execute();
  for (const r of elections) {
    const stored = new Uint8Array(r.receipt_secret_key!);
    if (isSealed(stored)) { box.open('elections.receipt_secret_key', r.id, stored); continue; }
    await db.updateTable('elections').set({ receipt_secret_key: box.seal('elections.receipt_secret_key', r.id, stored) }).where('id', '=', r.id).execute();
    sealed++;
  }
  return sealed;
}

let processBox: SecretBox | undefined;
/**
 * A key that lives as long as this process, for tools that open, use and drop their own
 * database in one run (tests, the demo, the benchmarks). The server uses the configured key.
 */
export function processSecretBox(): SecretBox {
  processBox ??= new SecretBox(randomBytes(SECRET_KEY_BYTES));
  return processBox;
}
