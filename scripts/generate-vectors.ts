/**
 * Writes test/crypto/vectors/known-answers.json: known-answer vectors for the crypto core
 * (issue 3, item 8), every value computed from FIXED seeds, so that any change of an
 * encoding, a transcript, a domain tag or the order in which a function draws randomness
 * changes the file. The committed file is checked by test/crypto/known-answers.test.ts,
 * which recomputes every value independently (it does not run this script) and also
 * verifies every proof in it.
 *
 * Run only when an encoding change is intended (and then say so in the commit):
 *   npx tsx scripts/generate-vectors.ts
 *
 * The deterministic rng is the one of test/crypto/vectors/voting-token.json (see RNG_DOC).
 * Each section has its own label, so a change in one module changes only the sections
 * that use it. The voting-token vector is not repeated here: see voting-token.json.
 * TEST VALUES ONLY: the secrets below are public.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import {
  aggregateContests, ballotContext, contestBallotDigest, contestBallotToJSON, encryptContest, openingToJSON,
} from '../src/crypto/ballot.js';
import { ballotSignatureMessage, generateBallotKeys, signBallot } from '../src/crypto/ballot-signature.js';
import { equalityChallenge, equalityProofToJSON, proveEquality } from '../src/crypto/chaum-pedersen.js';
import { discreteLog } from '../src/crypto/discrete-log.js';
import { disjunctiveProofToJSON, proveZeroOrOne } from '../src/crypto/disjunctive.js';
import { ciphertextToJSON, decryptToPoint, encrypt, sumCiphertexts } from '../src/crypto/elgamal.js';
import {
  G, ORDER, type Point, type RNG, baseMul, fromHex, pointFromHex, pointToHex, randomScalar, scalarFromHex, scalarToHex, toHex,
} from '../src/crypto/group.js';
import {
  type CeremonyParams, combineSecretShare, createDealing, createTrusteeKey, dealingToJSON, jointPublicKey, receiveShare,
  trusteePublicKeyToJSON, verificationKey,
} from '../src/crypto/key-ceremony.js';
import { proveRange, rangeProofToJSON } from '../src/crypto/range.js';
import { proveSchnorr, schnorrChallenge, schnorrProofToJSON } from '../src/crypto/schnorr.js';
import { combineShares, computeShares, decryptionShareToJSON, jointDecryptionValue } from '../src/crypto/threshold-decryption.js';
import { TAGS, Transcript, framedMessage } from '../src/crypto/transcript.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { canonicalJsonString } from '../src/record/canonical-json.js';
import {
  type Statement, blindedMessageHash, decisionMessage, signDecision, signTokenRequest, tokenRequestMessage,
} from '../src/record/statements.js';

const OUT = resolve(import.meta.dirname, '../test/crypto/vectors/known-answers.json');

const RNG_DOC = 'rng(n) takes the next ceil(n/32) blocks SHA-256(UTF-8 "<rngLabel>/<counter>"), the counter '
  + 'running 0, 1, 2, ... across all calls of one section, and returns their first n bytes (the construction '
  + 'of voting-token.json). Every section names its rngLabel and the order of its draws; randomScalar takes 64 bytes.';

/** See RNG_DOC. */
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

const hexOf = (s: string) => toHex(utf8ToBytes(s));

// ---- group encodings and transcripts ----

