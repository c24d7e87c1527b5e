/**
 * Setting up an election that is ready to vote, for the voting tests. Associations for
 * large rolls are written straight to the database (registration and accreditation have
 * their own tests); everything from the key ceremony on goes through the API.
 */
import { expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { fromHex, pointFromHex, toHex } from '../../src/crypto/group.js';
import {
  combineSecretShare, createDealing, createTrusteeKey, dealingFromJSON, dealingToJSON, receiveShare, trusteePublicKeyFromJSON,
  trusteePublicKeyToJSON,
} from '../../src/crypto/key-ceremony.js';
import { REGIONS } from '../../src/domain/reference.js';
import { previewStatement, propose, vote } from '../../src/domain/proposals.service.js';
import { parseRules } from '../../src/domain/rules.js';
import { signDecision } from '../../src/record/statements.js';
import { signTrusteeKey } from '../../src/record/trustee-key-statement.js';
import { issuerRegistration } from '../../src/client/issuer.js';
import { issuanceKeyFromPkcs8, type IssuanceKeyPair } from '../../src/crypto/token-issuer.js';
import issuerKeysFixture from './issuer-keys.json' with { type: 'json' };
import { activateInBulk, type TestAccount } from './accounts.js';
import type { TestApp } from './app.js';
import { createModelElection, decide, movePhase, proposeAs, voteAs, type ModelElection } from './model-case.js';

export interface VotingElection extends ModelElection {
  /** Association ids and bearer tokens per constituency. */
  rolls: Record<string, RollEntry[]>;
  /** Candidate ids per constituency, in manifest order. */
  candidates: Record<string, string[]>;
  /** Each trustee's secret share, by index 1..n (test-side only: the server never sees them). */
  trusteeShares: bigint[];
}

/** The password every association of a bulk roll chose at activation (tests sign in with it). */
export const BULK_PASSWORD = 'clave-de-la-asociacion-2026';

/** An association of a roll: its id, an access token, and its activated account. */
export interface RollEntry {
  id: string;
  token: string;
  account: TestAccount;
}

/**
 * Write `n` associations of a contest and their applications straight to the database,
 * each with an account activated from its invitation by its owner (own password and
 * signing key); then the committee accredits each by a decision signed by members of two
 * sectors (through the services, without HTTP), so that the roll is on the board.
 */
async function accreditInBulk(t: TestApp, m: ModelElection, constituency: string, n: number, regionOf?: RegionOf): Promise<RollEntry[]> {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(), legal_name: `Asociación ${constituency} ${i + 1}`, registration_number: `${constituency}-bulk-${i}-${randomUUID().slice(0, 8)}`,
    region: regionOf?.(constituency, i) ?? REGIONS[i % REGIONS.length]!, constituencies: [constituency], contact_name: `Contacto ${i}`, contact_email: `c${i}@bulk.test`,
  }));
  let applications: { id: string }[] = [];
  if (rows.length > 0) {
    await t.database.db.insertInto('associations').values(rows).execute();
    applications = await t.database.db.insertInto('applications').values(rows.map((r) => ({
      election_id: m.electionId, contest_id: m.contests[constituency]!, association_id: r.id, status: 'pending',
    }))).returning('id').execute();
  }
  const batch = randomUUID().slice(0, 8);
  const accounts = await activateInBulk(t, rows.map((r, i) => ({
    email: `${constituency}-${i}-${batch}@bulk.test`, role: 'association' as const, associationId: r.id, addressee: r.legal_name,
  })), BULK_PASSWORD);
  const actor = (i: number) => ({ accountId: m.memberAccounts[i]!.accountId, role: 'committee' as const, associationId: null, committeeMemberId: m.memberIds[i]! });
  for (const a of applications) {
    const input = { kind: 'accreditation_decision' as const, applicationId: a.id, decision: 'accredit' as const };
    const statement = await previewStatement(t.store, actor(0), m.electionId, input);
    const p = await propose(t.store, actor(0), m.electionId, input, signDecision(m.memberAccounts[0]!.signingSecretKey, statement, 'approve'));
    const done = await vote(t.store, actor(1), p.proposal!.id, 'approve', signDecision(m.memberAccounts[1]!.signingSecretKey, statement, 'approve'));
    expect(done.status).toBe('executed');
  }
  return rows.map((r, i) => ({ id: r.id, token: accounts[i]!.accessToken, account: accounts[i]! }));
}

/** The region of the `i`-th association of a constituency's roll (default: spread over Peru's regions). */
export type RegionOf = (constituency: string, i: number) => string | undefined;

