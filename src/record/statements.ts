/**
 * Signed statements (issue 11; docs/election-record.md §6.8): what a committee member
 * signs when proposing, approving, voting against or withdrawing a decision, and what an
 * association signs when asking for a voting token. Each is Ed25519 (RFC 8032) with the
 * signer's own key, strict and cofactorless (crypto/ballot-signature.ts
 * `verifyStrictSignature`), over a message in the transcript framing (each item its
 * 4-byte big-endian length, then its bytes), never hashed first:
 *
 * ```
 * decision vote:  frame("anfora/v1/decision/<kind>") ‖ frame(vote) ‖ frame(canonicalJson(statement))
 * token request:  frame("anfora/v1/token-request")   ‖ frame(canonicalJson(request))
 * issued-token request: frame("anfora/v1/issued-token-request") ‖ frame(canonicalJson(request))
 * ```
 *
 * `vote` is `approve` (a proposal is its proposer's approval), `against` or `withdraw`.
 * The statement names its election and kind, so a signature over one election's decision
 * is worthless in another; the tag repeats the kind so that no statement of one kind can
 * be read as another's.
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { isStrictPublicKey, verifyStrictSignature } from '../crypto/ballot-signature.js';
import { fromHex, toHex } from '../crypto/group.js';
import { TAG_PREFIX } from '../crypto/transcript.js';
import { canonicalJson } from './canonical-json.js';
import { IdSchema } from './ids.js';
import { Hex32Schema, Hex64Schema, JsonValueSchema } from './manifest.js';

/** The decision kinds, each with its statement schema in {@link STATEMENT_SCHEMAS}. */
export const DECISION_KINDS = Object.freeze([
  'accreditation_decision', 'appeal_decision', 'candidate_eligibility', 'phase_change', 'rule_change',
  'small_roll_acknowledgement', 'complaint_answer', 'credential_reset',
] as const);
/** One of {@link DECISION_KINDS}. */
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** What a member's signature over a statement says. */
export const VOTES = Object.freeze(['approve', 'against', 'withdraw'] as const);
/** One of {@link VOTES}. */
export type Vote = (typeof VOTES)[number];

/**
 * The election phases, in their order (the same list as the domain's); `tokens` only
 * under the rule `tokenWindow` (docs/election-record.md).
 */
export const RECORD_PHASES = Object.freeze([
  'draft', 'accreditation', 'nominations', 'key_ceremony', 'tokens', 'voting', 'closed', 'tallied', 'published',
] as const);

/** Longest reason or reasoning in a statement, in UTF-16 code units. */
export const REASON_MAX = 5000;

const Text = z.string().min(1).max(REASON_MAX);
const Name = z.string().min(1).max(500);
const Phase = z.enum(RECORD_PHASES);

/**
 * The association a decision is about, as the roll publishes it, with its signing key:
 * accrediting it makes the key a public fact that its token requests are checked against.
 */
export const AssociationFactsSchema = z.strictObject({
  associationId: IdSchema, legalName: Name, region: Name, publicKey: Hex32Schema,
});

