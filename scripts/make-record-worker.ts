/**
 * A worker thread of scripts/make-record.ts: it makes voters' ballots as the association's
 * client and the issuers make them (issue 12): the association signs its request to the
 * contest's two issuers (one blinded message per issuing key), each issuer blind-signs
 * its own message with its fixed test key (test/verify/synthetic-issuers.ts, the keys of
 * test/helpers/issuer-keys.json), the voter unblinds the issued token, encrypts the
 * contest with its proofs and signs it with the token's ballot key. Each request is
 * answered with the ballots' JSON parts and the request as the issuers log it; at the end,
 * the homomorphic sum of this worker's ballots and their plain counts.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { contestBallotDigest, contestBallotToJSON, encryptContest } from '../src/crypto/ballot.js';
import { signBallot } from '../src/crypto/ballot-signature.js';
import { type Ciphertext, ZERO, addCiphertexts, ciphertextToJSON } from '../src/crypto/elgamal.js';
import { fromHex, pointFromHex, toHex } from '../src/crypto/group.js';
import { finalizeIssuedToken, issuedTokenToJSON, requestIssuedToken } from '../src/crypto/issued-token.js';
import { blindSign } from '../src/crypto/token-issuer.js';
import { ballotContext } from '../src/record/contexts.js';
import type { IssuerLogEntry } from '../src/record/issuer-statements.js';
import { signedRequest } from '../test/verify/synthetic-governance.js';
import { syntheticIssuers } from '../test/verify/synthetic-issuers.js';

/** What the generator gives each worker. */
export interface MakerData {
  readonly electionId: string;
  readonly contestId: string;
  readonly manifestHash: string;
  readonly jointPublicKey: string;
  readonly candidates: number;
  readonly maxSelections: number;
}

/** One voter's request (a `token_issued` entry, and the issuers' log entry) and ballot, without its tracking code (the generator chains those in board order). */
export interface MadeBallot {
  readonly request: IssuerLogEntry;
  readonly token: unknown;
  readonly ballot: unknown;
  readonly signature: string;
  readonly digest: string;
  readonly ballotPublicKey: string;
}

/** One voter: the association on the roll and its choices. */
export interface Voter { readonly associationId: string; readonly choices: readonly number[] }

export type ToMaker = { readonly type: 'make'; readonly voters: readonly Voter[] } | { readonly type: 'sum' };
export type FromMaker =
  | { readonly type: 'made'; readonly ballots: readonly MadeBallot[] }
  | { readonly type: 'sum'; readonly tally: readonly { alpha: string; beta: string }[]; readonly plain: readonly number[] };

const port = parentPort!;
const d = workerData as MakerData;
const issuers = syntheticIssuers(d.contestId).map((i) => i.key);
const issuerKeys = issuers.map((k) => k.publicKey);
const K = pointFromHex(d.jointPublicKey, 'jointPublicKey');
const hash = fromHex(d.manifestHash);
let tally: Ciphertext[] = Array.from({ length: d.candidates }, () => ZERO);
const plain = new Array<number>(d.candidates).fill(0);

async function make(v: Voter): Promise<MadeBallot> {
  const req = requestIssuedToken(issuerKeys, d.electionId, d.contestId);
  const request = signedRequest(d.electionId, d.contestId, v.associationId, req.blinded);
  const answers = new Map(req.blinded.map((b, j) => {
    const signed = blindSign(issuers[j]!, b.blindedMessage);
    if (!signed.ok) throw new Error(signed.reason);
    return [toHex(b.keyId), signed.blindSignature] as const;
  }));
  const { token } = await finalizeIssuedToken(issuerKeys, req, answers);
  const ctx = ballotContext({ manifestHash: hash, publicKey: K, contestId: d.contestId, ballotPublicKey: req.ballotKeys.publicKey });
  const { ballot } = encryptContest(ctx, K, [...v.choices], d.maxSelections);
  const digest = contestBallotDigest(ballot);
  tally = tally.map((c, k) => addCiphertexts(c, ballot.selections[k]!.ciphertext));
  v.choices.forEach((x, k) => { plain[k]! += x; });
  return {
    request, token: issuedTokenToJSON(token), ballot: contestBallotToJSON(ballot), signature: toHex(signBallot(req.ballotKeys.secretKey, digest)),
    digest: toHex(digest), ballotPublicKey: toHex(req.ballotKeys.publicKey),
  };
}

port.on('message', (m: ToMaker) => {
  if (m.type === 'sum') {
    port.postMessage({ type: 'sum', tally: tally.map(ciphertextToJSON), plain } satisfies FromMaker);
    return;
  }
  (async () => {
    const ballots: MadeBallot[] = [];
    for (const v of m.voters) ballots.push(await make(v));
    port.postMessage({ type: 'made', ballots } satisfies FromMaker);
  })().catch((e: unknown) => { throw e; });
});
