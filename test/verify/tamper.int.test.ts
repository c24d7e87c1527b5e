/**
 * The verifier against a record exported by the running service (a small election run
 * over HTTP with the client library, test/helpers/client-election.ts): the record as
 * exported passes every check; each tampering — a flipped hex digit in a ballot proof, a
 * token signature, a partial decryption; a changed vote count; a broken chain link; a
 * removed ballot; a duplicate-token ballot; a ballot with a forged token — fails with a
 * failure that names the item, both as is and after the attacker re-hashes the chain
 * (so that the semantic check, not the chain, must catch it). Then the CLI: exit codes,
 * the failing item in its output, the same report with worker threads, a URL input, a
 * pinned manifest that differs (failing, and the HTML report opening with a warning).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotContext, contestBallotDigest, contestBallotToJSON, encryptContest } from '../../src/crypto/ballot.js';
import { generateBallotKeys, signBallot } from '../../src/crypto/ballot-signature.js';
import { fromHex, pointFromHex, toHex } from '../../src/crypto/group.js';
import { sodiumProofBackend, sodiumReady } from '../../src/crypto/sodium-ballots.js';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { type CheckKey, type VerificationReport, verifyRecord } from '../../src/verify/index.js';
import { type RecordedElection, recordedElection } from '../helpers/client-election.js';
import { type AnyRecord, ballotNumber, clone, flipHex, indexOf, rehash } from './tamper.js';

let rec: RecordedElection;
let dir: string;

beforeAll(async () => {
  rec = await recordedElection({ tag: 'verify' });
  dir = await mkdtemp(join(tmpdir(), 'anfora-verify-'));
}, 300_000);
afterAll(async () => {
  await rec?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The report on the noble path; the libsodium proof backend must give the very same one. */
async function verify(record: unknown): Promise<VerificationReport> {
  await sodiumReady;
  const [noble, sodium] = await Promise.all([
    verifyRecord(record, { tokenVerifier: verifyRsaPssNode }),
    verifyRecord(record, { tokenVerifier: verifyRsaPssNode, proofBackend: sodiumProofBackend }),
  ]);
  expect(sodium).toEqual(noble);
  return noble;
}
const fresh = (): AnyRecord => clone(rec.record) as unknown as AnyRecord;
const manifestOf = (r: AnyRecord) => r.events[indexOf(r, 'manifest')].payload.manifest;
const contestId = (r: AnyRecord, constituency: string): string => manifestOf(r).contests.find((c: { constituency: string }) => c.constituency === constituency).id;
const candidateName = (r: AnyRecord, constituency: string, k: number): string =>
  manifestOf(r).contests.find((c: { constituency: string }) => c.constituency === constituency).candidates[k].fullName;

function failures(r: VerificationReport, key: CheckKey): string[] {
  return r.checks.find((c) => c.key === key)!.failures.map((f) => `${f.item}: ${f.detail.en}`);
}
function failedKeys(r: VerificationReport): CheckKey[] {
  return r.checks.filter((c) => !c.ok).map((c) => c.key);
}
function expectFailure(r: VerificationReport, key: CheckKey, item: string | RegExp): void {
  expect(r.ok).toBe(false);
  const list = failures(r, key);
  expect(list.some((x) => (typeof item === 'string' ? x.includes(item) : item.test(x))), `${key}: ${JSON.stringify(list)}; failing: ${failedKeys(r).join(', ')}`).toBe(true);
}
/** How the verifier names ballot event `index` of `r`. */
function ballotItem(r: AnyRecord, index: number): string {
  return `ballot #${ballotNumber(r, index)} (seq ${r.events[index].seq}, tracking code ${r.events[index].payload.trackingCode.slice(0, 16)}…)`;
}

it('the record as exported passes every check', async () => {
  const r = await verify(rec.record);
  expect(failedKeys(r)).toEqual([]);
  expect(r.stage).toBe('published');
  for (const c of r.results!) {
    const counts = rec.plainCounts[c.contestId]!;
    const ids = manifestOf(fresh()).contests.find((x: { id: string }) => x.id === c.contestId).candidates.map((x: { id: string }) => x.id);
    expect(ids.map((id: string) => c.candidates.find((x) => x.candidateId === id)!.votes)).toEqual(counts);
    expect(c.verified).toBe(true);
  }
  expect(r.counts.contests.map((c) => c.countedBallots)).toEqual([8, 4]);
});

