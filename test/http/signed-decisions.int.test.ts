/**
 * Committee decisions signed by their members (issue 11), over the API: the statement a
 * proposal carries, signatures checked against the member's registered key before
 * anything changes (malformed, another key, another election's statement, another vote),
 * recusal of a member whose organisation is the subject, opposite proposals pending side
 * by side, votes against and withdrawal, and the board: the committee event first, each
 * executed decision with signatures anyone can check.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkChain } from '../../src/record/board.js';
import { type Statement, signDecision, verifyDecision } from '../../src/record/statements.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  COMMITTEE, createModelElection, movePhase, proposeAs, registerAssociations, statementOf, voteAs, type ModelElection, type RegisteredAssociation,
} from '../helpers/model-case.js';

let t: TestApp;
let m: ModelElection;
let assoc: RegisteredAssociation[];
/** An association whose legal name is member 1's organisation: member 1 must recuse. */
let own: RegisteredAssociation;
const applications: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  m = await createModelElection(t, undefined, 'signed');
  assoc = await registerAssociations(t, m.adminToken, 4, 'plwha', 'sig');
  const r = await t.call('POST', '/associations', {
    token: m.adminToken,
    body: {
      legalName: COMMITTEE[1].organisation, registrationNumber: 'red-1', region: 'lima_metropolitana', constituencies: ['plwha'],
      contactName: 'Contacto', contactEmail: 'red@asociaciones.test', accountEmail: 'red@asociaciones.test',
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  own = (await registerAssociationsFrom(r.json()))!;
  await movePhase(t, m, 'accreditation');
  for (const a of [...assoc, own]) {
    const x = await t.call('POST', `/elections/${m.electionId}/applications`, { token: a.token, body: { contestId: m.contests.plwha } });
    expect(x.statusCode, x.body).toBe(201);
    applications.push(x.json().id);
  }
}, 120_000);
afterAll(async () => t?.close());

async function registerAssociationsFrom(created: { id: string; invitation: { code: string } }): Promise<RegisteredAssociation> {
  const { activateInvitation } = await import('../helpers/accounts.js');
  const account = await activateInvitation(t, created.invitation.code, 'clave-segura-red-2026');
  return { id: created.id, email: account.email, token: await account.token(), account };
}

const board = async () => (await t.call('GET', `/elections/${m.electionId}/board?from=0&limit=500`)).json();
const proposals = async () => (await t.call('GET', `/elections/${m.electionId}/proposals`, { token: m.members[0] })).json();
const accredit = (i: number) => ({ kind: 'accreditation_decision', applicationId: applications[i], decision: 'accredit' });

describe('the statement', () => {
  it('names the election, the application, and the association as the roll will: name, region, registered key', async () => {
    const s = await statementOf(t, m, 0, accredit(0)) as Statement & { kind: 'accreditation_decision' };
    expect(s).toMatchObject({
      kind: 'accreditation_decision', electionId: m.electionId, applicationId: applications[0], contestId: m.contests.plwha, constituency: 'plwha',
      decision: 'accredit', reason: null,
    });
    expect(s.association).toMatchObject({ associationId: assoc[0]!.id, publicKey: assoc[0]!.account.signingPublicKey });
    expect((await proposals()).filter((p: { kind: string }) => p.kind === 'accreditation_decision')).toEqual([]);
  });
});

describe('a signature that is not the member\'s over this statement changes nothing', () => {
  const post = (signature: string, member = 0) => t.call('POST', `/elections/${m.electionId}/proposals`, { token: m.members[member], body: { ...accredit(1), signature } });
  async function expectRefused(r: Awaited<ReturnType<typeof post>>, status: number, code: string) {
    expect(r.statusCode, r.body).toBe(status);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().code).toBe(code);
    expect(r.json().i18n.es.detail).toBeTypeOf('string');
    expect(r.json().i18n.en.detail).toBeTypeOf('string');
  }
  it('malformed, by another key, over another election\'s statement, or as another vote', async () => {
    const before = await board();
    const statement = await statementOf(t, m, 0, accredit(1));
    await expectRefused(await post('zz'), 400, 'signature_invalid');
    await expectRefused(await post(signDecision(ed25519.utils.randomSecretKey(), statement, 'approve')), 400, 'signature_invalid');
    await expectRefused(await post(signDecision(m.memberAccounts[0]!.signingSecretKey, { ...statement, electionId: '00000000-0000-4000-8000-000000000000' }, 'approve')), 400, 'signature_invalid');
    await expectRefused(await post(signDecision(m.memberAccounts[0]!.signingSecretKey, statement, 'against')), 400, 'signature_invalid');
    // Another member's signature, sent by this member.
    await expectRefused(await post(signDecision(m.memberAccounts[1]!.signingSecretKey, statement, 'approve')), 400, 'signature_invalid');
    const r = await post(signDecision(m.memberAccounts[0]!.signingSecretKey, statement, 'approve'));
    expect(r.statusCode, r.body).toBe(202);
    expect((await board()).head).toEqual(before.head);
  });

  it('a member whose organisation is the subject may neither propose nor approve (recusal)', async () => {
    const i = applications.length - 1;
    const refused = await proposeAs(t, m, 1, accredit(i));
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().code).toBe('recused');
    const p = await proposeAs(t, m, 0, accredit(i));
    expect(p.statusCode, p.body).toBe(202);
    const approval = await voteAs(t, m, 1, p.json().proposal);
    expect(approval.statusCode, approval.body).toBe(403);
    expect(approval.json().code).toBe('recused');
    const done = await voteAs(t, m, 2, p.json().proposal);
    expect(done.json().status).toBe('executed');
  });
});

