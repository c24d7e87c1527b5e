/**
 * The election manifest (docs/voting-protocol.md "Opening: the manifest"): frozen when the
 * election enters `voting`, stored, appended to the board, and hashed into every ballot's
 * context. Strict zod schemas (no unknown fields, lower-case hex, safe integers), then
 * {@link decodeManifest} turns the hex into crypto objects once, at the edge.
 *
 * ```
 * { version: 3, electionId, title, rules, threshold, openedAt,
 *   trustees: [{ index, memberId, sector, publicKey: TrusteePublicKeyJSON, verificationKey }],
 *   jointPublicKey, receiptKey,
 *   constituencies: [{ code, nameEs, nameEn }],
 *   contests: [{ id, constituency, title, seats, alternates, maxSelections,
 *                candidates: [{ id, fullName }], roll: [{ associationId, legalName, region }],
 *                issuers: [{ memberId, sector, issuanceKey: IssuanceKeyJSON }],
 *                smallRoll: { acknowledged: true, decidedAt, reason, proposalId } | null }] }
 * ```
 *
 * Version 2 adds the small-electorate safeguard: `rules.minRollSize` (an integer ≥ 1) and,
 * in every contest, `smallRoll` — the committee's recorded acknowledgement when the roll
 * is shorter than `rules.minRollSize`, null otherwise (that the two agree is the
 * verifier's check, not the schema's). Version 1 has neither `smallRoll` nor a required
 * `rules.minRollSize`; each version refuses the other's contest shape.
 *
 * Version 3 (issue 13) is version 2 plus the election's own constituencies: `constituencies`
 * lists 1..50 of them, each a code of the grammar {@link CONSTITUENCY_CODE} (unique) with its
 * Spanish and English names, and every contest's `constituency` is one of those codes;
 * several contests may share one (regional seats). Versions 1 and 2 have no such list: read
 * them with {@link manifestConstituencies}, which gives the model case's six.
 *
 * Beyond field shapes the schema requires: trustees numbered 1..n in order, each
 * `publicKey.index` equal to its trustee's index, 1 ≤ threshold ≤ n, unique contest ids,
 * unique candidate ids and roll association ids within a contest.
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import { MAX_CANDIDATES } from '../crypto/ballot.js';
import { isStrictPublicKey } from '../crypto/ballot-signature.js';
import { DecodeError, type Point, fromHex, pointFromHex } from '../crypto/group.js';
import { type TrusteePublicKey, trusteePublicKeyFromJSON } from '../crypto/key-ceremony.js';
import { MAX_RANGE_BOUND } from '../crypto/range.js';
import { TOKEN_SUITE, issuanceKeyFromJSON } from '../crypto/voting-token.js';
import { CONSTITUENCY_CODE, CONSTITUENCY_TEMPLATE, MAX_CONSTITUENCIES, type ConstituencyDef } from './constituencies.js';
import type { ContestIssuer, IssuanceRule } from '../crypto/issued-token.js';
import { IdSchema } from './ids.js';

// ---- shared field schemas ----

/** Lower-case hex of any number of bytes. */
export const HexSchema = z.string().regex(/^(?:[0-9a-f]{2})*$/, 'expected lower-case hex');
/** Lower-case hex of 32 bytes (points, scalars, hashes, Ed25519 keys). */
export const Hex32Schema = z.string().regex(/^[0-9a-f]{64}$/, 'expected 32 bytes of lower-case hex');
/** Lower-case hex of 64 bytes (Ed25519 signatures). */
export const Hex64Schema = z.string().regex(/^[0-9a-f]{128}$/, 'expected 64 bytes of lower-case hex');
/** A trustee index, 1..65535. */
export const TrusteeIndexSchema = z.number().int().min(1).max(0xffff);
/** Non-negative safe integer. */
const Count = z.number().int().min(0);