function group() {
  const multiples = [0n, 1n, 2n, 3n, 4n, 255n, 2n ** 128n, ORDER - 1n].map((k) => ({
    k: k.toString(), point: pointToHex(baseMul(k)),
  }));
  const scalars = [0n, 1n, 255n, 256n, 2n ** 252n, ORDER - 1n].map((s) => ({ value: s.toString(), encoding: scalarToHex(s) }));
  const rngLabel = 'anfora-kat/random-scalar';
  const rng = seededRng(rngLabel);
  const randomScalars = [0, 1, 2].map(() => {
    const s = randomScalar(rng);
    return { scalar: scalarToHex(s), point: pointToHex(baseMul(s)) };
  });
  // Items as the test replays them: bytes (hex), string, u32, point (hex), scalar (hex).
  type Item = { bytes: string } | { string: string } | { u32: number } | { point: string } | { scalar: string };
  const cases: { tag: string; items: Item[] }[] = [
    { tag: TAGS.schnorr, items: [] },
    { tag: TAGS.range, items: [{ bytes: '' }, { string: 'anfora' }, { u32: 2 }, { point: pointToHex(G) }, { scalar: scalarToHex(5n) }] },
    { tag: TAGS.ballotContext, items: [{ bytes: '00ff'.repeat(40) }, { string: 'Ánfora ✓' }, { u32: 0xffffffff }, { scalar: scalarToHex(ORDER - 1n) }] },
  ];
  const transcripts = cases.map(({ tag, items }) => {
    const t = new Transcript(tag);
    for (const it of items) {
      if ('bytes' in it) t.bytes(fromHex(it.bytes));
      else if ('string' in it) t.string(it.string);
      else if ('u32' in it) t.u32(it.u32);
      else if ('point' in it) t.point(pointFromHex(it.point));
      else t.scalar(scalarFromHex(it.scalar));
    }
    return { tag, items, challenge: scalarToHex(t.challenge()), digest: toHex(t.digest()), wideDigest: toHex(t.wideDigest()) };
  });
  return {
    note: 'multiples: k·G (RFC 9496 §4.3.2 encoding; k = 0 is the identity). scalars: 32-byte little-endian. '
      + 'randomScalars: randomScalar(rng) three times, with s·G. transcripts: Transcript(tag) then the items in order '
      + '(a point item is its 32-byte encoding), challenge() = SHA-512 mod ℓ (hash to scalar), digest() = SHA-256, wideDigest() = SHA-512.',
    multiples, scalars, randomScalars: { rngLabel, values: randomScalars }, transcripts,
  };
}

// ---- ElGamal ----

function elgamal() {
  const rngLabel = 'anfora-kat/elgamal';
  const rng = seededRng(rngLabel);
  const x = randomScalar(rng);
  const K = baseMul(x);
  const messages = [0, 1, 5, 42];
  const encryptions = messages.map((m) => {
    const r = randomScalar(rng);
    return { message: m, randomness: scalarToHex(r), ciphertext: encrypt(K, m, r) };
  });
  const sum = sumCiphertexts(encryptions.map((e) => e.ciphertext));
  return {
    rngLabel, draws: 'secret key x, then the randomness r of each encryption in order',
    secretKey: scalarToHex(x), publicKey: pointToHex(K),
    encryptions: encryptions.map((e) => ({ ...e, ciphertext: ciphertextToJSON(e.ciphertext) })),
    sum: ciphertextToJSON(sum),
    decryption: pointToHex(decryptToPoint(x, sum)),
    discreteLog: discreteLog(decryptToPoint(x, sum)),
  };
}

// ---- proofs ----

function schnorr() {
  const rngLabel = 'anfora-kat/schnorr';
  const rng = seededRng(rngLabel);
  const ctx = utf8ToBytes('known-answer context: schnorr');
  const x = randomScalar(rng);
  const proof = proveSchnorr(ctx, x, rng);
  return {
    rngLabel, draws: 'secret x, then the nonce u', ctx: toHex(ctx), secret: scalarToHex(x), publicKey: pointToHex(baseMul(x)),
    challenge: scalarToHex(schnorrChallenge(ctx, baseMul(x), proof.commitment)), proof: schnorrProofToJSON(proof),
  };
}

