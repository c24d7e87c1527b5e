/**
 * `npx tsx scripts/make-record.ts N out.json [--workers W]`: write a valid election record
 * with N ballots, for measuring the verifier at scale (issue 14: 10,000 and 100,000
 * ballots). It is made as the server, the committee and the clients make one — the same
 * crypto core, record/board.ts and committee and issuer helpers as the verifier's
 * synthetic record (test/verify/synthetic-record.ts, synthetic-governance.ts,
 * synthetic-issuers.ts): a committee of 3 members of 3 sectors whose signed decisions
 * move the phases and accredit the roll, 3 trustees (t = 2) who sign their keys, one
 * contest `board` of 5 candidates (vote for up to 2) with N associations on its roll and
 * two sector issuers (members 1 and 2, the fixed test keys of
 * test/helpers/issuer-keys.json) who register their keys; per voter the association's
 * signed request (`token_issued`) and a ballot carrying the issued token (both issuers'
 * blind signatures) with chained tracking codes; each issuer's signed log before the
 * close; the tally, trustees 1 and 2's partial decryptions, the seats, the publication
 * and the server's signed report. Ballots are made in worker threads (make-record-worker.ts)
 * and written as they come, so memory grows only with the issuers' log entries.
 * `npm run verify -- out.json` must say the record is valid.
 * @module
 */
import { createWriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ed25519 } from '@noble/curves/ed25519.js';
import { type Ciphertext, ZERO, addCiphertexts, ciphertextFromJSON, ciphertextToJSON } from '../src/crypto/elgamal.js';
import { mod, pointToHex, toHex } from '../src/crypto/group.js';
import {
  createDealing, createTrusteeKey, dealingToJSON, jointPublicKey, trusteePublicKeyToJSON, verificationKey,
} from '../src/crypto/key-ceremony.js';
import { evaluatePolynomial } from '../src/crypto/lagrange.js';
import { computeShares, decryptWithShares, decryptionShareToJSON } from '../src/crypto/threshold-decryption.js';
import { type BoardEvent, type EventKind, appendEvent } from '../src/record/board.js';
import { ceremonyContext, decryptionContext, manifestHash } from '../src/record/contexts.js';
import type { IssuerLogEntry } from '../src/record/issuer-statements.js';
import { parseManifest } from '../src/record/manifest.js';
import { allocateSeats, decryptionValues, tieBreakSeed } from '../src/record/seats.js';
import { buildServerReport, signServerReport } from '../src/record/server-report.js';
import type { Statement } from '../src/record/statements.js';
import { trackingCode } from '../src/record/tracking.js';
import { signTrusteeKey } from '../src/record/trustee-key-statement.js';
import { decisionPayload, memberOf, publicKeyOf, seedOf } from '../test/verify/synthetic-governance.js';
import { issuerKeyPayload, issuerLogPayload, manifestIssuers, syntheticIssuers } from '../test/verify/synthetic-issuers.js';
import type { FromMaker, MadeBallot, MakerData, ToMaker, Voter } from './make-record-worker.js';

const ELECTION = 'election-synthetic-large';
/** The synthetic issuers' first contest (its fixture keys are test issuers 0 and 1's). */
const CONTEST = 'board';
const CANDIDATES = 5;
const MAX_SELECTIONS = 2;
/** Ballots per request to a worker. */
const PER_REQUEST = 25;
const AT = (i: number) => new Date(Date.UTC(2026, 2, 1, 12, 0, 0) + i * 10).toISOString();

