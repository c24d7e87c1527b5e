/**
 * The results page (issue 13): once the results are published, the election record is
 * downloaded and verified in a Web Worker by the auditor page's own worker (src/verify,
 * the CLI's verifier), and what is shown is the verifier's report — counts, ranking,
 * titulars and alternates as checked against the decryption and the seat rule
 * (src/record/seats.ts) — never a tally of the page's own. Ties (equal votes, the order
 * then set by the public lot the verifier recomputes) are marked; blank ballots are shown
 * where the tally can tell them (vote-for-one contests: counted ballots minus votes).
 * @module
 */
import { fetchManifest } from '../../client/manifest.js';
import { toHex } from '../../crypto/group.js';
import type { ContestResult, VerificationReport } from '../../verify/index.js';
import { errorText, publicApi } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { renderElectionChooser } from '../lib/elections.js';
import { foreignRecordNotice, pageElection } from '../lib/foreign-record.js';
import { PHASE_NAMES, formatNumber, formatPercent, lang, texts } from '../lib/i18n.js';
import { type PublicElection, fetchElection, publicNav } from '../lib/public.js';
import { electionParam, mountShell, pageUrl } from '../lib/shell.js';
import type { FromWorker, ToWorker } from '../auditor/worker.js';
import { RESULTS, type ResultsTexts } from './strings.js';
import { tiedCandidates } from './ties.js';

const electionId = electionParam();
const state = {
  election: null as PublicElection | null,
  /** Vote-for-up-to per contest, from the manifest the booth checks (used only if it is the record's). */
  maxSelections: new Map<string, number>(),
  manifestHash: null as string | null,
  report: null as VerificationReport | null,
  error: null as ((t: ResultsTexts) => string) | null,
};
const shell = mountShell('results', { es: RESULTS.es.title, en: RESULTS.en.title }, () => render());

function verify(id: string): void {
  if (typeof Worker === 'undefined') {
    state.error = (t) => t.noWorker;
    render();
    return;
  }
  const worker = new Worker(new URL('../auditor/worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (ev: MessageEvent<FromWorker>) => {
    const m = ev.data;
    if (m.type === 'download' || m.type === 'progress') return;
    worker.terminate();
    if (m.type === 'done') state.report = m.report;
    else state.error = (t) => t.failed(m.detail);
    render();
    const r = state.report;
    if (r !== null) shell.announce(r.ok ? texts(RESULTS).verifiedOk(r.checks.length) : texts(RESULTS).verifiedBad);
  };
  const source: ToWorker = { kind: 'url', url: new URL(`/elections/${encodeURIComponent(id)}/record`, location.origin).href };
  worker.postMessage(source);
}

function renderContest(r: ContestResult, report: VerificationReport, t: ResultsTexts): HTMLElement {
  const counts = report.counts.contests.find((c) => c.contestId === r.contestId);
  const counted = counts?.countedBallots ?? 0;
  const roll = counts?.rollSize ?? 0;
  const ties = tiedCandidates(r);
  const sameManifest = state.manifestHash !== null && state.manifestHash === report.manifestHash;
  const max = sameManifest ? state.maxSelections.get(r.contestId) : undefined;
  const votes = r.candidates.reduce((a, c) => a + c.votes, 0);
  const seat = (s: 'titular' | 'alternate' | null) => (s === 'titular' ? t.titular : s === 'alternate' ? t.alternate : t.none);
  return h('section', { class: 'card result', 'aria-labelledby': `r-${r.contestId}`, 'data-testid': `result-${r.contestId}` },
    h('h2', { id: `r-${r.contestId}` }, r.title),
    h('p', { class: 'muted', 'data-testid': 'result-constituency' }, r.constituencyName[lang()]),
    h('p', null, t.seats(r.seats, r.alternates), max === undefined ? null : ` · ${t.voteFor(max)}`),
    h('p', { 'data-testid': 'ballots' }, t.ballots(formatNumber(counted), formatNumber(roll), formatPercent(counted, roll))),
    r.verified ? null : h('p', { class: 'notice error' }, t.notVerified),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'results-table' },
        h('caption', { class: 'visually-hidden' }, r.title),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t.rank), h('th', { scope: 'col' }, t.candidate), h('th', { scope: 'col' }, t.votes))),
        h('tbody', null, r.candidates.map((c) => h('tr', { 'data-candidate': c.candidateId, 'data-seat': c.seat ?? 'none', 'data-votes': String(c.votes), 'data-rank': String(c.rank) },
          h('td', null, formatNumber(c.rank)),
          h('td', null,
            h('span', { class: 'candidate-name' }, c.fullName), ' ',
            h('span', { class: `tag${c.seat === null ? '' : ' ok'}`, 'data-testid': 'seat' }, seat(c.seat)),
            ties.has(c.candidateId) ? h('span', { class: 'tag tie', 'data-testid': 'tie' }, t.tie) : null),
          h('td', null,
            h('span', { class: 'bar-value' }, t.votesOf(formatNumber(c.votes), formatPercent(c.votes, counted))),
            h('span', { class: 'bar-track', 'aria-hidden': 'true', style: 'display:block' },
              h('span', { class: `bar-fill${c.seat === 'titular' ? '' : ' alt'}`, style: `display:block;width:${(counted === 0 ? 0 : Math.min(100, (c.votes / counted) * 100)).toFixed(1)}%` })))))))),
    max === 1 ? h('p', { 'data-testid': 'blank' }, t.blank(formatNumber(counted - votes), formatPercent(counted - votes, counted)))
      : h('p', { class: 'muted', 'data-testid': 'blank' }, t.blankUnknown),
    ties.size === 0 ? null : h('p', { class: 'muted' }, t.tieNote));
}

