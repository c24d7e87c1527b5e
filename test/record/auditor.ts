/**
 * An auditor's verifier of the election record, written from docs/election-record.md
 * alone, as someone outside the project would write it: ristretto255, Ed25519 point
 * arithmetic, scalars, HMAC and ChaCha20-Poly1305 from libsodium (libsodium-wrappers-sumo),
 * SHA-256/SHA-512 from @noble/hashes, RSA-PSS from OpenSSL (node:crypto). It imports
 * nothing of src/: test/record/independent-check.test.ts checks that it agrees with the
 * project's code. Check numbers (R1, C4, B6, …) and section numbers (§4.3, …) are the
 * document's.
 */
import { constants, createPublicKey, verify as rsaVerify, type KeyObject } from 'node:crypto';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import sodium from 'libsodium-wrappers-sumo';

/** Resolve before calling anything else (libsodium loads its WebAssembly). */
export const ready: Promise<void> = sodium.ready;

// ---- bytes (§1, §2.1) ----

type Bytes = Uint8Array;
const utf8 = (s: string): Bytes => new TextEncoder().encode(s);
const toHex = (b: Bytes): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
function concat(...parts: Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
function same(a: Bytes, b: Bytes): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
function u32be(x: number): Bytes {
  return Uint8Array.of(x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255);
}
/** §2.1: lower-case hex, optionally of exactly `bytes` bytes; null if not. */
export function hex(s: unknown, bytes?: number): Bytes | null {
  if (typeof s !== 'string' || !/^(?:[0-9a-f]{2})*$/.test(s)) return null;
  if (bytes !== undefined && s.length !== 2 * bytes) return null;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// ---- scalars and points (§2.3, §2.4), on libsodium (§10) ----

/** ℓ, little-endian. */
const L_LE = hex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010')!;
const IDENTITY = new Uint8Array(32);
const isZero = (b: Bytes): boolean => b.every((x) => x === 0);
/** s < ℓ for 32 little-endian bytes. */
function belowL(s: Bytes): boolean {
  for (let i = 31; i >= 0; i--) if (s[i] !== L_LE[i]) return s[i]! < L_LE[i]!;
  return false;
}
/** A small non-negative integer as a scalar. */
export function scalarOf(n: number | bigint): Bytes {
  let x = BigInt(n);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++, x >>= 8n) out[i] = Number(x & 255n);
  return out;
}
/** §2.4: a scalar field, or null. */
export function scalar(s: unknown): Bytes | null {
  const b = hex(s, 32);
  return b !== null && belowL(b) ? b : null;
}
/** §2.3: a point field, or null (non-canonical, or the identity where refused). */
export function point(s: unknown, allowIdentity = false): Bytes | null {
  const b = hex(s, 32);
  if (b === null || !sodium.crypto_core_ristretto255_is_valid_point(b)) return null;
  return !allowIdentity && isZero(b) ? null : b;
}
const sAdd = (a: Bytes, b: Bytes): Bytes => sodium.crypto_core_ristretto255_scalar_add(a, b);
const sSub = (a: Bytes, b: Bytes): Bytes => sodium.crypto_core_ristretto255_scalar_sub(a, b);
const sMul = (a: Bytes, b: Bytes): Bytes => sodium.crypto_core_ristretto255_scalar_mul(a, b);
const add = (p: Bytes, q: Bytes): Bytes => sodium.crypto_core_ristretto255_add(p, q);
const sub = (p: Bytes, q: Bytes): Bytes => sodium.crypto_core_ristretto255_sub(p, q);
/** s·P, with the identity cases libsodium refuses (§10). */
function mul(s: Bytes, p: Bytes): Bytes {
  return isZero(s) || isZero(p) ? IDENTITY : sodium.crypto_scalarmult_ristretto255(s, p);
}
function baseMul(s: Bytes): Bytes {
  return isZero(s) ? IDENTITY : sodium.crypto_scalarmult_ristretto255_base(s);
}
/** The generator G. */
export const G = hex('e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76')!;

// ---- canonical JSON (§3) ----

function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const hi = c >= 0xd800 && c <= 0xdbff;
    const lo = c >= 0xdc00 && c <= 0xdfff;
    if (hi && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      out += s[i]! + s[i + 1]!;
      i++;
    } else if (hi || lo) out += `\\u${c.toString(16)}`;
    else if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += s[i]!;
  }
  return `${out}"`;
}
/** Order of strings by UTF-16 code units (§3 rule 5). */
function byCodeUnits(a: string, b: string): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
/** The canonical JSON text of a parsed JSON value (§3); throws on a value that has none. */
export function canonicalText(v: unknown): string {
  if (v === null) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error(`not a safe integer: ${v}`);
    return v === 0 ? '0' : String(v);
  }
  if (typeof v === 'string') return quote(v);
  if (Array.isArray(v)) return `[${v.map(canonicalText).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort(byCodeUnits).map((k) => `${quote(k)}:${canonicalText(o[k])}`).join(',')}}`;
  }
  throw new Error(`not a JSON value: ${typeof v}`);
}
/** UTF-8 of {@link canonicalText}. */
export function canonicalJson(v: unknown): Bytes {
  return utf8(canonicalText(v));
}

/**
 * True if the JSON text has an object with a repeated key (R1). Runs after JSON.parse has
 * accepted the text, so it only follows the structure.
 */
export function hasDuplicateKeys(text: string): boolean {
  let i = 0;
  const ws = () => { while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++; };
  const str = (): string => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): boolean => {
    ws();
    if (text[i] === '{') {
      i++;
      const keys = new Set<string>();
      ws();
      if (text[i] === '}') return (i++, false);
      for (;;) {
        ws();
        const k = str();
        if (keys.has(k)) return true;
        keys.add(k);
        ws();
        i++; // ':'
        if (value()) return true;
        ws();
        if (text[i++] === '}') return false;
      }
    }
    if (text[i] === '[') {
      i++;
      ws();
      if (text[i] === ']') return (i++, false);
      for (;;) {
        if (value()) return true;
        ws();
        if (text[i++] === ']') return false;
      }
    }
    if (text[i] === '"') return (str(), false);
    while (i < text.length && !',]} \t\n\r'.includes(text[i]!)) i++;
    return false;
  };
  return value();
}

/** §2.2: the numbers of a JSON text written outside the integer grammar (after JSON.parse accepted it). */
export function badNumbers(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === '"') {
      i++;
      while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE+-]/.test(text[j]!)) j++;
      const tok = text.slice(i, j);
      if (!/^-?(?:0|[1-9][0-9]*)$/.test(tok) || tok === '-0' || !Number.isSafeInteger(Number(tok))) out.push(tok);
      i = j;
    } else i++;
  }
  return out;
}

/** §2.2: a board time in its one canonical form, naming a real instant. */
export function isBoardTime(at: unknown): boolean {
  return typeof at === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at) && Number.isFinite(Date.parse(at)) && new Date(at).toISOString() === at;
}

// ---- transcripts (§4.1) ----

/** A transcript: frame(tag) ‖ frame(item) ‖ …, each frame u32be(length) ‖ bytes. */
export class Tr {
  private readonly parts: Bytes[] = [];
  constructor(tag: string) {
    this.bytes(utf8(`anfora/v1/${tag}`));
  }
  bytes(b: Bytes): this {
    this.parts.push(u32be(b.length), b);
    return this;
  }
  string(s: string): this {
    return this.bytes(utf8(s));
  }
  u32(x: number): this {
    return this.bytes(u32be(x));
  }
  /** The framed bytes (what is hashed). */
  raw(): Bytes {
    return concat(...this.parts);
  }
  /** SHA-256. */
  digest(): Bytes {
    return sha256(this.raw());
  }
  /** SHA-512 reduced mod ℓ (wide reduction). */
  challenge(): Bytes {
    return sodium.crypto_core_ristretto255_scalar_reduce(sha512(this.raw()));
  }
}

// ---- §4.3 hashes ----

export function eventHash(prevHash: Bytes, seq: number, kind: string, at: string, payload: unknown): Bytes {
  return new Tr('board-event').bytes(prevHash).u32(seq).string(kind).string(at).bytes(canonicalJson(payload)).digest();
}
export function manifestHash(manifest: unknown): Bytes {
  return new Tr('manifest').bytes(canonicalJson(manifest)).digest();
}
export function ceremonyContext(electionId: string, n: number, t: number): Bytes {
  return new Tr('ceremony-context').string(electionId).u32(n).u32(t).digest();
}
export function ballotContext(manifestHashBytes: Bytes, K: Bytes, contestId: string, ballotPublicKey: Bytes): Bytes {
  return new Tr('ballot-context').bytes(manifestHashBytes).bytes(K).bytes(utf8(contestId)).bytes(ballotPublicKey).digest();
}
export function decryptionContext(manifestHashBytes: Bytes, contestId: string): Bytes {
  return new Tr('decryption-context').bytes(manifestHashBytes).string(contestId).digest();
}
export function trackingCode(previous: Bytes | null, digest: Bytes, ballotPublicKey: Bytes): Bytes {
  return new Tr('tracking-code').bytes(previous ?? new Uint8Array(32)).bytes(digest).bytes(ballotPublicKey).digest();
}
/** §4.10: the seed of a contest's lots, from the joint decryption values D_j = β_j − votes_j·G. */
export function tieBreakSeed(manifestHashBytes: Bytes, contestId: string, values: readonly Bytes[]): Bytes {
  const t = new Tr('tie-break-seed').bytes(manifestHashBytes).string(contestId).bytes(u32be(values.length));
  for (const v of values) t.bytes(v);
  return t.digest();
}
export function tieBreakLot(seed: Bytes, contestId: string, candidateId: string): Bytes {
  return new Tr('tie-break').bytes(seed).string(contestId).string(candidateId).digest();
}

// ---- §5 proofs ----

/** A branch of a disjunctive proof, decoded. */
export interface Branch { a: Bytes; b: Bytes; c: Bytes; v: Bytes }

