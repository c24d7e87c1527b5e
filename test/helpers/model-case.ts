/**
 * The model case set up through the API: the committee of the Peruvian election
 * (Ministry of Health, a civil-society network, an international agency) and fictional
 * associations from across Peru's regions.
 */
import { expect } from 'vitest';
import { REGIONS } from '../../src/domain/reference.js';
import { type Statement, type Vote, signDecision } from '../../src/record/statements.js';
import { activateInvitation, type TestAccount } from './accounts.js';
import { ADMIN, type TestApp } from './app.js';

/** The committee; `accountPassword` is what each member chooses when activating their invitation. */
export const COMMITTEE = [
  { fullName: 'Rosa Quispe', sector: 'government', organisation: 'Ministerio de Salud', role: 'chair', accountEmail: 'rquispe@minsa.test', accountPassword: 'comite-minsa-2026' },
  { fullName: 'Carlos Huamán', sector: 'civil_society', organisation: 'Red Peruana de PVVS', role: 'vice_chair', accountEmail: 'chuaman@red.test', accountPassword: 'comite-red-2026' },
  { fullName: 'Ana Torres', sector: 'international_cooperation', organisation: 'Agencia de Cooperación', role: 'member', accountEmail: 'atorres@coop.test', accountPassword: 'comite-coop-2026' },
] as const;

export interface ModelElection {
  adminToken: string;
  electionId: string;
  contests: Record<string, string>;
  /** Committee tokens in COMMITTEE order: government, civil society, international cooperation. */
  members: string[];
  memberIds: string[];
  /** The members' activated accounts (their keys), in COMMITTEE order. */
  memberAccounts: TestAccount[];
}

export async function createModelElection(t: TestApp, contests = [
  { constituency: 'plwha', title: 'Personas que viven con VIH', seats: 2 },
  { constituency: 'tb', title: 'Personas afectadas por TB', seats: 1 },
], emailTag = '', rules?: Record<string, unknown>, timeline?: Record<string, string>,
constituencies?: readonly { code: string; nameEs: string; nameEn: string }[]): Promise<ModelElection> {
  const committee = COMMITTEE.map((c) => ({ ...c, accountEmail: emailTag ? c.accountEmail.replace('@', `+${emailTag}@`) : c.accountEmail }));
  const adminToken = await t.login(ADMIN.email, ADMIN.password);
  const r = await t.call('POST', '/elections', { token: adminToken, body: { title: 'Elección CONAMUSA 2026', contests, ...(rules && { rules }), ...(timeline && { timeline }), ...(constituencies && { constituencies }) } });
  expect(r.statusCode, r.body).toBe(201);
  const election = r.json();
  const memberIds: string[] = [];
  const memberAccounts: TestAccount[] = [];
  for (const { accountPassword, ...m } of committee) {
    const res = await t.call('POST', `/elections/${election.id}/committee`, { token: adminToken, body: m });
    expect(res.statusCode, res.body).toBe(201);
    memberIds.push(res.json().id);
    memberAccounts.push(await activateInvitation(t, res.json().invitation.code, accountPassword));
  }
  const members = await Promise.all(memberAccounts.map((a) => a.token()));
  return {
    adminToken, electionId: election.id, members, memberIds, memberAccounts,
    contests: Object.fromEntries(election.contests.map((c: { constituency: string; id: string }) => [c.constituency, c.id])),
  };
}

export interface RegisteredAssociation {
  id: string;
  token: string;
  email: string;
  /** The association's activated account (its password and signing key). */
  account: TestAccount;
}

