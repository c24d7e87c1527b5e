/**
 * The committee side of a synthetic record (issue 11): three members of three sectors
 * with deterministic Ed25519 keys, associations' keys, and helpers that sign decisions
 * and token requests the way the clients do, so that the verifier's checks 24–28 can be
 * tested without a database, honest and forged.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { toHex } from '../../src/crypto/group.js';
import { type Statement, type Vote, blindedMessageHash, signDecision, signIssuedTokenRequest, signTokenRequest } from '../../src/record/statements.js';

/** A deterministic Ed25519 seed for a label (tests only). */
export function seedOf(label: string): Uint8Array {
  return sha256(utf8ToBytes(`anfora-test-key:${label}`));
}

/** The public key (hex) of {@link seedOf}(label). */
export function publicKeyOf(label: string): string {
  return toHex(ed25519.getPublicKey(seedOf(label)));
}

export const SECTORS = ['government', 'civil_society', 'international_cooperation'] as const;
export const ORGANISATIONS = ['Ministerio de Salud', 'Red Peruana de Personas con VIH', 'ONUSIDA'] as const;

/** Member j (1-based) as the committee event lists them. */
export function memberOf(j: number) {
  return {
    memberId: `member-${j}`, fullName: `Miembro ${j}`, sector: SECTORS[j - 1]!, organisation: ORGANISATIONS[j - 1]!,
    role: j === 1 ? 'chair' : j === 2 ? 'vice_chair' : 'member', publicKey: publicKeyOf(`member-${j}`),
  };
}

/** One member's signature on a statement, as the board carries it. */
export function memberSignature(j: number, statement: Statement, vote: Vote = 'approve', label = `member-${j}`) {
  return { memberId: `member-${j}`, publicKey: publicKeyOf(label), signature: signDecision(seedOf(label), statement, vote) };
}

/** A `decision` payload approved by `approvers` (member numbers). */
export function decisionPayload(proposalId: string, statement: Statement, approvers: readonly number[] = [1, 2], against: readonly number[] = []) {
  return {
    proposalId, statement,
    approvals: approvers.map((j) => memberSignature(j, statement, 'approve')),
    against: against.map((j) => memberSignature(j, statement, 'against')),
  };
}

/** The `request` of a `token_issued` entry: the request to the issuers (one blinded message per key id), signed by the association's key. */
export function signedRequest(electionId: string, contestId: string, associationId: string, blinded: readonly { keyId: Uint8Array; blindedMessage: Uint8Array }[]) {
  const blindedMessages = [...blinded].map((b) => ({ keyId: toHex(b.keyId), blindedMessageHash: blindedMessageHash(b.blindedMessage) }))
    .sort((a, b) => (a.keyId < b.keyId ? -1 : 1));
  const request = { electionId, contestId, associationId, blindedMessages };
  return { request, publicKey: publicKeyOf(`assoc:${associationId}`), signature: signIssuedTokenRequest(seedOf(`assoc:${associationId}`), request) };
}

/**
 * `events` with a `decision` (approved by members 1 and 2) right before each
 * `complaint_answer` that has none: the answer's statement, as the server executes it.
 * Re-hash afterwards.
 */
export function withAnswerDecisions<E extends { kind: string; payload: any; at: string }>(events: E[], electionId: string): E[] {
  const out: E[] = [];
  for (const e of events) {
    if (e.kind === 'complaint_answer' && out.at(-1)?.kind !== 'decision') {
      const { complaintId, complaintEvent, decision, reasoning, proposalId } = e.payload;
      const statement = { kind: 'complaint_answer', electionId, complaintId, complaintEvent, decision, reasoning } as const;
      out.push({ ...e, kind: 'decision', payload: decisionPayload(proposalId, statement) });
    }
    out.push(e);
  }
  return out;
}
