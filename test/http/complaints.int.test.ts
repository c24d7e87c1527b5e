/**
 * Complaints: filed only in the windows of the phase machine (roll: nominations and
 * key_ceremony; post_close: closed and tallied), by accredited associations of the
 * election, its committee members and auditors; each one and each answer on the board and
 * in the record; the complainant's identity only when chosen, never the account; an
 * answer takes two sectors; results are not published while a post-close complaint is
 * open (refused at proposal and at execution).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { decryptTally } from '../../src/client/trustee.js';
import type { TrusteeSecrets } from '../../src/crypto/trustee-keyfile.js';
import { checkChain, parsePayload } from '../../src/record/board.js';
import { createStaffAccount } from '../helpers/accounts.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { proposeAs, voteOnId } from '../helpers/model-case.js';
import { type CastOutcome, castWithClient, changePhaseWithClient, listen, runClientCeremony } from '../helpers/client-election.js';
import { registerAssociations } from '../helpers/model-case.js';
import { prepareVotingElection, type VotingElection } from '../helpers/voting.js';

let t: TestApp;
let v: VotingElection;
let baseUrl: string;
let secrets: TrusteeSecrets[] = [];
let auditor: string;
/** An accredited association's token with an account id we know, to look for it in what is published. */
let association: { id: string; accountId: string; token: string; legalName: string };
const complaintIds: Record<string, string> = {};
let cast: CastOutcome;

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listen(t);
  v = await prepareVotingElection(t, { plwha: 6, tb: 5 }, 'k', async (_t, m) => {
    secrets = await runClientCeremony(baseUrl, m);
    return secrets.map((s) => s.secretShare!);
  });
  auditor = await (await createStaffAccount(t, v.adminToken, 'observa@auditoria.test')).token();
  const a = v.rolls.plwha![0]!;
  association = { id: a.id, accountId: a.account.accountId, legalName: 'Asociación plwha 1', token: a.token };
});
afterAll(async () => t?.close());

