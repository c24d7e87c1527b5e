/**
 * The board browser (issue 13): the whole bulletin board read page by page, each event's
 * hash and link to the one before checked in the page (lib/board.ts, the record's
 * `checkChain`), then shown 10 at a time, all kinds or one, with the broken ones marked
 * and counted at the top.
 * @module
 */
import { errorText, publicApi } from '../lib/api.js';
import type { CheckedEvent } from '../lib/board.js';
import { BoardReader } from '../lib/board.js';
import { groupHex, h, replace } from '../lib/dom.js';
import { renderElectionChooser } from '../lib/elections.js';
import { formatNumber, formatTime, texts } from '../lib/i18n.js';
import { type PublicElection, fetchElection, publicNav } from '../lib/public.js';
import { electionParam, mountShell } from '../lib/shell.js';
import { BOARD, type BoardTexts } from './strings.js';

const PER_PAGE = 10;
const electionId = electionParam();
const state = {
  election: null as PublicElection | null,
  reader: null as BoardReader | null,
  read: 0,
  done: false,
  error: null as string | null,
  kind: '',
  page: 0,
};
const shell = mountShell('board', { es: BOARD.es.title, en: BOARD.en.title }, () => render());

function shown(): CheckedEvent[] {
  const all = state.reader?.events ?? [];
  return state.kind === '' ? all : all.filter((x) => x.event.kind === state.kind);
}

function setPage(page: number): void {
  state.page = page;
  render();
  const list = shown();
  const t = texts(BOARD);
  const from = page * PER_PAGE;
  shell.announce(t.pageAnnounce(formatNumber(from + 1), formatNumber(Math.min(list.length, from + PER_PAGE)), formatNumber(list.length)));
  shell.main.querySelector<HTMLElement>('#events-h')?.focus();
}

function renderEvent(x: CheckedEvent, t: BoardTexts): HTMLElement {
  const e = x.event;
  return h('li', { class: `card event${x.broken === null ? '' : ' broken'}`, 'data-seq': String(e.seq), 'data-broken': x.broken === null ? 'false' : 'true' },
    h('h3', null, `${t.seq} ${formatNumber(e.seq)} · ${t.kinds[e.kind] ?? e.kind}`),
    h('dl', null,
      h('dt', null, t.at), h('dd', null, formatTime(e.at)),
      h('dt', null, t.hash), h('dd', { class: 'hex' }, groupHex(e.hash)),
      h('dt', null, t.link),
      h('dd', { class: x.broken === null ? 'ok-text' : 'error-text', 'data-testid': 'link' },
        x.broken === null ? t.linkOk : `${t.linkBroken}: ${t.reasons[x.broken.reason] ?? x.broken.detail}`)),
    h('details', null, h('summary', null, t.payload), h('pre', { class: 'payload' }, JSON.stringify(e.payload, null, 2))));
}

function renderBoard(t: BoardTexts): HTMLElement[] {
  const reader = state.reader!;
  const all = reader.events;
  const broken = all.filter((x) => x.broken !== null).length;
  const kinds = [...new Set(all.map((x) => x.event.kind))];
  const list = shown();
  const pages = Math.max(1, Math.ceil(list.length / PER_PAGE));
  const page = Math.min(state.page, pages - 1);
  const from = page * PER_PAGE;
  const slice = list.slice(from, from + PER_PAGE);
  const select = h('select', { id: 'kind' },
    h('option', { value: '' }, t.allKinds),
    kinds.map((k) => h('option', { value: k, ...(k === state.kind && { selected: true }) }, `${t.kinds[k] ?? k} (${formatNumber(all.filter((x) => x.event.kind === k).length)})`)));
  select.addEventListener('change', () => { state.kind = select.value; setPage(0); select.focus(); });
  const headOk = reader.headMatches();
  return [
    h('section', { 'aria-labelledby': 'summary-h' },
      h('h2', { id: 'summary-h', class: 'visually-hidden' }, t.title),
      all.length === 0 ? h('p', null, t.empty)
        : h('p', { class: `notice ${broken === 0 ? 'ok' : 'error'}`, 'data-testid': 'board-summary', ...(broken > 0 && { role: 'alert' }) },
          broken === 0 ? t.summaryOk(formatNumber(all.length)) : t.summaryBroken(formatNumber(broken), formatNumber(all.length))),
      headOk ? null : h('p', { class: 'notice error', 'data-testid': 'head-mismatch' }, t.headMismatch)),
    h('div', { class: 'field no-print' }, h('label', { for: 'kind' }, t.kindLabel), select),
    h('section', { 'aria-labelledby': 'events-h' },
      h('h2', { id: 'events-h', tabindex: '-1' }, list.length === 0 ? t.empty : t.showing(formatNumber(from + 1), formatNumber(from + slice.length), formatNumber(list.length))),
      h('ol', { class: 'events', 'data-testid': 'events' }, slice.map((x) => renderEvent(x, t))),
      pages <= 1 ? null : h('nav', { class: 'actions no-print', 'aria-label': t.pageNav },
        h('button', { type: 'button', class: 'btn', 'data-testid': 'previous', disabled: page === 0, onclick: () => setPage(page - 1) }, t.previous),
        h('button', { type: 'button', class: 'btn', 'data-testid': 'next', disabled: page >= pages - 1, onclick: () => setPage(page + 1) }, t.next))),
  ];
}

function render(): void {
  const t = texts(BOARD);
  if (electionId === null) {
    void renderElectionChooser(shell.main, 'board');
    return;
  }
  replace(shell.main,
    publicNav('board'),
    state.election === null ? null : h('p', { class: 'lead' }, state.election.title),
    h('p', null, t.lead),
    state.error !== null ? h('p', { class: 'notice error', role: 'alert' }, state.error)
      : !state.done ? h('p', { role: 'status', id: 'board-progress' }, t.loading(formatNumber(state.read)))
        : renderBoard(t));
}

async function load(id: string): Promise<void> {
  state.election = await fetchElection(id);
  render();
  const reader = new BoardReader(publicApi(), id);
  state.reader = reader;
  await reader.update((n) => {
    state.read = n;
    const p = document.getElementById('board-progress');
    if (p !== null) p.textContent = texts(BOARD).loading(formatNumber(n));
  });
  state.done = true;
}

render();
if (electionId !== null) load(electionId).catch((e) => { state.error = errorText(e); }).finally(render);
