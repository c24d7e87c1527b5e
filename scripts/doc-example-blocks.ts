/**
 * The worked examples of docs/election-record.md §9 that print a whole transcript, computed
 * by the project's code from the fixed inputs of the known-answer files
 * (test/crypto/vectors/*.json). Each block lists every framed item (its u32be length and
 * its bytes, section 4.1) and every output. Before a block is returned, the items it lists
 * are hashed again and the result must equal what the project's own function computes
 * (schnorrChallenge, the proofs' challenge sums, contestBallotDigest, equalityChallenge,
 * verifyRsaPss): a listing that left out or reordered an item could not be written.
 * scripts/doc-examples.ts writes the blocks into the document; test/record/doc-examples.test.ts
 * checks that the document holds exactly these blocks.
 */
import { createHash } from 'node:crypto';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { contestBallotDigest, contestBallotFromJSON, type ContestBallotJSON } from '../src/crypto/ballot.js';
import { equalityChallenge, verifyEquality, equalityProofFromJSON } from '../src/crypto/chaum-pedersen.js';
import { G, type Point, baseMul, encodePoint, encodeScalar, fromHex, mod, mulPublic, pointFromHex, scalarFromHex, toHex } from '../src/crypto/group.js';
import { schnorrChallenge, verifySchnorr, schnorrProofFromJSON } from '../src/crypto/schnorr.js';
import { Transcript, TAGS } from '../src/crypto/transcript.js';
import { issuanceKeyFromJSON, preparedTokenMessage, tokenFromJSON, tokenMessage, verifyRsaPss, verifyToken } from '../src/crypto/voting-token.js';
import kat from '../test/crypto/vectors/known-answers.json' with { type: 'json' };
import tokenKat from '../test/crypto/vectors/voting-token.json' with { type: 'json' };

/** One framed item of a transcript, with the label printed beside it. */
interface Item { readonly bytes: Uint8Array; readonly label: string }

const HEX_PER_LINE = 64;
const u32be = (x: number) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, x, false); return b; };
const pt = (hex: string): Point => pointFromHex(hex, 'point', true);
const scalarHex = (s: bigint) => toHex(encodeScalar(s));
const pointHex = (p: Point) => toHex(encodePoint(p));

function fail(what: string): never {
  throw new Error(`doc example: ${what} does not match the project's computation`);
}

/** Lines of hex, HEX_PER_LINE digits each. */
function wrap(hex: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < hex.length; i += HEX_PER_LINE) out.push(hex.slice(i, i + HEX_PER_LINE));
  return out.length === 0 ? [''] : out;
}

/** The item lines: `LLLLLLLL hex… label`, long items continued on indented lines. */
function frameLines(items: readonly Item[]): string {
  const lines: string[] = [];
  for (const it of items) {
    const [first, ...rest] = wrap(toHex(it.bytes));
    lines.push(`${toHex(u32be(it.bytes.length))} ${first!.padEnd(HEX_PER_LINE)}  ${it.label}`.trimEnd());
    for (const r of rest) lines.push(`         ${r}`);
  }
  return lines.join('\n');
}

/** A transcript's items (the tag first) hashed by the project's Transcript. */
function run(tag: string, items: readonly Item[]): { listing: string; digest: Uint8Array; challenge: bigint } {
  const t = new Transcript(tag);
  const t2 = new Transcript(tag);
  for (const it of items) { t.bytes(it.bytes); t2.bytes(it.bytes); }
  const all = [{ bytes: utf8ToBytes(tag), label: `tag ${tag}` }, ...items];
  return { listing: '```\n' + frameLines(all) + '\n```', digest: t.digest(), challenge: t2.challenge() };
}

const point = (hex: string, label: string): Item => ({ bytes: fromHex(hex, label, 32), label: `point ${label}` });
const bytes = (b: Uint8Array, label: string): Item => ({ bytes: b, label: `bytes ${label}` });
const u32 = (x: number, label: string): Item => ({ bytes: u32be(x), label: `u32 ${label} = ${x}` });
const scalar = (hex: string, label: string): Item => ({ bytes: fromHex(hex, label, 32), label: `scalar ${label}` });