/** A JSON value whose numbers are safe integers (anything canonical JSON can hash). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** zod schema of {@link JsonValue}. */
export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number().int(), z.string(), z.array(JsonValueSchema), z.record(z.string(), JsonValueSchema)]));

/** crypto's `SchnorrProofJSON`. */
export const SchnorrProofSchema = z.strictObject({ commitment: Hex32Schema, response: Hex32Schema });
/** crypto's `TrusteePublicKeyJSON`: `{ index, key, proof: { commitment, response } }`. */
export const TrusteePublicKeySchema = z.strictObject({ index: TrusteeIndexSchema, key: Hex32Schema, proof: SchnorrProofSchema });
/** crypto's `IssuanceKeyJSON`: `{ suite, spki, keyId }`. */
export const IssuanceKeySchema = z.strictObject({
  suite: z.literal(TOKEN_SUITE),
  spki: HexSchema.min(2),
  keyId: Hex32Schema,
});

// ---- the manifest ----

/** One trustee (committee member) in the manifest. */
export const ManifestTrusteeSchema = z.strictObject({
  index: TrusteeIndexSchema,
  memberId: IdSchema,
  sector: z.string().min(1),
  publicKey: TrusteePublicKeySchema,
  verificationKey: Hex32Schema,
});

/**
 * The committee's recorded acknowledgement that a contest opens with a roll shorter than
 * `rules.minRollSize`: when (ISO 8601), why, and the id of the multi-sector decision.
 */
export const SmallRollSchema = z.strictObject({
  acknowledged: z.literal(true),
  decidedAt: z.iso.datetime({ offset: true }),
  reason: z.string().min(1),
  proposalId: IdSchema,
});

/** The version the server writes; {@link ManifestSchema} also reads versions 1 and 2. */
export const MANIFEST_VERSION = 3;

/** One constituency the election defines (version 3). */
export const ManifestConstituencySchema = z.strictObject({
  code: z.string().regex(CONSTITUENCY_CODE, 'expected a constituency code (^[a-z][a-z0-9_]{0,39}$)'),
  nameEs: z.string().min(1),
  nameEn: z.string().min(1),
});

/** One contest: eligible candidates in ciphertext order, the roll, the issuers' keys. */
export const ManifestContestSchema = z.strictObject({
  id: IdSchema,
  constituency: z.string().min(1),
  title: z.string(),
  seats: z.number().int().min(1),
  alternates: Count,
  maxSelections: z.number().int().min(1).max(MAX_RANGE_BOUND),
  candidates: z.array(z.strictObject({ id: IdSchema, fullName: z.string() })).min(1).max(MAX_CANDIDATES),
  roll: z.array(z.strictObject({ associationId: IdSchema, legalName: z.string(), region: z.string() })),
  /**
   * The contest's issuers (issue 12): committee members who registered an issuing key for
   * it (`issuer_key` events), in ascending key id order. A token needs blind signatures of
   * `rules.issuerThreshold` of them, of at least 2 sectors ({@link manifestIssuanceRule}).
   * The server holds no issuing key of its own.
   */
  issuers: z.array(z.strictObject({ memberId: IdSchema, sector: z.string().min(1), issuanceKey: IssuanceKeySchema })).min(2).max(64),
  /** Versions 2 and 3 (required there): see {@link SmallRollSchema}. */
  smallRoll: SmallRollSchema.nullable().optional(),
});

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

