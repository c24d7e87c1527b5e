/**
 * Known-answer vectors (issue 3, item 8): vectors/known-answers.json, written once by
 * scripts/generate-vectors.ts. This test does not run the generator: it reads the committed
 * file, recomputes every value from the same fixed seeds and compares the encodings string for
 * string (so any change of an encoding, a transcript, a tag or a draw order fails here), then
 * verifies every proof in the file with the verify functions and checks that a tampered copy
 * of each one fails. The voting-token vector lives in vectors/voting-token.json
 * (voting-token.test.ts).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  type ContestBallot, aggregateContests, ballotContext, checkContest, checkOpening, contestBallotDigest, contestBallotFromJSON,
  contestBallotToJSON, encryptContest, openingFromJSON, openingToJSON,
} from '../../src/crypto/ballot.js';
import { verifyBallotSignatureNode } from '../../src/crypto/ballot-signature-node.js';
import {
  ballotSignatureMessage, generateBallotKeys, signBallot, verifyBallotSignature,
} from '../../src/crypto/ballot-signature.js';
import { batchCheckContests } from '../../src/crypto/batch.js';
import {
  type EqualityProof, equalityChallenge, equalityProofFromJSON, equalityProofToJSON, proveEquality, verifyEquality,
} from '../../src/crypto/chaum-pedersen.js';
import { discreteLog } from '../../src/crypto/discrete-log.js';
import {
  type DisjunctiveProof, disjunctiveProofFromJSON, disjunctiveProofToJSON, proveZeroOrOne, verifyZeroOrOne,
} from '../../src/crypto/disjunctive.js';
import {
  ciphertextFromJSON, ciphertextToJSON, decryptToPoint, encrypt, sumCiphertexts,
} from '../../src/crypto/elgamal.js';
import {
  G, type RNG, baseMul, decodePoint, fromHex, mod, pointFromHex, pointToHex, randomScalar,
  scalarFromHex, scalarToHex, toHex,
} from '../../src/crypto/group.js';
import {
  type CeremonyParams, type Dealing, checkDealing, checkTrusteeKey, combineSecretShare, createDealing, createTrusteeKey,
  dealingFromJSON, dealingToJSON, jointPublicKey, receiveShare, trusteePublicKeyFromJSON, trusteePublicKeyToJSON,
  verificationKey,
} from '../../src/crypto/key-ceremony.js';
import { proveRange, rangeProofFromJSON, rangeProofToJSON, verifyRange } from '../../src/crypto/range.js';
import {
  proveSchnorr, schnorrChallenge, schnorrProofFromJSON, schnorrProofToJSON, verifySchnorr,
} from '../../src/crypto/schnorr.js';
import {
  type DecryptionShare, checkShare, combineShares, jointDecryptionValue, computeShares, decryptionShareFromJSON, decryptionShareToJSON,
} from '../../src/crypto/threshold-decryption.js';
import { TAGS, Transcript, framedMessage } from '../../src/crypto/transcript.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import kat from './vectors/known-answers.json' with { type: 'json' };

/** The deterministic rng of the vectors (kat.rng; the construction of voting-token.json). */
function seededRng(label: string): RNG {
  let counter = 0;
  return (n: number) => {
    const out = new Uint8Array(n);
    for (let off = 0; off < n; off += 32) {
      out.set(sha256(utf8ToBytes(`${label}/${counter++}`)).subarray(0, Math.min(32, n - off)), off);
    }
    return out;
  };
}

const bump = (s: bigint) => mod(s + 1n);
const hexPoint = (h: string) => pointFromHex(h);
const ctxOf = (section: { ctx: string }) => fromHex(section.ctx);
/** A disjunctive/range proof with branch j's response changed (a dishonest or corrupted prover). */
const bumpBranch = (p: DisjunctiveProof, j = 0): DisjunctiveProof => ({
  branches: p.branches.map((br, i) => (i === j ? { ...br, response: bump(br.response) } : br)),
});

describe('known-answer vectors: the file', () => {
  it('has exactly the sections this test checks (a new section needs a test)', () => {
    expect(Object.keys(kat)).toEqual([
      'source', 'rng', 'votingToken', 'group', 'elgamal', 'schnorr', 'chaumPedersen', 'disjunctive', 'range', 'dkg',
      'ballot', 'ballotSignature', 'tally', 'receiptKeySignatures',
    ]);
  });
});