function chaumPedersen() {
  const rngLabel = 'anfora-kat/chaum-pedersen';
  const rng = seededRng(rngLabel);
  const ctx = utf8ToBytes('known-answer context: chaum-pedersen');
  const x = randomScalar(rng);
  const g2 = baseMul(randomScalar(rng));
  const st = { g1: G, h1: baseMul(x), g2, h2: g2.multiply(x) };
  const proof = proveEquality(ctx, st, x, rng);
  return {
    rngLabel, draws: 'secret x, then y with g2 = y·G, then the nonce u', ctx: toHex(ctx), secret: scalarToHex(x),
    statement: { g1: pointToHex(st.g1), h1: pointToHex(st.h1), g2: pointToHex(st.g2), h2: pointToHex(st.h2) },
    challenge: scalarToHex(equalityChallenge(ctx, st, proof.a1, proof.a2)), proof: equalityProofToJSON(proof),
  };
}

function disjunctive() {
  const rngLabel = 'anfora-kat/disjunctive';
  const rng = seededRng(rngLabel);
  const ctx = utf8ToBytes('known-answer context: 0-or-1');
  const K = baseMul(randomScalar(rng));
  const cases = [0, 1].map((m) => {
    const r = randomScalar(rng);
    const c = encrypt(K, m, r);
    return { message: m, randomness: scalarToHex(r), ciphertext: ciphertextToJSON(c), proof: disjunctiveProofToJSON(proveZeroOrOne(ctx, K, c, m, r, rng)) };
  });
  return {
    rngLabel, draws: 'key secret x (K = x·G), then per case: r, then the proof\'s draws (nonce u, simulated challenge, simulated response)',
    ctx: toHex(ctx), publicKey: pointToHex(K), cases,
  };
}

function range() {
  const rngLabel = 'anfora-kat/range';
  const rng = seededRng(rngLabel);
  const ctx = utf8ToBytes('known-answer context: range');
  const K = baseMul(randomScalar(rng));
  const messages = [1, 0, 1];
  const bound = 2;
  const randomness = messages.map(() => randomScalar(rng));
  const parts = messages.map((m, i) => encrypt(K, m, randomness[i]!));
  const sum = sumCiphertexts(parts);
  const rSum = randomness.reduce((a, b) => (a + b) % ORDER, 0n);
  const proof = proveRange(ctx, K, sum, bound, 2, rSum, parts, rng);
  return {
    rngLabel, draws: 'key secret x (K = x·G), then r for each part, then the proof\'s draws (nonce u, then c_j, v_j of each simulated branch)',
    ctx: toHex(ctx), publicKey: pointToHex(K), bound, messages, randomness: randomness.map(scalarToHex),
    parts: parts.map(ciphertextToJSON), sum: ciphertextToJSON(sum), proof: rangeProofToJSON(proof),
  };
}

// ---- key ceremony (2 of 3) ----

function dkg() {
  const rngLabel = 'anfora-kat/dkg';
  const rng = seededRng(rngLabel);
  const ctx = utf8ToBytes('known-answer context: key ceremony');
  const params: CeremonyParams = { n: 3, t: 2 };
  const pairs = [1, 2, 3].map((j) => createTrusteeKey(ctx, j, rng));
  const keys = pairs.map((p) => p.publicKey);
  const made = keys.map((k) => createDealing(ctx, params, k.index, keys, rng));
  const dealings = made.map((m) => m.dealing);
  const secretShares = keys.map((_, jj) => {
    const j = jj + 1;
    return combineSecretShare(made.map((m) => {
      if (m.dealing.dealer === j) return { dealer: j, share: m.ownShare };
      const r = receiveShare(ctx, params, j, pairs[jj]!.secret, m.dealing);
      if (!r.ok) throw new Error(`share ${m.dealing.dealer} → ${j}: ${r.reason}`);
      return { dealer: m.dealing.dealer, share: r.share };
    }));
  });
  const K = jointPublicKey(dealings);
  const section = {
    rngLabel,
    draws: 'createTrusteeKey for trustees 1, 2, 3 (secret, then Schnorr nonce), then createDealing for dealers 1, 2, 3 '
      + '(t coefficients, t Schnorr nonces, then one ephemeral per recipient in ascending order)',
    ctx: toHex(ctx), params,
    trusteeSecrets: pairs.map((p) => scalarToHex(p.secret)),
    trusteeKeys: keys.map(trusteePublicKeyToJSON),
    polynomials: made.map((m) => m.polynomial.map(scalarToHex)),
    dealings: dealings.map(dealingToJSON),
    secretShares: secretShares.map(scalarToHex),
    jointKey: pointToHex(K),
    verificationKeys: keys.map((k) => pointToHex(verificationKey(dealings, k.index))),
  };
  return { section, K, secretShares };
}