/** The dealer challenge: KAT dealer 1's Schnorr proof of its commitment C_0. */
function dealerChallenge(): string {
  const { n, t } = kat.dkg.params;
  const ctx = fromHex(kat.dkg.ctx);
  const d = kat.dkg.dealings[0]!;
  const C = d.commitments[0]!; const { commitment: R, response: s } = d.proofs[0]!;
  const cc = run(TAGS.dkgCommitment, [bytes(ctx, `ctx (${ctx.length} bytes)`), u32(n, 'n'), u32(t, 't'), u32(d.dealer, 'dealer'), u32(0, 'k')]);
  const ch = run(TAGS.schnorr, [bytes(cc.digest, 'commitment context'), point(toHex(encodePoint(G)), 'G'), point(C, 'C_0'), point(R, 'R')]);
  if (ch.challenge !== schnorrChallenge(cc.digest, pt(C), pt(R))) fail('dealer challenge');
  if (!verifySchnorr(cc.digest, pt(C), schnorrProofFromJSON(d.proofs[0]!))) fail('dealer proof');
  const lhs = baseMul(scalarFromHex(s)); const rhs = pt(R).add(mulPublic(pt(C), ch.challenge));
  if (!lhs.equals(rhs)) fail('dealer equation');
  return [
    `Inputs: ctx = \`${kat.dkg.ctx}\` (the UTF-8 of \`known-answer context: key ceremony\`, standing for cctx), n = ${n}, t = ${t}, dealer ${d.dealer}, k = 0;`,
    `C_0 = \`${C}\`; the proof's commitment R = \`${R}\` and response s = \`${s}\`.`,
    '', 'The commitment context:', '', cc.listing, '', `context = \`${toHex(cc.digest)}\`. The challenge:`, '', ch.listing, '',
    `c = \`${scalarHex(ch.challenge)}\` (SHA-512 of these bytes, little-endian, mod ℓ).`,
    `Verification: s·G = R + c·C_0 = \`${pointHex(lhs)}\`.`,
  ].join('\n');
}

const ballotJson = kat.ballot.ballot as unknown as ContestBallotJSON;
const K = kat.ballot.contextInput.publicKey;
const bctx = kat.ballot.context;

/** The 0-or-1 challenge of the KAT ballot's selection 0, and its two branches' equations. */
function zeroOrOneChallenge(): string {
  const sel = ballotJson.selections[0]!;
  const br = sel.proof.branches;
  const ch = run(TAGS.disjunctive, [bytes(fromHex(bctx), 'bctx'), point(K, 'K'), point(sel.ciphertext.alpha, 'α'), point(sel.ciphertext.beta, 'β'),
    point(br[0]!.a, 'a_0'), point(br[0]!.b, 'b_0'), point(br[1]!.a, 'a_1'), point(br[1]!.b, 'b_1')]);
  const sum = mod(scalarFromHex(br[0]!.challenge) + scalarFromHex(br[1]!.challenge));
  if (ch.challenge !== sum) fail('0-or-1 challenge');
  const eqs = branchEquations(sel.ciphertext, br);
  return [
    'Inputs: bctx and K as above; selection 0 is', '',
    `- α = \`${sel.ciphertext.alpha}\`, β = \`${sel.ciphertext.beta}\`;`,
    ...br.map((b, j) => `- branch ${j}: a_${j} = \`${b.a}\`, b_${j} = \`${b.b}\`, c_${j} = \`${b.challenge}\`, v_${j} = \`${b.response}\`;`),
    '', 'The challenge transcript:', '', ch.listing, '',
    `c = \`${scalarHex(ch.challenge)}\` = c_0 + c_1 (mod ℓ). The equations (section 5.3), each side's value:`, '', ...eqs,
  ].join('\n');
}

type Branch = { a: string; b: string; challenge: string; response: string };
function branchEquations(ct: { alpha: string; beta: string }, br: readonly Branch[], a = 'α', b = 'β'): string[] {
  const kP = pt(K); const alpha = pt(ct.alpha); const beta = pt(ct.beta);
  return br.map((b, j) => {
    const c = scalarFromHex(b.challenge); const v = scalarFromHex(b.response);
    const l1 = baseMul(v); const r1 = pt(b.a).add(mulPublic(alpha, c));
    const shifted = j === 0 ? beta : beta.subtract(baseMul(BigInt(j)));
    const l2 = mulPublic(kP, v); const r2 = pt(b.b).add(mulPublic(shifted, c));
    if (!l1.equals(r1) || !l2.equals(r2)) fail(`branch ${j} equations`);
    return `- j = ${j}: v_${j}·G = a_${j} + c_${j}·${a} = \`${pointHex(l1)}\`; v_${j}·K = b_${j} + c_${j}·(${b} − ${j}·G) = \`${pointHex(l2)}\`.`;
  });
}

