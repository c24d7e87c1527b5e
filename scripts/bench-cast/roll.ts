/**
 * A large roll for the benchmarks, built as test/helpers/voting.ts builds one: the
 * associations and their applications written in bulk, each with an account issued as an
 * invitation and activated by its owner with a signing key generated here (proof of
 * possession checked by the service), then each application accredited by a decision of
 * two committee members of different sectors, each signing its statement with their own
 * key. Through the services, without HTTP: 100,000 associations over HTTP would take hours
 * and are not what the benchmarks measure; the rules applied are the service's own, so the
 * roll on the board is what a real election's would be. It costs ≈ 60 ms an association
 * on a loaded 2-core machine (activation ≈ 20, the signed decision ≈ 35), so a
 * 100,000-association roll takes more than an hour to build; none of it is timed.
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

const CHUNK = 2000;

/**
 * Put `n` associations on the roll of `contestId` (election in phase `accreditation`),
 * accredited by `proposer` and `approver` (two sectors). `issue` signs an access token
 * for an activated account (the app's, so that the server process accepts it).
 */
export async function accreditInBulk(
  db: Kysely<Database>, store: Store, electionId: string, contestId: string, n: number,
  proposer: Signer, approver: Signer, issue: (actor: Actor, sessionGeneration: number) => string,
  progress: (done: number) => void = () => {},
): Promise<RollMember[]> {
  const out: RollMember[] = [];
  const batch = randomBytes(4).toString('hex');
  for (let from = 0; from < n; from += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, n - from) }, (_, k) => {
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
    for (const [k, row] of rows.entries()) {
      const issued = await store.transaction(async (r) => {
        const account = await r.accounts.insert({ email: `a${from + k}-${batch}@bench.test`, role: 'association', associationId: row.id });
        return issueInvitation(r, account, row.legal_name, { reason: 'created', createdBy: null, proposalId: null, seconds: 3600 });
      });
      // The owner's side: a key of their own and its proof of possession for this account.
      const keys = generateBallotKeys();
      const { signingKey, proof } = proveAccountKey(keys.secretKey, issued.account.id);
      const account = await activateAccount(store, { code: issued.code, password: randomBytes(15).toString('base64url'), signingKey, proof }, BENCH_PASSWORD_COST);
      const input = { kind: 'accreditation_decision' as const, applicationId: applicationOf.get(row.id)!, decision: 'accredit' as const };
      const statement = await previewStatement(store, proposer.actor, electionId, input);
      const p = await propose(store, proposer.actor, electionId, input, signDecision(proposer.secretKey, statement, 'approve'));
      const done = await vote(store, approver.actor, p.proposal!.id, 'approve', signDecision(approver.secretKey, statement, 'approve'));
      if (done.status !== 'executed') throw new Error(`accreditation of ${row.id}: ${done.status}`);
      out.push({
        id: row.id, secretKey: keys.secretKey, signingKey,
        token: issue({ accountId: account.id, role: 'association', associationId: row.id, committeeMemberId: null }, account.sessionGeneration),
      });
      progress(out.length);
    }
  }
  return out;
}
