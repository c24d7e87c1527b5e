/**
 * The voting booth (issue 6): an accredited association signs in only to obtain its blind
 * voting token, then chooses, reviews, encrypts and proves its ballot in this page with the
 * same client library as the CLI (src/client/voter.ts), may audit the encrypted ballot
 * (Benaloh) as often as it likes, casts it without any credential, and keeps the receipt.
 * When the cast's answer is lost (network drop, closed tab, timeout) the ballot that was
 * sent, kept in the tab's storage before sending, is looked for on the public board: found,
 * its board event stands in for the receipt; not found, the same ballot may be sent again.
 * @module
 */
import { fetchManifest } from '../../client/voter.js';
import { ApiError, errorText, publicApi } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { renderElectionChooser } from '../lib/elections.js';
import { PHASE_NAMES, texts } from '../lib/i18n.js';
import { renderAudit, renderChoose, renderReview, renderSealed } from './ballot-view.js';
import { go, main, setRenderer } from './page.js';
import { renderLost, renderReceipt } from './receipt-view.js';
import { recheckAll, renderRecheck } from './recheck.js';
import { renderStart, renderToken } from './start-view.js';
import { state } from './state.js';
import { loadMemory, loadReceipts } from './storage.js';
import { BOOTH } from './strings.js';
import { fetchVotingWindow, renderClosed, votingWindow } from './window.js';

// ---- start: load the election ----

async function start(): Promise<void> {
  if (state.electionId === null) {
    await renderElectionChooser(main, 'booth', (p) => p === 'voting' || p === 'tokens');
    return;
  }
  const electionId = state.electionId;
  if (globalThis.crypto?.subtle === undefined) {
    state.fatal = (t) => t.noCrypto;
    go('fatal');
    return;
  }
  try {
    // The election first: its phase, and its default language before the booth shows
    // anything but "loading" (a voter who chose no language gets the election's first).
    const open = await fetchVotingWindow(electionId);
    const m = await fetchManifest(publicApi(), electionId);
    if (!m.ok) {
      state.fatal = (t) => t.badManifest(m.detail);
      state.step = 'fatal';
      render();
      return;
    }
    state.manifest = m;
    // The manifest stays after the close: the phase says whether voting is still open
    // (or not yet: the token window hands out tokens only).
    if (!['voting', 'tokens'].includes(open.phase)) {
      closeAndRecheck();
      return;
    }
  } catch (e) {
    // No manifest yet (409): the phase just read says why.
    const phase = votingWindow()?.phase;
    if (e instanceof ApiError && e.status === 409 && phase !== undefined) {
      state.fatal = (t) => t.notOpen(texts(PHASE_NAMES)[phase] ?? phase);
    } else {
      const text = errorText(e);
      state.fatal = () => text;
    }
    state.step = 'fatal';
    render();
    return;
  }
  state.memory = loadMemory(electionId);
  state.step = 'start';
  render();
  watchForClose();
}

/** Voting is closed: show it, and re-check every receipt this browser kept against the board. */
function closeAndRecheck(): void {
  const electionId = state.electionId!;
  const titles = new Map(state.manifest?.manifest.contests.map((c) => [c.id, c.title]) ?? []);
  state.rechecks = Object.entries(loadReceipts(electionId))
    .filter(([, r]) => r?.electionId === electionId && typeof r.trackingCode === 'string' && Number.isInteger(r.position))
    .map(([contestId, receipt]) => ({ contestTitle: titles.get(contestId) ?? contestId, receipt, status: 'checking' }));
  go('closed');
  void recheckAll(state.rechecks, () => { if (state.step === 'closed') render(); });
}

/** How often a booth left open looks whether voting closed (to re-check its receipts then). */
const CLOSE_POLL_MS = 30_000;

/** A booth left open after casting notices the close and re-checks its receipts. */
function watchForClose(): void {
  const timer = setInterval(() => {
    const busy = state.step !== 'receipt' && state.step !== 'start';
    if (busy || Object.keys(state.memory?.receipts ?? {}).length === 0) return;
    void fetchVotingWindow(state.electionId!).then((w) => {
      if (w.phase === 'voting' || (state.step !== 'receipt' && state.step !== 'start')) return;
      clearInterval(timer);
      closeAndRecheck();
    }, () => undefined);
  }, CLOSE_POLL_MS);
}

function render(): void {
  const t = texts(BOOTH);
  switch (state.step) {
    case 'loading':
      replace(main, h('p', { role: 'status' }, t.loading));
      return;
    case 'fatal':
      replace(main, h('h2', null, t.errorTitle), h('p', { class: 'notice error', role: 'alert' }, state.fatal?.(t) ?? ''));
      return;
    case 'closed': replace(main, ...renderClosed(), ...renderRecheck(state.rechecks, () => void recheckAll(state.rechecks, render))); return;
    case 'start': replace(main, renderStart(t)); return;
    case 'token': replace(main, renderToken(t)); return;
    case 'choose': replace(main, renderChoose(t)); return;
    case 'review': replace(main, renderReview(t)); return;
    case 'sealed': replace(main, renderSealed(t)); return;
    case 'audit': replace(main, renderAudit(t)); return;
    case 'receipt': replace(main, renderReceipt(t)); return;
    case 'lost': replace(main, renderLost(t)); return;
  }
}

setRenderer(render);
render();
void start();
