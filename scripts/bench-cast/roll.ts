/**
 * A large roll for the benchmarks, built as test/helpers/voting.ts builds one: the
 * associations and their applications written in bulk, each with an account issued as an
 * invitation and activated by its owner with a signing key generated here (proof of
 * possession checked by the service), then each application accredited by a decision of
 * two committee members of different sectors, each signing its statement with their own
 * key. Through the services, without HTTP: 100,000 associations over HTTP would take hours
 * and are not what the benchmarks measure; the rules applied are the service's own, so the
 * roll on the board is what a real election's would be. The service calls of a chunk of
 * associations share one transaction (no commit per call) and the decisions, which run
 * one at a time (each takes the election's lock), overlap the next chunk's accounts; none
 * of it is timed by the benchmark, which prints the roll's cost per association.
 * @module
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { generateBallotKeys } from '../../src/crypto/ballot-signature.js';
import type { Database } from '../../src/db/database.js';
import { activateAccount } from '../../src/domain/accounts.service.js';
import { issueInvitation } from '../../src/domain/invitations.js';
import type { Actor } from '../../src/domain/model.js';
import type { PasswordCost } from '../../src/domain/password.js';
import type { Store } from '../../src/domain/ports.js';
import { previewStatement, propose, vote } from '../../src/domain/proposals.service.js';
import { REGIONS } from '../../src/domain/reference.js';
import { proveAccountKey } from '../../src/record/account-key.js';
import { signDecision } from '../../src/record/statements.js';

/**
 * scrypt cost of the bench associations' passwords. Far below production's (N = 2^17, 128
 * MiB and ≈ 0.3 s a hash), which would add hours to a 100,000-association setup: these
 * accounts only ever use the access token issued below, never a sign-in, so the password's
 * cost does not enter anything measured. Production never lowers it.
 */
const BENCH_PASSWORD_COST: PasswordCost = Object.freeze({ N: 2 ** 10, r: 8, p: 1 });

/** A committee member as the decisions need it: who acts, and the key only they hold. */
export interface Signer {
  readonly actor: Actor;
  readonly secretKey: Uint8Array;
}

/** An accredited association of the roll: its id, an access token and its signing key. */
export interface RollMember {
  readonly id: string;
  readonly token: string;
  /** The Ed25519 secret seed, held only by the benchmark (the association's side). */
  readonly secretKey: Uint8Array;
  /** The registered public key, lower-case hex. */
  readonly signingKey: string;
}

/**
 * Associations per transaction. Each service call runs in the chunk's transaction (see
 * `InChunk`): the same queries and checks, without a commit (and its WAL flush) per call,
 * which is most of a lone association's cost on a busy machine.
 */
const CHUNK = 500;

/**
 * Run `work` in one database transaction, with a store whose every `transaction` (and
 * `read`) is that one: the service calls made with it commit together, or not at all.
 */
export type InChunk = <T>(work: (store: Store) => Promise<T>) => Promise<T>;

/** An association of a chunk: its account activated, its accreditation's statement signed by both members, not yet decided. */
interface Ready {
  readonly id: string;
  readonly applicationId: string;
  readonly accountId: string;
  readonly sessionGeneration: number;
  readonly secretKey: Uint8Array;
  readonly signingKey: string;
  readonly input: { readonly kind: 'accreditation_decision'; readonly applicationId: string; readonly decision: 'accredit' };
  readonly proposed: string;
  readonly approved: string;
}

/** Where the roll's time went, ms: its two lanes, each summed over its chunks (they overlap). */
export interface RollTimes {
  accountsMs: number;
  decisionsMs: number;
}

/**
 * Put `n` associations on the roll of `contestId` (election in phase `accreditation`),
 * accredited by `proposer` and `approver` (two sectors). `issue` signs an access token
 * for an activated account (the app's, so that the server process accepts it).
 *
 * First every association and its application (pending), written in bulk. Then chunk by
 * chunk, in two lanes of one transaction each: the accounts, each activated by its owner
 * with a key of its own, and the statements of their accreditations, previewed and
 * signed by both members; then the decisions, each proposed and approved with those
 * signatures. Every decision takes the election's lock, so the decisions run one at a
 * time; the next chunk's accounts and statements are prepared meanwhile.
 */