/** The range challenge of the KAT ballot (N = maxSelections, m = 5 selections). */
function rangeChallenge(): string {
  const sels = ballotJson.selections;
  const N = kat.ballot.maxSelections;
  const sum = sels.reduce((acc, s) => ({ alpha: acc.alpha.add(pt(s.ciphertext.alpha)), beta: acc.beta.add(pt(s.ciphertext.beta)) }),
    { alpha: pt('00'.repeat(32)), beta: pt('00'.repeat(32)) });
  const br = ballotJson.rangeProof.branches;
  const items: Item[] = [bytes(fromHex(bctx), 'bctx'), point(K, 'K'), u32(N, 'N'), u32(sels.length, 'm')];
  sels.forEach((s, i) => items.push(point(s.ciphertext.alpha, `α_${i + 1}`), point(s.ciphertext.beta, `β_${i + 1}`)));
  items.push(point(pointHex(sum.alpha), 'Σα'), point(pointHex(sum.beta), 'Σβ'));
  br.forEach((b, j) => items.push(point(b.a, `a_${j}`), point(b.b, `b_${j}`)));
  const ch = run(TAGS.range, items);
  const total = mod(br.reduce((acc, b) => acc + scalarFromHex(b.challenge), 0n));
  if (ch.challenge !== total) fail('range challenge');
  const eqs = branchEquations({ alpha: pointHex(sum.alpha), beta: pointHex(sum.beta) }, br, 'Σα', 'Σβ');
  return [
    `Inputs: bctx and K as above, N = ${N}, the m = ${sels.length} selection ciphertexts (listed in the transcript), their sum`,
    `Σα = \`${pointHex(sum.alpha)}\`, Σβ = \`${pointHex(sum.beta)}\`, and the ${br.length} branches:`, '',
    ...br.map((b, j) => `- branch ${j}: a_${j} = \`${b.a}\`, b_${j} = \`${b.b}\`, c_${j} = \`${b.challenge}\`, v_${j} = \`${b.response}\`;`),
    '', 'The challenge transcript:', '', ch.listing, '',
    `c = \`${scalarHex(ch.challenge)}\` = c_0 + c_1 + c_2 (mod ℓ). The equations (section 5.3), each side's value:`, '', ...eqs,
  ].join('\n');
}

/** The contest ballot digest of the KAT ballot. */
function contestDigest(): string {
  const items: Item[] = [u32(ballotJson.selections.length, 'm')];
  const proof = (p: { branches: readonly Branch[] }, who: string) => {
    items.push(u32(p.branches.length, `${who}: branches`));
    p.branches.forEach((b, j) => items.push(point(b.a, `${who} a_${j}`), point(b.b, `${who} b_${j}`), scalar(b.challenge, `${who} c_${j}`), scalar(b.response, `${who} v_${j}`)));
  };
  ballotJson.selections.forEach((s, i) => {
    items.push(point(s.ciphertext.alpha, `α_${i + 1}`), point(s.ciphertext.beta, `β_${i + 1}`));
    proof(s.proof, `selection ${i + 1}`);
  });
  proof(ballotJson.rangeProof, 'range');
  const d = run(TAGS.contestBallot, items);
  const ours = contestBallotDigest(contestBallotFromJSON(ballotJson));
  if (toHex(d.digest) !== toHex(ours) || toHex(ours) !== kat.ballot.digest) fail('contest ballot digest');
  return [
    'Every item of the KAT ballot, in order (each selection: α, β, its 0-or-1 proof; then the range proof):', '',
    d.listing, '', `SHA-256 of these bytes: the contest ballot digest \`${toHex(d.digest)}\`.`,
  ].join('\n');
}

