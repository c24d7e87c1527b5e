/**
 * The issuer's side (issue 12; docs/voting-protocol.md §Tokens), node-only: a committee
 * member's issuing keys, generated on their machine (`npm run issuer -- keygen`), are
 * registered on the board with a proof of possession and the member's account signature.
 * @module
 */
import { toHex } from '../crypto/group.js';
import { type IssuanceKeyPair, signRsaPss } from '../crypto/token-issuer.js';
import { issuanceKeyToJSON, type IssuanceKeyJSON } from '../crypto/voting-token.js';
import { issuerKeyPossessionMessage, signIssuerKey } from '../record/issuer-statements.js';
import { type ApiClient, seg } from './api.js';

/** The body of `POST /elections/:id/issuers`. */
export interface IssuerRegistration {
  readonly contestId: string;
  readonly issuanceKey: IssuanceKeyJSON;
  readonly pop: string;
  readonly signature: string;
}

/**
 * The registration of one contest's issuing key: the key, its proof of possession and the
 * member's signature with its account secret key (32-byte seed, never sent).
 * @example const body = issuerRegistration(electionId, contestId, memberId, key, account.secretKey);
 */
export function issuerRegistration(electionId: string, contestId: string, memberId: string, key: IssuanceKeyPair, accountSecretKey: Uint8Array): IssuerRegistration {
  const body = { electionId, contestId, memberId, keyId: toHex(key.publicKey.keyId) };
  return {
    contestId, issuanceKey: issuanceKeyToJSON(key.publicKey),
    pop: toHex(signRsaPss(key, issuerKeyPossessionMessage(body))), signature: signIssuerKey(accountSecretKey, body),
  };
}

/**
 * Register one contest's issuing key, signed in as the member.
 * @throws ApiError on an HTTP failure (409 `issuer_key_registered` when already done)
 */
export async function registerIssuer(
  api: ApiClient, electionId: string, contestId: string, memberId: string, key: IssuanceKeyPair, accountSecretKey: Uint8Array,
): Promise<void> {
  await api.post(`/elections/${seg(electionId)}/issuers`, issuerRegistration(electionId, contestId, memberId, key, accountSecretKey));
}