// ---- ballots, signature, tally ----

const MANIFEST_HASH = sha256(utf8ToBytes('known-answer manifest'));
const CONTEST_ID = 'board';

function makeBallot(K: Point, choices: number[], rng: RNG) {
  const keys = generateBallotKeys(rng);
  const input = { manifestHash: MANIFEST_HASH, publicKey: K, contestId: CONTEST_ID, ballotPublicKey: keys.publicKey };
  const ctx = ballotContext(input);
  const { ballot, opening } = encryptContest(ctx, K, choices, 2, rng);
  return { keys, ctx, ballot, opening };
}

function ballotSection(K: Point) {
  const rngLabel = 'anfora-kat/ballot';
  const rng = seededRng(rngLabel);
  const choices = [0, 1, 0, 1, 0];
  const { keys, ctx, ballot, opening } = makeBallot(K, choices, rng);
  const digest = contestBallotDigest(ballot);
  return {
    section: {
      rngLabel,
      draws: 'ballot-signing secret key (32 bytes), then encryptContest: r for each candidate, then per candidate the 0-or-1 proof\'s draws, then the range proof\'s draws',
      contextInput: { manifestHash: toHex(MANIFEST_HASH), publicKey: pointToHex(K), contestId: CONTEST_ID, ballotPublicKey: toHex(keys.publicKey) },
      ballotSecretKey: toHex(keys.secretKey),
      context: toHex(ctx), candidateCount: choices.length, maxSelections: 2, choices,
      ballot: contestBallotToJSON(ballot), digest: toHex(digest), opening: openingToJSON(opening),
    },
    signature: {
      note: 'Ed25519 (RFC 8032, deterministic) by ballot.ballotSecretKey over ballotSignatureMessage(ballot.digest)',
      message: toHex(ballotSignatureMessage(digest)), signature: toHex(signBallot(keys.secretKey, digest)),
    },
    ballot,
  };
}

function tally(K: Point, first: ReturnType<typeof encryptContest>['ballot'], secretShares: bigint[]) {
  const rngLabel = 'anfora-kat/tally';
  const rng = seededRng(rngLabel);
  const ctx = utf8ToBytes('known-answer context: tally');
  const params = { n: 3, t: 2 };
  const extra = [[1, 1, 0, 0, 0], [0, 1, 0, 0, 1]].map((choices) => {
    const b = makeBallot(K, choices, rng);
    return { choices, ballotPublicKey: toHex(b.keys.publicKey), ballot: b.ballot };
  });
  const encrypted = aggregateContests([first, ...extra.map((e) => e.ballot)], 5);
  const shares = secretShares.map((x, jj) => computeShares(ctx, jj + 1, x, encrypted, rng));
  const combined = encrypted.map((c, i) => {
    const points = [[1, 2], [1, 3], [2, 3]].map((subset) => {
      const r = combineShares(c, subset.map((j) => shares[j - 1]![i]!), params);
      if (!r.ok) throw new Error(r.reason);
      return pointToHex(r.point);
    });
    if (new Set(points).size !== 1) throw new Error('subsets disagree');
    return points[0]!;
  });
  // The lots' seed (record/seats.ts): the joint decryption values s·α, the same for every subset.
  const joint = encrypted.map((_, i) => {
    const points = [[1, 2], [1, 3], [2, 3]].map((subset) => pointToHex(jointDecryptionValue(subset.map((j) => shares[j - 1]![i]!), params)));
    if (new Set(points).size !== 1) throw new Error('subsets disagree on s·α');
    return points[0]!;
  });
  const seed = new Transcript(TAGS.tieBreakSeed).bytes(MANIFEST_HASH).string(CONTEST_ID).u32(joint.length)
    .points(joint.map((h) => pointFromHex(h, 'joint', true))).digest();
  return {
    rngLabel,
    draws: 'for each extra ballot: ballot-signing key then encryptContest\'s draws; then computeShares by trustees 1, 2, 3 (one nonce per ciphertext)',
    jointDecryptionValues: joint,
    tieBreakSeed: { manifestHash: toHex(MANIFEST_HASH), contestId: CONTEST_ID, seed: toHex(seed),
      note: "Transcript('anfora/v1/tie-break-seed').bytes(manifestHash).string(contestId).u32(5).point(D_1)…point(D_5).digest(), D_j = jointDecryptionValues[j-1] = β_j − counts[j-1]·G" },
    ctx: toHex(ctx), params,
    extraBallots: extra.map((e) => ({ choices: e.choices, ballotPublicKey: e.ballotPublicKey, ballot: contestBallotToJSON(e.ballot) })),
    encryptedTally: encrypted.map((c) => ciphertextToJSON(c)),
    partialDecryptions: shares.map((list) => list.map(decryptionShareToJSON)),
    combined,
    counts: combined.map((hex) => discreteLog(pointFromHex(hex, 'combined', true))),
  };
}