/** §5.1. `X`, `R` decoded points, `s` a decoded scalar. */
export function schnorrValid(ctx: Bytes, X: Bytes, R: Bytes, s: Bytes): boolean {
  const c = new Tr('schnorr').bytes(ctx).bytes(G).bytes(X).bytes(R).challenge();
  return same(baseMul(s), add(R, mul(c, X)));
}
/** §5.2 over decoded points and scalar. */
export function equalityValid(ctx: Bytes, g1: Bytes, h1: Bytes, g2: Bytes, h2: Bytes, a1: Bytes, a2: Bytes, s: Bytes): boolean {
  const c = new Tr('chaum-pedersen').bytes(ctx).bytes(g1).bytes(h1).bytes(g2).bytes(h2).bytes(a1).bytes(a2).challenge();
  return same(mul(s, g1), add(a1, mul(c, h1))) && same(mul(s, g2), add(a2, mul(c, h2)));
}
/** §5.3: `t` holds tag, context and statement; the commitments are appended here. */
function oneOfValid(t: Tr, K: Bytes, alpha: Bytes, beta: Bytes, branches: Branch[], L: number): boolean {
  if (branches.length !== L) return false;
  for (const br of branches) t.bytes(br.a).bytes(br.b);
  const c = t.challenge();
  const sum = branches.reduce<Bytes>((acc, br) => sAdd(acc, br.c), new Uint8Array(32));
  if (!same(sum, c)) return false;
  let shifted = beta; // β − j·G
  return branches.every((br, j) => {
    if (j > 0) shifted = sub(shifted, G);
    return same(baseMul(br.v), add(br.a, mul(br.c, alpha))) && same(mul(br.v, K), add(br.b, mul(br.c, shifted)));
  });
}
export function zeroOrOneChallengeTranscript(bctx: Bytes, K: Bytes, alpha: Bytes, beta: Bytes): Tr {
  return new Tr('disjunctive-0-1').bytes(bctx).bytes(K).bytes(alpha).bytes(beta);
}
export function zeroOrOneValid(bctx: Bytes, K: Bytes, alpha: Bytes, beta: Bytes, branches: Branch[]): boolean {
  return oneOfValid(zeroOrOneChallengeTranscript(bctx, K, alpha, beta), K, alpha, beta, branches, 2);
}
export function rangeChallengeTranscript(bctx: Bytes, K: Bytes, N: number, parts: { alpha: Bytes; beta: Bytes }[]): { t: Tr; alpha: Bytes; beta: Bytes } {
  let alpha: Bytes = IDENTITY;
  let beta: Bytes = IDENTITY;
  const t = new Tr('range').bytes(bctx).bytes(K).u32(N).u32(parts.length);
  for (const p of parts) {
    t.bytes(p.alpha).bytes(p.beta);
    alpha = add(alpha, p.alpha);
    beta = add(beta, p.beta);
  }
  t.bytes(alpha).bytes(beta);
  return { t, alpha, beta };
}
export function rangeValid(bctx: Bytes, K: Bytes, N: number, parts: { alpha: Bytes; beta: Bytes }[], branches: Branch[]): boolean {
  const { t, alpha, beta } = rangeChallengeTranscript(bctx, K, N, parts);
  return oneOfValid(t, K, alpha, beta, branches, N + 1);
}

// ---- §2.5 Ed25519 (evaluated with libsodium's point addition, §10) ----

const P25519 = 2n ** 255n - 19n;
const SMALL_ORDER = new Set([
  '0100000000000000000000000000000000000000000000000000000000000000',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  '0000000000000000000000000000000000000000000000000000000000000000',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
]);
const ED_B = hex('5866666666666666666666666666666666666666666666666666666666666666')!;
const ED_ID = hex('0100000000000000000000000000000000000000000000000000000000000000')!;
const leInt = (b: Bytes): bigint => b.reduceRight((x, byte) => (x << 8n) | BigInt(byte), 0n);
/** [s]P by double-and-add on crypto_core_ed25519_add, which takes every point (torsion included). */
function edMul(s: Bytes, P: Bytes): Bytes {
  let acc = ED_ID;
  for (let bit = 255; bit >= 0; bit--) {
    acc = sodium.crypto_core_ed25519_add(acc, acc);
    if ((s[bit >> 3]! >> (bit & 7)) & 1) acc = sodium.crypto_core_ed25519_add(acc, P);
  }
  return acc;
}
/** §2.5 steps 1–4. Never throws. */
export function ed25519Valid(A: Bytes, message: Bytes, sig: Bytes): boolean {
  if (A.length !== 32 || sig.length !== 64) return false;
  const a = leInt(A);
  const y = a & ((1n << 255n) - 1n);
  if (y >= P25519 || (a >> 255n === 1n && (y === 1n || y === P25519 - 1n)) || SMALL_ORDER.has(toHex(A))) return false;
  const R = sig.subarray(0, 32);
  const S = sig.subarray(32);
  if (SMALL_ORDER.has(toHex(R)) || !belowL(S)) return false; // step 3
  try {
    sodium.crypto_core_ed25519_add(A, ED_ID); // step 4: A decodes to a curve point
    const k = sodium.crypto_core_ed25519_scalar_reduce(sha512(concat(R, A, message)));
    return same(sodium.crypto_core_ed25519_sub(edMul(S, ED_B), edMul(k, A)), R);
  } catch {
    return false;
  }
}
/** §6.7: the server report's signed message: the tag `anfora/v1/server-report` and the report's canonical JSON, each length-prefixed. */
export function serverReportMessage(report: unknown): Bytes {
  const body = canonicalJson(report);
  return concat(u32be(23), utf8('anfora/v1/server-report'), u32be(body.length), body);
}
/** §6.4: a receipt's signed message: the tag `anfora/v1/receipt` and the canonical JSON of its six fields. */
export function receiptMessage(r: { electionId: string; contestId: string; trackingCode: string; position: number; boardHead: string; receivedAt: string }): Bytes {
  const body = canonicalJson({ electionId: r.electionId, contestId: r.contestId, trackingCode: r.trackingCode, position: r.position, boardHead: r.boardHead, receivedAt: r.receivedAt });
  return concat(u32be(17), utf8('anfora/v1/receipt'), u32be(body.length), body);
}
/** The ballot signature message of a contest ballot digest (§4.3). */
export function ballotSignatureMessage(digest: Bytes): Bytes {
  return concat(u32be(26), utf8('anfora/v1/ballot-signature'), u32be(32), digest);
}

// ---- §2.6 RSA issuance keys and tokens ----

/** A decoded issuance key, or null (M3). */
export function issuanceKey(json: unknown): { key: KeyObject; modulus: Bytes } | null {
  const j = json as { suite?: unknown; spki?: unknown; keyId?: unknown };
  if (j.suite !== 'RSABSSA-SHA384-PSS-Randomized') return null;
  const spki = hex(j.spki);
  const keyId = hex(j.keyId, 32);
  if (spki === null || spki.length === 0 || keyId === null || !same(sha256(spki), keyId)) return null;
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    const d = key.asymmetricKeyDetails;
    if (key.asymmetricKeyType !== 'rsa' || d?.modulusLength !== 3072 || d.publicExponent !== 65537n) return null;
    // Canonical DER: OpenSSL's re-encoding of (n, e) must be the very bytes.
    if (!same(new Uint8Array(key.export({ type: 'spki', format: 'der' })), spki)) return null;
    return { key, modulus: new Uint8Array(Buffer.from(key.export({ format: 'jwk' }).n!, 'base64url')) };
  } catch {
    return null;
  }
}
/** The token message (§2.6). */
export function tokenMessage(electionId: string, contestId: string, ballotPublicKey: Bytes): Bytes {
  const e = utf8(electionId);
  const c = utf8(contestId);
  return concat(u32be(22), utf8('anfora/v1/voting-token'), u32be(e.length), e, u32be(c.length), c, u32be(32), ballotPublicKey);
}
/** §2.6: signature < n and RSASSA-PSS (SHA-384, MGF1-SHA-384, 48-byte salt). */
export function tokenSignatureValid(k: { key: KeyObject; modulus: Bytes }, prepared: Bytes, signature: Bytes): boolean {
  if (signature.length !== 384 || k.modulus.length !== 384) return false;
  let below = false;
  for (let i = 0; i < 384; i++) {
    if (signature[i] !== k.modulus[i]) {
      below = signature[i]! < k.modulus[i]!;
      break;
    }
  }
  if (!below) return false;
  try {
    return rsaVerify('sha384', prepared, { key: k.key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 }, signature);
  } catch {
    return false;
  }
}

// ---- the contest ballot (§4.3, §6.4) ----

export interface DecodedBallot {
  selections: { alpha: Bytes; beta: Bytes; branches: Branch[] }[];
  range: Branch[];
}
function exact(v: unknown, keys: string[]): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const got = Object.keys(v);
  return got.length === keys.length && keys.every((k) => Object.hasOwn(v, k));
}
function branchesOf(p: unknown, count?: number): Branch[] | null {
  if (!exact(p, ['branches']) || !Array.isArray(p.branches)) return null;
  const list = p.branches as unknown[];
  if (list.length < 1 || list.length > 1025 || (count !== undefined && list.length !== count)) return null;
  const out: Branch[] = [];
  for (const br of list) {
    if (!exact(br, ['a', 'b', 'challenge', 'response'])) return null;
    const a = point(br.a);
    const b = point(br.b);
    const c = scalar(br.challenge);
    const v = scalar(br.response);
    if (!a || !b || !c || !v) return null;
    out.push({ a, b, c, v });
  }
  return out;
}
/** B1: ContestBallotJSON strictly (§6.4), or null. */
export function decodeBallot(json: unknown): DecodedBallot | null {
  if (!exact(json, ['selections', 'rangeProof']) || !Array.isArray(json.selections)) return null;
  const sels = json.selections as unknown[];
  if (sels.length < 1 || sels.length > 1024) return null;
  const selections: DecodedBallot['selections'] = [];
  for (const s of sels) {
    if (!exact(s, ['ciphertext', 'proof']) || !exact(s.ciphertext, ['alpha', 'beta'])) return null;
    const alpha = point(s.ciphertext.alpha);
    const beta = point(s.ciphertext.beta);
    const branches = branchesOf(s.proof, 2);
    if (!alpha || !beta || !branches) return null;
    selections.push({ alpha, beta, branches });
  }
  const range = branchesOf(json.rangeProof);
  return range ? { selections, range } : null;
}
/** The contest ballot digest (§4.3). */
export function ballotDigest(b: DecodedBallot): Bytes {
  const t = new Tr('contest-ballot').u32(b.selections.length);
  const proof = (branches: Branch[]) => {
    t.u32(branches.length);
    for (const br of branches) t.bytes(br.a).bytes(br.b).bytes(br.c).bytes(br.v);
  };
  for (const s of b.selections) {
    t.bytes(s.alpha).bytes(s.beta);
    proof(s.branches);
  }
  proof(b.range);
  return t.digest();
}

