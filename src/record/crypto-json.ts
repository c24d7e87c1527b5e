/**
 * zod schemas for the JSON forms of src/crypto that travel in requests and board events
 * (IssuedTokenJSON, ContestBallotJSON, CiphertextJSON, DealingJSON, ComplaintJSON,
 * DecryptionShareJSON, TrusteePublicKeyJSON). They check the *shape*: exact field sets,
 * lower-case hex of the right length, integer indices, array bounds. Whether the hex is a
 * canonical point or scalar is decided once more, strictly, by crypto's `xFromJSON`, which
 * every consumer runs before using the value (docs/voting-protocol.md; STYLE rule 7).
 * @module
 */
import { z } from 'zod';
import { MAX_CANDIDATES } from '../crypto/ballot.js';
import { MAX_BRANCHES } from '../crypto/disjunctive.js';
import { SEALED_SHARE_BYTES } from '../crypto/share-encryption.js';
import { MAX_TOKEN_SIGNATURES } from '../crypto/issued-token.js';
import { ISSUANCE_KEY_BYTES } from '../crypto/voting-token.js';
import { IdSchema } from './ids.js';
import { Hex32Schema, TrusteeIndexSchema } from './manifest.js';

/** Field schemas defined with the manifest, re-exported for the other JSON forms. */
export { Hex32Schema, HexSchema, Hex64Schema, SchnorrProofSchema, TrusteeIndexSchema, TrusteePublicKeySchema } from './manifest.js';

/** Lower-case hex of exactly `bytes` bytes. */
export function hexOf(bytes: number): z.ZodString {
  return z.string().regex(new RegExp(`^[0-9a-f]{${2 * bytes}}$`), `expected ${bytes} bytes of lower-case hex`);
}

/** crypto's `CiphertextJSON`: `{ alpha, beta }`. */
export const CiphertextSchema = z.strictObject({ alpha: Hex32Schema, beta: Hex32Schema });

/** One branch of crypto's `DisjunctiveProofJSON`. */
export const DisjunctiveBranchSchema = z.strictObject({ a: Hex32Schema, b: Hex32Schema, challenge: Hex32Schema, response: Hex32Schema });
/** crypto's `DisjunctiveProofJSON` (also the range proof's form). */
export const DisjunctiveProofSchema = z.strictObject({ branches: z.array(DisjunctiveBranchSchema).min(1).max(MAX_BRANCHES) });

/** crypto's `ContestBallotJSON`: `{ selections: [{ ciphertext, proof }], rangeProof }`. */
export const ContestBallotSchema = z.strictObject({
  selections: z.array(z.strictObject({
    ciphertext: CiphertextSchema,
    proof: z.strictObject({ branches: z.array(DisjunctiveBranchSchema).length(2) }),
  })).min(1).max(MAX_CANDIDATES),
  rangeProof: DisjunctiveProofSchema,
});

/**
 * crypto's `IssuedTokenJSON` (issue 12): `{ electionId, contestId, ballotPublicKey,
 * messagePrefix, signatures: [{ keyId, signature }] }`, 1..16 signatures of the contest's
 * issuers. Their order (strictly ascending key ids) is crypto's `issuedTokenFromJSON`'s check.
 */
export const TokenSchema = z.strictObject({
  electionId: IdSchema,
  contestId: IdSchema,
  ballotPublicKey: Hex32Schema,
  messagePrefix: Hex32Schema,
  signatures: z.array(z.strictObject({ keyId: Hex32Schema, signature: hexOf(ISSUANCE_KEY_BYTES) })).min(1).max(MAX_TOKEN_SIGNATURES),
});

/** crypto's `EqualityProofJSON` (Chaum–Pedersen): `{ a1, a2, response }`. */
export const EqualityProofSchema = z.strictObject({ a1: Hex32Schema, a2: Hex32Schema, response: Hex32Schema });

/** crypto's `DealingJSON`: `{ dealer, commitments, proofs, shares: [{ recipient, ephemeral, sealed }] }`. */
export const DealingSchema = z.strictObject({
  dealer: TrusteeIndexSchema,
  commitments: z.array(Hex32Schema).min(1),
  proofs: z.array(z.strictObject({ commitment: Hex32Schema, response: Hex32Schema })).min(1),
  shares: z.array(z.strictObject({ recipient: TrusteeIndexSchema, ephemeral: Hex32Schema, sealed: hexOf(SEALED_SHARE_BYTES) })),
});

/** crypto's `ComplaintJSON`: `{ dealer, complainer, shared, proof }`. */
export const ComplaintSchema = z.strictObject({
  dealer: TrusteeIndexSchema,
  complainer: TrusteeIndexSchema,
  shared: Hex32Schema,
  proof: EqualityProofSchema,
});

/** crypto's `DecryptionShareJSON`: `{ index, share, proof }`. */
export const DecryptionShareSchema = z.strictObject({ index: TrusteeIndexSchema, share: Hex32Schema, proof: EqualityProofSchema });
