/**
 * Witnessed board heads (issue 12 item 7; record/witness-statement.ts): a committee
 * member signs, with its account key, a head of the board it saw, and the server appends
 * that signature as a `head_witnessed` event. The server takes only a head it holds: a
 * head that is not a prefix of its board is refused, which tells the witness that it was
 * shown a fork (or a board since rewritten).
 * @module
 */
import { verifyWitness } from '../record/witness-statement.js';
import { appendToBoard } from './board.service.js';
import { DomainError } from './errors.js';
import { requireElection, requireMember } from './elections.service.js';
import type { Actor } from './model.js';
import type { Store } from './ports.js';

/** What a witness posts: the head it saw and its signature over it. */
export interface WitnessPost {
  readonly seq: number;
  readonly hash: string;
  readonly signature: string;
}

/**
 * Append the signed-in member's witness of head (`seq`, `hash`). Idempotent: a head the
 * member already witnessed is not appended again (`appended: false`), so that a polling
 * witness adds nothing while the board does not move.
 * @throws DomainError `forbidden` (not a member of this committee), `signature_invalid`
 *   (no key, or a bad signature), `head_not_on_board` (409: not a prefix of this board)
 */
export async function postWitness(store: Store, actor: Actor, electionId: string, w: WitnessPost): Promise<{ appended: boolean; seq: number }> {
  return store.transaction(async (r) => {
    await requireElection(r, electionId, true);
    const member = await requireMember(r, actor, electionId);
    const account = await r.accounts.byCommitteeMember(member.id);
    const accountKey = account?.status === 'active' ? account.signingKey : null;
    if (!accountKey) throw new DomainError('signature_invalid', { reason: 'no_key' });
    if (!/^[0-9a-f]{128}$/.test(w.signature)) throw new DomainError('signature_invalid', { reason: 'malformed' });
    if (!verifyWitness(accountKey, { electionId, seq: w.seq, hash: w.hash }, w.signature)) {
      throw new DomainError('signature_invalid', { reason: 'bad', what: 'board_head' });
    }
    const [event] = await r.board.list(electionId, w.seq, 1);
    if (event === undefined || event.seq !== w.seq || event.hash !== w.hash) throw new DomainError('head_not_on_board', { seq: w.seq, hash: w.hash });
    const earlier = await r.board.byKind(electionId, 'head_witnessed');
    if (earlier.some((e) => { const p = e.payload as { memberId?: unknown; seq?: unknown }; return p.memberId === member.id && p.seq === w.seq; })) {
      return { appended: false, seq: w.seq };
    }
    const appended = await appendToBoard(r, electionId, 'head_witnessed', { memberId: member.id, seq: w.seq, hash: w.hash, signature: w.signature });
    return { appended: true, seq: appended.seq };
  });
}
