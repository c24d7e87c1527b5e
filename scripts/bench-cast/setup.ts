/**
 * Building an election to `voting` for the cast benchmark, before its server starts: a
 * throwaway database (a new PostgreSQL database, or a PGlite directory), one contest of 5
 * candidates (vote for up to 2) and `ballots` accredited associations, the committee's
 * decisions (each signed by the members' own keys) and the key ceremony through the API of
 * an in-process app, with the trustees' secrets kept in memory for the decryption step.
 *
 * What is measured later (token issuance, casting, the close, the trustees' decryption,
 * all over HTTP against a separate server process) does not start here. The one shortcut:
 * the roll is built through the services rather than over HTTP (./roll.ts), each
 * association still with its own activated account and key and each accreditation a
 * signed two-sector decision, so the roll, the manifest and every later rule are the
 * service's own.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { activateAccount } from '../../src/client/account.js';
import { ApiClient } from '../../src/client/api.js';
import { type DecisionInput, proposeSigned, voteSigned } from '../../src/client/committee.js';
import { registerIssuer } from '../../src/client/issuer.js';
import { createKey, deal, verifyDealings } from '../../src/client/trustee.js';
import { generateIssuanceKey, type IssuanceKeyPair } from '../../src/crypto/token-issuer.js';
import type { TrusteeSecrets } from '../../src/crypto/trustee-keyfile.js';
import { type DatabaseTarget, migrateToLatest, openDatabase } from '../../src/db/connect.js';
import { SecretBox } from '../../src/db/secrets.js';
import { bindRepos } from '../../src/db/repositories.js';
import { createStore } from '../../src/db/store.js';
import { ensureBootstrapAdmin } from '../../src/domain/accounts.service.js';
import { buildApp } from '../../src/http/app.js';
import { type InChunk, type RollMember, type RollTimes, type Signer, accreditInBulk } from './roll.js';

export const CANDIDATES = 5;
export const MAX_SELECTIONS = 2;
/** Sessions outlive the longest run (a 100,000-ballot election). */
export const SESSION_SECONDS = 12 * 3600;

/** A throwaway database for one run, and how to remove it. */
export interface BenchDatabase {
  readonly kind: 'postgres' | 'pglite';
  /** What the server process is given: `DATABASE_URL`, or `DATA_DIR` for PGlite, and the `ANFORA_SECRET_KEY` both sides seal with. */
  readonly env: Record<string, string>;
  readonly target: DatabaseTarget;
  drop(): Promise<void>;
}