/** Statement schemas, one per decision kind (strict: no other member is signed). */
export const STATEMENT_SCHEMAS = Object.freeze({
  /** Accredit or reject (with a reason) an application for a contest. */
  accreditation_decision: z.strictObject({
    kind: z.literal('accreditation_decision'), electionId: IdSchema, applicationId: IdSchema, contestId: IdSchema,
    constituency: Name, association: AssociationFactsSchema, decision: z.enum(['accredit', 'reject']), reason: Text.nullable(),
  }),
  /** An appeal's outcome: `overturn` accredits, `uphold` keeps the rejection. */
  appeal_decision: z.strictObject({
    kind: z.literal('appeal_decision'), electionId: IdSchema, applicationId: IdSchema, contestId: IdSchema,
    constituency: Name, association: AssociationFactsSchema, decision: z.enum(['uphold', 'overturn']), reason: Text,
  }),
  /**
   * A candidacy found eligible or not, with the facts the rules look at: the candidate's
   * declared employer and whether it implements Global Fund projects (conflict of
   * interest), the consecutive terms served, and the nominating association.
   */
  candidate_eligibility: z.strictObject({
    kind: z.literal('candidate_eligibility'), electionId: IdSchema, candidateId: IdSchema, contestId: IdSchema, fullName: Name,
    nominatedBy: z.strictObject({ associationId: IdSchema, legalName: Name }),
    employer: z.string().max(500), implementsGlobalFund: z.boolean(), consecutiveTerms: z.number().int().min(0).max(1000),
    eligible: z.boolean(), reason: Text.nullable(),
  }),
  /** Move the election from one phase to the next. */
  phase_change: z.strictObject({ kind: z.literal('phase_change'), electionId: IdSchema, from: Phase, to: Phase }),
  /** Replace the election's rules (the whole new rules object). */
  rule_change: z.strictObject({ kind: z.literal('rule_change'), electionId: IdSchema, rules: z.record(z.string(), JsonValueSchema) }),
  /** Accept the secrecy risk of a contest whose roll is below `rules.minRollSize`. */
  small_roll_acknowledgement: z.strictObject({
    kind: z.literal('small_roll_acknowledgement'), electionId: IdSchema, contestId: IdSchema, reason: Text,
  }),
  /** The committee's answer to a complaint, naming the complaint's board event. */
  complaint_answer: z.strictObject({
    kind: z.literal('complaint_answer'), electionId: IdSchema, complaintId: IdSchema, complaintEvent: Hex32Schema,
    decision: z.enum(['upheld', 'dismissed']), reasoning: Text,
  }),
  /**
   * A lost password or key: the holder's key (if any) is revoked from this decision on
   * and a new invitation is issued; the new key is registered on the board at activation.
   */
  credential_reset: z.strictObject({
    kind: z.literal('credential_reset'), electionId: IdSchema, holder: z.enum(['member', 'association']), holderId: IdSchema,
    name: Name, revokedKey: Hex32Schema.nullable(), reason: Text,
  }),
});

/** The statement of decision kind K. */
export type StatementOf<K extends DecisionKind> = z.infer<(typeof STATEMENT_SCHEMAS)[K]>;
/** Any decision statement. */
export type Statement = { [K in DecisionKind]: StatementOf<K> }[DecisionKind];

/** zod schema of any statement (by its `kind`). */
export const StatementSchema = z.discriminatedUnion('kind', [
  STATEMENT_SCHEMAS.accreditation_decision, STATEMENT_SCHEMAS.appeal_decision, STATEMENT_SCHEMAS.candidate_eligibility,
  STATEMENT_SCHEMAS.phase_change, STATEMENT_SCHEMAS.rule_change, STATEMENT_SCHEMAS.small_roll_acknowledgement,
  STATEMENT_SCHEMAS.complaint_answer, STATEMENT_SCHEMAS.credential_reset,
]);

/** One member's signature on a decision, as the board carries it. */
export const MemberSignatureSchema = z.strictObject({ memberId: IdSchema, publicKey: Hex32Schema, signature: Hex64Schema });
/** A member's signature: who, under which registered key, and the signature (hex). */
export type MemberSignature = z.infer<typeof MemberSignatureSchema>;

/** A token request as the association signs it (SHA-256 of the blinded message, hex). */
export const TokenRequestSchema = z.strictObject({
  electionId: IdSchema, contestId: IdSchema, associationId: IdSchema, blindedMessageHash: Hex32Schema,
});
/** The signed part of a token request. */
export type TokenRequest = z.infer<typeof TokenRequestSchema>;

/**
 * A token request to a contest's issuers (issue 12), as the association signs it: one
 * SHA-256 (hex) of a blinded message per issuer key, in strictly ascending key id order.
 */
export const IssuedTokenRequestSchema = z.strictObject({
  electionId: IdSchema, contestId: IdSchema, associationId: IdSchema,
  blindedMessages: z.array(z.strictObject({ keyId: Hex32Schema, blindedMessageHash: Hex32Schema })).min(1).max(16)
    .refine((a) => a.every((x, i) => i === 0 || a[i - 1]!.keyId < x.keyId), 'expected key ids in strictly ascending order'),
});
/** The signed part of a token request to several issuers. */
export type IssuedTokenRequest = z.infer<typeof IssuedTokenRequestSchema>;

/** Tag of a token request to several issuers. */
export const ISSUED_TOKEN_REQUEST_TAG = `${TAG_PREFIX}issued-token-request`;

/**
 * The exact bytes an association signs to ask the contest's issuers for a token.
 * @throws RangeError if the request does not fit {@link IssuedTokenRequestSchema}
 */
