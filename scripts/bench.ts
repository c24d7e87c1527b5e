/**
 * `npm run bench`: operations per second of the crypto core (issue 3, item 9), in one run
 * of well under two minutes. Each measurement warms up (≥ 2 runs and ≥ 0.3 s), then runs
 * a time-boxed loop of ≈ 1.5 s and reports completed operations per second of wall time.
 *
 * Reference (scripts/sodium-reference.ts): a plain libsodium-WASM verifier. Two
 * comparisons: the proof equations alone (decoded noble batches against libsodium from
 * bytes, as before), and — the one that counts (issue 14) — the record verifier's ballot
 * checking (`checkBallots`, as `npm run verify` runs it) against the libsodium verifier of
 * the same ballot events, both starting from the events' bytes as the record holds them,
 * token and signature included, in one thread and then on every core side by side, in
 * alternating rounds, wall clock and CPU time (scripts/bench-verify.ts; `--verifier-only`
 * runs only this; `--record out.json` takes the ballots of a record
 * from scripts/make-record.ts, else one of 200 ballots is made). Every verdict is asserted
 * first (good ballots pass, tampered ones fail on both sides), so neither is a no-op.
 * Our side uses the libsodium proof backend as the CLI does (crypto/sodium-ballots.ts);
 * `ANFORA_NOBLE_PROOFS=1` measures it on the noble path instead.
 *
 * Token issuance (scripts/bench-issuance.ts): the relay and two issuer processes at the
 * demo's scale against the old single-key flow, with the added seconds per token against
 * issue 12's bound of 1 s (`--issuance-only` runs only this, `--no-issuance` skips it).
 * @module
 */
import { cpus } from 'node:os';
import { randomBytes } from '@noble/hashes/utils.js';
import {
  type ContestBallotJSON, aggregateContests, ballotContext, checkContest, contestBallotFromJSON,
  contestBallotToJSON, encryptContest,
} from '../src/crypto/ballot.js';
import { generateBallotKeys } from '../src/crypto/ballot-signature.js';
import { batchCheckContests } from '../src/crypto/batch.js';
import { discreteLog, warmDiscreteLog } from '../src/crypto/discrete-log.js';
import { type Ciphertext, encrypt, withTable } from '../src/crypto/elgamal.js';
import { encodePoint, randomScalar } from '../src/crypto/group.js';
import {
  type CeremonyParams, combineSecretShare, createDealing, createTrusteeKey, jointPublicKey, receiveShare,
} from '../src/crypto/key-ceremony.js';
import { blindSign, generateIssuanceKey, verifyTokenNode } from '../src/crypto/token-issuer.js';
import { type DecryptionShare, combineShares, computeShare } from '../src/crypto/threshold-decryption.js';
import { type Token, type TokenRequest, finalizeToken, requestToken } from '../src/crypto/voting-token.js';
import { issuanceBench, printIssuance } from './bench-issuance.js';
import { bumpHexScalar, printSide, verifierVsSodium } from './bench-verify.js';
import { sodiumBallot, sodiumCheckContest, sodiumReady } from './sodium-reference.js';

const CANDIDATES = 5;
const MAX_SELECTIONS = 2;
const BATCH = 100;
const RUN_MS = 1500;
const WARMUP_MS = 300;

// ---- timing ----

interface Row { name: string; opsPerSec: number; runs: number; note?: string }
const rows: Row[] = [];

/** Time-boxed loop: warm up, then run `fn` for ≈ RUN_MS; each run counts as `units` operations. */
function measure(name: string, fn: (i: number) => void, units = 1, note?: string): Row {
  let i = 0;
  for (const t0 = performance.now(); i < 2 || performance.now() - t0 < WARMUP_MS; i++) fn(i);
  let runs = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    fn(i++);
    runs++;
    elapsed = performance.now() - t0;
  } while (elapsed < RUN_MS);
  const row = { name, opsPerSec: (runs * units * 1000) / elapsed, runs, ...(note === undefined ? {} : { note }) };
  rows.push(row);
  return row;
}