describe('known-answer vectors: group encodings and transcripts', () => {
  it('k·G encodes to the committed bytes (RFC 9496 §4.3.2) and decodes back to k·G', () => {
    for (const { k, point } of kat.group.multiples) {
      const P = baseMul(BigInt(k));
      expect(pointToHex(P)).toBe(point);
      expect(decodePoint(fromHex(point), 'P', true).equals(P)).toBe(true);
    }
  });
  it('scalars encode as the committed 32 little-endian bytes and decode back', () => {
    for (const { value, encoding } of kat.group.scalars) {
      expect(scalarToHex(BigInt(value))).toBe(encoding);
      expect(scalarFromHex(encoding)).toBe(BigInt(value));
    }
  });
  it('randomScalar (64-byte wide reduction) from the fixed rng gives the committed scalars and points', () => {
    const rng = seededRng(kat.group.randomScalars.rngLabel);
    expect(kat.group.randomScalars.values.map(() => {
      const s = randomScalar(rng);
      return { scalar: scalarToHex(s), point: pointToHex(baseMul(s)) };
    })).toEqual(kat.group.randomScalars.values);
  });
  it('transcripts give the committed challenge (hash to scalar), digest and wide digest', () => {
    for (const v of kat.group.transcripts) {
      const t = new Transcript(v.tag);
      for (const item of v.items as ({ bytes: string } | { string: string } | { u32: number } | { point: string } | { scalar: string })[]) {
        if ('bytes' in item) t.bytes(fromHex(item.bytes));
        else if ('string' in item) t.string(item.string);
        else if ('u32' in item) t.u32(item.u32);
        else if ('point' in item) t.point(hexPoint(item.point));
        else t.scalar(scalarFromHex(item.scalar));
      }
      expect({ challenge: scalarToHex(t.challenge()), digest: toHex(t.digest()), wideDigest: toHex(t.wideDigest()) })
        .toEqual({ challenge: v.challenge, digest: v.digest, wideDigest: v.wideDigest });
    }
  });
});

describe('known-answer vectors: ElGamal', () => {
  const v = kat.elgamal;
  it('fixed key and randomness give the committed ciphertexts, sum, decryption and discrete log', () => {
    const rng = seededRng(v.rngLabel);
    const x = randomScalar(rng);
    expect(scalarToHex(x)).toBe(v.secretKey);
    const K = baseMul(x);
    expect(pointToHex(K)).toBe(v.publicKey);
    const encryptions = v.encryptions.map(({ message }) => {
      const r = randomScalar(rng);
      return { message, randomness: scalarToHex(r), ciphertext: ciphertextToJSON(encrypt(K, message, r)) };
    });
    expect(encryptions).toEqual(v.encryptions);
    const sum = sumCiphertexts(v.encryptions.map((e) => ciphertextFromJSON(e.ciphertext)));
    expect(ciphertextToJSON(sum)).toEqual(v.sum);
    expect(pointToHex(decryptToPoint(x, sum))).toBe(v.decryption);
    expect(discreteLog(hexPoint(v.decryption))).toBe(v.discreteLog);
    expect(v.discreteLog).toBe(v.encryptions.reduce((a, e) => a + e.message, 0));
  });
});

describe('known-answer vectors: Schnorr proof', () => {
  const v = kat.schnorr;
  const ctx = ctxOf(v);
  it('recomputes to the committed proof and challenge', () => {
    const rng = seededRng(v.rngLabel);
    const x = randomScalar(rng);
    const proof = proveSchnorr(ctx, x, rng);
    expect({ secret: scalarToHex(x), publicKey: pointToHex(baseMul(x)), proof: schnorrProofToJSON(proof) })
      .toEqual({ secret: v.secret, publicKey: v.publicKey, proof: v.proof });
    expect(scalarToHex(schnorrChallenge(ctx, baseMul(x), proof.commitment))).toBe(v.challenge);
  });
  it('the committed proof verifies; with a changed response it does not', () => {
    const proof = schnorrProofFromJSON(v.proof);
    expect(verifySchnorr(ctx, hexPoint(v.publicKey), proof)).toBe(true);
    expect(verifySchnorr(ctx, hexPoint(v.publicKey), { ...proof, response: bump(proof.response) })).toBe(false);
  });
});

