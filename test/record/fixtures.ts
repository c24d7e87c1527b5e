/**
 * A small election for the record tests: 3 trustees (t = 2) through the real key
 * ceremony, two contests whose issuers are two members of two sectors holding the fixed
 * 3072-bit test keys (test/helpers/issuer-keys.json), an Ed25519 receipt key, the
 * manifest, and a helper that casts an honest ballot the way the voter's client does.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { contestBallotDigest, contestBallotToJSON, encryptContest, type ContestBallot } from '../../src/crypto/ballot.js';
import { signBallot, type BallotKeys } from '../../src/crypto/ballot-signature.js';
import { type Point, mod, pointToHex, toHex } from '../../src/crypto/group.js';
import { type Dealing, createDealing, createTrusteeKey, jointPublicKey, trusteePublicKeyToJSON, verificationKey } from '../../src/crypto/key-ceremony.js';
import { evaluatePolynomial } from '../../src/crypto/lagrange.js';
import { type IssuanceKeyPair, blindSign, issuanceKeyFromPkcs8 } from '../../src/crypto/token-issuer.js';
import { type IssuedToken as Token, type IssuedTokenJSON as TokenJSON, finalizeIssuedToken, issuedTokenToJSON as tokenToJSON, requestIssuedToken } from '../../src/crypto/issued-token.js';
import { issuanceKeyToJSON } from '../../src/crypto/voting-token.js';
import issuerKeysFixture from '../helpers/issuer-keys.json' with { type: 'json' };
import { ballotContext, ceremonyContext, manifestHash } from '../../src/record/contexts.js';
import { type DecodedManifest, type Manifest, decodeManifest, parseManifest } from '../../src/record/manifest.js';

export interface Election {
  readonly manifest: Manifest;
  readonly decoded: DecodedManifest;
  readonly hash: Uint8Array;
  readonly K: Point;
  /** Secret shares x_1..x_n (index j − 1). */
  readonly secretShares: readonly bigint[];
  /** The dealings of trustees 1..n (all qualified), for building ceremony events. */
  readonly dealings: readonly Dealing[];
  /** The issuers' keys: member-1 (government) and member-2 (civil society), issuers of every contest. */
  readonly issuers: readonly IssuanceKeyPair[];
  readonly receiptSecret: Uint8Array;
}

function build(electionId: string): Election {
  const n = 3;
  const t = 2;
  const ctx = ceremonyContext(electionId, n, t);
  const keys = [1, 2, 3].map((j) => createTrusteeKey(ctx, j));
  const publicKeys = keys.map((k) => k.publicKey);
  const dealt = [1, 2, 3].map((i) => createDealing(ctx, { n, t }, i, publicKeys));
  const dealings = dealt.map((d) => d.dealing);
  const K = jointPublicKey(dealings);
  const secretShares = [1, 2, 3].map((j) => mod(dealt.reduce((a, d) => a + evaluatePolynomial(d.polynomial, BigInt(j)), 0n)));
  const issuers = issuerKeysFixture.pkcs8.slice(0, 2).map((h) => issuanceKeyFromPkcs8(Uint8Array.from(Buffer.from(h, 'hex'))));
  const issuerSectors = ['government', 'civil_society'];
  const receiptSecret = ed25519.utils.randomSecretKey();
  const contest = (id: string, candidates: number) => ({
    id, constituency: 'civil_society', title: `Contest ${id}`, seats: 2, alternates: 1, maxSelections: 2,
    candidates: Array.from({ length: candidates }, (_, i) => ({ id: `${id}-cand-${i + 1}`, fullName: `Candidate ${i + 1}` })),
    roll: [{ associationId: 'assoc-1', legalName: 'Asociación Uno', region: 'north' }, { associationId: 'assoc-2', legalName: 'Dos', region: 'south' }],
    issuers: issuers.map((k, i) => ({ memberId: `member-${i + 1}`, sector: issuerSectors[i]!, issuanceKey: issuanceKeyToJSON(k.publicKey) }))
      .sort((a, b) => (a.issuanceKey.keyId < b.issuanceKey.keyId ? -1 : 1)),
  });
  const json = {
    version: 1, electionId, title: 'Elección 2026', rules: { threshold: t, revote: 'refused', composition: { minMembers: 3 } }, threshold: t,
    openedAt: '2026-03-01T12:00:00.000Z',
    trustees: [1, 2, 3].map((j) => ({
      index: j, memberId: `member-${j}`, sector: 'government', publicKey: trusteePublicKeyToJSON(publicKeys[j - 1]!),
      verificationKey: pointToHex(verificationKey(dealings, j)),
    })),
    jointPublicKey: pointToHex(K),
    receiptKey: toHex(ed25519.getPublicKey(receiptSecret)),
    contests: [contest('board', 4), contest('alt', 3)],
  };
  const parsed = parseManifest(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const decoded = decodeManifest(parsed.manifest);
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
  return { manifest: parsed.manifest, decoded: decoded.decoded, hash: manifestHash(parsed.manifest), K, secretShares, dealings, issuers, receiptSecret };
}

const cache = new Map<string, Election>();
/** The test election `electionId` (built once per test file). */
export function election(electionId = 'election-1'): Election {
  let e = cache.get(electionId);
  if (!e) cache.set(electionId, (e = build(electionId)));
  return e;
}

/**
 * A token for (election, contest) signed blindly by `signers` of the issuers' keys (default
 * both: two issuers of two sectors, as the issuance rule asks).
 */
export async function issueToken(e: Election, contestId: string, electionId = e.manifest.electionId, signers: readonly IssuanceKeyPair[] = e.issuers): Promise<{ token: Token; keys: BallotKeys }> {
  const req = requestIssuedToken(signers.map((k) => k.publicKey), electionId, contestId);
  const answers = new Map(req.blinded.map((b, i) => {
    const signed = blindSign(signers[i]!, b.blindedMessage);
    if (!signed.ok) throw new Error(signed.reason);
    return [toHex(b.keyId), signed.blindSignature] as const;
  }));
  const { token, refused } = await finalizeIssuedToken(signers.map((k) => k.publicKey), req, answers);
  if (refused.length > 0) throw new Error(`refused: ${refused.join(', ')}`);
  return { token, keys: req.ballotKeys };
}

export interface CastBody {
  contestId: string;
  token: TokenJSON;
  ballot: ReturnType<typeof contestBallotToJSON>;
  signature: string;
}

/** An honest cast request for `choices` in `contestId`. */
export async function honestCast(e: Election, contestId: string, choices: number[]): Promise<{ body: CastBody; ballot: ContestBallot; token: Token; keys: BallotKeys }> {
  const { token, keys } = await issueToken(e, contestId);
  const contest = e.decoded.contests.get(contestId)!.contest;
  const ctx = ballotContext({ manifestHash: e.hash, publicKey: e.K, contestId, ballotPublicKey: keys.publicKey });
  const { ballot } = encryptContest(ctx, e.K, choices, contest.maxSelections);
  const signature = signBallot(keys.secretKey, contestBallotDigest(ballot));
  return {
    body: { contestId, token: tokenToJSON(token), ballot: contestBallotToJSON(ballot), signature: toHex(signature) },
    ballot, token, keys,
  };
}