/** A URL with another database name. */
function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new empty database: on PostgreSQL `anfora_bench_<random>` next to `adminUrl`'s, on PGlite a temporary directory. */
export async function createBenchDatabase(kind: 'postgres' | 'pglite', adminUrl: string): Promise<BenchDatabase> {
  if (kind === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'anfora-bench-'));
    return { kind, env: { DATA_DIR: dir, ANFORA_SECRET_KEY: randomBytes(32).toString('hex') }, target: { dataDir: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `anfora_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Kysely<never>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: adminUrl, max: 1 }) }) });
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin);
  const url = withDatabase(adminUrl, name);
  return {
    kind, env: { DATABASE_URL: url, ANFORA_SECRET_KEY: randomBytes(32).toString('hex') }, target: { url },
    drop: async () => {
      // The server's pool may still be closing its connections: retry a little, then force.
      for (let attempt = 0; ; attempt++) {
        try {
          await sql`DROP DATABASE IF EXISTS ${sql.id(name)}${attempt > 10 ? sql` WITH (FORCE)` : sql``}`.execute(admin);
          break;
        } catch (e) {
          if (attempt > 20) throw e;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      await admin.destroy();
    },
  };
}

/** An election open for voting, and the credentials the benchmark needs to drive it. */
export interface BenchElection {
  readonly electionId: string;
  readonly contestId: string;
  /** Committee members' access tokens (government, civil society, international cooperation). */
  readonly members: readonly string[];
  /** Their Ed25519 signing keys (secret seeds), in the same order: every decision is signed. */
  readonly memberKeys: readonly Uint8Array[];
  /** The trustees' secrets, by index 1..3, as their key files would hold them. */
  readonly trustees: TrusteeSecrets[];
  /** The accredited associations in roll order: id, access token and signing key. */
  readonly associations: readonly RollMember[];
  /** The contest's two issuers (members 0 and 1, two sectors): what `npm run issuer -- serve` needs. */
  readonly issuers: readonly { memberId: string; email: string; password: string; key: IssuanceKeyPair }[];
  /** The roll's time, ms: in all, and each of its two lanes (./roll.ts; they overlap). */
  readonly roll: { readonly ms: number } & RollTimes;
  /** Setup time, ms. */
  readonly setupMs: number;
}

const COMMITTEE = [
  { fullName: 'Rosa Quispe', sector: 'government', organisation: 'Ministerio de Salud', role: 'chair' },
  { fullName: 'Carlos Huamán', sector: 'civil_society', organisation: 'Red Peruana de PVVS', role: 'vice_chair' },
  { fullName: 'Ana Torres', sector: 'international_cooperation', organisation: 'Agencia de Cooperación', role: 'member' },
] as const;

/**
 * Build the election in `database` up to `voting` with `ballots` associations on the roll.
 * `jwtSecret` must be the one the server process will use, so that the tokens issued here
 * are accepted there.
 */
export async function buildVotingElection(database: BenchDatabase, jwtSecret: string, ballots: number): Promise<BenchElection> {
  const started = performance.now();
  const db = openDatabase(database.target);
  await migrateToLatest(db);
  // Sealed with the key the server process is given, so that it opens what is stored here.
  const box = new SecretBox(Uint8Array.from(Buffer.from(database.env.ANFORA_SECRET_KEY!, 'hex')));
  const store = createStore(db, box);
  const inChunk: InChunk = (work) => db.transaction().execute((trx) => {
    const repos = bindRepos(trx, box);
    return work({ read: repos, transaction: (w) => w(repos) });
  });
  const adminEmail = 'admin@bench.test';
  const adminPassword = randomBytes(18).toString('base64url');
  await ensureBootstrapAdmin(store, adminEmail, adminPassword);
  const app = await buildApp({ store, jwtSecret, accessTokenSeconds: SESSION_SECONDS, loginRateLimit: 10_000, bodyLimit: 1 << 20 });
  try {
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    const pub = new ApiClient({ baseUrl });
    const admin = await pub.login(adminEmail, adminPassword);
    const election = await admin.post('/elections', {
      title: `Banco de pruebas: ${ballots} papeletas`,
      // The bench measures issuance and casting as they interleave while voting: no token window.
      rules: { tokenWindow: false },
      contests: [{ constituency: 'plwha', title: 'Personas que viven con VIH', seats: MAX_SELECTIONS, alternates: MAX_SELECTIONS, maxSelections: MAX_SELECTIONS }],
    }) as { id: string; contests: { id: string }[] };
    const electionId = election.id;
    const contestId = election.contests[0]!.id;
    // Each member activates the invitation the administrator's appointment issued, with a
    // password and a signing key of their own, over HTTP with the client library.
    const members: ApiClient[] = [];
    const signers: Signer[] = [];
    const passwords: string[] = [];
    for (const [i, m] of COMMITTEE.entries()) {
      const r = await admin.post(`/elections/${electionId}/committee`, { ...m, accountEmail: `comite-${i + 1}@bench.test` }) as { id: string; invitation: { code: string } };
      passwords.push(randomBytes(15).toString('base64url'));
      const account = await activateAccount(pub, r.invitation.code, passwords[i]!);
      members.push(pub.withToken(account.accessToken!));
      signers.push({ actor: { accountId: account.accountId, role: 'committee', associationId: null, committeeMemberId: r.id }, secretKey: account.secretKey });
    }
    /** A decision: proposed by one member, approved by a member of another sector, each signing its statement. */
    const decide = async (body: DecisionInput, proposer = 0, approver = 1) => {
      const p = await proposeSigned(members[proposer]!, electionId, body, signers[proposer]!.secretKey);
      const a = await voteSigned(members[approver]!, electionId, p.proposal!, 'approve', signers[approver]!.secretKey);
      if (a.status !== 'executed') throw new Error(`${body.kind}: not executed (${a.status})`);
    };
    await decide({ kind: 'phase_change', to: 'accreditation' });
    const rollTimes: RollTimes = { accountsMs: 0, decisionsMs: 0 };
    const rollStarted = performance.now();
    const associations = await accreditInBulk(
      db, inChunk, electionId, contestId, ballots, signers[0]!, signers[1]!, (actor, generation) => app.issueAccessToken(actor, generation),
      (done) => { if (done % 500 === 0 || done === ballots) process.stderr.write(`\r  padrón / roll: ${done}/${ballots}`); }, rollTimes,
    );
    const roll = { ms: performance.now() - rollStarted, ...rollTimes };
    process.stderr.write('\n');
    await decide({ kind: 'phase_change', to: 'nominations' });
    for (let k = 0; k < CANDIDATES; k++) {
      const nominator = new ApiClient({ baseUrl, token: associations[k % associations.length]!.token });
      const c = await nominator.post(`/elections/${electionId}/candidates`, {
        contestId, fullName: `Candidatura ${k + 1}`, employer: 'Asociación de base', implementsGlobalFund: false,
      }) as { id: string };
      await decide({ kind: 'candidate_eligibility', candidateId: c.id, eligible: true }, 0, 2);
    }
    await decide({ kind: 'phase_change', to: 'key_ceremony' });
    const kept = new Map<number, TrusteeSecrets>();
    const persist = (i: number) => async (s: TrusteeSecrets) => { kept.set(i, s); };
    const must = (what: string, r: { ok: boolean }) => { if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r)}`); };
    for (const [i, m] of members.entries()) must('trustee key', await createKey(m, electionId, signers[i]!.secretKey, persist(i)));
    for (const [i, m] of members.entries()) must('dealing', await deal(m, electionId, kept.get(i)!, persist(i)));
    for (const [i, m] of members.entries()) must('verification', await verifyDealings(m, electionId, kept.get(i)!, persist(i)));
    // The opening needs the contest's issuers: two members of two sectors register keys of their own.
    const issuers = [0, 1].map((i) => ({ memberId: signers[i]!.actor.committeeMemberId!, email: `comite-${i + 1}@bench.test`, password: passwords[i]!, key: generateIssuanceKey() }));
    for (const [i, x] of issuers.entries()) await registerIssuer(members[i]!, electionId, contestId, x.memberId, x.key, signers[i]!.secretKey);
    await decide({ kind: 'phase_change', to: 'voting' }, 0, 2);
    return {
      electionId, contestId, members: members.map((m) => m.token!), memberKeys: signers.map((s) => s.secretKey),
      trustees: [...kept.values()].sort((a, b) => a.index - b.index), associations, issuers, roll, setupMs: performance.now() - started,
    };
  } finally {
    await app.close();
    await db.destroy();
  }
}