// ---- the key ceremony (§7.5) ----

/** Σ_k j^k·C_k (Feldman). */
function evaluateCommitments(C: Bytes[], j: number): Bytes {
  let acc: Bytes = IDENTITY;
  let power = scalarOf(1);
  for (const Ck of C) {
    acc = add(acc, mul(power, Ck));
    power = sMul(power, scalarOf(j));
  }
  return acc;
}
function hmac(key: Bytes, msg: Bytes): Bytes {
  const st = sodium.crypto_auth_hmacsha256_init(key);
  sodium.crypto_auth_hmacsha256_update(st, msg);
  return sodium.crypto_auth_hmacsha256_final(st);
}
/** A dealing's public part as the auditor reads it. */
export interface AuditDealing {
  dealer: number;
  commitments: Bytes[];
  shares: Map<number, { ephemeral: Bytes; sealed: Bytes }>;
}
/** K3: the verdict on a complaint, given the complainer's key PK_j (§7.5 K3 steps 1–4). */
export function judgeComplaint(
  cctx: Bytes, n: number, t: number, dealing: AuditDealing, complainer: number, PKj: Bytes, shared: Bytes,
  proof: { a1: Bytes; a2: Bytes; s: Bytes },
): 'invalid' | 'justified' | 'unjustified' {
  const entry = dealing.shares.get(complainer);
  if (entry === undefined || isZero(shared)) return 'invalid';
  const ctx = new Tr('dkg-complaint').bytes(cctx).u32(n).u32(t).u32(dealing.dealer).u32(complainer)
    .bytes(entry.ephemeral).bytes(entry.sealed).digest();
  if (!equalityValid(ctx, G, PKj, entry.ephemeral, shared, proof.a1, proof.a2, proof.s)) return 'invalid';
  const binding = new Tr('dkg-share-key').bytes(cctx).u32(dealing.dealer).u32(complainer).bytes(entry.ephemeral).bytes(PKj).digest();
  const prk = hmac(binding, shared); // HKDF-Extract(salt = binding, IKM = enc(S))
  const key = hmac(prk, concat(utf8('anfora/v1/dkg-share-key/chacha20poly1305-key'), Uint8Array.of(1))); // Expand, 32 bytes
  let f: Bytes;
  try {
    f = sodium.crypto_aead_chacha20poly1305_ietf_decrypt(null, entry.sealed, binding, new Uint8Array(12), key);
  } catch {
    return 'justified';
  }
  if (f.length !== 32 || !belowL(f)) return 'justified';
  if (dealing.commitments.length !== t || !same(baseMul(f), evaluateCommitments(dealing.commitments, complainer))) return 'justified';
  return 'unjustified';
}

// ---- shapes (§2.2, §6) ----

const isIndex = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 0xffff;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
/** §2.2 id. */
export function isId(v: unknown): v is string {
  if (typeof v !== 'string' || v.length === 0) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = v.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return utf8(v).length <= 256;
}
/** §2.2 date-time. */
export function isDateTime(v: unknown): v is string {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/.exec(v) : null;
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1]!;
}
const isHex32 = (v: unknown): boolean => hex(v, 32) !== null;
const isStr = (v: unknown): v is string => typeof v === 'string';
const arr = (v: unknown, min = 0, max = Infinity): v is unknown[] => Array.isArray(v) && v.length >= min && v.length <= max;
function jsonValue(v: unknown): boolean {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return true;
  if (typeof v === 'number') return Number.isSafeInteger(v);
  if (Array.isArray(v)) return v.every(jsonValue);
  return typeof v === 'object' && Object.values(v as object).every(jsonValue);
}
const schnorrShape = (v: unknown) => exact(v, ['commitment', 'response']) && isHex32(v.commitment) && isHex32(v.response);
const trusteeKeyShape = (v: unknown) => exact(v, ['index', 'key', 'proof']) && isIndex(v.index) && isHex32(v.key) && schnorrShape(v.proof);
const equalityShape = (v: unknown) => exact(v, ['a1', 'a2', 'response']) && isHex32(v.a1) && isHex32(v.a2) && isHex32(v.response);
const ciphertextShape = (v: unknown) => exact(v, ['alpha', 'beta']) && isHex32(v.alpha) && isHex32(v.beta);
const branchShape = (v: unknown) => exact(v, ['a', 'b', 'challenge', 'response']) && [v.a, v.b, v.challenge, v.response].every(isHex32);
const proofShape = (v: unknown, min: number, max: number) => exact(v, ['branches']) && arr(v.branches, min, max) && v.branches.every(branchShape);
function manifestShape(m: unknown): boolean {
  const v3 = typeof m === 'object' && m !== null && (m as { version?: unknown }).version === 3;
  if (!exact(m, ['version', 'electionId', 'title', 'rules', 'threshold', 'openedAt', 'trustees', 'jointPublicKey', 'receiptKey', ...(v3 ? ['constituencies'] : []), 'contests'])) return false;
  if ((m.version !== 1 && m.version !== 2 && m.version !== 3) || !isId(m.electionId) || !isStr(m.title) || typeof m.rules !== 'object' || m.rules === null || Array.isArray(m.rules)
    || !jsonValue(m.rules) || !isIndex(m.threshold) || !isDateTime(m.openedAt) || !isHex32(m.jointPublicKey) || !isHex32(m.receiptKey)) return false;
  const v2 = m.version === 2 || v3;
  const min = (m.rules as Record<string, unknown>).minRollSize;
  if (v2 && !(Number.isSafeInteger(min) && (min as number) >= 1)) return false;
  if (!arr(m.trustees, 1, 0xffff) || (m.threshold as number) > m.trustees.length) return false;
  const trusteesOk = m.trustees.every((t, i) => exact(t, ['index', 'memberId', 'sector', 'publicKey', 'verificationKey']) && t.index === i + 1
    && isId(t.memberId) && isStr(t.sector) && t.sector.length > 0 && trusteeKeyShape(t.publicKey)
    && (t.publicKey as { index: unknown }).index === t.index && isHex32(t.verificationKey));
  if (!trusteesOk || !arr(m.contests, 1)) return false;
  const unique = (xs: unknown[]) => new Set(xs).size === xs.length;
  if (!unique(m.contests.map((c) => (c as { id?: unknown }).id))) return false;
  // §6.5, M6: version 3 declares its constituencies, and each contest names one.
  if (v3) {
    const list = (m as { constituencies?: unknown }).constituencies;
    if (!arr(list, 1, 50) || !list.every((c) => exact(c, ['code', 'nameEs', 'nameEn']) && isStr(c.code) && /^[a-z][a-z0-9_]{0,39}$/.test(c.code)
      && isStr(c.nameEs) && c.nameEs.length > 0 && isStr(c.nameEn) && c.nameEn.length > 0)) return false;
    const codes = list.map((c) => (c as { code: string }).code);
    if (!unique(codes) || !m.contests.every((c) => codes.includes((c as { constituency?: unknown }).constituency as string))) return false;
  }
  const contestKeys = ['id', 'constituency', 'title', 'seats', 'alternates', 'maxSelections', 'candidates', 'roll', 'issuers', ...(v2 ? ['smallRoll'] : [])];
  // Issue 12: each contest lists its issuers (committee members' issuing keys), 2..64; the server has no key of its own.
  const issuersOk = (c: Record<string, unknown>) => arr(c.issuers, 2, 64) && c.issuers.every((i) => exact(i, ['memberId', 'sector', 'issuanceKey'])
    && isId(i.memberId) && isStr(i.sector) && i.sector.length > 0 && exact(i.issuanceKey, ['suite', 'spki', 'keyId']) && i.issuanceKey.suite === 'RSABSSA-SHA384-PSS-Randomized'
    && hex(i.issuanceKey.spki) !== null && (i.issuanceKey.spki as string).length >= 2 && isHex32(i.issuanceKey.keyId));
  return m.contests.every((c) => exact(c, contestKeys)
    && issuersOk(c)
    && isId(c.id) && isStr(c.constituency) && c.constituency.length > 0 && isStr(c.title)
    && Number.isSafeInteger(c.seats) && (c.seats as number) >= 1 && isCount(c.alternates)
    && Number.isSafeInteger(c.maxSelections) && (c.maxSelections as number) >= 1 && (c.maxSelections as number) <= 1024
    && arr(c.candidates, 1, 1024) && c.candidates.every((k) => exact(k, ['id', 'fullName']) && isId(k.id) && isStr(k.fullName))
    && unique(c.candidates.map((k) => (k as { id: unknown }).id))
    && arr(c.roll) && c.roll.every((r) => exact(r, ['associationId', 'legalName', 'region']) && isId(r.associationId) && isStr(r.legalName) && isStr(r.region))
    && unique(c.roll.map((r) => (r as { associationId: unknown }).associationId))
    && (!v2 || c.smallRoll === null || (exact(c.smallRoll, ['acknowledged', 'decidedAt', 'reason', 'proposalId']) && c.smallRoll.acknowledged === true
      && isDateTime(c.smallRoll.decidedAt) && isStr(c.smallRoll.reason) && c.smallRoll.reason.length > 0 && isId(c.smallRoll.proposalId))));
}
const text5000 = (v: unknown) => isStr(v) && v.length >= 1 && v.length <= 5000;
/** §6.7 ServerReport. */
function reportShape(r: unknown): boolean {
  const n = (v: unknown) => isCount(v);
  return exact(r, ['format', 'version', 'electionId', 'title', 'manifestHash', 'publishedEvent', 'resultEvent', 'minRollSize', 'contests', 'regions', 'complaints'])
    && r.format === 'anfora-server-report' && r.version === 1 && isId(r.electionId) && isStr(r.title) && isHex32(r.manifestHash)
    && exact(r.publishedEvent, ['seq', 'hash']) && n(r.publishedEvent.seq) && isHex32(r.publishedEvent.hash) && isHex32(r.resultEvent) && isIndex(r.minRollSize)
    && arr(r.contests) && r.contests.every((c) => exact(c, ['contestId', 'constituency', 'title', 'rollSize', 'tokensIssued', 'ballotsCounted', 'seats', 'alternates', 'candidates'])
      && isId(c.contestId) && isStr(c.constituency) && isStr(c.title) && [c.rollSize, c.tokensIssued, c.ballotsCounted, c.seats, c.alternates].every(n)
      && arr(c.candidates) && c.candidates.every((k) => exact(k, ['candidateId', 'fullName', 'votes', 'seat']) && isId(k.candidateId) && isStr(k.fullName) && n(k.votes)
        && (k.seat === null || k.seat === 'titular' || k.seat === 'alternate')))
    && arr(r.regions) && r.regions.every((g) => (exact(g, ['region', 'suppressed']) && isStr(g.region) && g.suppressed === true)
      || (exact(g, ['region', 'suppressed', 'rollSize', 'tokensIssued']) && isStr(g.region) && g.suppressed === false && n(g.rollSize) && n(g.tokensIssued)))
    && exact(r.complaints, ['filed', 'upheld', 'dismissed', 'unanswered', 'log']) && [r.complaints.filed, r.complaints.upheld, r.complaints.dismissed, r.complaints.unanswered].every(n)
    && arr(r.complaints.log) && r.complaints.log.every((x) => exact(x, ['complaintId', 'window', 'category', 'decision']) && isId(x.complaintId)
      && (x.window === 'roll' || x.window === 'post_close') && ['accreditation', 'candidate', 'voting_conduct', 'missing_tracking_code', 'other'].includes(x.category as string)
      && (x.decision === null || x.decision === 'upheld' || x.decision === 'dismissed'));
}
/** O2: the payload shapes of §6.6. */
// ---- §6.8 signed statements ----