/** The manifest (see the module comment); strict at every level. */
export const ManifestSchema = z.strictObject({
  version: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  electionId: IdSchema,
  title: z.string(),
  rules: z.record(z.string(), JsonValueSchema),
  threshold: TrusteeIndexSchema,
  openedAt: z.iso.datetime({ offset: true }),
  trustees: z.array(ManifestTrusteeSchema).min(1).max(0xffff),
  jointPublicKey: Hex32Schema,
  receiptKey: Hex32Schema,
  /** Version 3 only (required there). */
  constituencies: z.array(ManifestConstituencySchema).min(1).max(MAX_CONSTITUENCIES).optional(),
  contests: z.array(ManifestContestSchema).min(1),
}).superRefine((m, ctx) => {
  m.trustees.forEach((t, i) => {
    if (t.index !== i + 1) ctx.addIssue({ code: 'custom', path: ['trustees', i, 'index'], message: `expected ${i + 1}` });
    if (t.publicKey.index !== t.index) {
      ctx.addIssue({ code: 'custom', path: ['trustees', i, 'publicKey', 'index'], message: `expected ${t.index}` });
    }
  });
  if (m.threshold > m.trustees.length) {
    ctx.addIssue({ code: 'custom', path: ['threshold'], message: `expected at most ${m.trustees.length} (the number of trustees)` });
  }
  for (const id of duplicates(m.contests.map((c) => c.id))) ctx.addIssue({ code: 'custom', path: ['contests'], message: `duplicate contest id ${id}` });
  if (m.version >= 2) {
    const min = m.rules.minRollSize;
    if (typeof min !== 'number' || !Number.isSafeInteger(min) || min < 1) {
      ctx.addIssue({ code: 'custom', path: ['rules', 'minRollSize'], message: `expected an integer ≥ 1 in version ${m.version}` });
    }
  }
  // Version 3: the election declares its constituencies, and each contest names one of them.
  let declared: Set<string> | undefined;
  if (m.version === 3) {
    if (m.constituencies === undefined) {
      ctx.addIssue({ code: 'custom', path: ['constituencies'], message: 'required in version 3' });
    } else {
      for (const code of duplicates(m.constituencies.map((c) => c.code))) {
        ctx.addIssue({ code: 'custom', path: ['constituencies'], message: `duplicate constituency code ${code}` });
      }
      declared = new Set(m.constituencies.map((c) => c.code));
    }
  } else if (m.constituencies !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['constituencies'], message: `not part of version ${m.version}` });
  }
  m.contests.forEach((c, i) => {
    if (m.version >= 2 && c.smallRoll === undefined) {
      ctx.addIssue({ code: 'custom', path: ['contests', i, 'smallRoll'], message: `required in version ${m.version} (an acknowledgement or null)` });
    }
    if (declared !== undefined && !declared.has(c.constituency)) {
      ctx.addIssue({ code: 'custom', path: ['contests', i, 'constituency'], message: `constituency ${c.constituency} is not declared in constituencies` });
    }
    if (m.version === 1 && c.smallRoll !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['contests', i, 'smallRoll'], message: 'not part of version 1' });
    }
    for (const id of duplicates(c.candidates.map((x) => x.id))) {
      ctx.addIssue({ code: 'custom', path: ['contests', i, 'candidates'], message: `duplicate candidate id ${id}` });
    }
    for (const id of duplicates(c.roll.map((x) => x.associationId))) {
      ctx.addIssue({ code: 'custom', path: ['contests', i, 'roll'], message: `duplicate association id ${id}` });
    }
  });
});

/** The manifest as published (JSON). */
export type Manifest = z.infer<typeof ManifestSchema>;
/** One contest of a manifest. */
export type ManifestContest = Manifest['contests'][number];
/** One trustee of a manifest. */
export type ManifestTrustee = Manifest['trustees'][number];
/** A contest's small-roll acknowledgement (version 2). */
export type SmallRoll = z.infer<typeof SmallRollSchema>;

/** What failed, by JSON path (e.g. `contests[0].issuers[1].issuanceKey.spki`). */
export interface ManifestError {
  readonly path: string;
  readonly message: string;
}

/** Result of {@link parseManifest}. */
export type ManifestParse =
  | { readonly ok: true; readonly manifest: Manifest }
  | { readonly ok: false; readonly errors: readonly ManifestError[] };

function pathString(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s === '' ? String(k) : `${s}.${String(k)}`), '');
}