/** {@link measure} for an async operation (awaited one at a time); each run counts as `units` operations. */
async function measureAsync(name: string, fn: (i: number) => Promise<unknown>, note?: string, units = 1): Promise<Row> {
  let i = 0;
  for (const t0 = performance.now(); i < 2 || performance.now() - t0 < WARMUP_MS; i++) await fn(i);
  let runs = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    await fn(i++);
    runs++;
    elapsed = performance.now() - t0;
  } while (elapsed < RUN_MS);
  const row = { name, opsPerSec: (runs * units * 1000) / elapsed, runs, ...(note === undefined ? {} : { note }) };
  rows.push(row);
  return row;
}

function assert(cond: boolean, what: string): asserts cond {
  if (!cond) throw new Error(`bench setup: ${what}`);
}

// ---- setup ----

function ceremony(ctx: Uint8Array, params: CeremonyParams) {
  const pairs = Array.from({ length: params.n }, (_, i) => createTrusteeKey(ctx, i + 1));
  const keys = pairs.map((p) => p.publicKey);
  const made = keys.map((k) => createDealing(ctx, params, k.index, keys));
  const x = pairs.map((p, jj) => combineSecretShare(made.map((m) => {
    if (m.dealing.dealer === jj + 1) return { dealer: jj + 1, share: m.ownShare };
    const r = receiveShare(ctx, params, jj + 1, p.secret, m.dealing);
    assert(r.ok, 'ceremony share');
    return { dealer: m.dealing.dealer, share: r.share };
  })));
  return { K: jointPublicKey(made.map((m) => m.dealing)), x };
}

/** Every 0/1 vector of CANDIDATES entries with at most MAX_SELECTIONS ones (16 of them). */
function choicePatterns(): number[][] {
  const out: number[][] = [];
  for (let mask = 0; mask < 1 << CANDIDATES; mask++) {
    const v = Array.from({ length: CANDIDATES }, (_, i) => (mask >> i) & 1);
    if (v.reduce((a, b) => a + b, 0) <= MAX_SELECTIONS) out.push(v);
  }
  return out;
}

function fmt(x: number, digits = 1): string {
  return x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(digits);
}

