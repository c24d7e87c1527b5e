/**
 * The model case set up through the API: the committee of the Peruvian election
 * (Ministry of Health, a civil-society network, an international agency) and fictional
 * associations from across Peru's regions.
 */
import { expect } from 'vitest';
import { REGIONS } from '../../src/domain/reference.js';
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
], emailTag = '', rules?: Record<string, unknown>): Promise<ModelElection> {
  const committee = COMMITTEE.map((c) => ({ ...c, accountEmail: emailTag ? c.accountEmail.replace('@', `+${emailTag}@`) : c.accountEmail }));
  const adminToken = await t.login(ADMIN.email, ADMIN.password);
  const r = await t.call('POST', '/elections', { token: adminToken, body: { title: 'Elección CONAMUSA 2026', contests, ...(rules && { rules }) } });
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

/** Propose as one member and approve as another of a different sector; expects execution. */
export async function decide(t: TestApp, m: ModelElection, body: Record<string, unknown>, proposer = 0, approver = 1): Promise<void> {
  const p = await t.call('POST', `/elections/${m.electionId}/proposals`, { token: m.members[proposer], body });
  expect(p.statusCode, p.body).toBe(202);
  const a = await t.call('POST', `/proposals/${p.json().proposal.id}/approvals`, { token: m.members[approver] });
  expect(a.statusCode, a.body).toBe(200);
  expect(a.json().status).toBe('executed');
}

export async function movePhase(t: TestApp, m: ModelElection, to: string, member = 0): Promise<void> {
  const r = await t.call('POST', `/elections/${m.electionId}/phase`, { token: m.members[member], body: { to } });
  expect(r.statusCode, r.body).toBe(200);
}