export async function accreditInBulk(
  db: Kysely<Database>, inChunk: InChunk, electionId: string, contestId: string, n: number,
  proposer: Signer, approver: Signer, issue: (actor: Actor, sessionGeneration: number) => string,
  progress: (done: number) => void = () => {}, times: RollTimes = { accountsMs: 0, decisionsMs: 0 },
): Promise<RollMember[]> {
  const batch = randomBytes(4).toString('hex');
  const applied: { id: string; applicationId: string; legalName: string }[] = [];
  for (let from = 0; from < n; from += INSERT_ROWS) {
    const rows = Array.from({ length: Math.min(INSERT_ROWS, n - from) }, (_, k) => {
      const i = from + k;
      return {
        id: randomUUID(), legal_name: `Asociación de prueba ${i + 1}`, registration_number: `bench-${i}-${batch}`,
        region: REGIONS[i % REGIONS.length]!, constituencies: ['plwha'], contact_name: `Contacto ${i + 1}`, contact_email: `c${i}@bench.test`,
      };
    });
    await db.insertInto('associations').values(rows).execute();
    const applications = await db.insertInto('applications').values(rows.map((r) => ({
      election_id: electionId, contest_id: contestId, association_id: r.id, status: 'pending',
    }))).returning(['id', 'association_id']).execute();
    const applicationOf = new Map(applications.map((a) => [a.association_id, a.id]));
    for (const r of rows) applied.push({ id: r.id, applicationId: applicationOf.get(r.id)!, legalName: r.legal_name });
  }
  const out: RollMember[] = [];
  let deciding: Promise<void> = Promise.resolve();
  for (let from = 0; from < n; from += CHUNK) {
    const t0 = performance.now();
    const ready = await prepareChunk(inChunk, electionId, applied.slice(from, from + CHUNK), from, batch, proposer, approver);
    times.accountsMs += performance.now() - t0;
    await deciding;
    deciding = decideChunk(inChunk, electionId, ready, proposer, approver, times).then(() => {
      for (const a of ready) {
        out.push({
          id: a.id, secretKey: a.secretKey, signingKey: a.signingKey,
          token: issue({ accountId: a.accountId, role: 'association', associationId: a.id, committeeMemberId: null }, a.sessionGeneration),
        });
      }
      progress(out.length);
    });
    // Awaited on the next turn or at the end; meanwhile a failure must not go unhandled.
    deciding.catch(() => {});
  }
  await deciding;
  return out;
}

/** Rows per bulk insert of associations and applications. */
const INSERT_ROWS = 2000;

/**
 * For each association of a chunk, in one transaction: its account, issued as an
 * invitation and activated by its owner with a key of its own; and the statement of its
 * accreditation, as the proposer previews it, signed by the proposer and the approver.
 */
async function prepareChunk(
  inChunk: InChunk, electionId: string, chunk: readonly { id: string; applicationId: string; legalName: string }[], from: number, batch: string,
  proposer: Signer, approver: Signer,
): Promise<Ready[]> {
  return inChunk(async (store) => {
    const out: Ready[] = [];
    for (const [k, a] of chunk.entries()) {
      const issued = await store.transaction(async (r) => {
        const account = await r.accounts.insert({ email: `a${from + k}-${batch}@bench.test`, role: 'association', associationId: a.id });
        return issueInvitation(r, account, a.legalName, { reason: 'created', createdBy: null, proposalId: null, seconds: 3600 });
      });
      // The owner's side: a key of their own and its proof of possession for this account.
      const keys = generateBallotKeys();
      const { signingKey, proof } = proveAccountKey(keys.secretKey, issued.account.id);
      const account = await activateAccount(store, { code: issued.code, password: randomBytes(15).toString('base64url'), signingKey, proof }, BENCH_PASSWORD_COST);
      const input = { kind: 'accreditation_decision' as const, applicationId: a.applicationId, decision: 'accredit' as const };
      const statement = await previewStatement(store, proposer.actor, electionId, input);
      out.push({
        id: a.id, applicationId: a.applicationId, accountId: account.id, sessionGeneration: account.sessionGeneration, secretKey: keys.secretKey, signingKey,
        input, proposed: signDecision(proposer.secretKey, statement, 'approve'), approved: signDecision(approver.secretKey, statement, 'approve'),
      });
    }
    return out;
  });
}

/** The accreditation of each of `ready`, in one transaction: proposed by `proposer`, approved by `approver`, with their signatures. */
async function decideChunk(inChunk: InChunk, electionId: string, ready: readonly Ready[], proposer: Signer, approver: Signer, times: RollTimes): Promise<void> {
  const t0 = performance.now();
  await inChunk(async (store) => {
    for (const a of ready) {
      const p = await propose(store, proposer.actor, electionId, a.input, a.proposed);
      const done = await vote(store, approver.actor, p.proposal!.id, 'approve', a.approved);
      if (done.status !== 'executed') throw new Error(`accreditation of ${a.id}: ${done.status}`);
    }
  });
  times.decisionsMs += performance.now() - t0;
}