export const PHASES = ['draft', 'accreditation', 'nominations', 'key_ceremony', 'tokens', 'voting', 'closed', 'tallied', 'published'];
const KIND_FIELDS: Record<string, string[]> = {
  accreditation_decision: ['applicationId', 'contestId', 'constituency', 'association', 'decision', 'reason'],
  appeal_decision: ['applicationId', 'contestId', 'constituency', 'association', 'decision', 'reason'],
  candidate_eligibility: ['candidateId', 'contestId', 'fullName', 'nominatedBy', 'employer', 'implementsGlobalFund', 'consecutiveTerms', 'eligible', 'reason'],
  phase_change: ['from', 'to'], rule_change: ['rules'], small_roll_acknowledgement: ['contestId', 'reason'],
  complaint_answer: ['complaintId', 'complaintEvent', 'decision', 'reasoning'], credential_reset: ['holder', 'holderId', 'name', 'revokedKey', 'reason'],
};
const exactKeys = (v: unknown, keys: string[]): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
  && Object.keys(v).length === keys.length && keys.every((k) => Object.hasOwn(v, k));
const isHex = (v: unknown, n: number): v is string => typeof v === 'string' && hex(v, n) !== null;

/** §6.8 statement shapes (enough for the audit: members, kinds, the values the checks read). */
export function statementShape(s: unknown): s is Json {
  if (typeof s !== 'object' || s === null) return false;
  const kind = (s as Json).kind as string;
  const fields = KIND_FIELDS[kind];
  if (fields === undefined || !exactKeys(s, ['kind', 'electionId', ...fields]) || !isId(s.electionId)) return false;
  if (kind === 'accreditation_decision' || kind === 'appeal_decision') {
    return exactKeys(s.association, ['associationId', 'legalName', 'region', 'publicKey']) && isHex(s.association.publicKey, 32);
  }
  if (kind === 'phase_change') return PHASES.includes(s.from as string) && PHASES.includes(s.to as string);
  return true;
}


const PAYLOAD: Record<string, (p: unknown) => boolean> = {
  trustee_key: (p) => exact(p, ['trustee', 'publicKey', 'memberId', 'signature']) && isIndex(p.trustee) && trusteeKeyShape(p.publicKey)
    && isId(p.memberId) && hex(p.signature, 64) !== null,
  dealing: (p) => exact(p, ['dealer', 'dealing']) && isIndex(p.dealer) && exact(p.dealing, ['dealer', 'commitments', 'proofs', 'shares'])
    && isIndex(p.dealing.dealer) && arr(p.dealing.commitments, 1) && p.dealing.commitments.every(isHex32)
    && arr(p.dealing.proofs, 1) && p.dealing.proofs.every(schnorrShape) && arr(p.dealing.shares)
    && p.dealing.shares.every((s) => exact(s, ['recipient', 'ephemeral', 'sealed']) && isIndex(s.recipient) && isHex32(s.ephemeral) && hex(s.sealed, 48) !== null),
  ceremony_verification: (p) => exact(p, ['trustee', 'complaints']) && isIndex(p.trustee) && arr(p.complaints)
    && p.complaints.every((c) => exact(c, ['dealer', 'complainer', 'shared', 'proof']) && isIndex(c.dealer) && isIndex(c.complainer) && isHex32(c.shared) && equalityShape(c.proof)),
  ceremony_result: (p) => exact(p, ['qualified', 'jointPublicKey', 'verificationKeys']) && arr(p.qualified, 1) && p.qualified.every(isIndex)
    && isHex32(p.jointPublicKey) && arr(p.verificationKeys, 1) && p.verificationKeys.every((v) => exact(v, ['index', 'key']) && isIndex(v.index) && isHex32(v.key)),
  manifest: (p) => exact(p, ['manifest', 'hash']) && manifestShape(p.manifest) && isHex32(p.hash),
  token_issued: (p) => exact(p, ['contestId', 'associationId', 'request'])
    && exact(p.request, ['request', 'publicKey', 'signature']) && isHex32(p.request.publicKey) && hex(p.request.signature, 64) !== null
    && exact(p.request.request, ['electionId', 'contestId', 'associationId', 'blindedMessages']) && isId(p.request.request.electionId)
    && isId(p.request.request.contestId) && isId(p.request.request.associationId) && arr(p.request.request.blindedMessages, 1, 16)
    && p.request.request.blindedMessages.every((b, i, a) => exact(b, ['keyId', 'blindedMessageHash']) && isHex32(b.keyId) && isHex32(b.blindedMessageHash)
      && (i === 0 || (a[i - 1] as { keyId: string }).keyId < (b.keyId as string)))
    && isId(p.contestId) && isId(p.associationId),
  ballot: (p) => exact(p, ['contestId', 'trackingCode', 'token', 'ballot', 'signature']) && isId(p.contestId) && isHex32(p.trackingCode)
    && exact(p.token, ['electionId', 'contestId', 'ballotPublicKey', 'messagePrefix', 'signatures']) && isId(p.token.electionId) && isId(p.token.contestId)
    && isHex32(p.token.ballotPublicKey) && isHex32(p.token.messagePrefix) && arr(p.token.signatures, 1, 16)
    && p.token.signatures.every((x, i, a) => exact(x, ['keyId', 'signature']) && isHex32(x.keyId) && hex(x.signature, 384) !== null
      && (i === 0 || (a[i - 1] as { keyId: string }).keyId < (x.keyId as string)))
    && exact(p.ballot, ['selections', 'rangeProof']) && arr(p.ballot.selections, 1, 1024)
    && p.ballot.selections.every((s) => exact(s, ['ciphertext', 'proof']) && ciphertextShape(s.ciphertext) && proofShape(s.proof, 2, 2))
    && proofShape(p.ballot.rangeProof, 1, 1025) && hex(p.signature, 64) !== null,
  close: (p) => exact(p, ['ballots']) && arr(p.ballots) && p.ballots.every((b) => exact(b, ['contestId', 'count']) && isId(b.contestId) && isCount(b.count)),
  encrypted_tally: (p) => exact(p, ['contests']) && arr(p.contests)
    && p.contests.every((c) => exact(c, ['contestId', 'tally']) && isId(c.contestId) && arr(c.tally) && c.tally.every(ciphertextShape)),
  decryption_share: (p) => exact(p, ['trustee', 'contests']) && isIndex(p.trustee) && arr(p.contests)
    && p.contests.every((c) => exact(c, ['contestId', 'shares']) && isId(c.contestId) && arr(c.shares)
      && c.shares.every((s) => exact(s, ['index', 'share', 'proof']) && isIndex(s.index) && isHex32(s.share) && equalityShape(s.proof))),
  result: (p) => exact(p, ['contests']) && arr(p.contests) && p.contests.every((c) => exact(c, ['contestId', 'counts', 'ranking', 'titulars', 'alternates', 'tieBreak', 'lots'])
    && isId(c.contestId) && arr(c.counts) && c.counts.every((x) => exact(x, ['candidateId', 'votes']) && isId(x.candidateId) && isCount(x.votes))
    && [c.ranking, c.titulars, c.alternates].every((l) => arr(l) && l.every(isId)) && isHex32(c.tieBreak)
    && arr(c.lots) && c.lots.every((x) => exact(x, ['candidateId', 'lot']) && isId(x.candidateId) && isHex32(x.lot))),
  published: (p) => exact(p, ['resultEvent']) && isHex32(p.resultEvent),
  complaint: (p) => exact(p, ['complaintId', 'window', 'category', 'text', 'attachments', 'complainant']) && isId(p.complaintId)
    && (p.window === 'roll' || p.window === 'post_close')
    && ['accreditation', 'candidate', 'voting_conduct', 'missing_tracking_code', 'other'].includes(p.category as string) && text5000(p.text)
    && arr(p.attachments, 0, 10) && p.attachments.every((a) => exact(a, ['name', 'sha256']) && isStr(a.name) && a.name.length >= 1 && a.name.length <= 200 && isHex32(a.sha256))
    && (p.complainant === null || (exact(p.complainant, ['role', 'name']) && ['association', 'committee', 'auditor'].includes(p.complainant.role as string)
      && (p.complainant.name === null || (isStr(p.complainant.name) && p.complainant.name.length > 0)))),
  complaint_answer: (p) => exact(p, ['complaintId', 'complaintEvent', 'decision', 'reasoning', 'proposalId', 'sectors']) && isId(p.complaintId)
    && isHex32(p.complaintEvent) && (p.decision === 'upheld' || p.decision === 'dismissed') && text5000(p.reasoning) && isId(p.proposalId)
    && arr(p.sectors, 1) && p.sectors.every((x) => isStr(x) && x.length > 0),
  report: (p) => exact(p, ['report', 'signature']) && hex(p.signature, 64) !== null && reportShape(p.report),
  committee: (p) => exact(p, ['members', 'rules']) && arr(p.members, 1) && p.members.every((m) => exact(m, ['memberId', 'fullName', 'sector', 'organisation', 'role', 'publicKey'])
    && isId(m.memberId) && [m.fullName, m.sector, m.organisation, m.role].every((x) => isStr(x) && x.length > 0) && (m.publicKey === null || isHex32(m.publicKey)))
    && typeof p.rules === 'object' && p.rules !== null && !Array.isArray(p.rules),
  issuer_key: (p) => exact(p, ['contestId', 'memberId', 'sector', 'issuanceKey', 'pop', 'signature']) && isId(p.contestId) && isId(p.memberId)
    && isStr(p.sector) && p.sector.length > 0 && exact(p.issuanceKey, ['suite', 'spki', 'keyId']) && isHex32(p.issuanceKey.keyId)
    && hex(p.pop) !== null && hex(p.signature, 64) !== null,
  issuer_log: (p) => exact(p, ['log', 'signature']) && hex(p.signature, 64) !== null
    && exact(p.log, ['electionId', 'contestId', 'memberId', 'keyId', 'entries']) && isId(p.log.electionId) && isId(p.log.contestId) && isId(p.log.memberId) && isHex32(p.log.keyId)
    && arr(p.log.entries) && p.log.entries.every((x, i, all) => exact(x, ['request', 'publicKey', 'signature']) && isHex32(x.publicKey) && hex(x.signature, 64) !== null
      && exact(x.request, ['electionId', 'contestId', 'associationId', 'blindedMessages']) && isId(x.request.electionId) && isId(x.request.contestId) && isId(x.request.associationId)
      && arr(x.request.blindedMessages, 1, 16) && x.request.blindedMessages.every((b, j, bs) => exact(b, ['keyId', 'blindedMessageHash']) && isHex32(b.keyId) && isHex32(b.blindedMessageHash)
        && (j === 0 || (bs[j - 1] as Json).keyId as string < (b.keyId as string)))
      // §6.9: entries in strictly ascending associationId (so one per association).
      && (i === 0 || ((all[i - 1] as Json).request as Json).associationId as string < (x.request.associationId as string))),
  key_registered: (p) => exact(p, ['holder', 'holderId', 'publicKey']) && (p.holder === 'member' || p.holder === 'association') && isId(p.holderId) && isHex32(p.publicKey),
  token_window: (p) => exact(p, ['contests']) && arr(p.contests) && p.contests.every((c) => exact(c, ['contestId', 'issued']) && isId(c.contestId) && isCount(c.issued)),
  decision: (p) => exact(p, ['proposalId', 'statement', 'approvals', 'against']) && isId(p.proposalId) && statementShape(p.statement)
    && arr(p.approvals, 1) && arr(p.against) && [...p.approvals, ...p.against].every((a) => exact(a, ['memberId', 'publicKey', 'signature'])
      && isId(a.memberId) && isHex32(a.publicKey) && hex(a.signature, 64) !== null),
  head_witnessed: (p) => exact(p, ['memberId', 'seq', 'hash', 'signature']) && isId(p.memberId) && Number.isSafeInteger(p.seq) && (p.seq as number) >= 0
    && (p.seq as number) <= 0xffffffff && isHex32(p.hash) && hex(p.signature, 64) !== null,
};
const KINDS = Object.keys(PAYLOAD);


