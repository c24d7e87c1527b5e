/**
 * The acta (issue 13): a printable record of a published election — the results as the
 * verifier reports them from the complete record (the results page's worker, so never a
 * tally of the page's own) and the committee's decisions with who approved each, read from
 * the board's signed `decision` events, every hash link checked in the page
 * (src/web/lib/board.ts). Print CSS in styles.css.
 * @module
 */
import type { VerificationReport } from '../../verify/index.js';
import { errorText, publicApi } from '../lib/api.js';
import { BoardReader } from '../lib/board.js';
import { h, replace } from '../lib/dom.js';
import { renderElectionChooser } from '../lib/elections.js';
import { PHASE_NAMES, formatTime, texts } from '../lib/i18n.js';
import { type PublicElection, fetchElection, publicNav } from '../lib/public.js';
import { electionParam, mountShell } from '../lib/shell.js';
import type { FromWorker, ToWorker } from '../auditor/worker.js';
import { ACTA, type ActaTexts } from './strings.js';
import { type Member, renderApprovals, renderResults, renderSignatures } from './view.js';

const electionId = electionParam();
const state = {
  election: null as PublicElection | null,
  board: null as BoardReader | null,
  report: null as VerificationReport | null,
  error: null as ((t: ActaTexts) => string) | null,
  generatedAt: new Date().toISOString(),
};
const shell = mountShell('acta', { es: ACTA.es.title, en: ACTA.en.title }, () => render());

function verify(id: string): void {
  if (typeof Worker === 'undefined') return;
  const worker = new Worker(new URL('../auditor/worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (ev: MessageEvent<FromWorker>) => {
    const m = ev.data;
    if (m.type === 'download' || m.type === 'progress') return;
    worker.terminate();
    if (m.type === 'done') state.report = m.report;
    else state.error = () => m.detail;
    render();
  };
  const source: ToWorker = { kind: 'url', url: new URL(`/elections/${encodeURIComponent(id)}/record`, location.origin).href };
  worker.postMessage(source);
}

function render(): void {
  const t = texts(ACTA);
  if (electionId === null) {
    void renderElectionChooser(shell.main, 'acta', (p) => p === 'published');
    return;
  }
  const e = state.election;
  const board = state.board;
  const members = ((board?.events.find((x) => x.event.kind === 'committee')?.event.payload as { members?: Member[] } | undefined)?.members) ?? [];
  const decisions = board?.events.filter((x) => x.event.kind === 'decision').map((x) => x.event) ?? [];
  const broken = board?.events.find((x) => x.broken !== null);
  const contestTitle = (id: string) => e?.contests?.find((c) => c.id === id)?.title ?? id;
  replace(shell.main,
    publicNav('results'),
    h('p', { class: 'no-print' }, t.lead),
    state.error !== null ? h('p', { class: 'notice error', role: 'alert' }, state.error(t))
      : e === null ? h('p', { role: 'status' }, t.loading)
        : e.phase !== 'published' ? h('p', { class: 'notice', 'data-testid': 'not-published' }, t.notYet(texts(PHASE_NAMES)[e.phase] ?? e.phase))
          : [
            h('p', { class: 'lead' }, e.title),
            h('p', null, t.electionId(e.id), h('br'), t.printedAt(formatTime(state.generatedAt))),
            state.report === null ? h('p', { role: 'status', class: 'notice' }, t.verifying) : renderResults(state.report, t),
            board === null ? null : [
              h('p', { class: broken === undefined && board.headMatches() ? 'ok-text' : 'notice error', 'data-testid': 'chain' },
                broken === undefined ? t.chainOk(board.events.length) : t.chainBroken(broken.event.seq)),
              renderApprovals(decisions, members, t, contestTitle),
              renderSignatures(members, t),
            ],
          ]);
}

async function load(id: string): Promise<void> {
  state.election = await fetchElection(id);
  if (state.election.phase !== 'published') return;
  verify(id);
  const board = new BoardReader(publicApi(), id);
  await board.update();
  state.board = board;
}

render();
if (electionId !== null) load(electionId).catch((e) => { const d = errorText(e); state.error = () => d; }).finally(render);
