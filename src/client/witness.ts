/**
 * Witnessing the board (issue 12 item 7; record/witness-statement.ts): a committee member's
 * tool reads the board, checks its chain, signs the head it saw with the member's account
 * key and posts the signature (`POST /elections/:id/board/witnesses`), which the server
 * appends as a `head_witnessed` event. The trustee CLI does it at each of its steps; the
 * issuer command does it as it polls. Browser-safe.
 *
 * The head witnessed is the last event that is not itself a witness: were witnesses to
 * witness one another, two polling witnesses would answer each other forever. Every
 * witness event still lies inside the prefix that the next witness of a later event covers.
 * @module
 */
import type { BoardHead } from '../record/board.js';
import { signWitness } from '../record/witness-statement.js';
import { type ApiClient, ApiError, type Refusal, seg } from './api.js';
import { walkBoard } from './board.js';

/** What one witnessing gave, to pass back as `previous` next time (a polling witness). */
export interface Witnessed {
  readonly ok: true;
  /** The head signed and posted. */
  readonly witnessed: BoardHead;
  /** The last event whose chain this client checked (witness events included). */
  readonly checked: BoardHead;
  /** False if this member had already witnessed that head (the server appended nothing). */
  readonly appended: boolean;
}

/** Why nothing was witnessed: an empty or malformed board, a broken chain, or a head the server refused as not on its board. */
export type WitnessFailure = 'empty_board' | 'malformed_board' | 'broken_chain' | 'head_not_on_board';

/**
 * As the signed-in committee member, witness the current head of election `electionId`'s
 * board: walk it (from `previous.checked` on, when given, so that a polling witness reads
 * only what is new and notices a board that no longer extends what it saw), sign the
 * last non-witness event's (seq, hash) with `accountKey` (the 32-byte seed of the account
 * key file) and post it. A 409 `head_not_on_board` (the server does not hold what this
 * client was shown: a fork) is the refusal `head_not_on_board`.
 * @throws ApiError on any other HTTP failure
 * @example let w = await witnessBoardHead(api, account.signingSecretKey, electionId); if (w.ok) w = await witnessBoardHead(api, key, electionId, w);
 */
export async function witnessBoardHead(
  api: ApiClient, accountKey: Uint8Array, electionId: string, previous?: Pick<Witnessed, 'witnessed' | 'checked'>,
): Promise<Witnessed | Refusal<WitnessFailure>> {
  let target: BoardHead | undefined = previous?.witnessed;
  const walked = await walkBoard<never>(api, electionId, (page) => {
    for (const e of page) if (e.kind !== 'head_witnessed') target = { seq: e.seq, hash: e.hash };
  }, undefined, previous?.checked);
  if (!walked.ok) return walked;
  if (target === undefined || walked.head === null) return { ok: false, reason: 'empty_board', detail: 'the board has no event to witness' };
  const signature = signWitness(accountKey, { electionId, seq: target.seq, hash: target.hash });
  try {
    const answer = await api.post(`/elections/${seg(electionId)}/board/witnesses`, { seq: target.seq, hash: target.hash, signature }) as { appended?: unknown } | null;
    return { ok: true, witnessed: target, checked: walked.head, appended: answer?.appended === true };
  } catch (e) {
    if (e instanceof ApiError && e.code === 'head_not_on_board') return { ok: false, reason: 'head_not_on_board', detail: e.detail };
    throw e;
  }
}