/**
 * One tampering: `mutate` changes a fresh copy in place and returns where to look. The
 * raw copy must fail the chain at `seq` (when given) and the named check; the re-hashed
 * copy must keep an intact chain and still fail the named check.
 */
interface Tampering {
  readonly mutate: (r: AnyRecord) => { seq?: number };
  readonly key: CheckKey;
  /** The expected failure (item and detail), computed on the record that is verified. */
  readonly expected: (r: AnyRecord) => string | RegExp;
  /** The checks that may fail on the re-hashed copy (default: any). */
  readonly only?: readonly CheckKey[];
}

const CASES: Record<string, Tampering> = {
  'a: one hex digit of a ballot proof': {
    mutate: (r) => {
      const i = indexOf(r, 'ballot', 2);
      const b = r.events[i].payload.ballot.selections[1].proof.branches[0];
      b.response = flipHex(b.response);
      return { seq: i };
    },
    key: 'ballot_proofs',
    expected: (r) => `${ballotItem(r, indexOf(r, 'ballot', 2))}: the 0-or-1 proof does not verify (candidate 2)`,
  },
  'b: one hex digit of a token signature': {
    mutate: (r) => {
      const i = indexOf(r, 'ballot', 5);
      const first = r.events[i].payload.token.signatures[0];
      first.signature = flipHex(first.signature, 100);
      return { seq: i };
    },
    key: 'ballot_tokens',
    expected: (r) => `${ballotItem(r, indexOf(r, 'ballot', 5))}: a signature of the token does not verify under its issuer's key`,
  },
  'c: one hex digit of a partial decryption': {
    mutate: (r) => {
      const i = indexOf(r, 'decryption_share', 1);
      const entry = r.events[i].payload.contests.find((c: { contestId: string }) => c.contestId === contestId(r, 'plwha'));
      entry.shares[1].proof.response = flipHex(entry.shares[1].proof.response);
      return { seq: i };
    },
    key: 'decryption_shares',
    expected: (r) => `decryption share of trustee 3, contest plwha, candidate 2 (${candidateName(r, 'plwha', 1)}): the Chaum–Pedersen proof does not verify`,
  },
  'c′: one hex digit of a partial decryption\'s share point': {
    mutate: (r) => {
      const i = indexOf(r, 'decryption_share', 0);
      const entry = r.events[i].payload.contests.find((c: { contestId: string }) => c.contestId === contestId(r, 'tb'));
      entry.shares[0].share = flipHex(entry.shares[0].share, 1);
      return { seq: i };
    },
    key: 'decryption_shares',
    expected: (r) => new RegExp(`^decryption share of trustee 1, contest tb, candidate 1 \\(${candidateName(r, 'tb', 0)}\\): (does not decode|the Chaum–Pedersen proof does not verify)`),
  },
  'd: a vote count in the result': {
    mutate: (r) => {
      const i = indexOf(r, 'result');
      r.events[i].payload.contests[0].counts[0].votes += 1;
      return { seq: i };
    },
    key: 'decryption',
    expected: (r) => new RegExp(`^result, contest plwha, candidate 1 \\(${candidateName(r, 'plwha', 0)}\\): \\d+ votes published; the decryption gives \\d+`),
  },
  'f: a removed ballot': {
    mutate: (r) => {
      const i = indexOf(r, 'ballot', 3);
      r.events.splice(i, 1);
      return { seq: i + 1 };
    },
    key: 'close',
    expected: () => 'close, contest plwha: the close counts 8 ballots; 7 are counted',
  },
  'g: a second ballot with the same token': {
    mutate: (r) => {
      const at = closingAt(r);
      r.events.splice(at, 0, clone(r.events[indexOf(r, 'ballot', 1)]));
      return { seq: at };
    },
    key: 'one_ballot_per_token',
    expected: (r) => `${ballotItem(r, closingAt(r) - 1)}: reuses the token (ballot key) of ballot #2 (seq ${r.events[indexOf(r, 'ballot', 1)].seq})`,
    only: ['one_ballot_per_token'],
  },
  'h: a ballot with a forged token (fresh key, random signatures, valid proofs)': {
    mutate: (r) => {
      const at = closingAt(r);
      r.events.splice(at, 0, forgedBallot(r, 'tb'));
      // The forged event copies the seq of the event before it.
      return { seq: at - 1 };
    },
    key: 'ballot_tokens',
    expected: (r) => `${ballotItem(r, closingAt(r) - 1)}: a signature of the token does not verify under its issuer's key`,
    only: ['ballot_tokens'],
  },
};

