/**
 * The trustee client's reading of `GET /elections/:id/ceremony` (docs/voting-protocol.md,
 * "Trustees and the key ceremony"): the answer is untrusted, so it is decoded strictly
 * once, here, and every public key's proof of possession is checked against the ceremony
 * context recomputed locally from (election id, n, t) — the server's `context` field must
 * equal it. The result names what failed; nothing here throws on the server's content.
 * @module
 */
import { z } from 'zod';
import {
  type Complaint, type Dealing, type TrusteePublicKey, checkTrusteeKey, complaintFromJSON, dealingFromJSON,
  trusteePublicKeyFromJSON, type ComplaintJSON, type DealingJSON, type TrusteePublicKeyJSON,
} from '../crypto/key-ceremony.js';
import { type Point, pointFromHex, toHex } from '../crypto/group.js';
import { ceremonyContext } from '../record/contexts.js';
import { IdSchema } from '../record/ids.js';
import { type ApiClient, ApiError, type Refusal, seg } from './api.js';

/** One trustee as the ceremony lists it; `publicKey` once posted (and its proof checked). */
export interface CeremonyTrustee {
  readonly index: number;
  readonly memberId: string;
  readonly fullName: string;
  readonly sector: string;
  readonly publicKey: TrusteePublicKey | null;
}

/** The decoded state of an election's key ceremony. */
export interface CeremonyView {
  readonly electionId: string;
  readonly n: number;
  readonly t: number;
  /** ceremonyContext(electionId, n, t), recomputed here (equal to the server's). */
  readonly context: Uint8Array;
  readonly trustees: readonly CeremonyTrustee[];
  readonly dealings: readonly Dealing[];
  readonly complaints: readonly Complaint[];
  readonly verified: readonly number[];
  readonly disqualified: readonly number[];
  readonly jointPublicKey: Point | null;
  readonly verificationKeys: readonly { readonly index: number; readonly key: Point }[] | null;
}

/** Why a ceremony answer was refused. */
export type CeremonyFailure = 'malformed_ceremony' | 'context_mismatch' | 'bad_trustee_key';

/** Result of {@link readCeremony}. */
export type CeremonyResult = { readonly ok: true; readonly ceremony: CeremonyView } | Refusal<CeremonyFailure>;

const Index = z.number().int().min(1).max(0xffff);
const Hex = z.string().regex(/^(?:[0-9a-f]{2})+$/);

/** Shape of the answer; the crypto objects inside are decoded strictly by src/crypto. */
const CeremonySchema = z.object({
  n: Index,
  t: Index,
  context: Hex,
  trustees: z.array(z.object({
    index: Index, memberId: IdSchema, fullName: z.string(), sector: z.string(), publicKey: z.unknown(),
  }).loose()),
  dealings: z.array(z.unknown()),
  complaints: z.array(z.unknown()),
  verified: z.array(Index),
  disqualified: z.array(Index),
  jointPublicKey: Hex.nullable(),
  verificationKeys: z.array(z.object({ index: Index, key: Hex }).loose()).nullable(),
}).loose();

function malformed(detail: string): Refusal<'malformed_ceremony'> {
  return { ok: false, reason: 'malformed_ceremony', detail };
}

/**
 * Decode a ceremony answer for election `electionId`: strict shape, trustees numbered
 * 1..n in order, the context equal to the locally computed one, every posted trustee key
 * canonical and with a valid proof of possession for its index. Dealings and complaints are
 * decoded strictly (their proofs are checked where they are used). Never throws.
 * @example const r = readCeremony(electionId, await api.get(`/elections/${id}/ceremony`));
 */
export function readCeremony(electionId: string, json: unknown): CeremonyResult {
  const parsed = CeremonySchema.safeParse(json);
  if (!parsed.success) return malformed(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const c = parsed.data;
  if (c.t > c.n) return malformed(`t = ${c.t} > n = ${c.n}`);
  if (c.trustees.length !== c.n || c.trustees.some((tr, i) => tr.index !== i + 1)) {
    return malformed('trustees are not numbered 1..n in order');
  }
  let context: Uint8Array;
  try {
    context = ceremonyContext(electionId, c.n, c.t);
  } catch (e) {
    return malformed(e instanceof Error ? e.message : String(e));
  }
  if (c.context !== toHex(context)) return { ok: false, reason: 'context_mismatch', detail: 'the server\'s ceremony context is not ceremonyContext(electionId, n, t)' };
  try {
    const trustees = c.trustees.map((tr): CeremonyTrustee => {
      const publicKey = tr.publicKey === null ? null : trusteePublicKeyFromJSON(tr.publicKey as TrusteePublicKeyJSON);
      return Object.freeze({ index: tr.index, memberId: tr.memberId, fullName: tr.fullName, sector: tr.sector, publicKey });
    });
    for (const tr of trustees) {
      if (tr.publicKey !== null && (tr.publicKey.index !== tr.index || !checkTrusteeKey(context, tr.publicKey))) {
        return { ok: false, reason: 'bad_trustee_key', detail: `trustee ${tr.index}'s key or proof of possession does not verify` };
      }
    }
    const ceremony: CeremonyView = Object.freeze({
      electionId, n: c.n, t: c.t, context,
      trustees: Object.freeze(trustees),
      dealings: Object.freeze(c.dealings.map((d) => dealingFromJSON(d as DealingJSON))),
      complaints: Object.freeze(c.complaints.map((d) => complaintFromJSON(d as ComplaintJSON))),
      verified: Object.freeze([...c.verified]),
      disqualified: Object.freeze([...c.disqualified]),
      jointPublicKey: c.jointPublicKey === null ? null : pointFromHex(c.jointPublicKey, 'jointPublicKey'),
      verificationKeys: c.verificationKeys === null ? null
        : Object.freeze(c.verificationKeys.map((v) => Object.freeze({ index: v.index, key: pointFromHex(v.key, 'verificationKey') }))),
    });
    return { ok: true, ceremony };
  } catch (e) {
    if (e instanceof Error && !(e instanceof SyntaxError)) return malformed(e.message);
    throw e;
  }
}

/** `GET /elections/:id/ceremony`, decoded by {@link readCeremony}. @throws ApiError */
export async function fetchCeremony(api: ApiClient, electionId: string): Promise<CeremonyResult> {
  return readCeremony(electionId, await api.get(`/elections/${seg(electionId)}/ceremony`));
}

/** The trustee index of committee member `memberId` (its position 1..n in the list), if listed. */
export function trusteeIndexOf(ceremony: CeremonyView, memberId: string): number | undefined {
  return ceremony.trustees.find((tr) => tr.memberId === memberId)?.index;
}

/**
 * The signed-in committee member's id, from `GET /auth/me`.
 * @throws ApiError; a `not_committee` ApiError if the account is not a committee member's
 */
export async function committeeMemberId(api: ApiClient): Promise<string> {
  const me = await api.get('/auth/me') as { committeeMemberId?: unknown } | null;
  const id = me?.committeeMemberId;
  if (typeof id !== 'string' || id === '') throw new ApiError(200, 'not_committee', 'the signed-in account is not a committee member');
  return id;
}

/** True if two byte strings are equal (context comparisons). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