/** One Ed25519 key signs receipts and the server's report: the two messages under distinct tags. */
function receiptKeySignatures() {
  const rngLabel = 'anfora-kat/receipt-key';
  const rng = seededRng(rngLabel);
  const secretKey = rng(32);
  const receiptJson = '{"boardHead":"' + '11'.repeat(32) + '","contestId":"contest-1","electionId":"election-1","position":42,"receivedAt":"2026-03-01T12:00:00.000Z","trackingCode":"' + '22'.repeat(32) + '"}';
  const reportJson = '{"electionId":"election-1","format":"anfora-server-report","version":1}';
  const receiptMessage = framedMessage(TAGS.receipt, utf8ToBytes(receiptJson));
  const reportMessage = framedMessage(TAGS.serverReport, utf8ToBytes(reportJson));
  return {
    rngLabel,
    draws: 'the receipt secret key (32 bytes)',
    secretKey: toHex(secretKey), publicKey: toHex(ed25519.getPublicKey(secretKey)),
    receipt: { canonicalJson: receiptJson, message: toHex(receiptMessage), signature: toHex(ed25519.sign(receiptMessage, secretKey)) },
    report: { canonicalJson: reportJson, message: toHex(reportMessage), signature: toHex(ed25519.sign(reportMessage, secretKey)) },
    note: 'message = u32be(len(tag)) ‖ tag ‖ u32be(len(json)) ‖ json with tag anfora/v1/receipt or anfora/v1/server-report (framedMessage)',
  };
}