/** Index of the committee's decision to close the voting: a ballot added while voting is open goes just before it. */
function closingAt(r: AnyRecord): number {
  return r.events.findIndex((e) => e.kind === 'decision' && e.payload.statement.kind === 'phase_change' && e.payload.statement.to === 'closed');
}

/** A ballot event whose proofs and signature are valid under a fresh key that no token certifies. */
function forgedBallot(r: AnyRecord, constituency: string): AnyRecord['events'][number] {
  const m = r.events[indexOf(r, 'manifest')].payload;
  const contest = m.manifest.contests.find((c: { constituency: string }) => c.constituency === constituency);
  const K = pointFromHex(m.manifest.jointPublicKey);
  const keys = generateBallotKeys();
  const ctx = ballotContext({ manifestHash: fromHex(m.hash), publicKey: K, contestId: contest.id, ballotPublicKey: keys.publicKey });
  const choices = contest.candidates.map((_: unknown, k: number) => (k === 0 ? 1 : 0));
  const { ballot } = encryptContest(ctx, K, choices, contest.maxSelections);
  // Signatures under the contest's issuers' key ids (as an honest ballot of the contest
  // carries them), each random bytes below any modulus: none verifies.
  const honest = r.events.find((e) => e.kind === 'ballot' && e.payload.contestId === contest.id)!.payload.token;
  const signatures = honest.signatures.map((x: { keyId: string }) => ({ keyId: x.keyId, signature: `00${toHex(crypto.getRandomValues(new Uint8Array(384))).slice(2)}` }));
  const template = r.events[closingAt(r) - 1];
  return {
    ...clone(template), kind: 'ballot',
    payload: {
      contestId: contest.id, trackingCode: '00'.repeat(32),
      token: { electionId: m.manifest.electionId, contestId: contest.id, ballotPublicKey: toHex(keys.publicKey), messagePrefix: toHex(crypto.getRandomValues(new Uint8Array(32))), signatures },
      ballot: contestBallotToJSON(ballot), signature: toHex(signBallot(keys.secretKey, contestBallotDigest(ballot))),
    },
  };
}