export function issuedTokenRequestMessage(request: IssuedTokenRequest): Uint8Array {
  const r = IssuedTokenRequestSchema.safeParse(request);
  if (!r.success) throw new RangeError(`"request" expected a token request: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return concatBytes(frame(utf8ToBytes(ISSUED_TOKEN_REQUEST_TAG)), frame(canonicalJson(r.data)));
}

/** Sign a token request to several issuers with the association's Ed25519 secret key; hex. */
export function signIssuedTokenRequest(secretKey: Uint8Array, request: IssuedTokenRequest): string {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) throw new TypeError('"secretKey" expected 32 bytes');
  return toHex(ed25519.sign(issuedTokenRequestMessage(request), secretKey));
}

/**
 * Verify an untrusted signature (hex) on a token request to several issuers. Never throws.
 * `verify`: the strict Ed25519 check (a server passes node:crypto's, same verdict, faster).
 */
export function verifyIssuedTokenRequest(
  publicKeyHex: unknown, request: unknown, signatureHex: unknown, verify: (publicKey: Uint8Array, msg: Uint8Array, signature: Uint8Array) => boolean = verifyStrictSignature,
): boolean {
  try {
    if (typeof publicKeyHex !== 'string' || typeof signatureHex !== 'string') return false;
    const r = IssuedTokenRequestSchema.safeParse(request);
    if (!r.success) return false;
    return verify(fromHex(publicKeyHex, 'publicKey', 32), issuedTokenRequestMessage(r.data), fromHex(signatureHex, 'signature', 64));
  } catch {
    return false;
  }
}

/** Tag of a decision kind's signed messages: `anfora/v1/decision/<kind>`. */
export function decisionTag(kind: DecisionKind): string {
  if (!(DECISION_KINDS as readonly string[]).includes(kind)) throw new RangeError(`"kind" expected a decision kind, got ${String(kind)}`);
  return `${TAG_PREFIX}decision/${kind}`;
}

/** Tag of a token request's signed message. */
export const TOKEN_REQUEST_TAG = `${TAG_PREFIX}token-request`;

function frame(b: Uint8Array): Uint8Array {
  const n = b.length;
  return concatBytes(Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff), b);
}

/**
 * Check an untrusted statement against its kind's schema. Never throws.
 * @example const s = parseStatement(event.payload.statement); if (s.ok) s.statement.kind
 */
export function parseStatement(value: unknown): { ok: true; statement: Statement } | { ok: false; errors: string[] } {
  try {
    const r = StatementSchema.safeParse(value);
    if (r.success) return { ok: true, statement: r.data as Statement };
    return { ok: false, errors: r.error.issues.map((i) => `${i.path.join('.') || 'statement'}: ${i.message}`) };
  } catch (e) {
    return { ok: false, errors: [`statement: ${e instanceof Error ? e.message : String(e)}`] };
  }
}

/**
 * The exact bytes a member signs to cast `vote` on `statement` (see the module comment).
 * @throws RangeError/TypeError if the statement does not fit its kind's schema or the vote is unknown
 * @example decisionMessage({ kind: 'phase_change', electionId, from: 'draft', to: 'accreditation' }, 'approve')
 */
export function decisionMessage(statement: Statement, vote: Vote): Uint8Array {
  const parsed = parseStatement(statement);
  if (!parsed.ok) throw new RangeError(`"statement" expected a decision statement: ${parsed.errors.join('; ')}`);
  if (!(VOTES as readonly string[]).includes(vote)) throw new RangeError(`"vote" expected one of ${VOTES.join(', ')}, got ${String(vote)}`);
  return concatBytes(frame(utf8ToBytes(decisionTag(parsed.statement.kind))), frame(utf8ToBytes(vote)), frame(canonicalJson(statement)));
}

/**
 * Sign a vote on a decision with the member's Ed25519 secret key (32-byte seed; RFC 8032
 * §5.1.6, deterministic). Returns the signature as hex.
 * @example const signature = signDecision(memberSecret, statement, 'approve');
 */
export function signDecision(secretKey: Uint8Array, statement: Statement, vote: Vote): string {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) throw new TypeError('"secretKey" expected 32 bytes');
  return toHex(ed25519.sign(decisionMessage(statement, vote), secretKey));
}

/**
 * Verify an untrusted vote signature (hex key and signature) on a statement, with the
 * strict rules of crypto/ballot-signature.ts (`verify`: that check; a verifier passes
 * libsodium's, same verdict, faster). False on anything malformed; never throws.
 * @example verifyDecision(approval.publicKey, statement, 'approve', approval.signature) // true
 */
export function verifyDecision(
  publicKeyHex: unknown, statement: unknown, vote: Vote, signatureHex: unknown, verify: (publicKey: Uint8Array, msg: Uint8Array, signature: Uint8Array) => boolean = verifyStrictSignature,
): boolean {
  try {
    if (typeof publicKeyHex !== 'string' || typeof signatureHex !== 'string') return false;
    const parsed = parseStatement(statement);
    if (!parsed.ok) return false;
    return verify(fromHex(publicKeyHex, 'publicKey', 32), decisionMessage(parsed.statement, vote), fromHex(signatureHex, 'signature', 64));
  } catch {
    return false;
  }
}

/** SHA-256 of a blinded message, hex: what a token request names. */
export function blindedMessageHash(blindedMessage: Uint8Array): string {
  if (!(blindedMessage instanceof Uint8Array)) throw new TypeError('"blindedMessage" expected Uint8Array');
  return toHex(sha256(blindedMessage));
}

/**
 * The exact bytes an association signs to ask for a token.
 * @throws RangeError if the request does not fit {@link TokenRequestSchema}
 */
export function tokenRequestMessage(request: TokenRequest): Uint8Array {
  const r = TokenRequestSchema.safeParse(request);
  if (!r.success) throw new RangeError(`"request" expected a token request: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { electionId, contestId, associationId, blindedMessageHash: h } = r.data;
  return concatBytes(frame(utf8ToBytes(TOKEN_REQUEST_TAG)), frame(canonicalJson({ electionId, contestId, associationId, blindedMessageHash: h })));
}

/**
 * Sign a token request with the association's Ed25519 secret key; signature as hex.
 * @example signTokenRequest(secret, { electionId, contestId, associationId, blindedMessageHash: blindedMessageHash(blinded) })
 */
export function signTokenRequest(secretKey: Uint8Array, request: TokenRequest): string {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== 32) throw new TypeError('"secretKey" expected 32 bytes');
  return toHex(ed25519.sign(tokenRequestMessage(request), secretKey));
}

