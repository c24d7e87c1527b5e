/**
 * The booth's last steps drawn: the receipt (signed, or the board's event after a lost
 * answer) with its board status, and a ballot sent without a usable answer.
 * @module
 */
import { type Child, download, groupHex, h } from '../lib/dom.js';
import { formatTime, lang } from '../lib/i18n.js';
import { pageUrl } from '../lib/shell.js';
import { searchBoard, send } from './ballot-flow.js';
import { boardStatus, button, feedback, progress } from './page.js';
import { nextVotable, state } from './state.js';
import type { BoothTexts } from './strings.js';
import { startVoting } from './token-flow.js';

export function renderReceipt(t: BoothTexts): Child[] {
  const r = state.receipt!;
  // Without a signed receipt, the board's event (found after a lost answer) is the proof.
  const fromBoard = 'format' in r;
  const contest = state.manifest!.manifest.contests.find((c) => c.id === r.contestId);
  const next = nextVotable();
  const file = fromBoard
    ? `${lang() === 'es' ? 'recibo-tablero' : 'receipt-from-board'}-anfora-${r.trackingCode.slice(0, 8)}.json`
    : `${lang() === 'es' ? 'recibo' : 'receipt'}-anfora-${r.trackingCode.slice(0, 8)}.json`;
  return [
    progress(t, 5),
    h('h2', null, fromBoard ? t.recoveredTitle : t.receiptTitle),
    h('p', null, fromBoard ? t.recoveredLead : t.receiptLead),
    h('div', { class: 'card receipt', 'data-testid': fromBoard ? 'receipt-from-board' : 'receipt' },
      h('p', { class: 'label', id: 'code-label' }, t.trackingCode),
      h('p', { class: 'hex big-hex', 'aria-labelledby': 'code-label', 'data-testid': 'tracking-code', 'data-code': r.trackingCode }, groupHex(r.trackingCode)),
      h('dl', null,
        h('dt', null, t.contest), h('dd', null, contest?.title ?? r.contestId),
        h('dt', null, t.position), h('dd', { 'data-testid': 'position' }, String(r.position)),
        h('dt', null, t.receivedAt), h('dd', null, formatTime(r.receivedAt))),
      fromBoard
        ? [h('p', { class: 'ok-text' }, `✓ ${t.recoveredChecked}`), h('p', { class: 'muted' }, t.noSignedReceipt)]
        : h('p', { class: 'ok-text' }, `✓ ${t.receiptSigned}`)),
    h('div', { id: 'board-status', 'aria-live': 'polite' }, boardStatus(t)),
    h('div', { class: 'actions' },
      button(fromBoard ? t.downloadBoardReceipt : t.downloadReceipt, () => download(file, `${JSON.stringify(r, null, 2)}\n`),
        { primary: true, testid: 'download-receipt' }),
      h('a', { class: 'btn', href: pageUrl('check', { code: r.trackingCode }), 'data-testid': 'check-link' }, t.checkLink)),
    next !== undefined
      ? h('div', { class: 'actions' }, button(t.nextContest(next.title), startVoting, { primary: true, testid: 'next-contest' }))
      : h('p', { class: 'notice ok' }, t.allDone),
  ];
}

/** A ballot sent without a usable answer: what the board says, and the way on. */
export function renderLost(t: BoothTexts): Child[] {
  const lost = state.lost!;
  const s = lost.status;
  const unknown = typeof s === 'object' && 'unknown' in s;
  const sendable = s === 'not_found' || unknown;
  let body: Child;
  if (s === 'checking') body = h('p', { class: 'notice busy', role: 'status' }, t.lostChecking);
  else if (s === 'not_found') body = h('p', { class: 'notice warn', 'data-testid': 'not-recorded' }, t.notRecorded);
  else if ('unknown' in s) {
    body = h('div', { class: 'notice warn', 'data-testid': 'lost-unknown' },
      h('p', null, t.lostUnknown), h('p', { class: 'muted' }, s.unknown));
  }
  else {
    body = h('div', { class: 'notice error', role: 'alert', 'data-testid': s.refused === 'other' ? 'used-by-other' : 'board-problem' },
      h('p', null, s.refused === 'other' ? t.usedByOther : t.boardProblem),
      h('p', { class: 'muted' }, `${t.technicalDetail}: ${s.detail}`));
  }
  return [
    progress(t, 5),
    h('h2', null, s === 'not_found' ? t.notRecordedTitle : t.lostTitle),
    body,
    sendable ? h('p', null, t.lostSame) : null,
    ...feedback(t),
    h('div', { class: 'actions' },
      unknown ? button(t.searchBoard, () => void searchBoard(), { testid: 'search-board' }) : null,
      sendable ? button(t.sendAgain, () => void send(lost.contestId, lost.body), { primary: true, testid: 'send-again' }) : null),
  ];
}
