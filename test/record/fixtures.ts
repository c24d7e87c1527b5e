/**
 * A small election for the record tests: 3 trustees (t = 2) through the real key
 * ceremony, two contests with real 3072-bit issuance keys, an Ed25519 receipt key, the
 * manifest, and a helper that casts an honest ballot the way the voter's client does.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { contestBallotDigest, contestBallotToJSON, encryptContest, type ContestBallot } from '../../src/crypto/ballot.js';
import { signBallot, type BallotKeys } from '../../src/crypto/ballot-signature.js';
import { type Point, mod, pointToHex, toHex } from '../../src/crypto/group.js';
import { type Dealing, createDealing, createTrusteeKey, jointPublicKey, trusteePublicKeyToJSON, verificationKey } from '../../src/crypto/key-ceremony.js';
import { evaluatePolynomial } from '../../src/crypto/lagrange.js';
import { type IssuanceKeyPair, blindSign, generateIssuanceKey } from '../../src/crypto/token-issuer.js';
import { type Token, type TokenJSON, finalizeToken, issuanceKeyToJSON, requestToken, tokenToJSON } from '../../src/crypto/voting-token.js';
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
  readonly issuance: ReadonlyMap<string, IssuanceKeyPair>;
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
  const issuance = new Map([['board', generateIssuanceKey()], ['alt', generateIssuanceKey()]]);
  const receiptSecret = ed25519.utils.randomSecretKey();
  const contest = (id: string, candidates: number) => ({
    id, constituency: 'civil_society', title: `Contest ${id}`, seats: 2, alternates: 1, maxSelections: 2,
    candidates: Array.from({ length: candidates }, (_, i) => ({ id: `${id}-cand-${i + 1}`, fullName: `Candidate ${i + 1}` })),
    roll: [{ associationId: 'assoc-1', legalName: 'Asociación Uno', region: 'north' }, { associationId: 'assoc-2', legalName: 'Dos', region: 'south' }],
    issuanceKey: issuanceKeyToJSON(issuance.get(id)!.publicKey),
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
  return { manifest: parsed.manifest, decoded: decoded.decoded, hash: manifestHash(parsed.manifest), K, secretShares, dealings, issuance, receiptSecret };
}

const cache = new Map<string, Election>();
/** The test election `electionId` (built once per test file). */
export function election(electionId = 'election-1'): Election {
  let e = cache.get(electionId);
  if (!e) cache.set(electionId, (e = build(electionId)));
  return e;
}

/** A token issued for (election, contest) by the contest's issuance key in `e`. */
export async function issueToken(e: Election, contestId: string, electionId = e.manifest.electionId, signerContest = contestId): Promise<{ token: Token; keys: BallotKeys }> {
  const key = e.issuance.get(signerContest)!;
  const req = requestToken(key.publicKey, electionId, contestId);
  const signed = blindSign(key, req.blindedMessage);
  if (!signed.ok) throw new Error(signed.reason);
  // Finalize under the signer's key (a test may make the signer differ from the contest).
  const fin = await finalizeToken(key.publicKey, req, signed.blindSignature);
  if (!fin.ok) throw new Error(fin.reason);
  return { token: fin.value, keys: req.ballotKeys };
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
