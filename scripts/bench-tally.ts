/**
 * `npm run bench:tally -- --ballots N`: how the close, the tally and each trustee's
 * decryption step grow with the ballot box, without casting N ballots first (which
 * `npm run bench:cast` measures, at ≈ 20 ms of encryption a ballot). The election is built
 * as the cast benchmark builds it; then N ballots are written straight to the ballot box
 * and the board (chained with the record's appendEvent), and the server process is started
 * to close and decrypt over HTTP. The one real token is signed in this process by the
 * contest's two issuers (their keys are the bench's own, as `npm run issuer` would hold
 * them); each issuer posts its signed log before the close, which waits for it. The relay
 * holds no request for the fixture ballots, so the close publishes no issuance entries:
 * its time here leaves out that step (`npm run bench:cast` includes it).
 *
 * The ballots are a timing fixture, not ballots: their ciphertexts are true encryptions of
 * 0 or 1 under the election key (so the tally decrypts to the plain count, which is
 * checked), made with consecutive randomness so that a 100,000-ballot box is written in
 * seconds; their proofs, token and signature are copied from one real ballot. Neither the
 * close nor the trustee re-checks proofs (the server checked each ballot at cast), so the
 * timings are those of a real election; the record of such a run does not verify (the
 * ballots share one token). The roll is real (accounts activated with their owners' keys,
 * accreditations by signed decisions), and each issuance entry is a request signed with
 * its association's key, though only the first led to a token.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { ApiClient } from '../src/client/api.js';
import { fetchManifest } from '../src/client/manifest.js';
import { postIssuerLog, signedIssuerLog } from '../src/client/issuer.js';
import { prepareBallot } from '../src/client/voter.js';
import { finalizeIssuedToken, requestIssuedToken } from '../src/crypto/issued-token.js';
import { blindSign } from '../src/crypto/token-issuer.js';
import { type Point, G, randomScalar, mul, pointToHex, toHex } from '../src/crypto/group.js';
import { migrateToLatest, openDatabase } from '../src/db/connect.js';
import { SecretBox } from '../src/db/secrets.js';
import { createStore } from '../src/db/store.js';
import { buildApp } from '../src/http/app.js';
import { type BoardEvent, appendEvent } from '../src/record/board.js';
import { closeVoting, decryptAndCount } from './bench-cast/load.js';
import { startServer } from './bench-cast/server.js';
import { CANDIDATES, SESSION_SECONDS, type BenchDatabase, type BenchElection, buildVotingElection, createBenchDatabase } from './bench-cast/setup.js';

const CHUNK = 1000;

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Write `n` fixture ballots (choices by `choicesOf`); returns the plain count. */
async function fillBallotBox(database: BenchDatabase, jwtSecret: string, e: BenchElection, n: number): Promise<number[]> {
  const db = openDatabase(database.target);
  await migrateToLatest(db);
  // Sealed with the key the server process is given (as bench-cast/setup.ts does).
  const store = createStore(db, new SecretBox(Uint8Array.from(Buffer.from(database.env.ANFORA_SECRET_KEY!, 'hex'))));
  const app = await buildApp({ store, jwtSecret, accessTokenSeconds: SESSION_SECONDS, loginRateLimit: 10_000, bodyLimit: 1 << 20 });
  try {
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const loaded = await fetchManifest(new ApiClient({ baseUrl }), e.electionId);
    if (!loaded.ok) throw new Error(`manifest: ${loaded.reason}`);
    // One real token and ballot, whose token, proofs and signature every fixture ballot copies:
    // the token blindly signed by both issuers' keys, in this process.
    const keys = e.issuers.map((x) => x.key);
    const request = requestIssuedToken(keys.map((k) => k.publicKey), e.electionId, e.contestId);
    const answers = new Map(request.blinded.map((b, j) => {
      const signed = blindSign(keys[j]!, b.blindedMessage);
      if (!signed.ok) throw new Error(`blind signature: ${signed.reason}`);
      return [toHex(b.keyId), signed.blindSignature] as const;
    }));
    const { token, refused } = await finalizeIssuedToken(keys.map((k) => k.publicKey), request, answers);
    if (refused.length > 0) throw new Error(`token: ${refused.join(', ')}`);
    const template = prepareBallot(loaded.decoded, loaded.hash, e.contestId, new Array<number>(CANDIDATES).fill(0), { token, ballotKeys: request.ballotKeys }).body;
    const K = loaded.decoded.jointPublicKey;
    const r0 = randomScalar();
    let A: Point = mul(G, r0);
    let B: Point = mul(K, r0);
    const plain = new Array<number>(CANDIDATES).fill(0);
    for (let from = 0; from < n; from += CHUNK) {
      const size = Math.min(CHUNK, n - from);
      const payloads: { contestId: string; trackingCode: string; token: unknown; ballot: unknown; signature: string }[] = [];
      const keys: string[] = [];
      for (let k = 0; k < size; k++) {
        const i = from + k;
        const selections = template.ballot.selections.map((s, c) => {
          // rG and mG + rK with r = r0 + (ciphertexts so far): the next pair is two additions away.
          A = A.add(G);
          B = B.add(K);
          const m = (i + c) % 3 === 0 && c < 2 ? 1 : 0;
          plain[c]! += m;
          return { ...s, ciphertext: { alpha: pointToHex(A), beta: pointToHex(m === 1 ? B.add(G) : B) } };
        });
        payloads.push({ contestId: e.contestId, trackingCode: randomBytes(32).toString('hex'), token: template.token, ballot: { ...template.ballot, selections }, signature: template.signature });
        keys.push(randomBytes(32).toString('hex'));
      }
      // Nothing else writes: the server is not running yet.
      let head: Pick<BoardEvent, 'seq' | 'hash'> | null = (await store.read.board.head(e.electionId)) ?? null;
      const at = new Date().toISOString();
      const events = payloads.map((p) => (head = appendEvent(head, 'ballot', at, p)));
      await db.insertInto('board_events').values(events.map((ev) => ({
        election_id: e.electionId, seq: ev.seq, kind: ev.kind, at: ev.at, payload: JSON.stringify(ev.payload), prev_hash: ev.prevHash, hash: ev.hash,
      }))).execute();
      await db.insertInto('ballots').values(events.map((ev, k) => ({
        election_id: e.electionId, contest_id: e.contestId, ballot_public_key: keys[k]!, tracking_code: payloads[k]!.trackingCode,
        board_seq: ev.seq, body: JSON.stringify({ contestId: e.contestId, token: template.token, ballot: payloads[k]!.ballot, signature: template.signature }),
      }))).execute();
      process.stderr.write(`\r  papeletas escritas / ballots written: ${from + size}/${n}`);
    }
    process.stderr.write('\n');
    return plain;
  } finally {
    await app.close();
    await db.destroy();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('bench:tally')
    .description('Cierre y descifrado a escala / close and decryption at scale')
    .addOption(new Option('--db <db>', 'base de datos / database').choices(['postgres', 'pglite']).default('postgres'))
    .addOption(new Option('--ballots <n>', 'papeletas / ballots').argParser((v) => Number.parseInt(v, 10)).default(5000))
    .option('--database-url <url>', 'PostgreSQL de administración / administrative PostgreSQL URL',
      process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  program.parse([...argv], { from: 'user' });
  const o = program.opts<{ db: 'postgres' | 'pglite'; ballots: number; databaseUrl: string }>();
  const database = await createBenchDatabase(o.db, o.databaseUrl);
  const jwtSecret = randomBytes(32).toString('base64url');
  try {
    say(`— ${o.db}, ${o.ballots} papeletas / ballots (fijas de cronometraje: su registro no verifica / timing fixture: its record does not verify)`);
    const election = await buildVotingElection(database, jwtSecret, o.ballots);
    const t0 = performance.now();
    const plain = await fillBallotBox(database, jwtSecret, election, o.ballots);
    say(`  urna llena / ballot box filled: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const server = await startServer(database.env, jwtSecret, join(tmpdir(), `anfora-bench-tally-${process.pid}.log`));
    try {
      // Each issuer's signed log (no request reached the relay for the fixture ballots).
      for (const [j, x] of election.issuers.entries()) {
        const log = signedIssuerLog(election.electionId, election.contestId, x.memberId, x.key, new Map(), election.memberKeys[j]!);
        await postIssuerLog(new ApiClient({ baseUrl: server.baseUrl, token: election.members[j]! }), log);
      }
      const cpu0 = await server.cpuMs();
      const closeS = await closeVoting(server.baseUrl, election);
      const cpu1 = await server.cpuMs();
      say(`  cierre / close: ${closeS.toFixed(1)} s (CPU del servidor / server CPU ${((cpu1 - cpu0) / 1000).toFixed(1)} s)`);
      const { steps, cpu, counts } = await decryptAndCount(server.baseUrl, election);
      const cpu2 = await server.cpuMs();
      say(`  descifrado / decryption: custodio / trustee 1 ${steps[0]!.toFixed(1)} s, custodio / trustee 3 (y combinación / and combination) ${steps[1]!.toFixed(1)} s (CPU del servidor / server CPU ${((cpu2 - cpu1) / 1000).toFixed(1)} s; CPU de los custodios / trustees' CPU ${cpu.map((x) => x.toFixed(1)).join(' + ')} s)`);
      const { peakMiB } = await server.memory();
      say(`  memoria del servidor, pico / server memory, peak: ${peakMiB.toFixed(0)} MiB; memoria de este proceso / this process: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
      const ok = counts.join() === plain.join();
      say(`  recuento publicado = recuento en claro / published count = plain count: ${ok ? '✓' : `✗ ${counts.join()} ≠ ${plain.join()}`}`);
      return ok ? 0 : 1;
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`Se detuvo / stopped: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