describe('known-answer vectors: Chaum–Pedersen proof', () => {
  const v = kat.chaumPedersen;
  const ctx = ctxOf(v);
  const st = { g1: hexPoint(v.statement.g1), h1: hexPoint(v.statement.h1), g2: hexPoint(v.statement.g2), h2: hexPoint(v.statement.h2) };
  it('recomputes to the committed statement, proof and challenge', () => {
    const rng = seededRng(v.rngLabel);
    const x = randomScalar(rng);
    const g2 = baseMul(randomScalar(rng));
    const fresh = { g1: G, h1: baseMul(x), g2, h2: g2.multiply(x) };
    const proof = proveEquality(ctx, fresh, x, rng);
    expect(scalarToHex(x)).toBe(v.secret);
    expect({ g1: pointToHex(G), h1: pointToHex(fresh.h1), g2: pointToHex(g2), h2: pointToHex(fresh.h2) }).toEqual(v.statement);
    expect(equalityProofToJSON(proof)).toEqual(v.proof);
    expect(scalarToHex(equalityChallenge(ctx, fresh, proof.a1, proof.a2))).toBe(v.challenge);
  });
  it('the committed proof verifies; with a changed response it does not', () => {
    const proof = equalityProofFromJSON(v.proof);
    expect(verifyEquality(ctx, st, proof)).toBe(true);
    expect(verifyEquality(ctx, st, { ...proof, response: bump(proof.response) })).toBe(false);
  });
});

describe('known-answer vectors: 0-or-1 disjunctive proofs', () => {
  const v = kat.disjunctive;
  const ctx = ctxOf(v);
  const K = hexPoint(v.publicKey);
  it('recomputes to the committed ciphertexts and proofs (for 0 and for 1)', () => {
    const rng = seededRng(v.rngLabel);
    const key = baseMul(randomScalar(rng));
    expect(pointToHex(key)).toBe(v.publicKey);
    expect(v.cases.map(({ message }) => {
      const r = randomScalar(rng);
      const c = encrypt(key, message, r);
      return { message, randomness: scalarToHex(r), ciphertext: ciphertextToJSON(c), proof: disjunctiveProofToJSON(proveZeroOrOne(ctx, key, c, message, r, rng)) };
    })).toEqual(v.cases);
  });
  it('the committed proofs verify; each with a changed response in either branch does not', () => {
    for (const c of v.cases) {
      const ct = ciphertextFromJSON(c.ciphertext);
      const proof = disjunctiveProofFromJSON(c.proof, 2);
      expect(verifyZeroOrOne(ctx, K, ct, proof)).toBe(true);
      expect(verifyZeroOrOne(ctx, K, ct, bumpBranch(proof, 0))).toBe(false);
      expect(verifyZeroOrOne(ctx, K, ct, bumpBranch(proof, 1))).toBe(false);
    }
  });
});

describe('known-answer vectors: range proof', () => {
  const v = kat.range;
  const ctx = ctxOf(v);
  const K = hexPoint(v.publicKey);
  it('recomputes to the committed parts, sum and proof', () => {
    const rng = seededRng(v.rngLabel);
    const key = baseMul(randomScalar(rng));
    expect(pointToHex(key)).toBe(v.publicKey);
    const randomness = v.messages.map(() => randomScalar(rng));
    const parts = v.messages.map((m, i) => encrypt(key, m, randomness[i]!));
    const sum = sumCiphertexts(parts);
    const total = v.messages.reduce((a, b) => a + b, 0);
    const proof = proveRange(ctx, key, sum, v.bound, total, mod(randomness.reduce((a, b) => a + b, 0n)), parts, rng);
    expect({
      randomness: randomness.map(scalarToHex), parts: parts.map(ciphertextToJSON), sum: ciphertextToJSON(sum), proof: rangeProofToJSON(proof),
    }).toEqual({ randomness: v.randomness, parts: v.parts, sum: v.sum, proof: v.proof });
  });
  it('the committed proof verifies; with a changed response in any branch it does not', () => {
    const parts = v.parts.map((c) => ciphertextFromJSON(c));
    const sum = ciphertextFromJSON(v.sum);
    const proof = rangeProofFromJSON(v.proof, v.bound);
    expect(verifyRange(ctx, K, sum, v.bound, parts, proof)).toBe(true);
    for (let j = 0; j <= v.bound; j++) expect(verifyRange(ctx, K, sum, v.bound, parts, bumpBranch(proof, j))).toBe(false);
  });
});