describe('tampering', () => {
  for (const [name, c] of Object.entries(CASES)) {
    describe(name, () => {
      it('as is: the chain breaks, and the check names the item', async () => {
        const r = fresh();
        const { seq } = c.mutate(r);
        const report = await verify(r);
        if (seq !== undefined) expectFailure(report, 'chain', new RegExp(`^event seq ${seq} `));
        expectFailure(report, c.key, c.expected(r));
      });
      it('re-hashed by the attacker: the chain holds, and the check names the item', async () => {
        const r = fresh();
        c.mutate(r);
        rehash(r);
        const report = await verify(r);
        expect(failures(report, 'chain')).toEqual([]);
        expectFailure(report, c.key, c.expected(r));
        // The attacker has no receipt key: the server's signed report still names the board as it was.
        expectFailure(report, 'server_report', /^server report field publishedEvent\.hash: /);
        if (c.only) expect(failedKeys(report)).toEqual([...c.only, 'server_report']);
      });
    });
  }

  it('f: the removed ballot also breaks the tracking code of the next one, unless re-chained; the tally no longer sums', async () => {
    const r = fresh();
    r.events.splice(indexOf(r, 'ballot', 3), 1);
    const raw = await verify(r);
    // The ballot that followed the removed one now stands in its place.
    expectFailure(raw, 'tracking_codes', `${ballotItem(r, indexOf(r, 'ballot', 3))}: the tracking code does not chain from the previous ballot`);
    expect(failures(raw, 'tracking_codes')).toHaveLength(1);
    const re = await verify(rehash(r));
    expect(failures(re, 'tracking_codes')).toEqual([]);
    expectFailure(re, 'encrypted_tally', 'encrypted tally, contest plwha, candidate 1');
  });

  describe('e: a chain link', () => {
    it('a changed prevHash names its event', async () => {
      const r = fresh();
      r.events[9].prevHash = flipHex(r.events[9].prevHash, 7);
      const report = await verify(r);
      expect(failures(report, 'chain')[0]).toMatch(/^event seq 9 .*prevHash is not the previous event's hash/);
      expect(failedKeys(report)).toEqual(['chain']);
    });
    it('a changed hash names its event and the link after it', async () => {
      const r = fresh();
      r.events[20].hash = flipHex(r.events[20].hash, 7);
      const report = await verify(r);
      expect(failures(report, 'chain')).toEqual([
        expect.stringMatching(/^event seq 20 .*the hash does not match the event/),
        expect.stringMatching(/^event seq 21 .*prevHash is not the previous event's hash/),
      ]);
    });
  });
});

// ---- the command line ----

interface Run { code: number; stdout: string; stderr: string }

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src/cli/verify.ts', ...args], { cwd: join(import.meta.dirname, '../..'), maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('npm run verify', () => {
  let good: string;
  let bad: string;
  let badItem: string;
  beforeAll(async () => {
    good = join(dir, 'good.json');
    await writeFile(good, rec.recordText);
    const r = fresh();
    CASES['b: one hex digit of a token signature']!.mutate(r);
    rehash(r);
    badItem = ballotItem(r, indexOf(r, 'ballot', 5));
    bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify(r));
  });

  it('exits 0 on the record as exported, printing every check, counts and seats', async () => {
    const run = await cli(good, '--lang', 'en');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('✓ The record is valid: all 35 checks pass.');
    expect(run.stdout).toMatch(/✓ 22\. Publication/);
    expect(run.stdout).toMatch(/✓ 23\. Server's signed report/);
    expect(run.stdout).toMatch(/plwha — .*roll 8 · tokens issued 8 · ballots 8 · counted 8 · close 8/);
    expect(run.stdout).toMatch(/titular/);
  });

  it('--expect-manifest: exits 0 with the pinned hash, 1 naming both hashes with another, 2 on a malformed one', async () => {
    const hash = (JSON.parse(rec.recordText) as AnyRecord).events.find((e) => e.kind === 'manifest').payload.hash as string;
    const pinned = await cli(good, '--lang', 'en', '--expect-manifest', hash.toUpperCase(), '--report', join(dir, 'pinned.html'));
    expect(pinned.code, pinned.stderr).toBe(0);
    expect(await readFile(join(dir, 'pinned.html'), 'utf8')).not.toContain('data-testid="foreign-record"');
    const other = 'ab'.repeat(32);
    const wrong = await cli(good, '--lang', 'en', '--expect-manifest', other, '--report', join(dir, 'wrong.html'));
    expect(wrong.code, wrong.stderr).toBe(1);
    expect(wrong.stdout).toContain('✗  4. Manifest — 1 failure');
    expect(wrong.stdout).toContain(`manifest: the manifest hash is ${hash}, not the pinned ${other} (--expect-manifest)`);
    // The HTML report opens with the warning, naming both hashes (and fails the check as the text does).
    const html = await readFile(join(dir, 'wrong.html'), 'utf8');
    const banner = html.match(/<section class="foreign" role="alert" data-testid="foreign-record" data-kind="manifest">.*?<\/section>/)?.[0];
    expect(banner).toBeDefined();
    expect(banner).toContain(`fixes the manifest ${hash}, but the one pinned with --expect-manifest for the pinned election is ${other}.`);
    expect(html).toContain('data-check="manifest" data-ok="false"');
    const malformed = await cli(good, '--expect-manifest', 'abc');
    expect(malformed.code).toBe(2);
  }, 120_000);

  it('exits 1 on a tampered record, naming the failing ballot (in Spanish by default)', async () => {
    const run = await cli(bad);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('✗ 10. Fichas de las papeletas — 1 fallo');
    expect(run.stdout).toContain(badItem.replace(/^ballot #(\d+) \(seq (\d+), tracking code /, 'papeleta n.º $1 (seq $2, código de seguimiento '));
    expect(run.stdout).toContain('El registro NO es válido');
  });

  it('gives the same report with two worker threads', async () => {
    const [one, two] = await Promise.all([cli(bad, '--json', '--workers', '0'), cli(bad, '--json', '--workers', '2')]);
    expect(one.code).toBe(1);
    expect(two.code).toBe(1);
    expect(JSON.parse(two.stdout)).toEqual(JSON.parse(one.stdout));
    const report = JSON.parse(two.stdout) as VerificationReport;
    expect(report.checks.find((c) => c.key === 'ballot_tokens')!.failures.map((f) => f.item)).toEqual([badItem]);
    const goodRun = await cli(good, '--json', '--workers', '2');
    expect(goodRun.code, goodRun.stderr).toBe(0);
  }, 120_000);

  it('--report writes the plain-language HTML report next to the usual output, with the same exit code', async () => {
    const html = join(dir, 'informe.html');
    const ok = await cli(good, '--report', html);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('El registro es válido');
    expect(ok.stderr).toContain(`Informe escrito en ${html}`);
    const page = await readFile(html, 'utf8');
    expect(page).toContain('<html lang="es">');
    expect(page).toContain('✓ El registro es válido: las 35 comprobaciones pasan.');
    // The SHA-256 of the file as read, and the server's report checked.
    expect(page).toContain(createHash('sha256').update(await readFile(good)).digest('hex'));
    expect(page).toContain('La firma es auténtica');
    const en = join(dir, 'report.html');
    const bad1 = await cli(bad, '--report', en, '--lang', 'en', '--json');
    expect(bad1.code).toBe(1);
    expect(JSON.parse(bad1.stdout).ok).toBe(false);
    const page2 = await readFile(en, 'utf8');
    expect(page2).toContain('data-check="ballot_tokens" data-ok="false"');
    expect(page2).toContain('The record is NOT valid');
  }, 120_000);

  it('--report refuses a PDF or another extension with a clear message, exit 2, writing nothing', async () => {
    const [pdf, txt] = await Promise.all([cli(good, '--report', join(dir, 'informe.pdf')), cli(good, '--report', join(dir, 'informe.txt'), '--lang', 'en')]);
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toContain('el informe solo se escribe en HTML');
    expect(pdf.stderr).toContain('imprímalo como PDF');
    expect(txt.code).toBe(2);
    expect(txt.stderr).toContain('must end in .html');
    await expect(stat(join(dir, 'informe.pdf'))).rejects.toThrow();
  }, 120_000);

  it('exits 1 on a record text that repeats a member name, which JSON.parse would hide', async () => {
    const text = rec.recordText;
    const at = text.indexOf('"count"');
    const dup = join(dir, 'duplicate.json');
    await writeFile(dup, `${text.slice(0, at)}"count":99,${text.slice(at)}`);
    const run = await cli(dup, '--lang', 'en');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗  1\. Record format — 1 failure/);
    expect(run.stdout).toContain('the member "count" appears twice in one object');
  }, 120_000);

  it('reads the record from the service\'s URL', async () => {
    const run = await cli(`${rec.baseUrl}/elections/${rec.election.electionId}/record`, '--lang', 'en');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('The record is valid');
  });

  it('exits 2 on unusable input: a missing file, text that is not JSON, an HTTP error, a bad option', async () => {
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '{"events": [');
    const runs = await Promise.all([
      cli(join(dir, 'missing.json')), cli(notJson), cli(`${rec.baseUrl}/elections/00000000-0000-4000-8000-000000000000/record`), cli(good, '--lang', 'fr'),
      cli(good, '--workers', 'many'),
    ]);
    expect(runs.map((x) => x.code)).toEqual([2, 2, 2, 2, 2]);
    expect(runs[0]!.stderr).toContain('No se puede usar la entrada');
    expect(runs[2]!.stderr).toContain('HTTP 404');
  }, 120_000);
});