/** Verify an untrusted token-request signature (hex). Never throws. */
export function verifyTokenRequest(publicKeyHex: unknown, request: unknown, signatureHex: unknown): boolean {
  try {
    if (typeof publicKeyHex !== 'string' || typeof signatureHex !== 'string') return false;
    const r = TokenRequestSchema.safeParse(request);
    if (!r.success) return false;
    return verifyStrictSignature(fromHex(publicKeyHex, 'publicKey', 32), tokenRequestMessage(r.data), fromHex(signatureHex, 'signature', 64));
  } catch {
    return false;
  }
}

/** True if `hex` is a strict Ed25519 public key (32 bytes, canonical, not of small order). Never throws. */
export function isSigningKey(hex: unknown): hex is string {
  try {
    return typeof hex === 'string' && isStrictPublicKey(fromHex(hex, 'publicKey', 32));
  } catch {
    return false;
  }
}

/**
 * How organisation names are compared for recusal: Unicode NFC, lower case, runs of
 * white space as one space, trimmed. `"Red  Perú "` and `"red perú"` are the same.
 */
export function organisationKey(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/**
 * The organisations a decision is about (by {@link organisationKey}): a member of one of
 * them must not propose, approve or vote on it. A credential reset is also about its
 * holder, which {@link recusedMemberId} gives.
 */
export function subjectOrganisations(s: Statement): string[] {
  switch (s.kind) {
    case 'accreditation_decision':
    case 'appeal_decision':
      return [organisationKey(s.association.legalName)];
    case 'candidate_eligibility':
      return [organisationKey(s.nominatedBy.legalName), ...(s.employer.trim() ? [organisationKey(s.employer)] : [])];
    case 'credential_reset':
      return s.holder === 'association' ? [organisationKey(s.name)] : [];
    default:
      return [];
  }
}

/** The member a decision is about personally (a member's own credential reset), or null. */
export function recusedMemberId(s: Statement): string | null {
  return s.kind === 'credential_reset' && s.holder === 'member' ? s.holderId : null;
}
