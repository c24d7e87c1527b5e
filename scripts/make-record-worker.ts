/**
 * A worker thread of scripts/make-record.ts: it makes voters' ballots as the client does
 * (a blind token under the contest's issuance key, the contest encrypted with its proofs,
 * signed with the token's key) and answers each request with the ballots' JSON parts and,
 * at the end, the homomorphic sum of its ballots and their plain counts.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { contestBallotDigest, contestBallotToJSON, encryptContest } from '../src/crypto/ballot.js';
import { signBallot } from '../src/crypto/ballot-signature.js';
import { type Ciphertext, ZERO, addCiphertexts, ciphertextToJSON } from '../src/crypto/elgamal.js';
import { fromHex, pointFromHex, toHex } from '../src/crypto/group.js';
import { blindSign, issuanceKeyFromPkcs8 } from '../src/crypto/token-issuer.js';
import { finalizeToken, requestToken, tokenToJSON } from '../src/crypto/voting-token.js';
import { ballotContext } from '../src/record/contexts.js';

/** What the generator gives each worker. */
export interface MakerData {
  readonly electionId: string;
  readonly contestId: string;
  readonly pkcs8: Uint8Array;
  readonly manifestHash: string;
  readonly jointPublicKey: string;
  readonly candidates: number;
  readonly maxSelections: number;
}

/** One ballot, without its tracking code (the generator chains those in board order). */
export interface MadeBallot {
  readonly token: unknown;
  readonly ballot: unknown;
  readonly signature: string;
  readonly digest: string;
  readonly ballotPublicKey: string;
}

export type ToMaker = { readonly type: 'make'; readonly choices: readonly (readonly number[])[] } | { readonly type: 'sum' };
export type FromMaker =
  | { readonly type: 'made'; readonly ballots: readonly MadeBallot[] }
  | { readonly type: 'sum'; readonly tally: readonly { alpha: string; beta: string }[]; readonly plain: readonly number[] };

const port = parentPort!;
const d = workerData as MakerData;
const key = issuanceKeyFromPkcs8(new Uint8Array(d.pkcs8));
const K = pointFromHex(d.jointPublicKey, 'jointPublicKey');
const hash = fromHex(d.manifestHash);
let tally: Ciphertext[] = Array.from({ length: d.candidates }, () => ZERO);
const plain = new Array<number>(d.candidates).fill(0);

async function make(choices: readonly number[]): Promise<MadeBallot> {
  const req = requestToken(key.publicKey, d.electionId, d.contestId);
  const signed = blindSign(key, req.blindedMessage);
  if (!signed.ok) throw new Error(signed.reason);
  const fin = await finalizeToken(key.publicKey, req, signed.blindSignature);
  if (!fin.ok) throw new Error(fin.reason);
  const ctx = ballotContext({ manifestHash: hash, publicKey: K, contestId: d.contestId, ballotPublicKey: req.ballotKeys.publicKey });
  const { ballot } = encryptContest(ctx, K, [...choices], d.maxSelections);
  const digest = contestBallotDigest(ballot);
  tally = tally.map((c, k) => addCiphertexts(c, ballot.selections[k]!.ciphertext));
  choices.forEach((x, k) => { plain[k]! += x; });
  return {
    token: tokenToJSON(fin.value), ballot: contestBallotToJSON(ballot), signature: toHex(signBallot(req.ballotKeys.secretKey, digest)),
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
    for (const c of m.choices) ballots.push(await make(c));
    port.postMessage({ type: 'made', ballots } satisfies FromMaker);
  })().catch((e: unknown) => { throw e; });
});
