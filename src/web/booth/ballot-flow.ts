/**
 * The booth's ballot steps: encrypt the choice, audit it (Benaloh) as often as wanted, cast
 * it anonymously, and settle a lost answer from the public board. The body of a cast is
 * stored before sending, so that a closed tab still knows what to look for; a ballot found
 * on the board stands in for the receipt, one not on it may be sent again unchanged.
 * @module
 */
import {
  type CastRequest, type CastResult, auditBallot, castBallot, findTrackingCode, prepareBallot, receiptFromBoard, recoverCast,
} from '../../client/voter.js';
import { ciphertextToJSON, encrypt } from '../../crypto/elgamal.js';
import { scalarToHex } from '../../crypto/group.js';
import type { Receipt } from '../../record/tracking.js';
import { ApiError, errorText, publicApi } from '../lib/api.js';
import { nextFrame } from '../lib/dom.js';
import { texts } from '../lib/i18n.js';
import { go, main, setBusy, shell, showBoardStatus, showMessage } from './page.js';
import { type AuditRow, type Lost, currentContest, remember, state } from './state.js';
import { credentialsOf } from './storage.js';
import { BOOTH } from './strings.js';

export async function encryptBallot(): Promise<void> {
  setBusy((t) => t.encrypting);
  await nextFrame();
  const m = state.manifest!;
  const contest = currentContest();
  const credentials = credentialsOf(state.memory!, contest.id);
  if (credentials === null) {
    setBusy(null);
    showMessage((t) => t.badTokenFile);
    return;
  }
  const choices = contest.candidates.map((c) => (state.chosen.has(c.id) ? 1 : 0));
  state.prepared = prepareBallot(m.decoded, m.hash, contest.id, choices, credentials);
  go('sealed');
}

export function auditNow(): void {
  const m = state.manifest!;
  const prepared = state.prepared!;
  const contest = currentContest();
  const { audit, verdict } = auditBallot(m.decoded, prepared);
  const K = m.decoded.jointPublicKey;
  const rows: AuditRow[] = contest.candidates.map((cand, i) => {
    const choice = prepared.opening.choices[i]!;
    const r = prepared.opening.randomness[i]!;
    const published = audit.ballot.selections[i]!.ciphertext;
    const again = ciphertextToJSON(encrypt(K, choice, r));
    return {
      candidate: cand.fullName, choice, r: scalarToHex(r), published: [published.alpha, published.beta],
      recomputed: [again.alpha, again.beta], same: again.alpha === published.alpha && again.beta === published.beta,
    };
  });
  state.audits += 1;
  state.audit = { ok: verdict.ok, detail: verdict.ok ? '' : verdict.detail, rows, json: `${JSON.stringify(audit, null, 2)}\n` };
  // This ballot's randomness is now known: it must never be cast.
  state.prepared = null;
  go('audit');
}

export async function reencrypt(): Promise<void> {
  await encryptBallot();
}

export async function cast(): Promise<void> {
  const prepared = state.prepared;
  if (prepared === null) return;
  await send(prepared.contestId, prepared.body);
}

/**
 * Send `body` (the prepared ballot, or the one kept from a lost answer) and settle what
 * comes back. The body is stored first, so that a closed tab still knows what to look for.
 */
export async function send(contestId: string, body: CastRequest): Promise<void> {
  const m = state.manifest!;
  const mem = state.memory!;
  showMessage(null);
  setBusy((t) => t.casting);
  (mem.sent ??= {})[contestId] = body;
  remember();
  let r: CastResult;
  try {
    // castBallot sends through an anonymous copy of the client: no Authorization, no cookie.
    r = await castBallot(publicApi(), m.decoded, body);
  } catch (e) {
    const text = errorText(e);
    if (e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.code === 'token_used')) {
      // No answer, and the board could not be read either: the ballot may or may not be recorded.
      state.lost = { contestId, body, status: { unknown: text } };
      go('lost');
      return;
    }
    // A refusal by the server (e.g. an invalid ballot): nothing was recorded.
    delete mem.sent[contestId];
    remember();
    setBusy(null);
    showMessage(() => text);
    return;
  }
  if (r.ok && !r.recovered) {
    mem.receipts[contestId] = r.receipt;
    delete mem.credentials[contestId];
    delete mem.sent[contestId];
    remember();
    state.receipt = r.receipt;
    state.prepared = null;
    state.lost = null;
    state.board = 'pending';
    go('receipt');
    void checkBoard(r.receipt, body);
    return;
  }
  if (!r.ok && (r.reason === 'malformed_receipt' || r.reason === 'bad_receipt_signature' || r.reason === 'receipt_mismatch' || r.reason === 'audited_ballot')) {
    setBusy(null);
    showMessage((t) => t.receiptRefused(r.detail));
    return;
  }
  settle(contestId, body, r);
}

/** Look on the board for the ballot of {@link state.lost}, without sending anything. */
export async function searchBoard(): Promise<void> {
  const lost = state.lost;
  if (lost === null) return;
  lost.status = 'checking';
  go('lost');
  main.setAttribute('aria-busy', 'true');
  try {
    settle(lost.contestId, lost.body, await recoverCast(publicApi(), state.manifest!.decoded, lost.body));
  } catch (e) {
    const text = errorText(e);
    lost.status = { unknown: text };
    go('lost');
  }
}

/** What the board says of a ballot whose answer was lost: on it (the vote counts), not on it, or something wrong. */
function settle(contestId: string, body: CastRequest, r: Exclude<CastResult, { recovered: false }>): void {
  const mem = state.memory!;
  const t = texts(BOOTH);
  if (r.ok) {
    const fromBoard = receiptFromBoard(state.electionId!, r);
    mem.receipts[contestId] = fromBoard;
    delete mem.credentials[contestId];
    delete mem.sent?.[contestId];
    remember();
    state.receipt = fromBoard;
    state.prepared = null;
    state.lost = null;
    // The event was found on the chain-checked board and compared with the body sent.
    state.board = 'ok';
    go('receipt');
    shell.announce(t.recoveredTitle);
    return;
  }
  const status: Lost['status'] = r.reason === 'not_found' ? 'not_found'
    : { refused: r.reason === 'token_used_by_other' ? 'other' : 'board', detail: r.detail };
  state.lost = { contestId, body, status };
  go('lost');
}

async function checkBoard(receipt: Receipt, body: CastRequest): Promise<void> {
  try {
    const r = await findTrackingCode(publicApi(), receipt.electionId, receipt.trackingCode, receipt, body);
    state.board = r.ok ? 'ok' : { detail: r.detail };
  } catch (e) {
    state.board = { detail: errorText(e) };
  }
  showBoardStatus();
}