/**
 * Parse an untrusted manifest (JSON value) against {@link ManifestSchema}. Never throws;
 * on failure lists every problem by path.
 * @example const r = parseManifest(await res.json()); if (!r.ok) console.error(r.errors);
 */
export function parseManifest(json: unknown): ManifestParse {
  const r = ManifestSchema.safeParse(json);
  if (r.success) return { ok: true, manifest: r.data };
  return { ok: false, errors: r.error.issues.map((i) => ({ path: pathString(i.path), message: i.message })) };
}

// ---- decoded form ----

/** A contest with its issuers' decoded keys. */
export interface DecodedContest {
  readonly contest: ManifestContest;
  /** Position of the contest in `manifest.contests`. */
  readonly position: number;
  /** The contest's issuers with decoded keys, in manifest order. */
  readonly issuers: readonly ContestIssuer[];
  /** Candidate ids in ciphertext order. */
  readonly candidateIds: readonly string[];
}

/** A trustee with its decoded keys. */
export interface DecodedTrustee {
  readonly index: number;
  readonly publicKey: TrusteePublicKey;
  readonly verificationKey: Point;
}

/** The manifest's crypto objects, decoded strictly once. */
export interface DecodedManifest {
  readonly manifest: Manifest;
  readonly jointPublicKey: Point;
  /** Ed25519 public key (32 bytes) that signs receipts. */
  readonly receiptKey: Uint8Array;
  /** By ascending index (trustees[j − 1] is trustee j). */
  readonly trustees: readonly DecodedTrustee[];
  /** Verification keys X_1..X_n (verificationKeys[j − 1] is X_j). */
  readonly verificationKeys: readonly Point[];
  /** By contest id. */
  readonly contests: ReadonlyMap<string, DecodedContest>;
}

/** Result of {@link decodeManifest}. */
export type ManifestDecode =
  | { readonly ok: true; readonly decoded: DecodedManifest }
  | { readonly ok: false; readonly errors: readonly ManifestError[] };

/**
 * True if `key` is a strict Ed25519 public key: 32 bytes, canonical, on the curve and not
 * of small order (the rules of crypto/ballot-signature.ts). Never throws.
 */