describe('known-answer vectors: key ceremony, 2 of 3', () => {
  const v = kat.dkg;
  const ctx = ctxOf(v);
  const params: CeremonyParams = v.params;
  const keys = v.trusteeKeys.map((k) => trusteePublicKeyFromJSON(k));
  const dealings = v.dealings.map((d) => dealingFromJSON(d));

  it('recomputes to the committed trustee keys, polynomials, dealings, shares, joint key and verification keys', () => {
    const rng = seededRng(v.rngLabel);
    const pairs = [1, 2, 3].map((j) => createTrusteeKey(ctx, j, rng));
    const made = pairs.map((p) => createDealing(ctx, params, p.publicKey.index, pairs.map((q) => q.publicKey), rng));
    expect(pairs.map((p) => scalarToHex(p.secret))).toEqual(v.trusteeSecrets);
    expect(pairs.map((p) => trusteePublicKeyToJSON(p.publicKey))).toEqual(v.trusteeKeys);
    expect(made.map((m) => m.polynomial.map(scalarToHex))).toEqual(v.polynomials);
    expect(made.map((m) => dealingToJSON(m.dealing))).toEqual(v.dealings);
    const secretShares = pairs.map((p, jj) => combineSecretShare(made.map((m) => {
      if (m.dealing.dealer === jj + 1) return { dealer: jj + 1, share: m.ownShare };
      const r = receiveShare(ctx, params, jj + 1, p.secret, m.dealing);
      if (!r.ok) throw new Error(r.reason);
      return { dealer: m.dealing.dealer, share: r.share };
    })));
    expect(secretShares.map(scalarToHex)).toEqual(v.secretShares);
    const ds = made.map((m) => m.dealing);
    expect(pointToHex(jointPublicKey(ds))).toBe(v.jointKey);
    expect([1, 2, 3].map((j) => pointToHex(verificationKey(ds, j)))).toEqual(v.verificationKeys);
  });

  it('the committed outputs agree: x_j·G = X_j, and K = Σ C_i0 = f(0)·G for the polynomials', () => {
    v.secretShares.forEach((x, jj) => expect(pointToHex(baseMul(scalarFromHex(x)))).toBe(v.verificationKeys[jj]));
    const a0 = v.polynomials.reduce((acc, p) => mod(acc + scalarFromHex(p[0]!)), 0n);
    expect(pointToHex(baseMul(a0))).toBe(v.jointKey);
  });

  it('every trustee-key proof verifies; with a changed response none does', () => {
    for (const k of keys) {
      expect(checkTrusteeKey(ctx, k)).toBe(true);
      expect(checkTrusteeKey(ctx, { ...k, proof: { ...k.proof, response: bump(k.proof.response) } })).toBe(false);
    }
  });

  it('every dealing passes checkDealing and every sealed share opens consistently; a changed commitment proof or sealed byte fails', () => {
    for (const d of dealings) {
      expect(checkDealing(ctx, params, d)).toEqual({ ok: true });
      for (let k = 0; k < d.proofs.length; k++) {
        const proofs = d.proofs.map((p, i) => (i === k ? { ...p, response: bump(p.response) } : p));
        expect(checkDealing(ctx, params, { ...d, proofs })).toEqual({ ok: false, reason: 'bad_proof' });
      }
      for (const { recipient, encrypted } of d.shares) {
        const secret = scalarFromHex(v.trusteeSecrets[recipient - 1]!);
        const r = receiveShare(ctx, params, recipient, secret, d);
        expect(r.ok && scalarToHex(r.share)).toBe(scalarToHex(
          mod(scalarFromHex(v.polynomials[d.dealer - 1]![0]!) + BigInt(recipient) * scalarFromHex(v.polynomials[d.dealer - 1]![1]!)),
        ));
        const sealed = encrypted.sealed.slice();
        sealed[0]! ^= 1;
        const tampered: Dealing = { ...d, shares: d.shares.map((s) => (s.recipient === recipient ? { recipient, encrypted: { ...encrypted, sealed } } : s)) };
        expect(receiveShare(ctx, params, recipient, secret, tampered)).toEqual({ ok: false, reason: 'undecryptable' });
      }
    }
  });
});