/** Run the key ceremony through the API with the crypto core on the trustees' side. */
export async function runCeremony(t: TestApp, m: ModelElection): Promise<bigint[]> {
  const state = (await t.call('GET', `/elections/${m.electionId}/ceremony`)).json();
  const ctx = fromHex(state.context);
  const params = { n: state.n as number, t: state.t as number };
  const keys = m.members.map((_, i) => createTrusteeKey(ctx, i + 1));
  for (const [i, k] of keys.entries()) {
    const publicKey = trusteePublicKeyToJSON(k.publicKey);
    const signature = signTrusteeKey(m.memberAccounts[i]!.signingSecretKey, { electionId: m.electionId, memberId: m.memberIds[i]!, trustee: i + 1, publicKey });
    const r = await t.call('POST', `/elections/${m.electionId}/ceremony/keys`, { token: m.members[i], body: { publicKey, signature } });
    expect(r.statusCode, r.body).toBe(201);
  }
  const published = (await t.call('GET', `/elections/${m.electionId}/ceremony`)).json().trustees.map((x: { publicKey: never }) => trusteePublicKeyFromJSON(x.publicKey));
  const own: bigint[] = [];
  for (const [i] of keys.entries()) {
    const d = createDealing(ctx, params, i + 1, published);
    own.push(d.ownShare);
    const r = await t.call('POST', `/elections/${m.electionId}/ceremony/dealings`, { token: m.members[i], body: { dealing: dealingToJSON(d.dealing) } });
    expect(r.statusCode, r.body).toBe(201);
  }
  const dealings = (await t.call('GET', `/elections/${m.electionId}/ceremony`)).json().dealings.map((d: never) => dealingFromJSON(d));
  const shares: bigint[] = [];
  for (const [i, k] of keys.entries()) {
    const received = [{ dealer: i + 1, share: own[i]! }];
    for (const d of dealings.filter((x: { dealer: number }) => x.dealer !== i + 1)) {
      const got = receiveShare(ctx, params, i + 1, k.secret, d);
      expect(got.ok).toBe(true);
      if (got.ok) received.push({ dealer: d.dealer, share: got.share });
    }
    shares.push(combineSecretShare(received));
    const r = await t.call('POST', `/elections/${m.electionId}/ceremony/verifications`, { token: m.members[i], body: { complaints: [] } });
    expect(r.statusCode, r.body).toBe(201);
  }
  const done = (await t.call('GET', `/elections/${m.electionId}/ceremony`)).json();
  expect(done.jointPublicKey).toBeTypeOf('string');
  pointFromHex(done.jointPublicKey);
  return shares;
}

// RSA-3072 keys take seconds each to generate on a loaded machine: the tests share fixed
// ones. An issuing key serves one contest only (the contest is inside the blinded message,
// which the issuer cannot see), so each test issuer holds one key per contest.
let testIssuerKeys: IssuanceKeyPair[] | undefined;
function fixtureKeys(): IssuanceKeyPair[] {
  testIssuerKeys ??= issuerKeysFixture.pkcs8.map((h) => issuanceKeyFromPkcs8(Uint8Array.from(Buffer.from(h, 'hex'))));
  return testIssuerKeys;
}
/** The first-contest issuing keys of the test issuers: members 0 (government) and 1 (civil society). */
export function testIssuerKeys2(): IssuanceKeyPair[] {
  return fixtureKeys().slice(0, 2);
}
/** Test issuer `j`'s (0 or 1) issuing key for the `c`-th contest: fixture key 2c + j. */
export function testIssuerKey(j: number, c: number): IssuanceKeyPair {
  const key = fixtureKeys()[2 * c + j];
  if (key === undefined || j > 1) throw new RangeError(`no fixed test issuing key for issuer ${j} of contest ${c}`);
  return key;
}
/** Test issuer `j`'s issuing key per contest of `m`, the contests taken by ascending id. */
export function testIssuerKeysOf(m: { readonly contests: Record<string, string> }, j: number): Map<string, IssuanceKeyPair> {
  return new Map(Object.values(m.contests).sort().map((c, i) => [c, testIssuerKey(j, i)]));
}

/** Members 0 and 1 (two sectors) register their issuing keys, one per contest, through the API. */
export async function registerTestIssuers(t: TestApp, m: ModelElection, members: readonly number[] = [0, 1]): Promise<void> {
  for (const [j, i] of members.entries()) {
    for (const [contestId, key] of testIssuerKeysOf(m, j)) {
      const body = issuerRegistration(m.electionId, contestId, m.memberIds[i]!, key, m.memberAccounts[i]!.signingSecretKey);
      const r = await t.call('POST', `/elections/${m.electionId}/issuers`, { token: m.members[i], body });
      expect(r.statusCode, r.body).toBe(201);
    }
  }
}