function usage(): never {
  process.stderr.write('uso / usage: npx tsx scripts/make-record.ts N out.json [--workers W]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
const N = Number(args[0]);
const out = args[1];
const wi = args.indexOf('--workers');
const WORKERS = wi >= 0 ? Number(args[wi + 1]) : availableParallelism();
if (!Number.isInteger(N) || N < 1 || out === undefined || !Number.isInteger(WORKERS) || WORKERS < 1) usage();

/** Voter i's choices: blank, one or two of the five, spread unevenly so the seats are not a tie. */
function choicesOf(i: number): number[] {
  const c = new Array<number>(CANDIDATES).fill(0);
  const r = (i * 2654435761) >>> 0;
  if (r % 10 === 0) return c;
  c[r % 4 === 0 ? 0 : (r >>> 3) % CANDIDATES] = 1;
  if (r % 3 === 0) c[((r >>> 7) % (CANDIDATES - 1)) + (c[0] === 1 ? 1 : 0)] = 1;
  return c;
}

function startWorker(data: MakerData): Worker {
  const file = new URL('./make-record-worker.ts', import.meta.url).href;
  const api = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`, { eval: true, workerData: data });
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const file = createWriteStream(out!);
  const write = async (s: string) => {
    if (!file.write(s)) await new Promise<void>((r) => file.once('drain', () => r()));
  };
  // What the server's report reads: every event but the ballots, token_issued without its request.
  const kept: Pick<BoardEvent, 'seq' | 'kind' | 'payload' | 'hash'>[] = [];
  let prev: BoardEvent | null = null;
  let seq = 0;
  const append = async (kind: EventKind, payload: unknown) => {
    const e = appendEvent(prev, kind, AT(seq), payload);
    await write(`${seq === 0 ? '' : ','}${JSON.stringify(e)}`);
    seq++;
    prev = e;
    if (kind === 'token_issued') {
      const { contestId, associationId } = payload as { contestId: string; associationId: string };
      kept.push({ seq: e.seq, kind, hash: e.hash, payload: { contestId, associationId } });
    } else if (kind !== 'ballot') kept.push(e);
  };
  const n = 3;
  const t = 2;
  const params = { n, t };
  const rules = { approvalSectors: 2, threshold: t, issuerThreshold: 2 };
  const roll = Array.from({ length: N }, (_, i) => ({ associationId: `assoc-${i + 1}`, legalName: `Asociación ${i + 1}`, region: 'Lima' }));
  const candidates = Array.from({ length: CANDIDATES }, (_, i) => ({ id: `cand-${i + 1}`, fullName: `Candidata ${i + 1}` }));
  const committee = [1, 2, 3].map((j) => {
    const { memberId, fullName, sector, organisation, role } = memberOf(j);
    return { index: j, memberId, fullName, sector, organisation, role };
  });
  const head = JSON.stringify({ format: 'anfora-election-record', version: 1, electionId: ELECTION, exportedAt: new Date().toISOString(), committee });
  await write(`${head.slice(0, -1)},"events":[`);

  // The committee opens the board; every step is a decision signed by members 1 and 2 (two sectors).
  let proposals = 0;
  const decide = (statement: Statement) => append('decision', decisionPayload(`decision-${++proposals}`, statement));
  const phase = (from: string, to: string) => decide({ kind: 'phase_change', electionId: ELECTION, from, to } as Statement);
  await append('committee', { members: [1, 2, 3].map(memberOf), rules });
  await phase('draft', 'accreditation');
  for (const [i, a] of roll.entries()) {
    await decide({
      kind: 'accreditation_decision', electionId: ELECTION, applicationId: `application-${i + 1}`, contestId: CONTEST, constituency: 'plwha',
      association: { ...a, publicKey: publicKeyOf(`assoc:${a.associationId}`) }, decision: 'accredit', reason: null,
    });
    if ((i + 1) % 1000 === 0) process.stderr.write(`\r${i + 1}/${N} acreditaciones / accreditations`);
  }
  if (N >= 1000) process.stderr.write('\n');
  await phase('accreditation', 'nominations');
  for (const k of candidates) {
    await decide({
      kind: 'candidate_eligibility', electionId: ELECTION, candidateId: k.id, contestId: CONTEST, fullName: k.fullName,
      nominatedBy: { associationId: roll[0]!.associationId, legalName: roll[0]!.legalName }, employer: 'Independiente',
      implementsGlobalFund: false, consecutiveTerms: 0, eligible: true, reason: null,
    });
  }
  await phase('nominations', 'key_ceremony');

  // The key ceremony: three trustees (members 1–3, who sign their keys), threshold 2, nobody cheats.
  const ctx = ceremonyContext(ELECTION, n, t);
  const trustees = [1, 2, 3].map((j) => createTrusteeKey(ctx, j));
  for (const [i, k] of trustees.entries()) {
    const publicKey = trusteePublicKeyToJSON(k.publicKey);
    const memberId = `member-${i + 1}`;
    await append('trustee_key', { trustee: i + 1, publicKey, memberId, signature: signTrusteeKey(seedOf(memberId), { electionId: ELECTION, memberId, trustee: i + 1, publicKey }) });
  }
  const publicKeys = trustees.map((k) => k.publicKey);
  const dealt = [1, 2, 3].map((i) => createDealing(ctx, params, i, publicKeys));
  const K = jointPublicKey(dealt.map((d) => d.dealing));
  const secretShares = [1, 2, 3].map((j) => mod(dealt.reduce((a, d) => a + evaluatePolynomial(d.polynomial, BigInt(j)), 0n)));
  const verificationKeys = [1, 2, 3].map((j) => verificationKey(dealt.map((d) => d.dealing), j));
  for (const d of dealt) await append('dealing', { dealer: d.dealing.dealer, dealing: dealingToJSON(d.dealing) });
  for (let j = 1; j <= n; j++) await append('ceremony_verification', { trustee: j, complaints: [] });
  await append('ceremony_result', {
    qualified: [1, 2, 3], jointPublicKey: pointToHex(K), verificationKeys: verificationKeys.map((v, i) => ({ index: i + 1, key: pointToHex(v) })),
  });
  // The sector issuers register their keys before the manifest (checks 43–45).
  const issuers = syntheticIssuers(CONTEST);
  for (const i of issuers) await append('issuer_key', issuerKeyPayload(ELECTION, CONTEST, i));

  // The manifest: one contest, N associations on its roll, its two issuers.
  const receiptSecret = ed25519.utils.randomSecretKey();
  const parsed = parseManifest({
    version: 1, electionId: ELECTION, title: `Elección sintética de ${N} papeletas`, rules, threshold: t, openedAt: AT(seq + 1),
    trustees: [1, 2, 3].map((j) => ({
      index: j, memberId: `member-${j}`, sector: committee[j - 1]!.sector, publicKey: trusteePublicKeyToJSON(publicKeys[j - 1]!), verificationKey: pointToHex(verificationKeys[j - 1]!),
    })),
    jointPublicKey: pointToHex(K), receiptKey: toHex(ed25519.getPublicKey(receiptSecret)),
    contests: [{
      id: CONTEST, constituency: 'plwha', title: 'Personas con VIH', seats: 2, alternates: 1, maxSelections: MAX_SELECTIONS,
      candidates, roll, issuers: manifestIssuers(ELECTION, CONTEST),
    }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const manifest = parsed.manifest;
  const hash = manifestHash(manifest);
  await phase('key_ceremony', 'voting');
  await append('manifest', { manifest, hash: toHex(hash) });

  // Voting: per voter its association's request to the issuers, then its ballot, made in
  // workers and written in order with their chained tracking codes.
  const data: MakerData = {
    electionId: ELECTION, contestId: CONTEST, manifestHash: toHex(hash), jointPublicKey: pointToHex(K), candidates: CANDIDATES, maxSelections: MAX_SELECTIONS,
  };
  const pool = Array.from({ length: WORKERS }, () => {
    const w = startWorker(data);
    const waiting: ((m: FromMaker) => void)[] = [];
    w.on('message', (m: FromMaker) => waiting.shift()!(m));
    w.on('error', (e) => { throw e; });
    return { w, ask: (m: ToMaker) => new Promise<FromMaker>((r) => { waiting.push(r); w.postMessage(m); }) };
  });
  // In board order; each answer is dropped once written.
  const requests: Promise<FromMaker>[] = [];
  let asked = 0;
  let sent = 0;
  const ask = () => {
    const from = asked;
    const count = Math.min(PER_REQUEST, N - from);
    if (count <= 0) return;
    asked += count;
    const voters: Voter[] = Array.from({ length: count }, (_, k) => ({ associationId: roll[from + k]!.associationId, choices: choicesOf(from + k) }));
    requests.push(pool[sent++ % WORKERS]!.ask({ type: 'make', voters }));
  };
  for (let k = 0; k < WORKERS * 3; k++) ask();
  let code: Uint8Array | null = null;
  let written = 0;
  const logged: IssuerLogEntry[] = [];
  while (requests.length > 0) {
    const m = await requests.shift()!;
    ask();
    if (m.type !== 'made') throw new Error('unexpected answer');
    for (const b of m.ballots as MadeBallot[]) {
      await append('token_issued', { contestId: CONTEST, associationId: b.request.request.associationId, request: b.request });
      logged.push(b.request);
      code = trackingCode(code, Buffer.from(b.digest, 'hex'), Buffer.from(b.ballotPublicKey, 'hex'));
      await append('ballot', { contestId: CONTEST, trackingCode: toHex(code), token: b.token, ballot: b.ballot, signature: b.signature });
      written++;
    }
    if (written % 1000 < PER_REQUEST) process.stderr.write(`\r${written}/${N} papeletas / ballots`);
  }
  process.stderr.write('\n');
  let tally: Ciphertext[] = Array.from({ length: CANDIDATES }, () => ZERO);
  const plain = new Array<number>(CANDIDATES).fill(0);
  for (const p of pool) {
    const m = await p.ask({ type: 'sum' });
    if (m.type !== 'sum') throw new Error('unexpected answer');
    tally = tally.map((c, k) => addCiphertexts(c, ciphertextFromJSON(m.tally[k]!, 'sum', 'sum')));
    m.plain.forEach((x, k) => { plain[k]! += x; });
    await p.w.terminate();
  }
  // Each issuer's signed log of the requests it answered, while voting is open (the close waits for them).
  for (const i of issuers) await append('issuer_log', issuerLogPayload(ELECTION, CONTEST, i, logged));

  // Close, tally, two partial decryptions, result, publication, the server's report.
  await phase('voting', 'closed');
  await append('close', { ballots: [{ contestId: CONTEST, count: N }] });
  await append('encrypted_tally', { contests: [{ contestId: CONTEST, tally: tally.map(ciphertextToJSON) }] });
  const dctx = decryptionContext(hash, CONTEST);
  const posted = [1, 2].map((j) => ({ trustee: j, shares: computeShares(dctx, j, secretShares[j - 1]!, tally) }));
  for (const p of posted) await append('decryption_share', { trustee: p.trustee, contests: [{ contestId: CONTEST, shares: p.shares.map(decryptionShareToJSON) }] });
  const votes = tally.map((ct, k) => {
    const d = decryptWithShares(dctx, ct, posted.map((p) => p.shares[k]!), verificationKeys, params, N);
    if (!d.ok) throw new Error(d.reason);
    if (d.value !== plain[k]) throw new Error(`candidate ${k + 1}: decrypted ${d.value}, cast ${plain[k]}`);
    return d.value;
  });
  const c = manifest.contests[0]!;
  await append('result', { contests: [{ contestId: CONTEST, ...allocateSeats({ contestId: CONTEST, candidates: c.candidates, votes, seats: c.seats, alternates: c.alternates, seed: tieBreakSeed(hash, CONTEST, decryptionValues(tally, votes)) }) }] });
  await phase('tallied', 'published');
  await append('published', { resultEvent: kept.findLast((e) => e.kind === 'result')!.hash });
  await append('report', signServerReport(receiptSecret, buildServerReport(manifest, toHex(hash), kept)));
  await write(']}');
  await new Promise<void>((r) => file.end(() => r()));
  process.stderr.write(`${out}: ${N} papeletas / ballots, ${seq} eventos / events, ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