describe('known-answer vectors: contest ballot, Benaloh opening, ballot signature', () => {
  const v = kat.ballot;
  const K = hexPoint(v.contextInput.publicKey);
  const ctx = fromHex(v.context);
  const ballot = contestBallotFromJSON(v.ballot, { candidateCount: v.candidateCount, maxSelections: v.maxSelections });

  it('uses the ceremony\'s joint key', () => {
    expect(v.contextInput.publicKey).toBe(kat.dkg.jointKey);
  });

  it('recomputes to the committed context, ballot, digest, opening and signature', () => {
    const rng = seededRng(v.rngLabel);
    const keys = generateBallotKeys(rng);
    expect(toHex(keys.secretKey)).toBe(v.ballotSecretKey);
    expect(toHex(keys.publicKey)).toBe(v.contextInput.ballotPublicKey);
    const context = ballotContext({
      manifestHash: fromHex(v.contextInput.manifestHash), publicKey: K, contestId: v.contextInput.contestId, ballotPublicKey: keys.publicKey,
    });
    expect(toHex(context)).toBe(v.context);
    expect(v.contextInput.manifestHash).toBe(bytesToHex(sha256(utf8ToBytes('known-answer manifest'))));
    const fresh = encryptContest(context, K, v.choices, v.maxSelections, rng);
    expect(contestBallotToJSON(fresh.ballot)).toEqual(v.ballot);
    expect(openingToJSON(fresh.opening)).toEqual(v.opening);
    const digest = contestBallotDigest(fresh.ballot);
    expect(toHex(digest)).toBe(v.digest);
    expect(toHex(ballotSignatureMessage(digest))).toBe(kat.ballotSignature.message);
    expect(toHex(signBallot(keys.secretKey, digest))).toBe(kat.ballotSignature.signature);
  });

  it('the committed ballot re-encodes to the same JSON and digest after strict decoding', () => {
    expect(contestBallotToJSON(ballot)).toEqual(v.ballot);
    expect(toHex(contestBallotDigest(ballot))).toBe(v.digest);
  });

  it('the committed ballot verifies, exactly and in a batch', () => {
    expect(checkContest(ctx, K, v.maxSelections, v.candidateCount, ballot)).toEqual({ ok: true });
    expect(batchCheckContests([{ ctx, K, maxSelections: v.maxSelections, candidateCount: v.candidateCount, ballot }]))
      .toEqual({ ok: true, bad: [] });
  });

  it('with a changed response in any selection proof or in the range proof it does not', () => {
    ballot.selections.forEach((s, i) => {
      const tampered: ContestBallot = { ...ballot, selections: ballot.selections.map((t, j) => (j === i ? { ...t, proof: bumpBranch(s.proof, i % 2) } : t)) };
      expect(checkContest(ctx, K, v.maxSelections, v.candidateCount, tampered)).toEqual({ ok: false, reason: 'bad_selection_proof', index: i });
    });
    const tampered = { ...ballot, rangeProof: bumpBranch(ballot.rangeProof, 1) };
    expect(checkContest(ctx, K, v.maxSelections, v.candidateCount, tampered)).toEqual({ ok: false, reason: 'bad_range_proof' });
    expect(batchCheckContests([{ ctx, K, maxSelections: v.maxSelections, candidateCount: v.candidateCount, ballot: tampered }]))
      .toEqual({ ok: false, bad: [0] });
  });

  it('the committed Benaloh opening re-encrypts to the ballot; with a changed choice it does not', () => {
    const opening = openingFromJSON(v.opening);
    expect(openingToJSON(opening)).toEqual(v.opening);
    expect(checkOpening(K, ballot, opening)).toEqual({ ok: true, choices: v.choices });
    const flipped = { ...opening, choices: opening.choices.map((m, i) => (i === 0 ? 1 - m : m)) };
    expect(checkOpening(K, ballot, flipped)).toEqual({ ok: false, reason: 'mismatch', index: 0 });
  });

  it('the committed signature verifies (noble and node:crypto); with a changed byte it does not', () => {
    const pk = fromHex(v.contextInput.ballotPublicKey);
    const digest = fromHex(v.digest);
    const sig = fromHex(kat.ballotSignature.signature);
    expect(verifyBallotSignature(pk, digest, sig)).toBe(true);
    expect(verifyBallotSignatureNode(pk, digest, sig)).toBe(true);
    const bad = sig.slice();
    bad[5]! ^= 0x20;
    expect(verifyBallotSignature(pk, digest, bad)).toBe(false);
    expect(verifyBallotSignatureNode(pk, digest, bad)).toBe(false);
  });
});