async function main(): Promise<void> {
  const started = performance.now();
  await sodiumReady;
  const cpu = cpus();
  console.log(`Ánfora crypto benchmark — Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}`);
  console.log(`contest: ${CANDIDATES} candidates, vote for up to ${MAX_SELECTIONS}; time-boxed loops of ${RUN_MS / 1000} s after warm-up\n`);
  if (process.argv.includes('--verifier-only')) {
    printSide(await verifierVsSodium());
    return;
  }
  if (process.argv.includes('--issuance-only')) {
    printIssuance(await issuanceBench());
    return;
  }

  // Setup: a 2-of-3 ceremony, BATCH ballots (JSON, as the server receives them), an issuance key.
  const params = { n: 3, t: 2 };
  const dkgCtx = new TextEncoder().encode('bench ceremony');
  const { K, x } = ceremony(dkgCtx, params);
  withTable(K);
  const manifestHash = randomBytes(32);
  const patterns = choicePatterns();
  const contexts = Array.from({ length: BATCH }, () => ballotContext({
    manifestHash, publicKey: K, contestId: 'board', ballotPublicKey: generateBallotKeys().publicKey,
  }));
  const json = contexts.map((ctx, i) => contestBallotToJSON(encryptContest(ctx, K, patterns[i % patterns.length]!, MAX_SELECTIONS).ballot));
  const decoded = json.map((j) => contestBallotFromJSON(j, { candidateCount: CANDIDATES, maxSelections: MAX_SELECTIONS }));
  const sodiumBallots = json.map(sodiumBallot);
  const Kbytes = encodePoint(K);
  const items = decoded.map((ballot, i) => ({ ctx: contexts[i]!, K, maxSelections: MAX_SELECTIONS, candidateCount: CANDIDATES, ballot }));

  // Assert that every verifier really verifies: good ballots pass, tampered ones fail.
  const tamperedJson: ContestBallotJSON = {
    ...json[0]!,
    selections: json[0]!.selections.map((s, i) => (i !== 1 ? s : {
      ...s, proof: { branches: s.proof.branches.map((br, j) => (j !== 0 ? br : { ...br, response: bumpHexScalar(br.response) })) },
    })),
  };
  const tamperedRange: ContestBallotJSON = {
    ...json[0]!, rangeProof: { branches: json[0]!.rangeProof.branches.map((br, j) => (j !== 2 ? br : { ...br, response: bumpHexScalar(br.response) })) },
  };
  const swapped: ContestBallotJSON = { ...json[0]!, selections: [json[0]!.selections[1]!, json[0]!.selections[0]!, ...json[0]!.selections.slice(2)] };
  for (let i = 0; i < BATCH; i++) {
    assert(checkContest(contexts[i]!, K, MAX_SELECTIONS, CANDIDATES, decoded[i]!).ok, `checkContest accepts ballot ${i}`);
    assert(sodiumCheckContest(contexts[i]!, Kbytes, MAX_SELECTIONS, CANDIDATES, sodiumBallots[i]!), `libsodium accepts ballot ${i}`);
  }
  for (const [what, bad] of [['selection proof', tamperedJson], ['range proof', tamperedRange], ['swapped selections', swapped]] as const) {
    assert(!checkContest(contexts[0]!, K, MAX_SELECTIONS, CANDIDATES, contestBallotFromJSON(bad)).ok, `checkContest refuses a tampered ${what}`);
    assert(!sodiumCheckContest(contexts[0]!, Kbytes, MAX_SELECTIONS, CANDIDATES, sodiumBallot(bad)), `libsodium refuses a tampered ${what}`);
  }
  assert(!sodiumCheckContest(contexts[1]!, Kbytes, MAX_SELECTIONS, CANDIDATES, sodiumBallots[0]!), 'libsodium refuses a ballot under another ballot key');
  assert(batchCheckContests(items).ok, 'batch accepts the good ballots');
  const badItems = items.map((it, i) => (i === 37 ? { ...it, ballot: contestBallotFromJSON(tamperedRange) } : it));
  assert(batchCheckContests(badItems).bad.join() === '37', 'batch names the tampered ballot');
  console.log(`setup ${((performance.now() - started) / 1000).toFixed(1)} s: 2-of-3 ceremony, ${BATCH} ballots; `
    + 'checkContest, batchCheckContests and the libsodium reference accept them and refuse tampered ones\n');

  // ---- ballots ----
  const encryptRow = measure('encrypt + prove contest ballot (encryptContest)', (i) => {
    encryptContest(contexts[i % BATCH]!, K, patterns[i % patterns.length]!, MAX_SELECTIONS);
  });
  const checkRow = measure('verify contest ballot (checkContest, decoded)', (i) => {
    checkContest(contexts[i % BATCH]!, K, MAX_SELECTIONS, CANDIDATES, decoded[i % BATCH]!);
  });
  const decodeCheckRow = measure('decode JSON + checkContest', (i) => {
    const b = contestBallotFromJSON(json[i % BATCH]!, { candidateCount: CANDIDATES, maxSelections: MAX_SELECTIONS });
    checkContest(contexts[i % BATCH]!, K, MAX_SELECTIONS, CANDIDATES, b);
  });
  const batchRow = measure(`batchCheckContests, ${BATCH} ballots (per ballot)`, () => {
    batchCheckContests(items);
  }, BATCH);
  const sodiumRow = measure('verify contest ballot, libsodium reference', (i) => {
    sodiumCheckContest(contexts[i % BATCH]!, Kbytes, MAX_SELECTIONS, CANDIDATES, sodiumBallots[i % BATCH]!);
  }, 1, 'same equations, individual multiplications; challenges by our Transcript');

  // ---- tokens ----
  const issuance = generateIssuanceKey();
  const electionId = 'bench-election';
  const contestId = 'board';
  const pool: TokenRequest[] = [];
  const requestRow = measure('token request (client: key, prepare, blind)', () => {
    pool.push(requestToken(issuance.publicKey, electionId, contestId));
  }, 1, 'RFC 9474 §4.1–4.2, bigint');
  const signed = pool.map((req) => {
    const r = blindSign(issuance, req.blindedMessage);
    assert(r.ok, 'blindSign');
    return r.blindSignature;
  });
  const tokens: Token[] = [];
  const finalizeRow = await measureAsync('token finalize (client: unblind, verify)', async (i) => {
    const k = i % pool.length;
    const t = await finalizeToken(issuance.publicKey, pool[k]!, signed[k]!);
    if (tokens.length < 64 && t.ok) tokens.push(t.value);
  }, 'RFC 9474 §4.4, WebCrypto verify');
  assert(tokens.length > 0, 'finalizeToken gives tokens');
  measure('issue token (blindSign, RSA-3072)', (i) => {
    blindSign(issuance, pool[i % pool.length]!.blindedMessage);
  }, 1, 'node:crypto, with the s^e = m check');
  measure('verify token (verifyTokenNode)', (i) => {
    const t = tokens[i % tokens.length]!;
    const v = verifyTokenNode(issuance.publicKey, t, { electionId, contestId, ballotPublicKey: t.ballotPublicKey });
    if (!v.ok) throw new Error('token does not verify');
  });

  // ---- tally ----
  const tallyCtx = new TextEncoder().encode('bench tally');
  const tally = aggregateContests(decoded, CANDIDATES);
  const share = (j: number, c: Ciphertext): DecryptionShare => computeShare(tallyCtx, j, x[j - 1]!, c);
  measure('partial decryption + proof (computeShare)', (i) => {
    share(1 + (i % 3), tally[i % CANDIDATES]!);
  });
  warmDiscreteLog();
  const shares = tally.map((c) => [share(1, c), share(3, c)]);
  const expected = tally.map((_, c) => decoded.reduce((acc, _b, i) => acc + patterns[i % patterns.length]![c]!, 0));
  tally.forEach((c, i) => {
    const r = combineShares(c, shares[i]!, params);
    assert(r.ok && discreteLog(r.point) === expected[i], `tally ${i} decrypts to ${expected[i]}`);
  });
  measure(`combine t = 2 shares + discrete log (count ≤ ${BATCH})`, (i) => {
    const r = combineShares(tally[i % CANDIDATES]!, shares[i % CANDIDATES]!, params);
    if (!r.ok || discreteLog(r.point) === null) throw new Error('combine');
  });
  const big = encrypt(K, 1_000_000, randomScalar());
  const bigShares = [share(2, big), share(3, big)];
  measure('combine t = 2 shares + discrete log (count 10^6)', () => {
    const r = combineShares(big, bigShares, params);
    if (!r.ok || discreteLog(r.point) !== 1_000_000) throw new Error('combine 10^6');
  });

  // ---- the record verifier against the libsodium reference, from the record's bytes ----
  const side = await verifierVsSodium();

  // ---- token issuance through the relay and the issuers' processes, against the old flow (`--no-issuance` skips it) ----
  const issuanceFigures = process.argv.includes('--no-issuance') ? null : await issuanceBench();

  // ---- report ----
  const nameWidth = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'operation'.padEnd(nameWidth)}  ${'ops/s'.padStart(9)}  ${'ms/op'.padStart(8)}  ${'runs'.padStart(5)}  note`);
  console.log('-'.repeat(nameWidth + 40));
  for (const r of rows) {
    console.log(`${r.name.padEnd(nameWidth)}  ${fmt(r.opsPerSec).padStart(9)}  ${(1000 / r.opsPerSec).toFixed(3).padStart(8)}  ${String(r.runs).padStart(5)}  ${r.note ?? ''}`);
  }
  const tokenClient = 1 / (1 / requestRow.opsPerSec + 1 / finalizeRow.opsPerSec);
  console.log(`\ntoken request + finalize (client, both steps): ${fmt(tokenClient)} ops/s`);
  console.log(`ours vs libsodium, ballot verification: checkContest takes ${(sodiumRow.opsPerSec / checkRow.opsPerSec).toFixed(2)}× the time of the libsodium reference `
    + `(decode + check: ${(sodiumRow.opsPerSec / decodeCheckRow.opsPerSec).toFixed(2)}×; batch, per ballot: ${(sodiumRow.opsPerSec / batchRow.opsPerSec).toFixed(2)}×)`);
  printSide(side);
  console.log(`batch vs individual: batchCheckContests is ${(batchRow.opsPerSec / checkRow.opsPerSec).toFixed(2)}× as fast per ballot as checkContest`);
  console.log(`encrypt + prove vs verify: ${(checkRow.opsPerSec / encryptRow.opsPerSec).toFixed(2)}× (verify ops/s over encrypt ops/s)`);
  if (issuanceFigures) printIssuance(issuanceFigures);
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
