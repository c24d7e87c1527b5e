/**
 * Live turnout in the committee console (issue 13), counts only: per contest, the roll
 * (the manifest's), the voting tokens issued (`GET /issuance`) and the ballots on the
 * board (lib/board.ts, each link checked, read incrementally). While voting is open it
 * refreshes itself every 15 seconds in place. Before the committee proposes to close,
 * a confirmation shows how many associations of each roll have not cast a ballot — a
 * count, never who: ballots are anonymous and the board cannot say.
 * @module
 */
import { errorText, publicApi } from '../lib/api.js';
import { BoardReader } from '../lib/board.js';
import { h, replace } from '../lib/dom.js';
import { type Bilingual, formatNumber, formatPercent, formatTime, texts } from '../lib/i18n.js';

interface Row { contestId: string; title: string; roll: number; tokens: number; ballots: number }

const T: Bilingual<{
  title: string; lead: string; contest: string; roll: string; tokens: string; ballots: string; notVoted: string;
  updated: (when: string) => string; loading: string; total: string; share: (n: string, pct: string) => string;
  confirmTitle: string; confirmLead: (n: string, of: string) => string; confirmContest: (title: string, n: string, of: string) => string;
  confirmNote: string; confirm: string; cancel: string;
}> = {
  es: {
    title: 'Participación en vivo', lead: 'Solo conteos: las papeletas son anónimas. Se actualiza sola cada 15 segundos mientras la votación está abierta.',
    contest: 'Contienda', roll: 'Padrón', tokens: 'Fichas emitidas', ballots: 'Papeletas emitidas', notVoted: 'Sin votar',
    updated: (w) => `Actualizado: ${w}`, loading: 'Cargando la participación…', total: 'Total',
    share: (n, p) => `${n} (${p})`,
    confirmTitle: '¿Proponer el cierre de la votación?',
    confirmLead: (n, of) => `${n} de ${of} asociaciones del padrón todavía no emitieron su papeleta.`,
    confirmContest: (title, n, of) => `${title}: ${n} de ${of} sin votar.`,
    confirmNote: 'Cerrar es definitivo: después nadie más puede votar. La propuesta necesita la aprobación de miembros de otro sector.',
    confirm: 'Sí, proponer el cierre', cancel: 'Cancelar',
  },
  en: {
    title: 'Live turnout', lead: 'Counts only: ballots are anonymous. It refreshes itself every 15 seconds while voting is open.',
    contest: 'Contest', roll: 'Roll', tokens: 'Tokens issued', ballots: 'Ballots cast', notVoted: 'Not voted',
    updated: (w) => `Updated: ${w}`, loading: 'Loading turnout…', total: 'Total',
    share: (n, p) => `${n} (${p})`,
    confirmTitle: 'Propose to close voting?',
    confirmLead: (n, of) => `${n} of ${of} associations on the roll have not cast their ballot yet.`,
    confirmContest: (title, n, of) => `${title}: ${n} of ${of} not voted.`,
    confirmNote: 'Closing is final: nobody can vote afterwards. The proposal needs the approval of members of another sector.',
    confirm: 'Yes, propose to close', cancel: 'Cancel',
  },
};

/** The panel and the confirmation live across the console's re-renders (it re-inserts the same nodes). */
const panel = h('section', { class: 'card', 'aria-labelledby': 'turnout-h', 'data-testid': 'turnout' });
const confirmation = h('div', { 'data-testid': 'close-confirmation' });
let electionId: string | null = null;
let reader: BoardReader | null = null;
let rows: Row[] | null = null;
let updatedAt: Date | null = null;
let failure: string | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let pendingConfirm: (() => void) | null = null;

async function refresh(id: string): Promise<void> {
  const api = publicApi();
  const path = `/elections/${encodeURIComponent(id)}`;
  reader ??= new BoardReader(api, id);
  const [manifest, issuance] = await Promise.all([
    api.get(`${path}/manifest`) as Promise<{ manifest: { contests: { id: string; title: string; roll: unknown[] }[] } }>,
    api.get(`${path}/issuance`) as Promise<{ contests: { contestId: string; issued: number }[] }>,
    reader.update(),
  ]);
  const ballots = reader.ballotsByContest();
  rows = manifest.manifest.contests.map((c) => ({
    contestId: c.id, title: c.title, roll: c.roll.length,
    tokens: issuance.contests.find((x) => x.contestId === c.id)?.issued ?? 0, ballots: ballots.get(c.id) ?? 0,
  }));
  updatedAt = new Date();
}