/** The Chaum–Pedersen challenge of KAT trustee 1's partial decryption of tally ciphertext 0. */
function chaumPedersenChallenge(): string {
  const ctx = fromHex(kat.tally.ctx);
  const ct = kat.tally.encryptedTally[0]!;
  const share = kat.tally.partialDecryptions[0]![0]!;
  const X = kat.dkg.verificationKeys[share.index - 1]!;
  const pc = run(TAGS.partialDecryption, [bytes(ctx, `ctx (${ctx.length} bytes)`), u32(share.index, 'trustee'), point(ct.alpha, 'α'), point(ct.beta, 'β')]);
  const { a1, a2, response } = share.proof;
  const ch = run(TAGS.equality, [bytes(pc.digest, 'proof context'), point(pointHex(G), 'g1 = G'), point(X, 'h1 = X_1'), point(ct.alpha, 'g2 = α'),
    point(share.share, 'h2 = M_1'), point(a1, 'a1'), point(a2, 'a2')]);
  const st = { g1: G, h1: pt(X), g2: pt(ct.alpha), h2: pt(share.share) };
  if (ch.challenge !== equalityChallenge(pc.digest, st, pt(a1), pt(a2))) fail('Chaum–Pedersen challenge');
  if (!verifyEquality(pc.digest, st, equalityProofFromJSON(share.proof))) fail('Chaum–Pedersen proof');
  const s = scalarFromHex(response);
  const l1 = baseMul(s); const l2 = mulPublic(pt(ct.alpha), s);
  if (!l1.equals(pt(a1).add(mulPublic(st.h1, ch.challenge))) || !l2.equals(pt(a2).add(mulPublic(st.h2, ch.challenge)))) fail('Chaum–Pedersen equations');
  return [
    `Inputs: ctx = \`${kat.tally.ctx}\` (the UTF-8 of \`known-answer context: tally\`, standing for dctx); trustee ${share.index}, X_1 = \`${X}\`;`,
    `tally ciphertext 0: α = \`${ct.alpha}\`, β = \`${ct.beta}\`; the share M_1 = \`${share.share}\`;`,
    `the proof a1 = \`${a1}\`, a2 = \`${a2}\`, response s = \`${response}\`.`,
    '', 'The proof context:', '', pc.listing, '', `context = \`${toHex(pc.digest)}\`. The challenge:`, '', ch.listing, '',
    `c = \`${scalarHex(ch.challenge)}\`. Verification: s·G = a1 + c·X_1 = \`${pointHex(l1)}\`; s·α = a2 + c·M_1 = \`${pointHex(l2)}\`.`,
  ].join('\n');
}

const sha384 = (b: Uint8Array) => new Uint8Array(createHash('sha384').update(b).digest());
const be = (b: Uint8Array) => BigInt(`0x${toHex(b) || '0'}`);
const beBytes = (x: bigint, len: number) => fromHex(x.toString(16).padStart(len * 2, '0'));
function modPow(b: bigint, e: bigint, n: bigint): bigint {
  let r = 1n; b %= n;
  for (; e > 0n; e >>= 1n, b = (b * b) % n) if (e & 1n) r = (r * b) % n;
  return r;
}
/** MGF1 with SHA-384 (RFC 8017 §B.2.1). */
function mgf1(seed: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(len / 48) * 48);
  for (let i = 0; i * 48 < len; i++) {
    const c = new Uint8Array(seed.length + 4); c.set(seed); c.set(u32be(i), seed.length);
    out.set(sha384(c), i * 48);
  }
  return out.slice(0, len);
}
const block = (hex: string) => '```\n' + wrap(hex).join('\n') + '\n```';