// ---- the audit (§7) ----

/** One failed check: the document's number, the event and what failed. */
export interface Finding { check: string; seq?: number; message: string }
/** The audit: every failure, and how far the record goes. */
export interface Audit {
  readonly valid: boolean;
  readonly findings: Finding[];
  /** How far the record goes (§7.3 O4). */
  readonly stage: 'empty' | 'ceremony' | 'voting' | 'closed' | 'tallied' | 'published';
  /** Values recomputed on the way, for comparison with the project's. */
  readonly computed: {
    eventHashes: string[];
    manifestHash?: string;
    trackingCodes: string[];
    jointPublicKey?: string;
    counted: Record<string, number>;
    /** Per contest, counted ballots per issuer key id their token's signatures name (§7.20). */
    countedByIssuer: Record<string, Record<string, number>>;
    counts: Record<string, number[]>;
    lots: Record<string, string[]>;
    /** The server report as §6.7 defines it from this record (S3). */
    report?: unknown;
  };
}
type Ev = { seq: number; kind: string; at: string; payload: Record<string, unknown>; prevHash: string; hash: string };
type Json = Record<string, unknown>;
const RANK: Record<string, number> = {
  trustee_key: 0, dealing: 1, ceremony_verification: 2, ceremony_result: 3, manifest: 4, token_window: 5, token_issued: 5, ballot: 5,
  close: 6, encrypted_tally: 7, decryption_share: 8, result: 9, published: 10, report: 11,
};
const ONCE = ['ceremony_result', 'manifest', 'token_window', 'close', 'encrypted_tally', 'result', 'published', 'report'];
const NEEDS: Record<string, string> = {
  manifest: 'ceremony_result', token_window: 'manifest', token_issued: 'manifest', ballot: 'manifest', close: 'manifest', encrypted_tally: 'close',
  decryption_share: 'encrypted_tally', result: 'encrypted_tally', published: 'result', report: 'published',
};
/** Each manifest contest exactly once, and no other (§6.6). */
function everyContest(ids: unknown[], contests: { id: string }[]): boolean {
  return ids.length === contests.length && contests.every((c) => ids.filter((id) => id === c.id).length === 1);
}