describe('known-answer vectors: the receipt key signs receipts and the report under distinct tags', () => {
  const v = kat.receiptKeySignatures;
  it('recomputes the key, the framed messages and the signatures', () => {
    expect(bytesToHex(seededRng(v.rngLabel)(32))).toBe(v.secretKey);
    expect(bytesToHex(ed25519.getPublicKey(fromHex(v.secretKey)))).toBe(v.publicKey);
    for (const [tag, x] of [[TAGS.receipt, v.receipt], [TAGS.serverReport, v.report]] as const) {
      const body = utf8ToBytes(x.canonicalJson);
      const expected = new Uint8Array([0, 0, 0, tag.length, ...utf8ToBytes(tag), ...[24, 16, 8, 0].map((k) => (body.length >>> k) & 255), ...body]);
      expect(bytesToHex(framedMessage(tag, body))).toBe(bytesToHex(expected));
      expect(x.message).toBe(bytesToHex(expected));
      expect(bytesToHex(ed25519.sign(expected, fromHex(v.secretKey)))).toBe(x.signature);
    }
  });
  it('a receipt signature does not verify as a report signature over the same JSON, nor the other way', () => {
    const pk = fromHex(v.publicKey);
    const asReport = framedMessage(TAGS.serverReport, utf8ToBytes(v.receipt.canonicalJson));
    expect(ed25519.verify(fromHex(v.receipt.signature), asReport, pk)).toBe(false);
    const asReceipt = framedMessage(TAGS.receipt, utf8ToBytes(v.report.canonicalJson));
    expect(ed25519.verify(fromHex(v.report.signature), asReceipt, pk)).toBe(false);
    expect(ed25519.verify(fromHex(v.receipt.signature), utf8ToBytes(v.receipt.canonicalJson), pk)).toBe(false);
    expect(ed25519.verify(fromHex(v.receipt.signature), fromHex(v.receipt.message), pk)).toBe(true);
  });
});