describe('opposite proposals, votes against, withdrawal', () => {
  it('a pending proposal does not block the opposite one; the first executed wins', async () => {
    const yes = await proposeAs(t, m, 0, accredit(2));
    const no = await proposeAs(t, m, 1, { kind: 'accreditation_decision', applicationId: applications[2], decision: 'reject', reason: 'Documentos vencidos' });
    expect([yes.statusCode, no.statusCode]).toEqual([202, 202]);
    expect((await voteAs(t, m, 2, no.json().proposal)).json().status).toBe('executed');
    const late = await voteAs(t, m, 1, yes.json().proposal);
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().code).toBe('decision_not_allowed');
  });

  it('votes against from two sectors reject a proposal; only its proposer withdraws one', async () => {
    const p = await proposeAs(t, m, 0, accredit(3));
    expect((await voteAs(t, m, 1, p.json().proposal, 'against')).json().status).toBe('pending');
    const rejected = await voteAs(t, m, 2, p.json().proposal, 'against');
    expect(rejected.json().status).toBe('rejected');
    const again = await proposeAs(t, m, 1, accredit(3));
    expect(again.statusCode, again.body).toBe(202);
    expect((await voteAs(t, m, 0, again.json().proposal, 'withdraw')).statusCode).toBe(403);
    const w = await voteAs(t, m, 1, again.json().proposal, 'withdraw');
    expect(w.json().status).toBe('withdrawn');
    expect((await voteAs(t, m, 2, again.json().proposal)).json().code).toBe('proposal_closed');
  });
});

describe('the board', () => {
  it('opens with the committee and its keys; each executed decision carries signatures anyone can check', async () => {
    const b = await board();
    expect(checkChain(b.events).ok).toBe(true);
    expect(b.events[0].kind).toBe('committee');
    expect(b.events[0].payload.members.map((x: { publicKey: string }) => x.publicKey)).toEqual(m.memberAccounts.map((a) => a.signingPublicKey));
    expect(b.events[0].payload.rules).toMatchObject({ approvalSectors: 2, threshold: 2 });
    const decisions = b.events.filter((e: { kind: string }) => e.kind === 'decision');
    expect(decisions.map((d: { payload: { statement: { kind: string } } }) => d.payload.statement.kind)).toEqual([
      'phase_change', 'accreditation_decision', 'accreditation_decision',
    ]);
    for (const d of decisions) {
      for (const a of d.payload.approvals) expect(verifyDecision(a.publicKey, d.payload.statement, 'approve', a.signature)).toBe(true);
      expect(d.payload.approvals.length).toBeGreaterThanOrEqual(2);
    }
    // The pending, rejected and withdrawn proposals never executed: not on the board.
    expect(decisions.some((d: { payload: { statement: { applicationId?: string } } }) => d.payload.statement.applicationId === applications[1])).toBe(false);
    expect(decisions.some((d: { payload: { statement: { applicationId?: string } } }) => d.payload.statement.applicationId === applications[3])).toBe(false);
  });
});