/** Run the checks of §7 on the text of a record. Never throws. */
export function audit(text: string, options: { partial?: boolean } = {}): Audit {
  const findings: Finding[] = [];
  const computed: Audit['computed'] = { eventHashes: [], trackingCodes: [], counted: {}, countedByIssuer: {}, counts: {}, lots: {} };
  const fail = (check: string, message: string, seq?: number) => findings.push(seq === undefined ? { check, message } : { check, seq, message });
  const finish = (stage: Audit['stage']): Audit => ({ valid: findings.length === 0, findings, stage, computed });

  // §7.1 R1, R2
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch {
    fail('R1', 'not JSON');
    return finish('empty');
  }
  if (hasDuplicateKeys(text)) return (fail('R1', 'a repeated member name'), finish('empty'));
  for (const n of badNumbers(text)) fail('R1', `the number ${n} is not an integer of the grammar`);
  if (!exact(doc, ['format', 'version', 'electionId', 'exportedAt', 'committee', 'events']) || doc.format !== 'anfora-election-record'
    || doc.version !== 1 || !isId(doc.electionId) || !isDateTime(doc.exportedAt) || !Array.isArray(doc.committee) || !Array.isArray(doc.events)) {
    return (fail('R1', 'not an anfora-election-record v1 document'), finish('empty'));
  }
  (doc.committee as unknown[]).forEach((m, i) => {
    if (!exact(m, ['index', 'memberId', 'fullName', 'sector', 'organisation', 'role']) || !isIndex(m.index) || !isId(m.memberId)
      || ![m.fullName, m.sector, m.organisation, m.role].every(isStr)) fail('R2', `committee[${i}]`);
  });

  // §7.2 C1–C4, stopping at the first broken link
  const events = doc.events as unknown[];
  let prev = '00'.repeat(32);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (!exact(e, ['seq', 'kind', 'at', 'payload', 'prevHash', 'hash']) || !Number.isSafeInteger(e.seq) || (e.seq as number) < 0 || (e.seq as number) > 0xffffffff
      || !KINDS.includes(e.kind as string) || typeof e.at !== 'string' || !jsonValue(e.payload) || !isHex32(e.prevHash) || !isHex32(e.hash)) {
      return (fail('C1', `event ${i}: malformed`, i), finish('empty'));
    }
    if (e.seq !== i) return (fail('C2', `event ${i}: seq ${String(e.seq)}`, i), finish('empty'));
    if (e.prevHash !== prev) return (fail('C3', `event ${i}: prevHash`, i), finish('empty'));
    const h = toHex(eventHash(hex(prev)!, i, e.kind as string, e.at as string, e.payload));
    computed.eventHashes.push(h);
    if (e.hash !== h) return (fail('C4', `event ${i}: hash`, i), finish('empty'));
    prev = h;
  }
  const evs = events as Ev[];
  // §7.14 W1: one canonical spelling, never going back.
  let lastAt: string | undefined;
  for (const e of evs) {
    const at = (e as unknown as { at: string }).at;
    if (!isBoardTime(at)) fail('W1', `event ${e.seq}: time ${at} not canonical`, e.seq);
    else if (lastAt !== undefined && at < lastAt) fail('W1', `event ${e.seq}: time goes back`, e.seq);
    else lastAt = at;
  }
  const firstSeq = (kind: string) => evs.find((e) => e.kind === kind)?.seq;
  const has = (kind: string) => firstSeq(kind) !== undefined;
  const stage: Audit['stage'] = has('published') ? 'published' : has('result') ? 'tallied' : has('close') ? 'closed'
    : has('manifest') ? 'voting' : evs.length > 0 ? 'ceremony' : 'empty';

  // §7.3 O1 shapes
  const ok = new Set<number>();
  for (const e of evs) {
    if (PAYLOAD[e.kind]!(e.payload)) ok.add(e.seq);
    else fail('O1', `${e.kind} payload`, e.seq);
  }
  const of = (kind: string) => evs.filter((e) => e.kind === kind && ok.has(e.seq));
  // O2 stage order
  {
    let top = -1;
    const seen = new Set<string>();
    for (const e of evs) {
      const rank = RANK[e.kind];
      if (rank === undefined) continue;
      const need = NEEDS[e.kind];
      if (ONCE.includes(e.kind) && seen.has(e.kind)) fail('O2', `a second ${e.kind}`, e.seq);
      else if (rank < top) fail('O2', `${e.kind} after a later stage`, e.seq);
      else if (need !== undefined && !seen.has(need)) fail('O2', `${e.kind} without ${need} before it`, e.seq);
      seen.add(e.kind);
      top = Math.max(top, rank);
    }
  }
  // O3 the complaint log
  {
    const [manifestAt, closeAt, publishedAt] = [firstSeq('manifest'), firstSeq('close'), firstSeq('published')];
    const filed = new Map<string, Ev>();
    const answered = new Map<string, number>();
    for (const e of evs) {
      if (!ok.has(e.seq)) continue;
      const p = e.payload as { complaintId: string; window?: string; complaintEvent?: string };
      if (e.kind === 'complaint') {
        if (p.window === 'roll' && manifestAt !== undefined && e.seq > manifestAt) fail('O3', 'roll complaint after the manifest', e.seq);
        if (p.window === 'post_close' && (closeAt === undefined || e.seq < closeAt || (publishedAt !== undefined && e.seq > publishedAt))) {
          fail('O3', 'post_close complaint outside its window', e.seq);
        }
        if (filed.has(p.complaintId)) fail('O3', `complaint ${p.complaintId} filed twice`, e.seq);
        else filed.set(p.complaintId, e);
      } else if (e.kind === 'complaint_answer') {
        const target = filed.get(p.complaintId);
        if (target === undefined || target.hash !== p.complaintEvent) fail('O3', 'answers no earlier complaint with that id and hash', e.seq);
        else if (answered.has(p.complaintId)) fail('O3', `complaint ${p.complaintId} answered twice`, e.seq);
        else answered.set(p.complaintId, e.seq);
      }
    }
    if (publishedAt !== undefined) {
      for (const [id, e] of filed) {
        const answer = answered.get(id);
        if ((e.payload as { window: string }).window === 'post_close' && (answer === undefined || answer > publishedAt)) fail('O3', `post_close complaint ${id} unanswered at publication`, e.seq);
      }
    }
  }
  // O4 completeness
  if (!options.partial && !has('result')) fail('O4', `the record ends before the result (${stage})`);

  // §7.4 parameters
  const manifestEvent = of('manifest')[0];
  const manifest = manifestEvent?.payload.manifest as Json | undefined;
  const electionId = (manifest?.electionId ?? doc.electionId) as string;
  const n = manifest ? (manifest.trustees as unknown[]).length : Math.max(0, ...of('trustee_key').map((e) => e.payload.trustee as number));
  const firstDealing = of('dealing')[0]?.payload.dealing as Json | undefined;
  const t = manifest ? (manifest.threshold as number) : firstDealing ? (firstDealing.commitments as unknown[]).length : undefined;
  const done = has('ceremony_result') || has('manifest');

  // §7.5 K1–K4
  const trusteeKeys = new Map<number, Bytes>();
  const trusteeKeyJson = new Map<number, unknown>();
  const dealings = new Map<number, AuditDealing>();
  let K: Bytes | undefined;
  let X: (j: number) => Bytes = () => IDENTITY;
  if (t !== undefined && n >= 1 && t <= n) {
    const cctx = ceremonyContext(electionId, n, t);
    const inRange = (j: number) => j >= 1 && j <= n;
    const seenKeys = new Set<number>();
    for (const e of of('trustee_key')) { // K1
      const p = e.payload as { trustee: number; publicKey: { index: number; key: string; proof: { commitment: string; response: string } } };
      if (!inRange(p.trustee) || seenKeys.has(p.trustee)) { fail('K1', `trustee ${p.trustee}: index`, e.seq); continue; }
      seenKeys.add(p.trustee);
      const key = point(p.publicKey.key);
      const R = point(p.publicKey.proof.commitment);
      const s = scalar(p.publicKey.proof.response);
      if (p.publicKey.index !== p.trustee) fail('K1', `trustee ${p.trustee}: key index`, e.seq);
      else if (!key || !R || !s || !schnorrValid(new Tr('dkg-trustee-key').bytes(cctx).u32(p.trustee).digest(), key, R, s)) fail('K1', `trustee ${p.trustee}: proof`, e.seq);
      else {
        trusteeKeys.set(p.trustee, key);
        trusteeKeyJson.set(p.trustee, p.publicKey);
      }
    }
    const seenDealers = new Set<number>();
    for (const e of of('dealing')) { // K2
      const p = e.payload as { dealer: number; dealing: { dealer: number; commitments: string[]; proofs: { commitment: string; response: string }[]; shares: { recipient: number; ephemeral: string; sealed: string }[] } };
      const d = p.dealing;
      if (!inRange(p.dealer) || seenDealers.has(p.dealer)) { fail('K2', `dealer ${p.dealer}: index`, e.seq); continue; }
      seenDealers.add(p.dealer);
      const commitments = d.commitments.map((c) => point(c));
      const shares = d.shares.map((x) => ({ recipient: x.recipient, ephemeral: point(x.ephemeral), sealed: hex(x.sealed, 48) }));
      const proofs = d.proofs.map((x) => ({ R: point(x.commitment), s: scalar(x.response) }));
      const expected = Array.from({ length: n }, (_, i) => i + 1).filter((j) => j !== d.dealer);
      let why: string | null = null;
      if (d.dealer !== p.dealer) why = 'dealer';
      else if (commitments.some((c) => !c) || proofs.some((x) => !x.R || !x.s) || shares.some((x) => !x.ephemeral || !x.sealed)) why = 'does not decode';
      else if (d.commitments.length !== t || d.proofs.length !== t) why = 'commitment count';
      else if (shares.length !== expected.length || shares.some((x, i) => x.recipient !== expected[i])) why = 'recipients';
      else {
        for (let k = 0; k < t && why === null; k++) {
          const ctx = new Tr('dkg-commitment').bytes(cctx).u32(n).u32(t).u32(d.dealer).u32(k).digest();
          if (!schnorrValid(ctx, commitments[k]!, proofs[k]!.R!, proofs[k]!.s!)) why = `proof ${k}`;
        }
      }
      if (why !== null) fail('K2', `dealer ${p.dealer}: ${why}`, e.seq);
      else dealings.set(d.dealer, { dealer: d.dealer, commitments: commitments as Bytes[], shares: new Map(shares.map((x) => [x.recipient, { ephemeral: x.ephemeral!, sealed: x.sealed! }])) });
    }
    const justified = new Set<number>();
    const seenVerifications = new Set<number>();
    for (const e of of('ceremony_verification')) { // K3
      const p = e.payload as { trustee: number; complaints: { dealer: number; complainer: number; shared: string; proof: { a1: string; a2: string; response: string } }[] };
      if (!inRange(p.trustee) || seenVerifications.has(p.trustee)) { fail('K3', `trustee ${p.trustee}: index`, e.seq); continue; }
      seenVerifications.add(p.trustee);
      for (const c of p.complaints) {
        const [S, a1, a2, s] = [point(c.shared), point(c.proof.a1, true), point(c.proof.a2, true), scalar(c.proof.response)];
        const dealing = dealings.get(c.dealer);
        if (!S || !a1 || !a2 || !s) { fail('K3', 'complaint does not decode', e.seq); continue; }
        if (c.complainer !== p.trustee) { fail('K3', `complaint filed by ${c.complainer}`, e.seq); continue; }
        if (!dealing) { fail('K3', `no valid dealing of ${c.dealer}`, e.seq); continue; }
        const PK = trusteeKeys.get(c.complainer);
        const verdict = !inRange(c.dealer) || c.dealer === c.complainer || !PK ? 'invalid' : judgeComplaint(cctx, n, t, dealing, c.complainer, PK, S, { a1, a2, s });
        if (verdict === 'invalid') fail('K3', `complaint against ${c.dealer}: invalid`, e.seq);
        if (verdict === 'justified') justified.add(c.dealer);
      }
    }
    if (done) {
      for (let j = 1; j <= n; j++) {
        if (!seenKeys.has(j)) fail('K1', `trustee ${j}: no key`);
        if (!seenDealers.has(j)) fail('K2', `trustee ${j}: no dealing`);
        if (!seenVerifications.has(j)) fail('K3', `trustee ${j}: no verification`);
      }
    }
    const Q = [...dealings.keys()].filter((i) => !justified.has(i)).sort((a, b) => a - b);
    if (Q.length >= t) {
      K = Q.reduce<Bytes>((acc, i) => add(acc, dealings.get(i)!.commitments[0]!), IDENTITY);
      X = (j: number) => Q.reduce<Bytes>((acc, i) => add(acc, evaluateCommitments(dealings.get(i)!.commitments, j)), IDENTITY);
      computed.jointPublicKey = toHex(K);
    }
    const result = of('ceremony_result')[0]; // K4
    if (done && !result) fail('K4', 'no ceremony_result');
    if (result) {
      const p = result.payload as { qualified: number[]; jointPublicKey: string; verificationKeys: { index: number; key: string }[] };
      if (p.qualified.join() !== Q.join()) fail('K4', 'qualified', result.seq);
      if (Q.length < t) fail('K4', `only ${Q.length} qualified dealers`, result.seq);
      else {
        if (p.jointPublicKey !== toHex(K!)) fail('K4', 'jointPublicKey', result.seq);
        if (p.verificationKeys.length !== n || p.verificationKeys.some((v, i) => v.index !== i + 1 || v.key !== toHex(X(i + 1)))) fail('K4', 'verificationKeys', result.seq);
      }
    }
  }

  // §7.6 M1–M5
  if (!manifestEvent || !manifest) return finish(stage);
  const mh = manifestHash(manifest);
  computed.manifestHash = toHex(mh);
  if (manifestEvent.payload.hash !== toHex(mh)) return (fail('M1', 'manifest hash', manifestEvent.seq), finish(stage));
  if (manifest.electionId !== doc.electionId) fail('M2', 'electionId', manifestEvent.seq);
  const Kmanifest = point(manifest.jointPublicKey);
  const trustees = manifest.trustees as { index: number; publicKey: { key: string; proof: { commitment: string; response: string } }; verificationKey: string }[];
  const Xs = trustees.map((tr) => point(tr.verificationKey));
  type Issuer = { memberId: string; sector: string; issuanceKey: { keyId: string } };
  const contests = manifest.contests as { id: string; seats: number; alternates: number; maxSelections: number; candidates: { id: string }[]; roll: { associationId: string }[]; issuers: Issuer[]; smallRoll?: { decidedAt: string } | null }[];
  // Each issuer's key, decoded and checked against its key id (issuanceKey: SHA-256 of the SPKI).
  const issuerKeys = new Map(contests.map((c) => [c.id, c.issuers.map((i) => {
    const k = issuanceKey(i.issuanceKey);
    return k ? { ...i, k } : null;
  })]));
  const keys = new Map([...issuerKeys].map(([id, list]) => [id, list.every((x) => x !== null) ? list : null]));
  // The issuance rule (§2.6): rules.issuerThreshold (an integer ≥ 2, else 2) distinct issuers of ≥ 2 sectors.
  const k0 = (manifest.rules as { issuerThreshold?: unknown }).issuerThreshold;
  const threshold = typeof k0 === 'number' && Number.isSafeInteger(k0) && k0 >= 2 ? k0 : 2;
  const trusteeKeysOk = trustees.every((tr) => point(tr.publicKey.key) && point(tr.publicKey.proof.commitment) && scalar(tr.publicKey.proof.response));
  if (!Kmanifest || Xs.some((x) => !x) || !ed25519KeyValid(hex(manifest.receiptKey, 32)!) || !trusteeKeysOk || [...keys.values()].some((k) => !k)) {
    return (fail('M3', 'manifest keys do not decode', manifestEvent.seq), finish(stage));
  }
  trustees.forEach((tr, i) => { // M4
    const posted = trusteeKeyJson.get(i + 1);
    if (posted !== undefined && canonicalText(posted) !== canonicalText(tr.publicKey)) fail('M4', `trustee ${i + 1}: publicKey`, manifestEvent.seq);
    if (K !== undefined && tr.verificationKey !== toHex(X(i + 1))) fail('M4', `trustee ${i + 1}: verificationKey`, manifestEvent.seq);
  });
  if (K !== undefined && manifest.jointPublicKey !== toHex(K)) fail('M4', 'jointPublicKey', manifestEvent.seq);
  if (manifest.version === 2 || manifest.version === 3) { // M5
    const min = (manifest.rules as { minRollSize: number }).minRollSize;
    for (const c of contests) {
      const small = c.roll.length < min;
      if (small && (!c.smallRoll || Date.parse(c.smallRoll.decidedAt) > Date.parse(manifest.openedAt as string))) fail('M5', `contest ${c.id}: small roll not acknowledged before opening`, manifestEvent.seq);
      if (!small && c.smallRoll !== null) fail('M5', `contest ${c.id}: acknowledgement of a roll that is not small`, manifestEvent.seq);
    }
  }
  const contestOf = new Map(contests.map((c) => [c.id, c]));

  // §7.7 I1
  const issued = new Set<string>();
  const issuedPer = new Map<string, number>();
  for (const e of of('token_issued')) {
    const p = e.payload as { contestId: string; associationId: string };
    const c = contestOf.get(p.contestId);
    const pair = `${p.contestId}\n${p.associationId}`;
    if (!c || !c.roll.some((r) => r.associationId === p.associationId) || issued.has(pair)) fail('I1', `token for ${p.associationId}`, e.seq);
    issued.add(pair);
    issuedPer.set(p.contestId, (issuedPer.get(p.contestId) ?? 0) + 1);
  }

  // §7.8 B1–B9
  const closeAt = firstSeq('close');
  const counted = new Map<string, DecodedBallot[]>(contests.map((c) => [c.id, []]));
  const onBoard = new Map<string, number>(contests.map((c) => [c.id, 0]));
  const countedKeys = new Set<string>();
  const seenKeys = new Set<string>();
  let previousCode: Bytes | null = null;
  for (const e of of('ballot')) {
    const p = e.payload as { contestId: string; trackingCode: string; token: { electionId: string; contestId: string; ballotPublicKey: string; messagePrefix: string; signatures: { keyId: string; signature: string }[] }; ballot: unknown; signature: string };
    const inVoting = e.seq > manifestEvent.seq && (closeAt === undefined || e.seq < closeAt);
    if (inVoting && onBoard.has(p.contestId)) onBoard.set(p.contestId, onBoard.get(p.contestId)! + 1);
    const tokenKey = `${p.contestId}\n${p.token.ballotPublicKey}`;
    if (seenKeys.has(tokenKey)) fail('B8', 'a second ballot of a token', e.seq); // B8
    seenKeys.add(tokenKey);
    const ballot = decodeBallot(p.ballot);
    const bpk = hex(p.token.ballotPublicKey, 32)!;
    const check = (): string | null => { // B1–B6
      if (!ballot) return 'B1';
      const c = contestOf.get(p.contestId);
      if (!c) return 'B2';
      if (p.token.electionId !== manifest.electionId || p.token.contestId !== p.contestId) return 'B3';
      const prepared = concat(hex(p.token.messagePrefix, 32)!, tokenMessage(p.token.electionId, p.token.contestId, bpk));
      // B4: every signature by a distinct issuer of the contest, k of them of ≥ 2 sectors, each valid.
      const list = keys.get(c.id)!;
      const signers = p.token.signatures.map((x) => list.find((i) => i!.issuanceKey.keyId === x.keyId));
      if (signers.some((i) => i === undefined)) return 'B4';
      if (new Set(signers.map((i) => i!.memberId)).size !== signers.length || signers.length < threshold) return 'B4';
      if (new Set(signers.map((i) => i!.sector)).size < 2) return 'B4';
      if (!p.token.signatures.every((x, j) => tokenSignatureValid(signers[j]!.k, prepared, hex(x.signature, 384)!))) return 'B4';
      if (!ed25519Valid(bpk, ballotSignatureMessage(ballotDigest(ballot)), hex(p.signature, 64)!)) return 'B5';
      const bctx = ballotContext(mh, Kmanifest, p.contestId, bpk);
      if (ballot.selections.length !== c.candidates.length) return 'B6';
      if (!ballot.selections.every((s) => zeroOrOneValid(bctx, Kmanifest, s.alpha, s.beta, s.branches))) return 'B6';
      return rangeValid(bctx, Kmanifest, c.maxSelections, ballot.selections, ballot.range) ? null : 'B6';
    };
    const verdict = check();
    if (verdict !== null) fail(verdict, 'ballot', e.seq);
    if (ballot) { // B7
      const code = trackingCode(previousCode, ballotDigest(ballot), bpk);
      computed.trackingCodes.push(toHex(code));
      if (p.trackingCode !== toHex(code)) fail('B7', 'tracking code', e.seq);
      previousCode = code;
    } else {
      fail('B7', 'tracking code cannot be recomputed', e.seq);
      previousCode = hex(p.trackingCode, 32);
    }
    if (verdict === null && inVoting && !countedKeys.has(tokenKey)) {
      countedKeys.add(tokenKey);
      counted.get(p.contestId)!.push(ballot!);
      const bySigner = (computed.countedByIssuer[p.contestId] ??= {});
      for (const keyId of new Set(((p.token as Json).signatures as Json[]).map((x) => x.keyId as string))) bySigner[keyId] = (bySigner[keyId] ?? 0) + 1;
    }
  }
  for (const c of contests) { // B9
    const cast = counted.get(c.id)!.length;
    computed.counted[c.id] = cast;
    const tokens = issuedPer.get(c.id) ?? 0;
    if (cast > tokens || tokens > c.roll.length) fail('B9', `contest ${c.id}: ${cast} counted, ${tokens} tokens, ${c.roll.length} on the roll`);
  }

  // §7.9 T1, T2
  const close = of('close')[0];
  if (close) {
    const b = (close.payload as { ballots: { contestId: string; count: number }[] }).ballots;
    if (!everyContest(b.map((x) => x.contestId), contests) || b.some((x) => x.count !== counted.get(x.contestId)?.length)) fail('T1', 'counts', close.seq);
  }
  const tally = new Map<string, { alpha: Bytes; beta: Bytes }[]>();
  const tallyEvent = of('encrypted_tally')[0];
  if (tallyEvent) {
    const list = (tallyEvent.payload as { contests: { contestId: string; tally: { alpha: string; beta: string }[] }[] }).contests;
    if (!everyContest(list.map((x) => x.contestId), contests)) fail('T2', 'contests', tallyEvent.seq);
    for (const x of list) {
      const c = contestOf.get(x.contestId);
      const cts = x.tally.map((ct) => ({ alpha: point(ct.alpha, true), beta: point(ct.beta, true) }));
      if (!c || cts.length !== c.candidates.length || cts.some((ct) => !ct.alpha || !ct.beta)) { fail('T2', `contest ${x.contestId}: shape`, tallyEvent.seq); continue; }
      tally.set(x.contestId, cts as { alpha: Bytes; beta: Bytes }[]);
      cts.forEach((ct, i) => {
        const sum = counted.get(x.contestId)!.reduce<{ alpha: Bytes; beta: Bytes }>((acc, b) => ({ alpha: add(acc.alpha, b.selections[i]!.alpha), beta: add(acc.beta, b.selections[i]!.beta) }), { alpha: IDENTITY, beta: IDENTITY });
        if (!same(sum.alpha, ct.alpha!) || !same(sum.beta, ct.beta!)) fail('T2', `contest ${x.contestId}, candidate ${i}`, tallyEvent.seq);
      });
    }
  }

  // §7.10 D1
  const resultAt = firstSeq('result');
  const valid = new Map<string, { j: number; M: Bytes }[][]>([...tally].map(([id, cts]) => [id, cts.map(() => [])]));
  const seenShares = new Set<number>();
  for (const e of of('decryption_share')) {
    const p = e.payload as { trustee: number; contests: { contestId: string; shares: { index: number; share: string; proof: { a1: string; a2: string; response: string } }[] }[] };
    const Xj = Xs[p.trustee - 1];
    if (!Xj || seenShares.has(p.trustee)) { fail('D1', `trustee ${p.trustee}: index`, e.seq); continue; }
    seenShares.add(p.trustee);
    if (!everyContest(p.contests.map((c) => c.contestId), contests)) fail('D1', `trustee ${p.trustee}: contests`, e.seq);
    for (const entry of p.contests) {
      const cts = tally.get(entry.contestId);
      if (!cts || entry.shares.length !== cts.length) { fail('D1', `trustee ${p.trustee}, contest ${entry.contestId}: count`, e.seq); continue; }
      const dctx = decryptionContext(mh, entry.contestId);
      entry.shares.forEach((s, k) => {
        const [M, a1, a2] = [point(s.share, true), point(s.proof.a1, true), point(s.proof.a2, true)];
        const r = scalar(s.proof.response);
        const ct = cts[k]!;
        const ctx = new Tr('partial-decryption').bytes(dctx).u32(p.trustee).bytes(ct.alpha).bytes(ct.beta).digest();
        if (s.index !== p.trustee || !M || !a1 || !a2 || !r || !equalityValid(ctx, G, Xj, ct.alpha, M, a1, a2, r)) {
          fail('D1', `trustee ${p.trustee}, contest ${entry.contestId}, candidate ${k}`, e.seq);
        } else if (resultAt === undefined || e.seq < resultAt) {
          valid.get(entry.contestId)![k]!.push({ j: p.trustee, M });
        }
      });
    }
  }

  // §7.11 E1–E3
  const resultEvent = of('result')[0];
  if (resultEvent && close) {
    const list = (resultEvent.payload as { contests: { contestId: string; counts: { candidateId: string; votes: number }[]; ranking: string[]; titulars: string[]; alternates: string[]; tieBreak: string; lots: { candidateId: string; lot: string }[] }[] }).contests;
    if (!everyContest(list.map((x) => x.contestId), contests)) fail('E1', 'contests', resultEvent.seq);
    for (const x of list) {
      const c = contestOf.get(x.contestId);
      if (!c) continue;
      if (x.counts.length !== c.candidates.length || x.counts.some((v, i) => v.candidateId !== c.candidates[i]!.id)) { fail('E1', `contest ${c.id}: candidates`, resultEvent.seq); continue; }
      computed.counts[c.id] = x.counts.map((v) => v.votes);
      const cts = tally.get(c.id);
      x.counts.forEach((v, i) => { // E2
        const shares = valid.get(c.id)?.[i] ?? [];
        if (!cts || shares.length < t!) { fail('E2', `contest ${c.id}, candidate ${i}: fewer than t valid shares`, resultEvent.seq); return; }
        const S = shares.slice(0, t);
        const M = S.reduce((acc, { j, M: Mj }) => {
          const lambda = S.filter((o) => o.j !== j).reduce((l, o) => sMul(l, sMul(scalarOf(o.j), sodium.crypto_core_ristretto255_scalar_invert(sSub(scalarOf(o.j), scalarOf(j))))), scalarOf(1));
          return sub(acc, mul(lambda, Mj));
        }, cts[i]!.beta);
        if (v.votes > onBoard.get(c.id)! || !same(baseMul(scalarOf(v.votes)), M)) fail('E2', `contest ${c.id}, candidate ${i}: votes`, resultEvent.seq);
      });
      // E3
      if (!cts) { fail('E3', `contest ${c.id}: no tally to seed the lots`, resultEvent.seq); continue; }
      const h = tieBreakSeed(mh, c.id, x.counts.map((v, i) => sub(cts[i]!.beta, baseMul(scalarOf(v.votes)))));
      const lots = c.candidates.map((k) => tieBreakLot(h, c.id, k.id));
      computed.lots[c.id] = lots.map(toHex);
      const votes = x.counts.map((v) => v.votes);
      const ranking = c.candidates.map((_, i) => i).sort((i, j) => votes[j]! - votes[i]! || compareBytes(lots[i]!, lots[j]!)).map((i) => c.candidates[i]!.id);
      const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
      if (x.tieBreak !== toHex(h)) fail('E3', `contest ${c.id}: tieBreak`, resultEvent.seq);
      if (x.lots.length !== c.candidates.length || x.lots.some((l, i) => l.candidateId !== c.candidates[i]!.id || l.lot !== toHex(lots[i]!))) fail('E3', `contest ${c.id}: lots`, resultEvent.seq);
      if (!sameList(x.ranking, ranking)) fail('E3', `contest ${c.id}: ranking`, resultEvent.seq);
      if (!sameList(x.titulars, ranking.slice(0, c.seats))) fail('E3', `contest ${c.id}: titulars`, resultEvent.seq);
      if (!sameList(x.alternates, ranking.slice(c.seats, c.seats + c.alternates))) fail('E3', `contest ${c.id}: alternates`, resultEvent.seq);
    }
  }

  // §7.12 P1
  const published = of('published')[0];
  if (published && (!resultEvent || (published.payload as { resultEvent: string }).resultEvent !== resultEvent.hash)) fail('P1', 'resultEvent', published.seq);

  // §7.13 S1–S3
  if (published) {
    const reportEvent = of('report')[0];
    if (!has('report')) fail('S1', 'no report after the publication', published.seq);
    if (reportEvent) {
      const p = reportEvent.payload as { report: Json; signature: string };
      if (!ed25519Valid(hex(manifest.receiptKey, 32)!, serverReportMessage(p.report), hex(p.signature, 64)!)) fail('S2', 'signature', reportEvent.seq);
      // §6.7, member by member, from this audit's own values.
      const before = (e: Ev) => e.seq < published.seq;
      const rules = manifest.rules as { minRollSize?: unknown };
      const minRollSize = Number.isSafeInteger(rules.minRollSize) && (rules.minRollSize as number) >= 1 ? rules.minRollSize as number : 5;
      const entries = (resultEvent?.payload as { contests: { contestId: string; counts: { candidateId: string; votes: number }[]; ranking: string[]; titulars: string[]; alternates: string[] }[] } | undefined)?.contests ?? [];
      const rolls = contests as unknown as { id: string; constituency: string; title: string; seats: number; alternates: number; candidates: { id: string; fullName: string }[]; roll: { associationId: string; region: string }[] }[];
      const regionRoll = new Map<string, number>();
      const regionTokens = new Map<string, number>();
      const regionOf = new Map<string, string>();
      for (const c of rolls) {
        for (const r of c.roll) {
          regionOf.set(`${c.id}\n${r.associationId}`, r.region);
          regionRoll.set(r.region, (regionRoll.get(r.region) ?? 0) + 1);
        }
      }
      for (const e of of('token_issued').filter(before)) {
        const q = e.payload as { contestId: string; associationId: string };
        const region = regionOf.get(`${q.contestId}\n${q.associationId}`);
        if (region !== undefined) regionTokens.set(region, (regionTokens.get(region) ?? 0) + 1);
      }
      const log: { complaintId: string; window: string; category: string; decision: string | null }[] = [];
      const logged = new Map<string, { at: number; hash: string }>();
      for (const e of evs.filter((x) => ok.has(x.seq) && before(x))) {
        const q = e.payload as { complaintId: string; window: string; category: string; complaintEvent: string; decision: string };
        if (e.kind === 'complaint' && !logged.has(q.complaintId)) {
          logged.set(q.complaintId, { at: log.length, hash: e.hash });
          log.push({ complaintId: q.complaintId, window: q.window, category: q.category, decision: null });
        } else if (e.kind === 'complaint_answer') {
          const target = logged.get(q.complaintId);
          if (target && target.hash === q.complaintEvent && log[target.at]!.decision === null) log[target.at]!.decision = q.decision;
        }
      }
      const decided = (d: string | null) => log.filter((x) => x.decision === d).length;
      const want: Json = {
        format: 'anfora-server-report', version: 1, electionId: manifest.electionId, title: manifest.title, manifestHash: toHex(mh),
        publishedEvent: { seq: published.seq, hash: published.hash }, resultEvent: resultEvent?.hash ?? null, minRollSize,
        contests: rolls.map((c) => {
          const entry = entries.find((x) => x.contestId === c.id);
          return {
            contestId: c.id, constituency: c.constituency, title: c.title, rollSize: c.roll.length, tokensIssued: issuedPer.get(c.id) ?? 0,
            ballotsCounted: counted.get(c.id)!.length, seats: c.seats, alternates: c.alternates,
            candidates: (entry?.ranking ?? []).map((id) => ({
              candidateId: id, fullName: c.candidates.find((k) => k.id === id)?.fullName ?? null, votes: entry!.counts.find((v) => v.candidateId === id)?.votes ?? null,
              seat: entry!.titulars.includes(id) ? 'titular' : entry!.alternates.includes(id) ? 'alternate' : null,
            })),
          };
        }),
        regions: [...regionRoll.keys()].sort(byCodeUnits).map((region) => (regionRoll.get(region)! < minRollSize
          ? { region, suppressed: true }
          : { region, suppressed: false, rollSize: regionRoll.get(region)!, tokensIssued: regionTokens.get(region) ?? 0 })),
        complaints: { filed: log.length, upheld: decided('upheld'), dismissed: decided('dismissed'), unanswered: decided(null), log },
      };
      computed.report = want;
      for (const [key, value] of Object.entries(want)) {
        if (canonicalText(p.report[key]) !== canonicalText(value)) fail('S3', `report.${key}`, reportEvent.seq);
      }
    }
  }
  return finish(stage);
}

function compareBytes(a: Bytes, b: Bytes): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** §6.5 receiptKey: §2.5 steps 2 and 4 on a public key alone. */
export function ed25519KeyValid(A: Bytes): boolean {
  const a = leInt(A);
  const y = a & ((1n << 255n) - 1n);
  if (y >= P25519 || (a >> 255n === 1n && (y === 1n || y === P25519 - 1n)) || SMALL_ORDER.has(toHex(A))) return false;
  try {
    sodium.crypto_core_ed25519_add(A, ED_ID);
    return true;
  } catch {
    return false;
  }
}