function main(): void {
  const d = dkg();
  const b = ballotSection(d.K);
  const vectors = {
    source: 'Known-answer vectors of the Ánfora crypto core (src/crypto), written by scripts/generate-vectors.ts from fixed '
      + 'seeds and checked by test/crypto/known-answers.test.ts, which recomputes every value and verifies every proof. '
      + 'An encoding change shows here. TEST VALUES ONLY: all secrets are public. Hex is lower case; JSON forms are the '
      + 'xToJSON forms of the modules.',
    rng: RNG_DOC,
    votingToken: 'See voting-token.json (RFC 9474 token known answer with a fixed issuance key): not repeated here.',
    group: group(),
    elgamal: elgamal(),
    schnorr: schnorr(),
    chaumPedersen: chaumPedersen(),
    disjunctive: disjunctive(),
    range: range(),
    dkg: d.section,
    ballot: b.section,
    ballotSignature: b.signature,
    tally: tally(d.K, b.ballot, d.secretShares),
    receiptKeySignatures: receiptKeySignatures(),
  };
  const text = `${JSON.stringify(vectors, null, 2)}\n`;
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT} (${text.length} bytes)`);
  const signed = `${JSON.stringify(statementVectors(), null, 2)}\n`;
  writeFileSync(STATEMENTS_OUT, signed);
  console.log(`wrote ${STATEMENTS_OUT} (${signed.length} bytes)`);
}

const STATEMENTS_OUT = resolve(import.meta.dirname, '../test/crypto/vectors/statements.json');

/**
 * Signed statements (record/statements.ts; docs/election-record.md §6.8 and §9.10): a
 * member's key and an association's key from fixed seeds, one decision statement of each
 * kind with its signed message and the member's approval, a vote against, and a token
 * request. Ed25519 is deterministic, so no rng is drawn.
 */
function statementVectors() {
  const memberSeed = sha256(utf8ToBytes('anfora-kat/member-key'));
  const associationSeed = sha256(utf8ToBytes('anfora-kat/association-key'));
  const memberKey = toHex(ed25519.getPublicKey(memberSeed));
  const associationKey = toHex(ed25519.getPublicKey(associationSeed));
  const electionId = 'election-kat';
  const association = { associationId: 'assoc-1', legalName: 'Asociación Vida Positiva', region: 'lima_metropolitana', publicKey: associationKey };
  const statements: Statement[] = [
    { kind: 'phase_change', electionId, from: 'key_ceremony', to: 'voting' },
    { kind: 'accreditation_decision', electionId, applicationId: 'application-1', contestId: 'plwha', constituency: 'plwha', association, decision: 'accredit', reason: null },
    { kind: 'appeal_decision', electionId, applicationId: 'application-2', contestId: 'plwha', constituency: 'plwha', association, decision: 'overturn', reason: 'Constancia vigente presentada' },
    {
      kind: 'candidate_eligibility', electionId, candidateId: 'candidate-1', contestId: 'plwha', fullName: 'María Condori',
      nominatedBy: { associationId: 'assoc-1', legalName: 'Asociación Vida Positiva' }, employer: 'Hospital Regional',
      implementsGlobalFund: true, consecutiveTerms: 0, eligible: false, reason: 'Conflicto de intereses: su empleador implementa proyectos del Fondo Mundial',
    },
    { kind: 'rule_change', electionId, rules: { approvalSectors: 2, threshold: 2, minRollSize: 5 } },
    { kind: 'small_roll_acknowledgement', electionId, contestId: 'tb', reason: 'Padrón pequeño: riesgo aceptado' },
    { kind: 'complaint_answer', electionId, complaintId: 'complaint-1', complaintEvent: '11'.repeat(32), decision: 'dismissed', reasoning: 'Sin fundamento' },
    { kind: 'credential_reset', electionId, holder: 'member', holderId: 'member-2', name: 'Carlos Huamán', revokedKey: memberKey, reason: 'Perdió su clave' },
  ];
  const request = { electionId, contestId: 'plwha', associationId: 'assoc-1', blindedMessageHash: blindedMessageHash(utf8ToBytes('blinded message')) };
  return {
    source: 'Signed statements of Ánfora (src/record/statements.ts), written by scripts/generate-vectors.ts and checked by '
      + 'test/record/statements.test.ts and the independent auditor. TEST VALUES ONLY: the seeds are public.',
    memberSeed: toHex(memberSeed), memberKey, associationSeed: toHex(associationSeed), associationKey,
    decisions: statements.map((statement) => ({
      statement,
      canonical: canonicalJsonString(statement),
      approveMessage: toHex(decisionMessage(statement, 'approve')),
      approveSignature: signDecision(memberSeed, statement, 'approve'),
      againstSignature: signDecision(memberSeed, statement, 'against'),
    })),
    tokenRequest: {
      request, blindedMessage: hexOf('blinded message'), message: toHex(tokenRequestMessage(request)),
      signature: signTokenRequest(associationSeed, request),
    },
  };
}

main();