describe('known-answer vectors: tally, partial decryptions, combination', () => {
  const v = kat.tally;
  const ctx = ctxOf(v);
  const K = hexPoint(kat.dkg.jointKey);
  const X = kat.dkg.verificationKeys.map(hexPoint);
  const encrypted = v.encryptedTally.map((c) => ciphertextFromJSON(c, 'tally', 'sum'));
  const shares: DecryptionShare[][] = v.partialDecryptions.map((list) => list.map((s) => decryptionShareFromJSON(s)));

  it('recomputes to the committed extra ballots, encrypted tally, partial decryptions, combination and counts', () => {
    const rng = seededRng(v.rngLabel);
    const extra = v.extraBallots.map(({ choices }) => {
      const keys = generateBallotKeys(rng);
      const c = ballotContext({
        manifestHash: fromHex(kat.ballot.contextInput.manifestHash), publicKey: K, contestId: kat.ballot.contextInput.contestId, ballotPublicKey: keys.publicKey,
      });
      return { choices, ballotPublicKey: toHex(keys.publicKey), ballot: encryptContest(c, K, choices, kat.ballot.maxSelections, rng).ballot };
    });
    expect(extra.map((e) => ({ ...e, ballot: contestBallotToJSON(e.ballot) }))).toEqual(v.extraBallots);
    const first = contestBallotFromJSON(kat.ballot.ballot);
    const tally = aggregateContests([first, ...extra.map((e) => e.ballot)], kat.ballot.candidateCount);
    expect(tally.map(ciphertextToJSON)).toEqual(v.encryptedTally);
    const fresh = kat.dkg.secretShares.map((x, jj) => computeShares(ctx, jj + 1, scalarFromHex(x), tally, rng));
    expect(fresh.map((list) => list.map(decryptionShareToJSON))).toEqual(v.partialDecryptions);
    expect(tally.map((c, i) => {
      const r = combineShares(c, [fresh[0]![i]!, fresh[2]![i]!], v.params);
      return r.ok && pointToHex(r.point);
    })).toEqual(v.combined);
    expect(v.combined.map((h) => discreteLog(pointFromHex(h, 'combined', true)))).toEqual(v.counts);
  });

  it('the counts are the plain sums of the choices, and every pair of trustees combines to the same m·G', () => {
    const choices = [kat.ballot.choices, ...v.extraBallots.map((e) => e.choices)];
    expect(v.counts).toEqual(choices[0]!.map((_, i) => choices.reduce((a, c) => a + c[i]!, 0)));
    encrypted.forEach((c, i) => {
      for (const pair of [[1, 2], [1, 3], [2, 3], [3, 1]]) {
        const r = combineShares(c, pair.map((j) => shares[j - 1]![i]!), v.params);
        expect(r.ok && pointToHex(r.point)).toBe(v.combined[i]);
      }
      expect(combineShares(c, [shares[1]![i]!], v.params)).toEqual({ ok: false, reason: 'too_few_shares' });
    });
  });

  it('the joint decryption values s·α are the same for every pair, equal β − count·G, and seed the lots', () => {
    encrypted.forEach((c, i) => {
      for (const pair of [[1, 2], [1, 3], [2, 3], [3, 2]]) {
        expect(pointToHex(jointDecryptionValue(pair.map((j) => shares[j - 1]![i]!), v.params))).toBe(v.jointDecryptionValues[i]);
      }
      expect(pointToHex(c.beta.subtract(v.counts[i] === 0 ? G.subtract(G) : baseMul(BigInt(v.counts[i]!))))).toBe(v.jointDecryptionValues[i]);
    });
    const items = [utf8ToBytes('anfora/v1/tie-break-seed'), fromHex(v.tieBreakSeed.manifestHash), utf8ToBytes(v.tieBreakSeed.contestId),
      Uint8Array.of(0, 0, 0, v.jointDecryptionValues.length), ...v.jointDecryptionValues.map((h) => fromHex(h))];
    const framed = items.flatMap((b) => [Uint8Array.of(0, 0, 0, b.length), b]);
    const all = new Uint8Array(framed.reduce((n, b) => n + b.length, 0));
    framed.reduce((off, b) => { all.set(b, off); return off + b.length; }, 0);
    expect(bytesToHex(sha256(all))).toBe(v.tieBreakSeed.seed);
  });

  it('the extra ballots verify', () => {
    for (const e of v.extraBallots) {
      const c = ballotContext({
        manifestHash: fromHex(kat.ballot.contextInput.manifestHash), publicKey: K, contestId: kat.ballot.contextInput.contestId,
        ballotPublicKey: fromHex(e.ballotPublicKey),
      });
      expect(checkContest(c, K, kat.ballot.maxSelections, kat.ballot.candidateCount, contestBallotFromJSON(e.ballot))).toEqual({ ok: true });
    }
  });

  it('every partial decryption proof verifies against its trustee\'s verification key; with a changed response none does', () => {
    shares.forEach((list, jj) => list.forEach((s, i) => {
      expect(s.index).toBe(jj + 1);
      expect(checkShare(ctx, X[jj]!, encrypted[i]!, s)).toBe(true);
      const proof: EqualityProof = { ...s.proof, response: bump(s.proof.response) };
      expect(checkShare(ctx, X[jj]!, encrypted[i]!, { ...s, proof })).toBe(false);
    }));
  });

  it('partial decryptions are x_j·α for the committed secret shares', () => {
    shares.forEach((list, jj) => list.forEach((s, i) => {
      const x = scalarFromHex(kat.dkg.secretShares[jj]!);
      expect(pointToHex(s.share)).toBe(pointToHex(encrypted[i]!.alpha.multiply(x)));
    }));
  });
});
