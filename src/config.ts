/**
 * Configuration from environment variables, parsed once with zod and frozen. A bad
 * variable stops the start with a message naming it.
 * @module
 */
import { z } from 'zod';
import { MAX_ISSUER_LOG_BODY_BYTES } from './record/issuer-statements.js';

const duration = z
  .string()
  .regex(/^\d+\s*[smhd]$/, 'expected a duration like 15m, 900s, 1h or 14d');

/**
 * `TRUST_PROXY`: which proxies in front of the service are believed when they name the
 * client in X-Forwarded-For (so that rate limits count real clients, not the proxy):
 * `false` (none, the default), `true` (any: only behind a proxy that overwrites the
 * header), a hop count, or a comma-separated list of addresses/CIDRs.
 */
const trustProxy = z.string().trim().transform((v, ctx): boolean | number | string[] => {
  if (v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const list = v.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (list.length > 0 && list.every((x) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(x) || ['loopback', 'linklocal', 'uniquelocal'].includes(x))) return list;
  ctx.addIssue({ code: 'custom', message: 'expected false, true, a hop count, or addresses/CIDRs separated by commas' });
  return z.NEVER;
});

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** PostgreSQL connection string; without it the service runs on embedded PGlite. */
  DATABASE_URL: z.string().url().optional(),
  /** PGlite data directory, used only without DATABASE_URL. */
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * The token relay's database (issue 12), never the one holding the ballots: a PostgreSQL
   * connection string; without it, PGlite in DATA_DIR/issuance. Required with DATABASE_URL
   * and must name another database.
   */
  ISSUANCE_DATABASE_URL: z.string().url().optional(),
  /**
   * Key (64 hex digits, 32 bytes) that seals the server's secrets in the database
   * (src/db/secrets.ts). Without it: generated into DATA_DIR on PGlite; a refusal to start
   * on PostgreSQL (see src/cli/secret-key.ts).
   */
  ANFORA_SECRET_KEY: z.string().trim().regex(/^[0-9a-fA-F]{64}$/, 'expected 64 hex digits (32 bytes)').optional(),
  /** A file holding that key (64 hex digits), e.g. a mounted secret; not both. */
  ANFORA_SECRET_KEY_FILE: z.string().min(1).optional(),
  /** HMAC secret for access tokens; at least 32 characters. Generated per start if absent. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL: duration.default('15m'),
  /** The bootstrap administrator, created on first start only. */
  BOOTSTRAP_ADMIN_EMAIL: z.string().email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Proxies believed about the client's address (see `trustProxy`). */
  TRUST_PROXY: trustProxy.default(false),
  /** How long an account invitation stays valid. */
  INVITATION_TTL: duration.default('14d'),
  /** The service's public address, for invitation links (else the address each request came to). */
  PUBLIC_URL: z.url().optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /**
   * The largest issuer log post (`POST /elections/:id/issuer-logs`, ≈ 700 bytes per association
   * of the contest): at most and by default 256 MiB (record/issuer-statements.ts).
   */
  ISSUER_LOG_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(MAX_ISSUER_LOG_BODY_BYTES).default(MAX_ISSUER_LOG_BODY_BYTES),
  /** Casts per minute per client address, and per ballot key (counted by each process). */
  CAST_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  CAST_KEY_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Worker threads checking casts' proofs; default one per core; 0 checks them on the event loop. */
  CAST_WORKERS: z.coerce.number().int().min(0).max(256).optional(),
});

export type Config = Readonly<z.infer<typeof EnvSchema>>;

const CheckedSchema = EnvSchema.refine((c) => c.ANFORA_SECRET_KEY === undefined || c.ANFORA_SECRET_KEY_FILE === undefined, {
  message: 'set ANFORA_SECRET_KEY or ANFORA_SECRET_KEY_FILE, not both', path: ['ANFORA_SECRET_KEY_FILE'],
});

/** A configuration error that names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parse and freeze the configuration; throws ConfigError naming the bad variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = CheckedSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Configuración inválida / invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}

/** Seconds in a duration string such as `15m`. */
export function durationSeconds(d: string): number {
  const m = /^(\d+)\s*([smhd])$/.exec(d);
  if (!m) throw new RangeError(`"duration" expected like 15m, got ${d}`);
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as 's' | 'm' | 'h' | 'd'];
}