/** The token vector (voting-token.json): message, prepared message, key, signature, and RSASSA-PSS-VERIFY step by step. */
async function rsaPssToken(): Promise<string> {
  const key = issuanceKeyFromJSON(tokenKat.issuanceKey);
  const token = tokenFromJSON(tokenKat.token);
  const msg = tokenMessage(token.electionId, token.contestId, token.ballotPublicKey);
  const prepared = preparedTokenMessage(token);
  const sig = fromHex(tokenKat.token.signature);
  if (!(await verifyRsaPss(key, prepared, sig))) fail('token signature');
  const verdict = await verifyToken(key, token, { electionId: token.electionId, contestId: token.contestId });
  if (!verdict.ok) fail('token verdict');
  // RFC 8017 §8.1.2 and §9.1.2 by hand, so that each intermediate value can be printed.
  const k = key.modulusBytes; const emLen = k; const hLen = 48; const sLen = 48;
  const em = beBytes(modPow(be(sig), key.e, key.n), emLen);
  const maskedDB = em.slice(0, emLen - hLen - 1); const H = em.slice(emLen - hLen - 1, emLen - 1);
  const db = maskedDB.map((x, i) => x ^ mgf1(H, maskedDB.length)[i]!);
  db[0]! &= 0xff >>> (8 * emLen - (key.modulusBits - 1));
  const ps = db.slice(0, db.length - sLen - 1);
  if (em[emLen - 1] !== 0xbc || ps.some((x) => x !== 0) || db[db.length - sLen - 1] !== 1) fail('EM layout');
  const salt = db.slice(db.length - sLen);
  const mHash = sha384(prepared);
  const mPrime = new Uint8Array(8 + hLen + sLen); mPrime.set(mHash, 8); mPrime.set(salt, 8 + hLen);
  if (toHex(sha384(mPrime)) !== toHex(H)) fail('PSS hash');
  const msgItems: Item[] = [
    { bytes: utf8ToBytes(token.electionId), label: `string "${token.electionId}"` },
    { bytes: utf8ToBytes(token.contestId), label: `string "${token.contestId}"` },
    { bytes: token.ballotPublicKey, label: 'bytes ballotPublicKey' },
  ];
  const listing = frameLines([{ bytes: utf8ToBytes(TAGS.token), label: `tag ${TAGS.token}` }, ...msgItems]);
  const rebuilt = listing.split('\n').map((l) => l.slice(0, 9 + HEX_PER_LINE).replace(/\s/g, '')).join('');
  if (rebuilt !== toHex(msg)) fail('token message listing');
  return [
    `Inputs: electionId \`${token.electionId}\`, contestId \`${token.contestId}\`, ballotPublicKey \`${toHex(token.ballotPublicKey)}\`,`,
    `messagePrefix \`${toHex(token.messagePrefix)}\` (RFC 9474 §4.1, randomized variant: 32 random bytes the voter draws).`, '',
    `The token message (section 2.6, ${msg.length} bytes):`, '', '```\n' + listing + '\n```', '',
    `The prepared message = messagePrefix ‖ token message (${prepared.length} bytes), the bytes RSA-PSS signs:`, '', block(toHex(prepared)), '',
    `The issuance key: \`spki\` (${key.spki.length} bytes; keyId = SHA-256(spki) = \`${tokenKat.issuanceKey.keyId}\`):`, '', block(toHex(key.spki)), '',
    `so n (${key.modulusBits} bits, big-endian) is`, '', block(toHex(beBytes(key.n, k))), '', `and e = ${key.e}. The token's \`signature\` s (${sig.length} bytes):`, '', block(toHex(sig)), '',
    'Verification (RFC 8017 §8.1.2 with EMSA-PSS-VERIFY, §9.1.2; SHA-384, MGF1-SHA-384, salt 48 bytes, emBits = 3071):', '',
    `1. s < n. EM = s^e mod n as ${emLen} bytes:`, '', block(toHex(em)), '',
    `2. EM ends in \`bc\`; H = EM[${emLen - hLen - 1}..${emLen - 2}] = \`${toHex(H)}\`;`,
    `3. DB = maskedDB ⊕ MGF1(H, ${maskedDB.length}) with the top bit cleared is ${ps.length} zero bytes, \`01\`, then the salt`,
    `   \`${toHex(salt)}\`;`,
    `4. mHash = SHA-384(prepared message) = \`${toHex(mHash)}\`;`,
    `5. SHA-384(8 zero bytes ‖ mHash ‖ salt) = \`${toHex(sha384(mPrime))}\` = H: the signature is valid.`,
  ].join('\n');
}

/** Every block, by the name of its marker in the document. */
export async function workedExamples(): Promise<Map<string, string>> {
  return new Map([
    ['dealer-challenge', dealerChallenge()],
    ['zero-or-one-challenge', zeroOrOneChallenge()],
    ['range-challenge', rangeChallenge()],
    ['contest-digest', contestDigest()],
    ['chaum-pedersen-challenge', chaumPedersenChallenge()],
    ['rsa-pss-token', await rsaPssToken()],
  ]);
}

/** The text between `<!-- example:NAME -->` and `<!-- /example:NAME -->` (the markers' lines excluded). */
export function markers(name: string): { open: string; close: string } {
  return { open: `<!-- example:${name} -->\n`, close: `\n<!-- /example:${name} -->` };
}

