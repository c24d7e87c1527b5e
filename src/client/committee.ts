/**
 * A committee member's side of decisions (issue 11): every proposal, approval, vote
 * against and withdrawal is the member's own Ed25519 signature over the decision's
 * canonical statement (record/statements.ts), made with the key registered at activation,
 * which never leaves the member's device. The server gives the statement it will carry
 * (`POST /elections/:id/statements`); the client checks that it says what the member
 * asked for before signing it.
 * @module
 */
import { type Statement, type Vote, parseStatement, signDecision } from '../record/statements.js';
import type { ApiClient } from './api.js';

/** What a member proposes (the API's ProposalIn, without the signature). */
export type DecisionInput = { readonly kind: string } & Readonly<Record<string, unknown>>;

/** A proposal as the API returns it: what a vote needs. */
export interface ProposalView {
  readonly id: string;
  readonly electionId?: string;
  readonly status: string;
  readonly statement: unknown;
}

const seg = encodeURIComponent;

/** Fields of the input the statement must repeat exactly, per kind. */
const ECHOED: Readonly<Record<string, readonly string[]>> = {
  accreditation_decision: ['applicationId', 'decision'], appeal_decision: ['applicationId', 'decision', 'reason'],
  candidate_eligibility: ['candidateId', 'eligible'], phase_change: ['to'], small_roll_acknowledgement: ['contestId', 'reason'],
  complaint_answer: ['complaintId', 'decision', 'reasoning'], rule_change: ['rules'], credential_reset: ['reason'],
};

/**
 * Does `statement` (from the server) state the decision `input` asks for, in `electionId`?
 * Returns the parsed statement, or a reason. Never throws.
 */
export function checkStatement(electionId: string, input: DecisionInput, statement: unknown): { ok: true; statement: Statement } | { ok: false; reason: string } {
  const parsed = parseStatement(statement);
  if (!parsed.ok) return { ok: false, reason: `malformed statement: ${parsed.errors.join('; ')}` };
  const s = parsed.statement as unknown as Record<string, unknown>;
  if (s.electionId !== electionId) return { ok: false, reason: 'the statement names another election' };
  if (s.kind !== input.kind) return { ok: false, reason: 'the statement is of another kind' };
  for (const k of ECHOED[input.kind] ?? []) {
    if (input[k] !== undefined && JSON.stringify(s[k]) !== JSON.stringify(input[k])) return { ok: false, reason: `the statement's ${k} is not the one asked for` };
  }
  return { ok: true, statement: parsed.statement };
}

/** The statement of `input` as the server would carry it, checked. @throws Error if it does not state the input */
export async function statementFor(api: ApiClient, electionId: string, input: DecisionInput): Promise<Statement> {
  const { statement } = await api.post(`/elections/${seg(electionId)}/statements`, input) as { statement: unknown };
  const checked = checkStatement(electionId, input, statement);
  if (!checked.ok) throw new Error(`refusing to sign: ${checked.reason}`);
  return checked.statement;
}

/**
 * Propose a decision, signed with the member's key (it counts as the proposer's approval).
 * A phase change goes to `POST /elections/:id/phase`. Returns the API's answer.
 * @example await proposeSigned(api, electionId, { kind: 'phase_change', to: 'voting' }, memberSecret);
 */
export async function proposeSigned(api: ApiClient, electionId: string, input: DecisionInput, secretKey: Uint8Array): Promise<{ status: string; proposal: ProposalView | null }> {
  const statement = await statementFor(api, electionId, input);
  const signature = signDecision(secretKey, statement, 'approve');
  if (input.kind === 'phase_change') return await api.post(`/elections/${seg(electionId)}/phase`, { to: input.to, signature }) as never;
  return await api.post(`/elections/${seg(electionId)}/proposals`, { ...input, signature }) as never;
}

const VOTE_PATH: Readonly<Record<Vote, string>> = { approve: 'approvals', against: 'against', withdraw: 'withdrawal' };

/**
 * Approve, vote against or withdraw `proposal`, signing the statement it carries (checked
 * to be a well-formed statement of `electionId` first).
 * @throws Error if the proposal carries no valid statement of that election
 */
export async function voteSigned(api: ApiClient, electionId: string, proposal: ProposalView, vote: Vote, secretKey: Uint8Array): Promise<{ status: string; proposal: ProposalView | null }> {
  const parsed = parseStatement(proposal.statement);
  if (!parsed.ok || parsed.statement.electionId !== electionId) throw new Error('refusing to sign: the proposal carries no statement of this election');
  const signature = signDecision(secretKey, parsed.statement, vote);
  return await api.post(`/proposals/${seg(proposal.id)}/${VOTE_PATH[vote]}`, { signature }) as never;
}