/** Register `n` fictional associations of a constituency, spread over the regions. */
export async function registerAssociations(t: TestApp, adminToken: string, n: number, constituency: string, prefix = constituency): Promise<RegisteredAssociation[]> {
  const out: RegisteredAssociation[] = [];
  for (let i = 0; i < n; i++) {
    const email = `${prefix}-${i}@asociaciones.test`;
    const r = await t.call('POST', '/associations', {
      token: adminToken,
      body: {
        legalName: `Asociación ${prefix.toUpperCase()} Esperanza ${i + 1}`, registrationNumber: `${prefix}-${1000 + i}`,
        region: REGIONS[i % REGIONS.length], constituencies: [constituency], contactName: `Contacto ${i + 1}`,
        contactEmail: `contacto-${prefix}-${i}@asociaciones.test`, accountEmail: email,
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const account = await activateInvitation(t, r.json().invitation.code, `clave-segura-${prefix}-${i}`);
    out.push({ id: r.json().id, email, token: await account.token(), account });
  }
  return out;
}

/** The statement member `i` signs to propose `body` (the server builds it; nothing changes). */
export async function statementOf(t: TestApp, m: ModelElection, i: number, body: Record<string, unknown>): Promise<Statement> {
  const r = await t.call('POST', `/elections/${m.electionId}/statements`, { token: m.members[i], body });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().statement as Statement;
}

/**
 * Propose `body` in election `electionId` as the member signed in with `token`, signed
 * with `secretKey` (a phase change goes to `/phase`); returns the response — or the
 * statement's refusal, which is the proposal's (the same validation runs first in both).
 */
export async function proposeWith(t: TestApp, electionId: string, token: string, secretKey: Uint8Array, body: Record<string, unknown>, headers?: Record<string, string>) {
  const preview = await t.call('POST', `/elections/${electionId}/statements`, { token, body, ...(headers && { headers }) });
  if (preview.statusCode !== 200) return preview;
  const signature = signDecision(secretKey, preview.json().statement as Statement, 'approve');
  return body.kind === 'phase_change'
    ? t.call('POST', `/elections/${electionId}/phase`, { token, body: { to: body.to, signature }, ...(headers && { headers }) })
    : t.call('POST', `/elections/${electionId}/proposals`, { token, body: { ...body, signature }, ...(headers && { headers }) });
}

/** Member `i` of `m` proposes `body`, signed with their own key ({@link proposeWith}). */
export function proposeAs(t: TestApp, m: ModelElection, i: number, body: Record<string, unknown>) {
  return proposeWith(t, m.electionId, m.members[i]!, m.memberAccounts[i]!.signingSecretKey, body);
}

/** The member signed in with `token` signs `vote` on `proposal` with `secretKey`. */
export function voteWith(t: TestApp, token: string, secretKey: Uint8Array, proposal: { id: string; statement: unknown }, vote: Vote = 'approve') {
  const signature = signDecision(secretKey, proposal.statement as Statement, vote);
  return t.call('POST', `/proposals/${proposal.id}/${VOTE_PATH[vote]}`, { token, body: { signature } });
}

const VOTE_PATH = { approve: 'approvals', against: 'against', withdraw: 'withdrawal' } as const;

/** Member `i` signs `vote` on `proposal` (as the API returned it); returns the response. */
export function voteAs(t: TestApp, m: ModelElection, i: number, proposal: { id: string; statement: unknown }, vote: Vote = 'approve') {
  return voteWith(t, m.members[i]!, m.memberAccounts[i]!.signingSecretKey, proposal, vote);
}

/** Member `i` signs `vote` on the proposal with this id (its statement read from the proposals list). */
export async function voteOnId(t: TestApp, m: ModelElection, i: number, proposalId: string, vote: Vote = 'approve') {
  const list = (await t.call('GET', `/elections/${m.electionId}/proposals`, { token: m.members[i] })).json() as { id: string; statement: unknown }[];
  const p = Array.isArray(list) ? list.find((x) => x.id === proposalId) : undefined;
  if (p?.statement == null) return t.call('POST', `/proposals/${proposalId}/${VOTE_PATH[vote]}`, { token: m.members[i], body: { signature: '00'.repeat(64) } });
  return voteAs(t, m, i, p, vote);
}

/** Propose as one member and approve as another of a different sector, both signed; expects execution. */
export async function decide(t: TestApp, m: ModelElection, body: Record<string, unknown>, proposer = 0, approver = 1): Promise<void> {
  const p = await proposeAs(t, m, proposer, body);
  expect(p.statusCode, p.body).toBe(202);
  const a = await voteAs(t, m, approver, p.json().proposal);
  expect(a.statusCode, a.body).toBe(200);
  expect(a.json().status).toBe('executed');
}

/** Every phase change is a two-sector decision: proposed by `member`, approved by the next member (another sector). */
export async function movePhase(t: TestApp, m: ModelElection, to: string, member = 0): Promise<void> {
  await decide(t, m, { kind: 'phase_change', to }, member, (member + 1) % m.members.length);
}