const file = (token: string, body: Record<string, unknown>) => t.call('POST', `/elections/${v.electionId}/complaints`, { token, body });
const log = async () => (await t.call('GET', `/elections/${v.electionId}/complaints`)).json();
const board = async () => (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=500`)).json();
const phase = async () => (await t.call('GET', `/elections/${v.electionId}/phase`)).json();
const propose = (body: Record<string, unknown>, member = 0) => proposeAs(t, v, member, body);
const approve = (id: string, member: number) => voteOnId(t, v, member, id);
const answer = (complaintId: string, decision = 'dismissed', reasoning = 'Revisado el padrón, la acreditación se ajusta a las reglas.') =>
  ({ kind: 'complaint_answer', complaintId, decision, reasoning });

/** A complaint refused: the status and code, and neither the board nor the log changed. */
async function refusedUnchanged(token: string, body: Record<string, unknown>, status: number, code: string) {
  const [before, logBefore] = [(await board()).head, await log()];
  const r = await file(token, body);
  expect(r.statusCode, r.body).toBe(status);
  expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(r.json().code).toBe(code);
  expect((await board()).head).toEqual(before);
  expect((await log()).complaints).toEqual(logBefore.complaints);
  return r.json();
}

describe('the roll window (phases nominations and key_ceremony)', () => {
  it('an accredited association files with its identity shown: on the board with role and legal name, never the account', async () => {
    expect((await log()).open).toBe('roll');
    const r = await file(association.token, {
      category: 'accreditation', text: 'La Asociación X no cumple los requisitos de antigüedad.', showIdentity: true,
      attachments: [{ name: 'acta-registro.pdf', sha256: 'AB'.repeat(32) }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json();
    complaintIds.roll = c.id;
    expect(c).toMatchObject({
      window: 'roll', category: 'accreditation', status: 'open', answer: null,
      complainant: { role: 'association', name: association.legalName },
      attachments: [{ name: 'acta-registro.pdf', sha256: 'ab'.repeat(32) }],
    });
    const { events } = await board();
    const event = events.find((e: { seq: number }) => e.seq === c.boardSeq);
    expect(event.kind).toBe('complaint');
    expect(parsePayload('complaint', event.payload).ok).toBe(true);
    expect(event.payload).toEqual({
      complaintId: c.id, window: 'roll', category: 'accreditation', text: 'La Asociación X no cumple los requisitos de antigüedad.',
      attachments: [{ name: 'acta-registro.pdf', sha256: 'ab'.repeat(32) }], complainant: { role: 'association', name: association.legalName },
    });
    expect(JSON.stringify(event)).not.toContain(association.accountId);
    expect(JSON.stringify(event)).not.toContain(association.id);
  });

  it('a committee member and an auditor file without showing identity: no role, name, member or account anywhere public', async () => {
    const member = await file(v.members[1]!, { category: 'candidate', text: 'Una candidatura declaró mal su empleador.', showIdentity: false });
    expect(member.statusCode, member.body).toBe(201);
    expect(member.json().complainant).toBeNull();
    complaintIds.rollMember = member.json().id;
    const anonymous = await file(association.token, { category: 'other', text: 'Reclamo anónimo de una asociación.', showIdentity: false });
    expect(anonymous.statusCode, anonymous.body).toBe(201);
    complaintIds.rollAnonymous = anonymous.json().id;
    const byAuditor = await file(auditor, { category: 'other', text: 'El padrón publicado omite la región de una asociación.', showIdentity: true });
    expect(byAuditor.statusCode, byAuditor.body).toBe(201);
    expect(byAuditor.json().complainant).toEqual({ role: 'auditor', name: null });

    // The committee and the accredited associations are public facts (the committee event,
    // the accreditation decisions); what must not be public is who filed which complaint.
    const events = (await board()).events;
    expect(JSON.stringify(events)).not.toContain(association.accountId);
    const published = JSON.stringify([events.filter((e: { kind: string }) => e.kind === 'complaint'), await log()]);
    for (const secret of [association.accountId, association.id, v.memberIds[1]!, 'Carlos Huamán']) expect(published).not.toContain(secret);
    const anon = (await log()).complaints.find((c: { id: string }) => c.id === complaintIds.rollAnonymous);
    expect(anon.complainant).toBeNull();
    expect(JSON.stringify(anon)).not.toContain(association.legalName);
  });

  it('refuses those not entitled: an association not accredited here, the administrator', async () => {
    const [outsider] = await registerAssociations(t, v.adminToken, 1, 'plwha', 'fuera');
    const body = { category: 'other', text: 'Quiero reclamar.', showIdentity: true };
    const r = await refusedUnchanged(outsider!.token, body, 403, 'complaint_not_allowed');
    expect(r.i18n.es.detail).toContain('asociaciones acreditadas');
    await refusedUnchanged(v.adminToken, body, 403, 'forbidden');
    expect((await file('', body)).statusCode).toBe(401);
  });

  it('refuses malformed complaints without changing anything', async () => {
    await refusedUnchanged(association.token, { category: 'fraude', text: 'x', showIdentity: true }, 400, 'validation_failed');
    await refusedUnchanged(association.token, { category: 'other', text: '   ', showIdentity: true }, 400, 'validation_failed');
    await refusedUnchanged(association.token, { category: 'other', text: 'x'.repeat(5001), showIdentity: true }, 400, 'validation_failed');
    await refusedUnchanged(association.token, { category: 'other', text: 'x' }, 400, 'validation_failed');
    await refusedUnchanged(association.token, { category: 'other', text: 'x', showIdentity: true, attachments: [{ name: 'a', sha256: 'zz' }] }, 400, 'validation_failed');
    await refusedUnchanged(association.token, { category: 'other', text: 'x', showIdentity: true, accountId: association.accountId }, 400, 'validation_failed');
  });

  it('the committee may answer a roll complaint (two sectors), and an open one does not block opening', async () => {
    const p = await propose(answer(complaintIds.rollMember!, 'upheld', 'Se corrigió la declaración de la candidatura.'));
    expect(p.statusCode, p.body).toBe(202);
    expect((await approve(p.json().proposal.id, 2)).json().status).toBe('executed');
    expect((await phase()).blockers).toEqual([]);
    await changePhaseWithClient(baseUrl, v, 'voting');
  });
});

describe('outside the windows', () => {
  it('a complaint filed during voting is refused (409 naming the windows) and changes nothing', async () => {
    expect((await log()).open).toBeNull();
    const r = await refusedUnchanged(association.token, { category: 'voting_conduct', text: 'Fallas en la cabina.', showIdentity: true }, 409, 'complaint_window_closed');
    expect(r.i18n.en.detail).toContain('phase "voting"');
    expect(r.i18n.en.detail).toContain('"roll", after the roll is published (phases nominations and key_ceremony)');
    expect(r.i18n.en.detail).toContain('"post_close", after voting closes and before results are published (phases closed and tallied)');
    expect(r.i18n.es.detail).toContain('«post_close»');
    await refusedUnchanged(auditor, { category: 'other', text: 'x', showIdentity: false }, 409, 'complaint_window_closed');
    cast = await castWithClient(baseUrl, v);
  });
});

describe('the post-close window (phases closed and tallied)', () => {
  it('a complaint naming a counted ballot is refused, since publishing it would join the complainant to the vote', async () => {
    await changePhaseWithClient(baseUrl, v, 'closed');
    const code = cast.receipts[0]!.receipt.trackingCode;
    const head = cast.receipts[1]!.receipt.boardHead;
    const r = await refusedUnchanged(association.token, { category: 'missing_tracking_code', text: `No encuentro mi código ${code.toUpperCase()}`, showIdentity: true }, 400, 'complaint_names_ballot');
    expect(r.i18n.en.detail).toContain('your ballot was counted');
    await refusedUnchanged(association.token, { category: 'missing_tracking_code', text: 'Mi recibo', showIdentity: false, attachments: [{ name: `recibo-${head}.json`, sha256: '11'.repeat(32) }] }, 400, 'complaint_names_ballot');
  });

  it('a complaint filed after the close is on the board, in the post_close window', async () => {
    const missing = 'cd'.repeat(32);
    const r = await file(association.token, { category: 'missing_tracking_code', text: `El código ${missing} de mi recibo no figura en el tablero.`, showIdentity: false });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ window: 'post_close', status: 'open', complainant: null });
    complaintIds.closed = r.json().id;
    const { events } = await board();
    expect(events.at(-1)).toMatchObject({ kind: 'complaint', payload: { complaintId: r.json().id, window: 'post_close' } });
  });

  it('results cannot be published while it is unanswered: a blocker, and the proposal is refused', async () => {
    for (const index of [1, 3]) {
      const api = new ApiClient({ baseUrl, token: v.members[index - 1]! });
      const d = await decryptTally(api, v.electionId, secrets[index - 1]!, async (s) => { secrets[index - 1] = s; });
      expect(d.ok ? d.posted : `${d.reason}: ${d.detail}`).toBe(true);
    }
    const s = await phase();
    expect(s).toMatchObject({ phase: 'tallied', next: 'published' });
    expect(s.blockers.map((b: { code: string }) => b.code)).toEqual(['complaints_unanswered']);
    const r = await proposeAs(t, v, 0, { kind: 'phase_change', to: 'published' });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json()).toMatchObject({ code: 'precondition_failed', failed: ['complaints_unanswered'] });
  });

  it('an answer with one sector\'s approval does not execute; with a second sector it does, on the board', async () => {
    const p = await propose(answer(complaintIds.closed!, 'dismissed', 'El código no corresponde a ningún recibo firmado por el servidor.'), 0);
    expect(p.statusCode, p.body).toBe(202);
    expect(p.json()).toMatchObject({ status: 'pending', proposal: { kind: 'complaint_answer', approvingSectors: ['government'] } });
    const open = (await log()).complaints.find((c: { id: string }) => c.id === complaintIds.closed);
    expect(open).toMatchObject({ status: 'open', answer: null });
    expect((await board()).events.some((e: { kind: string; payload: { complaintId?: string } }) => e.kind === 'complaint_answer' && e.payload.complaintId === complaintIds.closed)).toBe(false);
    // The same answer again is refused while pending (an opposite one would not be).
    expect((await propose(answer(complaintIds.closed!, 'dismissed', 'El código no corresponde a ningún recibo firmado por el servidor.'), 2)).json().code).toBe('proposal_pending');

    const a = await approve(p.json().proposal.id, 1);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json().status).toBe('executed');
    const { events } = await board();
    const complaintEvent = events.find((e: { kind: string; payload: { complaintId?: string } }) => e.kind === 'complaint' && e.payload.complaintId === complaintIds.closed);
    const answerEvent = events.at(-1);
    expect(answerEvent.kind).toBe('complaint_answer');
    expect(answerEvent.payload).toEqual({
      complaintId: complaintIds.closed, complaintEvent: complaintEvent.hash, decision: 'dismissed',
      reasoning: 'El código no corresponde a ningún recibo firmado por el servidor.', proposalId: p.json().proposal.id,
      sectors: ['civil_society', 'government'],
    });
    const answered = (await log()).complaints.find((c: { id: string }) => c.id === complaintIds.closed);
    expect(answered).toMatchObject({ status: 'answered', answer: { decision: 'dismissed', proposalId: p.json().proposal.id, boardSeq: answerEvent.seq } });
  });

  it('refuses a second answer, an answer without reasoning, and one to an unknown complaint', async () => {
    const again = await propose(answer(complaintIds.closed!));
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().i18n.en.detail).toContain('already answered');
    expect((await propose(answer(complaintIds.roll!, 'upheld', '  '))).statusCode).toBe(400);
    expect((await propose({ ...answer(complaintIds.roll!), decision: 'rejected' })).statusCode).toBe(400);
    expect((await propose(answer('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
  });

  it('a complaint filed while publishing awaits its second approval refuses the execution; once answered, results are published', async () => {
    expect((await phase()).blockers).toEqual([]);
    const pub = await proposeAs(t, v, 0, { kind: 'phase_change', to: 'published' });
    expect(pub.statusCode, pub.body).toBe(202);
    const late = await file(v.members[2]!, { category: 'voting_conduct', text: 'Pido revisar el acta de cierre antes de publicar.', showIdentity: true });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().complainant).toEqual({ role: 'committee', name: 'Ana Torres' });
    const refused = await approve(pub.json().proposal.id, 1);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'precondition_failed', failed: ['complaints_unanswered'] });
    expect((await phase()).phase).toBe('tallied');
    expect((await board()).events.some((e: { kind: string }) => e.kind === 'published')).toBe(false);

    const p = await propose(answer(late.json().id, 'upheld', 'Se revisó el acta de cierre: coincide con el tablero.'), 2);
    expect((await approve(p.json().proposal.id, 0)).json().status).toBe('executed');
    const ok = await approve(pub.json().proposal.id, 1);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await phase()).phase).toBe('published');
    // The roll complaints left open never blocked anything.
    expect((await log()).complaints.filter((c: { status: string }) => c.status === 'open').map((c: { window: string }) => c.window)).toEqual(['roll', 'roll', 'roll']);
  });

  it('after publication no complaint can be filed', async () => {
    expect((await log()).open).toBeNull();
    await refusedUnchanged(auditor, { category: 'other', text: 'Tarde.', showIdentity: true }, 409, 'complaint_window_closed');
  });
});

describe('the record', () => {
  it('holds every complaint and answer as board events that parse, in a chain that holds', async () => {
    const record = JSON.parse((await t.call('GET', `/elections/${v.electionId}/record`)).body);
    expect(checkChain(record.events).ok).toBe(true);
    const complaints = record.events.filter((e: { kind: string }) => e.kind === 'complaint');
    const answers = record.events.filter((e: { kind: string }) => e.kind === 'complaint_answer');
    expect(complaints.map((e: { payload: { window: string } }) => e.payload.window)).toEqual(['roll', 'roll', 'roll', 'roll', 'post_close', 'post_close']);
    expect(answers).toHaveLength(3);
    for (const e of [...complaints, ...answers]) expect(parsePayload(e.kind, e.payload).ok).toBe(true);
    for (const a of answers) {
      const answered = complaints.find((c: { payload: { complaintId: string } }) => c.payload.complaintId === a.payload.complaintId);
      expect(answered.hash).toBe(a.payload.complaintEvent);
      expect(answered.seq).toBeLessThan(a.seq);
    }
    const published = record.events.find((e: { kind: string }) => e.kind === 'published');
    const lastPostClose = record.events.filter((e: { kind: string; payload: { window?: string } }) => e.payload.window === 'post_close').at(-1);
    expect(lastPostClose.seq).toBeLessThan(published.seq);
    expect(JSON.stringify(record)).not.toContain(association.accountId);
    // The server's signed report states the log as it stood at the publication.
    const report = (await t.call('GET', `/elections/${v.electionId}/report`)).json().report;
    expect(report.complaints.log).toEqual(complaints.map((c: { payload: { complaintId: string; window: string; category: string } }) => ({
      complaintId: c.payload.complaintId, window: c.payload.window, category: c.payload.category,
      decision: answers.find((a: { seq: number; payload: { complaintId: string } }) => a.payload.complaintId === c.payload.complaintId && a.seq < published.seq)?.payload.decision ?? null,
    })));
    expect(report.complaints).toMatchObject({ filed: 6, upheld: 2, dismissed: 1, unanswered: 3 });
  });
});