function draw(): void {
  const t = texts(T);
  const cell = (n: number, of: number) => t.share(formatNumber(n), formatPercent(n, of));
  const total = rows?.reduce((a, r) => ({ roll: a.roll + r.roll, tokens: a.tokens + r.tokens, ballots: a.ballots + r.ballots }), { roll: 0, tokens: 0, ballots: 0 });
  replace(panel,
    h('h2', { id: 'turnout-h' }, t.title),
    h('p', { class: 'muted' }, t.lead),
    failure !== null ? h('p', { class: 'notice error' }, failure) : null,
    rows === null ? h('p', null, t.loading) : h('div', { class: 'table-wrap' },
      h('table', { class: 'turnout-table' },
        h('thead', null, h('tr', null, [t.contest, t.roll, t.tokens, t.ballots].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, rows.map((r) => h('tr', { 'data-contest': r.contestId, 'data-tokens': String(r.tokens), 'data-ballots': String(r.ballots) },
          h('th', { scope: 'row' }, r.title), h('td', { 'data-label': t.roll }, formatNumber(r.roll)),
          h('td', { 'data-label': t.tokens }, cell(r.tokens, r.roll)), h('td', { 'data-label': t.ballots }, cell(r.ballots, r.roll))))),
        total === undefined ? null : h('tfoot', null, h('tr', null,
          h('th', { scope: 'row' }, t.total), h('td', { 'data-label': t.roll }, formatNumber(total.roll)),
          h('td', { 'data-label': t.tokens }, cell(total.tokens, total.roll)), h('td', { 'data-label': t.ballots }, cell(total.ballots, total.roll)))))),
    updatedAt === null ? null : h('p', { class: 'muted', 'data-testid': 'turnout-updated' }, t.updated(formatTime(updatedAt.toISOString()))));
}

async function tick(): Promise<void> {
  if (electionId === null) return;
  try {
    await refresh(electionId);
    failure = null;
  } catch (e) {
    failure = errorText(e);
  }
  draw();
}

/**
 * The turnout panel for `id` in `phase` (null before the election opens). Starts
 * refreshing in the token window and while voting is open; stops in any other phase.
 */
export function turnoutPanel(id: string, phase: string): HTMLElement | null {
  // From the token window on: the tokens handed out count up before any ballot.
  const shown = ['tokens', 'voting', 'closed', 'tallied', 'published'].includes(phase);
  const live = phase === 'voting' || phase === 'tokens';
  if (id !== electionId) { electionId = id; reader = null; rows = null; }
  if (live && timer === null) timer = setInterval(() => void tick(), 15_000);
  if (!live && timer !== null) { clearInterval(timer); timer = null; }
  if (!shown) return null;
  draw();
  void tick();
  return panel;
}

function drawConfirmation(): void {
  const t = texts(T);
  if (pendingConfirm === null || rows === null) { replace(confirmation); return; }
  const left = rows.reduce((a, r) => a + Math.max(0, r.roll - r.ballots), 0);
  const roll = rows.reduce((a, r) => a + r.roll, 0);
  const go = pendingConfirm;
  replace(confirmation,
    h('section', { class: 'notice warn', role: 'alertdialog', 'aria-labelledby': 'confirm-close-h', 'aria-describedby': 'confirm-close-lead' },
      h('h3', { id: 'confirm-close-h', tabindex: '-1' }, t.confirmTitle),
      h('p', { id: 'confirm-close-lead', class: 'big', 'data-testid': 'not-voted' }, t.confirmLead(formatNumber(left), formatNumber(roll))),
      h('ul', null, rows.map((r) => h('li', null, t.confirmContest(r.title, formatNumber(Math.max(0, r.roll - r.ballots)), formatNumber(r.roll))))),
      h('p', null, t.confirmNote),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn primary', 'data-testid': 'confirm-close', onclick: () => { pendingConfirm = null; replace(confirmation); go(); } }, t.confirm),
        h('button', { type: 'button', class: 'btn', 'data-testid': 'cancel-close', onclick: () => { pendingConfirm = null; replace(confirmation); document.querySelector<HTMLElement>('[data-testid="propose-phase"]')?.focus(); } }, t.cancel))));
}

/** Where the close confirmation appears (inside the phase card). */
export function closeConfirmation(): HTMLElement {
  drawConfirmation();
  return confirmation;
}

/** Ask before proposing to close: fresh counts first, then `propose` only on confirmation. */
export async function confirmClose(id: string, propose: () => void): Promise<void> {
  electionId = id;
  try {
    await refresh(id);
  } catch (e) {
    failure = errorText(e);
  }
  draw();
  pendingConfirm = propose;
  drawConfirmation();
  confirmation.querySelector<HTMLElement>('#confirm-close-h')?.focus();
}
