/**
 * Where the server's secret key comes from (docs/voting-protocol.md "Keys at rest";
 * README "Backup"): `ANFORA_SECRET_KEY`, else the file `ANFORA_SECRET_KEY_FILE`, else —
 * on embedded PGlite only — the file `secret.key` in DATA_DIR, generated on first start
 * (said on the console). On PostgreSQL without a key the server refuses to start: a key
 * generated beside a database elsewhere would be lost with the machine, and with it the
 * receipt keys of the open elections.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { SECRET_KEY_BYTES } from '../db/secrets.js';

/** The secret key cannot be had: the start stops with this message. */
export class SecretKeyMissing extends Error {
  override readonly name = 'SecretKeyMissing';
}

function parseKey(text: string, where: string): Uint8Array {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new SecretKeyMissing(`${where}: se esperan 64 dígitos hexadecimales / expected 64 hex digits`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/**
 * The secret key, and where it came from.
 * @throws SecretKeyMissing on PostgreSQL without a key, or an unreadable or malformed key file
 */
export function resolveSecretKey(config: Pick<Config, 'ANFORA_SECRET_KEY' | 'ANFORA_SECRET_KEY_FILE' | 'DATABASE_URL' | 'DATA_DIR'>, say: (line: string) => void): Uint8Array {
  if (config.ANFORA_SECRET_KEY !== undefined) return parseKey(config.ANFORA_SECRET_KEY, 'ANFORA_SECRET_KEY');
  if (config.ANFORA_SECRET_KEY_FILE !== undefined) {
    let text: string;
    try {
      text = readFileSync(config.ANFORA_SECRET_KEY_FILE, 'utf8');
    } catch (e) {
      throw new SecretKeyMissing(`ANFORA_SECRET_KEY_FILE ${config.ANFORA_SECRET_KEY_FILE}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return parseKey(text, `ANFORA_SECRET_KEY_FILE ${config.ANFORA_SECRET_KEY_FILE}`);
  }
  if (config.DATABASE_URL !== undefined) {
    throw new SecretKeyMissing('Falta ANFORA_SECRET_KEY (o ANFORA_SECRET_KEY_FILE): con PostgreSQL el servidor no arranca sin la clave que cifra '
      + 'sus secretos en la base de datos. Genérela con `openssl rand -hex 32` y guárdela aparte de la base (README, «Copias de seguridad»). / '
      + 'ANFORA_SECRET_KEY (or ANFORA_SECRET_KEY_FILE) is missing: on PostgreSQL the server does not start without the key that encrypts '
      + 'its secrets in the database. Generate one with `openssl rand -hex 32` and keep it apart from the database (README, "Backup").');
  }
  const file = join(config.DATA_DIR, 'secret.key');
  if (existsSync(file)) return parseKey(readFileSync(file, 'utf8'), file);
  const key = randomBytes(SECRET_KEY_BYTES);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  say(`Clave secreta del servidor generada en ${file}: guárdela aparte (README, «Copias de seguridad»). / `
    + `Server secret key generated in ${file}: keep a copy apart (README, "Backup").`);
  return Uint8Array.from(key);
}
