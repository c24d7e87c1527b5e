/**
 * Kysely implementations of the complaints and small-roll acknowledgement parts of the
 * storage port.
 * @module
 */
import type { Kysely, Transaction } from 'kysely';
import type { Complaint, SmallRollAcknowledgement } from '../domain/model.js';
import type { Repos } from '../domain/ports.js';
import type { ComplaintRow, Database, SmallRollAcknowledgementRow } from './database.js';

type Q = Kysely<Database> | Transaction<Database>;

const toComplaint = (r: ComplaintRow): Complaint => ({
  id: r.id, electionId: r.election_id, window: r.complaint_window as Complaint['window'], category: r.category as Complaint['category'],
  text: r.text, attachments: r.attachments as Complaint['attachments'], showIdentity: r.show_identity,
  complainantAccountId: r.complainant_account_id, complainantRole: r.complainant_role as Complaint['complainantRole'],
  complainant: (r.complainant ?? null) as Complaint['complainant'], filedAt: new Date(r.filed_at),
  boardSeq: r.board_seq, boardHash: r.board_hash,
  answer: r.status === 'answered' ? {
    decision: r.answer_decision as NonNullable<Complaint['answer']>['decision'], reasoning: r.answer_reasoning!,
    proposalId: r.answer_proposal_id!, answeredAt: new Date(r.answered_at!), boardSeq: r.answer_board_seq!,
  } : null,
});

const toAcknowledgement = (r: SmallRollAcknowledgementRow): SmallRollAcknowledgement => ({
  contestId: r.contest_id, electionId: r.election_id, reason: r.reason, proposalId: r.proposal_id, decidedAt: new Date(r.decided_at),
});

export function complaintsRepos(db: Q): Pick<Repos, 'complaints' | 'acknowledgements'> {
  return {
    complaints: {
      async insert(c) {
        const r = await db.insertInto('complaints').values({
          id: c.id, election_id: c.electionId, complaint_window: c.window, category: c.category, text: c.text,
          attachments: JSON.stringify(c.attachments), show_identity: c.showIdentity, complainant_account_id: c.complainantAccountId,
          complainant_role: c.complainantRole, complainant: c.complainant === null ? null : JSON.stringify(c.complainant),
          filed_at: c.filedAt, board_seq: c.boardSeq, board_hash: c.boardHash,
        }).returningAll().executeTakeFirstOrThrow();
        return toComplaint(r);
      },
      async byId(id) {
        const r = await db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
        return r && toComplaint(r);
      },
      async listByElection(electionId) {
        const rows = await db.selectFrom('complaints').selectAll().where('election_id', '=', electionId).orderBy('board_seq').execute();
        return rows.map(toComplaint);
      },
      async setAnswer(id, a) {
        await db.updateTable('complaints').set({
          status: 'answered', answer_decision: a.decision, answer_reasoning: a.reasoning, answer_proposal_id: a.proposalId,
          answered_at: a.answeredAt, answer_board_seq: a.boardSeq,
        }).where('id', '=', id).execute();
      },
      async countOpen(electionId, window) {
        const r = await db.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n'))
          .where('election_id', '=', electionId).where('complaint_window', '=', window).where('status', '=', 'open').executeTakeFirstOrThrow();
        return Number(r.n);
      },
    },
    acknowledgements: {
      async insert(a) {
        await db.insertInto('small_roll_acknowledgements').values({
          contest_id: a.contestId, election_id: a.electionId, reason: a.reason, proposal_id: a.proposalId, decided_at: a.decidedAt,
        }).execute();
      },
      async listByElection(electionId) {
        const rows = await db.selectFrom('small_roll_acknowledgements').selectAll().where('election_id', '=', electionId).execute();
        return rows.map(toAcknowledgement);
      },
    },
  };
}