function render(): void {
  const t = texts(RESULTS);
  if (electionId === null) {
    void renderElectionChooser(shell.main, 'results', (p) => p === 'published');
    return;
  }
  const e = state.election;
  const r = state.report;
  const id = encodeURIComponent(electionId);
  replace(shell.main,
    publicNav('results'),
    e === null ? null : h('p', { class: 'lead' }, e.title),
    h('p', null, t.lead),
    state.error !== null ? h('p', { class: 'notice error', role: 'alert' }, state.error(t))
      : e === null ? h('p', { role: 'status' }, t.loading)
        : e.phase !== 'published' ? [h('p', { class: 'notice', 'data-testid': 'not-published' }, t.notYet(texts(PHASE_NAMES)[e.phase] ?? e.phase)),
          h('p', null, h('a', { href: pageUrl('timeline') }, t.timelineLink))]
          : r === null ? h('p', { role: 'status', class: 'notice' }, t.verifying)
            : [
              // What the server served may be another election's record, or carry another manifest: said first, naming both.
              foreignRecordNotice(r, pageElection(electionId, e.title, state.manifestHash)),
              h('p', { class: `notice ${r.ok ? 'ok' : 'error'}`, 'data-testid': 'verified' }, r.ok ? t.verifiedOk(r.checks.length) : t.verifiedBad),
              (r.results ?? []).map((x) => renderContest(x, r, t)),
            ],
    h('section', { 'aria-labelledby': 'links-h' },
      h('h2', { id: 'links-h' }, t.linksTitle),
      h('ul', null,
        h('li', null, h('a', { href: pageUrl('auditor'), 'data-testid': 'auditor-link' }, t.auditor)),
        h('li', null, h('a', { href: pageUrl('acta'), 'data-testid': 'acta-link' }, t.acta)),
        h('li', null, h('a', { href: `/elections/${id}/report`, 'data-testid': 'report-link' }, t.report)),
        h('li', null, h('a', { href: `/elections/${id}/record`, download: `election-record-${electionId}.json` }, t.record)))));
}

async function load(id: string): Promise<void> {
  state.election = await fetchElection(id);
  if (state.election.phase !== 'published') return;
  const m = await fetchManifest(publicApi(), id).catch(() => null);
  if (m?.ok === true) {
    state.manifestHash = toHex(m.hash);
    for (const c of m.manifest.contests) state.maxSelections.set(c.id, c.maxSelections);
  }
  verify(id);
}

render();
if (electionId !== null) load(electionId).catch((e) => { const d = errorText(e); state.error = () => d; }).finally(render);
