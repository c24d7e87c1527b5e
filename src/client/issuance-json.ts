/**
 * What a voter keeps of a token request to the contest's issuers (issue 12), as JSON for
 * the booth's storage and the token file: the request sent ({@link IssuanceAttempt}'s body)
 * with the secrets needed to unblind its answers, so that a reload, a lost answer or a
 * later day resumes the SAME request (the same blinded messages, which the relay answers
 * again with the same signatures) instead of asking for another, which the relay refuses.
 * Contains the ballot SECRET key and the unblinding inverses: keep it on the voter's device.
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { BALLOT_KEY_BYTES } from '../crypto/ballot-signature.js';
import { DecodeError, fromHex, toHex } from '../crypto/group.js';
import { ISSUANCE_KEY_BYTES, MESSAGE_PREFIX_BYTES } from '../crypto/voting-token.js';
import { IssuedTokenRequestSchema, blindedMessageHash } from '../record/statements.js';
import type { IssuanceAttempt } from './voter.js';

/** JSON form of an {@link IssuanceAttempt} (lower-case hex). */
export interface IssuanceAttemptJSON {
  readonly format: 'anfora-token-request';
  readonly ballotSecretKey: string;
  readonly messagePrefix: string;
  /** Per issuer key: the unblinding inverse of the blinded message sent to it. */
  readonly inverses: Readonly<Record<string, string>>;
  readonly body: IssuanceAttempt['body'];
}

export function issuanceAttemptToJSON(a: IssuanceAttempt): IssuanceAttemptJSON {
  return {
    format: 'anfora-token-request',
    ballotSecretKey: toHex(a.request.ballotKeys.secretKey),
    messagePrefix: toHex(a.request.messagePrefix),
    inverses: Object.fromEntries(a.request.blinded.map((b) => [toHex(b.keyId), toHex(b.inverse)])),
    body: a.body,
  };
}

function fail(what: string): never {
  throw new DecodeError('wrong_length', what);
}

/**
 * JSON → the request, strictly: the signed request names the body's election, one blinded
 * message per key id, each hashing as signed, one inverse per key id, and the ballot key
 * pair derived from its secret key.
 * @throws DecodeError naming what is wrong
 */
export function issuanceAttemptFromJSON(json: unknown): IssuanceAttempt {
  const j = json as Partial<IssuanceAttemptJSON> | null;
  if (typeof j !== 'object' || j === null || j.format !== 'anfora-token-request' || typeof j.body !== 'object' || j.body === null) fail('tokenRequest');
  const parsed = IssuedTokenRequestSchema.safeParse(j.body.request);
  if (!parsed.success || parsed.data.electionId !== j.body.electionId || typeof j.body.signature !== 'string') fail('tokenRequest.body.request');
  const request = parsed.data;
  const sent = Array.isArray(j.body.blindedMessages) ? j.body.blindedMessages : fail('tokenRequest.body.blindedMessages');
  if (sent.length !== request.blindedMessages.length) fail('tokenRequest.body.blindedMessages');
  const inverses = typeof j.inverses === 'object' && j.inverses !== null ? j.inverses : fail('tokenRequest.inverses');
  if (Object.keys(inverses).length !== sent.length) fail('tokenRequest.inverses');
  const blinded = request.blindedMessages.map((named, i) => {
    const b = sent[i];
    if (b?.keyId !== named.keyId) fail(`tokenRequest.body.blindedMessages.${i}.keyId`);
    const blindedMessage = fromHex(b.blindedMessage, `tokenRequest.body.blindedMessages.${i}.blindedMessage`, ISSUANCE_KEY_BYTES);
    if (blindedMessageHash(blindedMessage) !== named.blindedMessageHash) fail(`tokenRequest.body.blindedMessages.${i}.blindedMessage`);
    const inverse = fromHex(inverses[named.keyId] as string, `tokenRequest.inverses.${named.keyId}`, ISSUANCE_KEY_BYTES);
    return Object.freeze({ keyId: fromHex(named.keyId, `tokenRequest.body.blindedMessages.${i}.keyId`, 32), blindedMessage, inverse });
  });
  const secretKey = fromHex(j.ballotSecretKey as string, 'tokenRequest.ballotSecretKey', BALLOT_KEY_BYTES);
  const ballotKeys = Object.freeze({ secretKey, publicKey: ed25519.getPublicKey(secretKey) });
  const messagePrefix = fromHex(j.messagePrefix as string, 'tokenRequest.messagePrefix', MESSAGE_PREFIX_BYTES);
  return Object.freeze({
    request: Object.freeze({ electionId: request.electionId, contestId: request.contestId, ballotKeys, messagePrefix, blinded: Object.freeze(blinded) }),
    body: j.body,
  });
}