export function isEd25519PublicKey(key: Uint8Array): boolean {
  if (!isStrictPublicKey(key)) return false;
  try {
    ed25519.Point.fromBytes(key, false);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decode the hex of a parsed manifest into crypto objects: joint key and verification keys
 * (canonical, non-identity ristretto255 points), trustee keys (crypto's
 * `trusteePublicKeyFromJSON`), issuance keys (`issuanceKeyFromJSON`: canonical 3072-bit
 * SPKI, keyId = SHA-256(spki)) and the receipt key (strict Ed25519). Checks no proof:
 * the trustee keys' proofs are the verifier's business. Never throws on bad content;
 * gathers every failure by path.
 * @example const d = decodeManifest(manifest); if (d.ok) d.decoded.contests.get('board')
 */
export function decodeManifest(manifest: Manifest): ManifestDecode {
  const errors: ManifestError[] = [];
  function attempt<T>(path: string, f: () => T): T | undefined {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      errors.push({ path, message: e.code });
      return undefined;
    }
  }
  const jointPublicKey = attempt('jointPublicKey', () => pointFromHex(manifest.jointPublicKey, 'jointPublicKey'));
  const receiptKey = attempt('receiptKey', () => fromHex(manifest.receiptKey, 'receiptKey', 32));
  if (receiptKey !== undefined && !isEd25519PublicKey(receiptKey)) errors.push({ path: 'receiptKey', message: 'not a strict Ed25519 public key' });
  const trustees: DecodedTrustee[] = [];
  manifest.trustees.forEach((t, i) => {
    const publicKey = attempt(`trustees[${i}].publicKey`, () => trusteePublicKeyFromJSON(t.publicKey));
    const verificationKey = attempt(`trustees[${i}].verificationKey`, () => pointFromHex(t.verificationKey, 'verificationKey'));
    if (publicKey && verificationKey) trustees.push(Object.freeze({ index: t.index, publicKey, verificationKey }));
  });
  const contests = new Map<string, DecodedContest>();
  manifest.contests.forEach((contest, position) => {
    const issuers = contest.issuers.map((x, j) => {
      const key = attempt(`contests[${position}].issuers[${j}].issuanceKey`, () => issuanceKeyFromJSON(x.issuanceKey));
      return key && Object.freeze({ memberId: x.memberId, sector: x.sector, key });
    });
    if (issuers.every((x) => x !== undefined)) {
      contests.set(contest.id, Object.freeze({
        contest, position, issuers: Object.freeze(issuers as ContestIssuer[]), candidateIds: Object.freeze(contest.candidates.map((c) => c.id)),
      }));
    }
  });
  if (errors.length > 0 || jointPublicKey === undefined || receiptKey === undefined) return { ok: false, errors };
  return {
    ok: true,
    decoded: Object.freeze({
      manifest,
      jointPublicKey,
      receiptKey,
      trustees: Object.freeze(trustees),
      verificationKeys: Object.freeze(trustees.map((t) => t.verificationKey)),
      contests,
    }),
  };
}

/**
 * Parse and decode in one step, for untrusted input. Never throws.
 * @example const r = readManifest(json); if (r.ok) use(r.decoded);
 */
export function readManifest(json: unknown): ManifestDecode {
  const p = parseManifest(json);
  return p.ok ? decodeManifest(p.manifest) : p;
}

// ---- lookups ----

/**
 * The constituencies a manifest declares; for versions 1 and 2, which declare none, the
 * model case's six (src/record/constituencies.ts).
 * @example constituencyName(contest.constituency, 'es', manifestConstituencies(manifest))
 */
export function manifestConstituencies(manifest: Pick<Manifest, 'constituencies'>): readonly ConstituencyDef[] {
  return manifest.constituencies ?? CONSTITUENCY_TEMPLATE;
}

/**
 * The contest with id `contestId`, or undefined.
 * @example findContest(manifest, 'board')?.seats
 */
export function findContest(manifest: Manifest, contestId: string): ManifestContest | undefined {
  return manifest.contests.find((c) => c.id === contestId);
}

/**
 * The ciphertext index of candidate `candidateId` in `contest`, or -1.
 * @example candidateIndex(contest, 'cand-3') // 2
 */
export function candidateIndex(contest: Pick<ManifestContest, 'candidates'>, candidateId: string): number {
  return contest.candidates.findIndex((c) => c.id === candidateId);
}

/**
 * True if association `associationId` is on the contest's roll.
 * @example onRoll(contest, association.id)
 */
export function onRoll(contest: Pick<ManifestContest, 'roll'>, associationId: string): boolean {
  return contest.roll.some((r) => r.associationId === associationId);
}

/**
 * The trustee with index `index` (1-based), or undefined.
 * @example findTrustee(manifest, 2)?.memberId
 */
export function findTrustee(manifest: Manifest, index: number): ManifestTrustee | undefined {
  return manifest.trustees.find((t) => t.index === index);
}

/** The sectors a valid token's issuers must span: the floor of the issuance rule. */
export const ISSUER_SECTORS = 2;

/**
 * The manifest's issuance rule (issue 12): `rules.issuerThreshold` distinct issuers (an
 * integer ≥ 2; 2 when the rules do not say) of at least {@link ISSUER_SECTORS} sectors.
 */
export function manifestIssuanceRule(manifest: Pick<Manifest, 'rules'>): IssuanceRule {
  const k = manifest.rules.issuerThreshold;
  return { threshold: typeof k === 'number' && Number.isSafeInteger(k) && k >= 2 ? k : 2, sectors: ISSUER_SECTORS };
}