/** The committee's multi-sector acknowledgement of a contest roll below the election's `minRollSize`. */
export async function acknowledgeSmallRoll(t: TestApp, m: ModelElection, constituency: string, reason = 'Padrón pequeño: el comité asume el riesgo para el secreto del voto'): Promise<void> {
  await decide(t, m, { kind: 'small_roll_acknowledgement', contestId: m.contests[constituency], reason });
}

/**
 * An election with the model committee, a PLWHA contest (2 seats) and a TB contest
 * (1 seat), `sizes` accredited associations in each, eligible candidates, the key
 * ceremony done (by `ceremony`, returning each trustee's secret share by index), and
 * voting not yet open (phase `key_ceremony`).
 */
export async function prepareVotingElection(
  t: TestApp, sizes: { plwha: number; tb: number }, tag = 'v',
  ceremony: (t: TestApp, m: ModelElection) => Promise<bigint[]> = runCeremony, regionOf?: RegionOf,
  opts: VotingOptions = {},
): Promise<VotingElection> {
  const m = await createModelElection(t, undefined, tag, { tokenWindow: opts.tokenWindow ?? false });
  await movePhase(t, m, 'accreditation');
  const rolls = { plwha: await accreditInBulk(t, m, 'plwha', sizes.plwha, regionOf), tb: await accreditInBulk(t, m, 'tb', sizes.tb, regionOf) };
  await movePhase(t, m, 'nominations');
  const candidates: Record<string, string[]> = { plwha: [], tb: [] };
  const names = { plwha: ['María Condori', 'José Mamani', 'Lucía Ramos', 'Rosa Huanca'], tb: ['Pedro Salazar', 'Elena Quispe'] };
  for (const c of ['plwha', 'tb'] as const) {
    for (const [i, fullName] of names[c].entries()) {
      const nominator = rolls[c][i % rolls[c].length]!;
      const r = await t.call('POST', `/elections/${m.electionId}/candidates`, { token: nominator.token, body: { contestId: m.contests[c], fullName, employer: 'Base', implementsGlobalFund: false } });
      expect(r.statusCode, r.body).toBe(201);
      candidates[c]!.push(r.json().id);
      await decide(t, m, { kind: 'candidate_eligibility', candidateId: r.json().id, eligible: true });
    }
  }
  await movePhase(t, m, 'key_ceremony');
  const trusteeShares = await ceremony(t, m);
  if (opts.issuers ?? true) await registerTestIssuers(t, m);
  return { ...m, rolls, candidates, trusteeShares };
}

/**
 * Options of the voting elections. `tokenWindow` (default false here, so that the tests
 * which obtain a token and cast it at once keep doing so): with it, the election opens
 * into the token window (`tokens`), and casting opens by a second decision
 * ({@link openCasting}).
 */
export interface VotingOptions {
  readonly tokenWindow?: boolean;
  /** Register two members of different sectors as the contests' issuers (default true). */
  readonly issuers?: boolean;
}

/**
 * {@link prepareVotingElection}, then the election open: voting, or the token window with
 * `opts.tokenWindow`. A contest with fewer associations than the default `minRollSize`
 * gets the committee's acknowledgement first.
 */
export async function openVotingElection(
  t: TestApp, sizes: { plwha: number; tb: number }, tag = 'v',
  ceremony: (t: TestApp, m: ModelElection) => Promise<bigint[]> = runCeremony, opts: VotingOptions = {},
): Promise<VotingElection> {
  const v = await prepareVotingElection(t, sizes, tag, ceremony, undefined, opts);
  for (const c of ['plwha', 'tb'] as const) {
    if (sizes[c] < parseRules({}).minRollSize) await acknowledgeSmallRoll(t, v, c);
  }
  const open = await proposeAs(t, v, 0, { kind: 'phase_change', to: opts.tokenWindow ? 'tokens' : 'voting' });
  expect(open.statusCode, open.body).toBe(202);
  const ok = await voteAs(t, v, 2, open.json().proposal);
  expect(ok.statusCode, ok.body).toBe(200);
  return v;
}

/** The token window closes and casting opens: a decision of two sectors. */
export async function openCasting(t: TestApp, v: ModelElection): Promise<void> {
  await movePhase(t, v, 'voting');
}
