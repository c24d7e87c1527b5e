/**
 * The sector issuers of a synthetic record (issue 12): members 1 (government) and 2
 * (civil society) register fixed test issuing keys (test/helpers/issuer-keys.json), a
 * distinct key per contest (a key serves one contest only: check 43), as `npm run issuer` does; each voter's association signs a request
 * to both issuers (one blinded message per key), which each issuer answers and logs; after
 * the close each issuer posts its signed log per contest. For checks 43–45.
 */
import { issuerRegistration } from '../../src/client/issuer.js';
import { requestIssuedToken } from '../../src/crypto/issued-token.js';
import { type IssuanceKeyPair, issuanceKeyFromPkcs8 } from '../../src/crypto/token-issuer.js';
import { toHex } from '../../src/crypto/group.js';
import { type IssuerLog, type IssuerLogEntry, signIssuerLog } from '../../src/record/issuer-statements.js';
import { blindedMessageHash, type IssuedTokenRequest, signIssuedTokenRequest } from '../../src/record/statements.js';
import issuerKeysFixture from '../helpers/issuer-keys.json' with { type: 'json' };
import { SECTORS, publicKeyOf, seedOf } from './synthetic-governance.js';

let keys: IssuanceKeyPair[] | undefined;

/** The contests of the synthetic records, in the order of their fixture keys. */
const CONTEST_ORDER = ['board', 'alt'];

/**
 * The issuers of `contestId`: member number (1-based), member id, sector and issuing key
 * (fixture key 2c + j - 1 for the c-th contest: `board` holds keys 0 and 1, `alt` 2 and 3).
 */
export function syntheticIssuers(contestId: string): { readonly j: number; readonly memberId: string; readonly sector: string; readonly key: IssuanceKeyPair }[] {
  const c = CONTEST_ORDER.indexOf(contestId);
  if (c < 0) throw new RangeError(`no synthetic issuers for contest ${contestId}`);
  keys ??= issuerKeysFixture.pkcs8.map((h) => issuanceKeyFromPkcs8(Uint8Array.from(Buffer.from(h, 'hex'))));
  return [1, 2].map((j) => ({ j, memberId: `member-${j}`, sector: SECTORS[j - 1]!, key: keys![2 * c + j - 1]! }));
}

/** The `issuer_key` payload of issuer `i` for `contestId`, signed as the member's tool signs it. */
export function issuerKeyPayload(electionId: string, contestId: string, i: ReturnType<typeof syntheticIssuers>[number]) {
  const r = issuerRegistration(electionId, contestId, i.memberId, i.key, seedOf(i.memberId));
  return { contestId, memberId: i.memberId, sector: i.sector, issuanceKey: r.issuanceKey, pop: r.pop, signature: r.signature };
}

/** The manifest's `issuers` of a contest: every synthetic issuer, by ascending key id. */
export function manifestIssuers(electionId: string, contestId: string) {
  return syntheticIssuers(contestId).map((i) => issuerKeyPayload(electionId, contestId, i))
    .map(({ memberId, sector, issuanceKey }) => ({ memberId, sector, issuanceKey }))
    .sort((a, b) => (a.issuanceKey.keyId < b.issuanceKey.keyId ? -1 : 1));
}

/** Association `associationId`'s signed request to every issuer of `contestId`: a log entry. */
export function issuerLogEntry(electionId: string, contestId: string, associationId: string): IssuerLogEntry {
  const ks = syntheticIssuers(contestId).map((i) => i.key.publicKey).sort((a, b) => (toHex(a.keyId) < toHex(b.keyId) ? -1 : 1));
  const req = requestIssuedToken(ks, electionId, contestId);
  const request: IssuedTokenRequest = {
    electionId, contestId, associationId,
    blindedMessages: req.blinded.map((b) => ({ keyId: toHex(b.keyId), blindedMessageHash: blindedMessageHash(b.blindedMessage) })),
  };
  return { request, publicKey: publicKeyOf(`assoc:${associationId}`), signature: signIssuedTokenRequest(seedOf(`assoc:${associationId}`), request) };
}

/** Issuer `i`'s signed log of `contestId` over `entries` (put in association order). */
export function issuerLogPayload(electionId: string, contestId: string, i: ReturnType<typeof syntheticIssuers>[number], entries: readonly IssuerLogEntry[]) {
  const log: IssuerLog = {
    electionId, contestId, memberId: i.memberId, keyId: toHex(i.key.publicKey.keyId),
    entries: [...entries].sort((a, b) => (a.request.associationId < b.request.associationId ? -1 : 1)),
  };
  return { log, signature: signIssuerLog(seedOf(i.memberId), log) };
}
