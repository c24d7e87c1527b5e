/**
 * Filing complaints, their public log, and the committee's answers (executed by a
 * multi-sector `complaint_answer` decision through `proposals.service.ts`). Every
 * complaint and every answer is a bulletin-board event appended in the same transaction
 * that stores it.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { PAYLOAD_SCHEMAS } from '../record/board.js';
import { approvingSectors } from './approvals.js';
import { appendToBoard } from './board.service.js';
import {
  type Attachment, type ComplainantRole, type ComplaintCategory, type ComplaintDecision, type ComplaintWindow,
  COMPLAINT_WINDOWS, WINDOW_PHASES, complaintWindow, hexMentions,
} from './complaints.js';
import { DomainError } from './errors.js';
import { requireElection, requireMember } from './elections.service.js';
import type { Actor, Complaint, Election, Proposal } from './model.js';
import type { Repos, Store } from './ports.js';
import type { Phase } from './reference.js';

export interface FileComplaint {
  readonly category: ComplaintCategory;
  readonly text: string;
  readonly attachments?: readonly Attachment[] | undefined;
  readonly showIdentity: boolean;
}

/** Who is filing, as the board would show them; refuses anyone not entitled to file here. */
async function complainantOf(r: Repos, actor: Actor, e: Election): Promise<{ role: ComplainantRole; name: string | null }> {
  switch (actor.role) {
    case 'association': {
      const id = actor.associationId;
      const accredited = id ? (await r.applications.listByElection(e.id, id)).some((a) => a.status === 'accredited') : false;
      const association = accredited && id ? await r.associations.byId(id) : undefined;
      if (!association) throw new DomainError('complaint_not_allowed');
      return { role: 'association', name: association.legalName };
    }
    case 'committee': {
      const member = await requireMember(r, actor, e.id).catch(() => { throw new DomainError('complaint_not_allowed'); });
      return { role: 'committee', name: member.fullName };
    }
    case 'auditor':
      return { role: 'auditor', name: null };
    default:
      throw new DomainError('complaint_not_allowed');
  }
}

/**
 * File a complaint in the window open now. It goes on the board at once; the
 * complainant's role and name appear there only if they chose so. A complaint that names
 * a counted ballot (its tracking code, ballot key or board event) is refused: publishing
 * it next to the complainant would join them to their vote.
 */
export async function fileComplaint(store: Store, actor: Actor, electionId: string, input: FileComplaint): Promise<Complaint> {
  const attachments = (input.attachments ?? []).map((a) => ({ name: a.name, sha256: a.sha256.toLowerCase() }));
  return store.transaction(async (r) => {
    const e = await requireElection(r, electionId, true);
    const window = complaintWindow(e.phase);
    if (!window) throw new DomainError('complaint_window_closed', { phase: e.phase });
    const who = await complainantOf(r, actor, e);
    const mentioned = hexMentions([input.text, ...attachments.flatMap((a) => [a.name, a.sha256])]);
    if ((await r.ballots.ballotMaterial(e.id, mentioned)).length > 0) throw new DomainError('complaint_names_ballot');
    const id = randomUUID();
    const complainant = input.showIdentity ? who : null;
    const payload = { complaintId: id, window, category: input.category, text: input.text, attachments, complainant };
    const checked = PAYLOAD_SCHEMAS.complaint.safeParse(payload);
    if (!checked.success) {
      throw new DomainError('validation_failed', { issues: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    }
    const event = await appendToBoard(r, e.id, 'complaint', payload);
    const complaint = await r.complaints.insert({
      id, electionId: e.id, window, category: input.category, text: input.text, attachments, showIdentity: input.showIdentity,
      complainantAccountId: actor.accountId, complainantRole: who.role, complainant, filedAt: new Date(event.at),
      boardSeq: event.seq, boardHash: event.hash,
    });
    await r.audit.append({ electionId: e.id, accountId: actor.accountId, action: 'file_complaint', details: { complaintId: id, window } });
    return complaint;
  });
}

/** A complaint as anyone may see it: never the account, the identity only if chosen. */
export function publicComplaint(c: Complaint) {
  return {
    id: c.id, window: c.window, category: c.category, text: c.text, attachments: c.attachments.map((a) => ({ ...a })),
    complainant: c.complainant, status: c.answer ? 'answered' as const : 'open' as const,
    filedAt: c.filedAt.toISOString(), boardSeq: c.boardSeq,
    answer: c.answer && {
      decision: c.answer.decision, reasoning: c.answer.reasoning, proposalId: c.answer.proposalId,
      answeredAt: c.answer.answeredAt.toISOString(), boardSeq: c.answer.boardSeq,
    },
  };
}
export type PublicComplaint = ReturnType<typeof publicComplaint>;

/** The windows, with the one open now, and every complaint of the election in board order. */
export async function listComplaints(store: Store, electionId: string): Promise<{
  open: ComplaintWindow | null; windows: { window: ComplaintWindow; phases: Phase[] }[]; complaints: PublicComplaint[];
}> {
  const e = await requireElection(store.read, electionId);
  const complaints = await store.read.complaints.listByElection(electionId);
  return {
    open: complaintWindow(e.phase),
    windows: COMPLAINT_WINDOWS.map((w) => ({ window: w, phases: [...WINDOW_PHASES[w]] })),
    complaints: complaints.map(publicComplaint),
  };
}

export interface AnswerInput {
  readonly complaintId: string;
  readonly decision: ComplaintDecision;
  readonly reasoning: string;
}

/** Throws unless the complaint exists in this election, is still open, and the answer gives reasons. */
export async function validateAnswer(r: Repos, e: Election, p: AnswerInput): Promise<void> {
  const c = await r.complaints.byId(p.complaintId);
  if (!c || c.electionId !== e.id) throw new DomainError('not_found', { what: 'complaint' });
  if (c.answer) {
    throw new DomainError('decision_not_allowed', { reasonEs: 'el reclamo ya fue respondido', reasonEn: 'the complaint was already answered' });
  }
  if (!p.reasoning?.trim()) {
    throw new DomainError('decision_not_allowed', { reasonEs: 'la respuesta requiere una fundamentación', reasonEn: 'the answer needs its reasoning' });
  }
}

/** Record the answer the quorum approved and put it on the board, naming the complaint event and the approving sectors. */
export async function executeAnswer(r: Repos, e: Election, p: AnswerInput, proposal: Proposal): Promise<void> {
  const c = (await r.complaints.byId(p.complaintId))!;
  const event = await appendToBoard(r, e.id, 'complaint_answer', {
    complaintId: c.id, complaintEvent: c.boardHash, decision: p.decision, reasoning: p.reasoning, proposalId: proposal.id,
    sectors: approvingSectors(proposal.approvals),
  });
  await r.complaints.setAnswer(c.id, {
    decision: p.decision, reasoning: p.reasoning, proposalId: proposal.id, answeredAt: new Date(event.at), boardSeq: event.seq,
  });
}
