/**
 * The auditor page (issue 6): one button downloads the election record (or a file is
 * opened) and verifies it in a Web Worker with the project's verifier (src/verify), with a
 * progress bar; the page shows the verdict, the record's SHA-256 and the server's signed
 * report, every numbered check with its failures, turnout per contest and per region as
 * bars, the results with seats, the complaint log with the committee's answers, and the
 * CLI's text report; it offers the verifier's HTML report (the file `npm run verify --
 * <record> --report informe.html` writes) and the exact bytes verified.
 *
 * What is shown is the verifier's report: turnout by region (tokens against roll entries,
 * all contests together, a region below the manifest's minimum roll only as "< N", its
 * figures never in the report) and the complaint log are `report.turnout` and
 * `report.complaints`, the same definitions that check 23 holds the server's signed report
 * to. This page only renders them (the parts in view.ts).
 *
 * Opened for one election (`?election=`), the page may be given another's record (a file,
 * or what the server serves): it is verified all the same, after a warning naming both
 * elections (lib/foreign-record.ts), which the HTML report it offers carries too.
 * @module
 */
import type { VerificationReport } from '../../verify/index.js';
import { reportHtml } from '../../verify/html.js';
import { publicApi } from '../lib/api.js';
import { type Child, download, h, replace } from '../lib/dom.js';
import { renderElectionChooser } from '../lib/elections.js';
import { foreignRecordNotice, pageElection, publishedManifestHash } from '../lib/foreign-record.js';
import { formatNumber, lang, texts } from '../lib/i18n.js';
import { regionName } from '../lib/regions.js';
import { electionParam, focusHeading, mountShell } from '../lib/shell.js';
import { AUDITOR, type AuditorTexts } from './strings.js';
import { bar, regionBar, renderComplaints, renderServerReport } from './view.js';
import type { FromWorker, ToWorker } from './worker.js';

const electionId = electionParam();
const state = {
  title: null as string | null,
  /** The manifest the server publishes for the election (null before voting opens): a record with another is flagged. */
  manifestHash: null as string | null,
  /** Verify as a record in progress (the election has not published its results). */
  partial: false,
  running: false,
  progress: null as { stage: string; done: number; total: number | null } | null,
  result: null as {
    report: VerificationReport; lines: { es: string[]; en: string[] };
    /** The bytes verified, and the file name they are saved under (named so in the HTML report's repeat command). */
    bytes: Blob; fileName: string;
    verifiedAt: Date;
  } | null,
  error: null as ((t: AuditorTexts) => string) | null,
};
let worker: Worker | null = null;

const shell = mountShell('auditor', { es: AUDITOR.es.title, en: AUDITOR.en.title }, () => render());
const main = shell.main;

/** Verify `source` in a worker; `fileName` names the record in the HTML report and when saved. */
function verify(source: ToWorker, fileName: string): void {
  if (typeof Worker === 'undefined') {
    state.error = (t) => t.noWorker;
    render();
    return;
  }
  worker?.terminate();
  worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  state.running = true;
  state.result = null;
  state.error = null;
  state.progress = { stage: 'download', done: 0, total: null };
  render();
  main.querySelector<HTMLElement>('#progress-h')?.focus();
  worker.onmessage = (ev: MessageEvent<FromWorker>) => {
    const m = ev.data;
    switch (m.type) {
      case 'download':
        state.progress = { stage: 'download', done: m.bytes, total: m.total };
        updateProgress();
        return;
      case 'progress':
        state.progress = { stage: m.stage, done: m.done, total: m.total };
        updateProgress();
        return;
      case 'done':
        state.result = { report: m.report, lines: m.lines, bytes: m.bytes, fileName, verifiedAt: new Date() };
        break;
      case 'error':
        state.error = m.reason === 'http' ? (t) => t.httpError(m.detail) : m.reason === 'not_json' ? (t) => t.notJson : (t) => t.failed(m.detail);
        break;
    }
    state.running = false;
    worker?.terminate();
    worker = null;
    render();
    focusHeading(main.querySelector('#outcome') ?? main);
    if (state.result !== null) shell.announce(state.result.report.verdict[lang()]);
  };
  worker.postMessage({ ...source, partial: state.partial });
}

function progressText(t: AuditorTexts): string {
  const p = state.progress;
  if (p === null) return '';
  const stage = t.stages[p.stage] ?? p.stage;
  if (p.stage === 'download') return `${stage}: ${t.downloaded(formatNumber(Math.round(p.done / 1024)))}`;
  return `${stage}: ${t.of(formatNumber(p.done), formatNumber(p.total ?? 0))}`;
}

/** Update the bar in place: re-rendering would interrupt screen readers at every tick. */
function updateProgress(): void {
  const t = texts(AUDITOR);
  const bar = main.querySelector<HTMLProgressElement>('#progress');
  const label = main.querySelector('#progress-text');
  const p = state.progress;
  if (bar === null || label === null || p === null) return;
  if (p.total === null || p.total === 0) bar.removeAttribute('value');
  else {
    bar.max = p.total;
    bar.value = p.done;
  }
  label.textContent = progressText(t);
}

/** The election this page was opened for: a record of another one, or with another manifest, is verified with a warning. */
function expected() {
  return pageElection(electionId!, state.title, state.manifestHash);
}

/** Save the verifier's HTML report: `reportHtml` as `npm run verify -- <file> --report` writes it. */
function downloadHtml(): void {
  const x = state.result!;
  const l = lang();
  download(`${l === 'es' ? 'informe' : 'report'}-${x.report.electionId ?? 'anfora'}.html`,
    reportHtml(x.report, l, { verifiedAt: x.verifiedAt, source: x.fileName, expected: expected() }), 'text/html;charset=utf-8');
}

/** Save the bytes verified, so that the SHA-256 shown names a file the reader has. */
function saveRecord(): void {
  download(state.result!.fileName, state.result!.bytes);
}

function renderReport(r: VerificationReport, t: AuditorTexts): Child[] {
  const say = (x: { es: string; en: string }) => x[lang()];
  const turnout = r.turnout;
  const inProgress = r.checks.some((c) => c.pending === true);
  // The report orders regions by id; people look for them by name.
  const regions = turnout === null ? []
    : [...turnout.regions].sort((a, b) => regionName(a.region).localeCompare(regionName(b.region), lang()));
  return [
    // Another election's record (a file, or what the server served): said before anything it proves.
    foreignRecordNotice(r, expected()),
    h('section', { 'aria-labelledby': 'verdict-h', class: `notice ${!r.ok ? 'error' : inProgress ? '' : 'ok'}`, 'data-testid': 'verdict', 'data-state': !r.ok ? 'failed' : inProgress ? 'in-progress' : 'valid' },
      h('h2', { id: 'verdict-h' }, !r.ok ? `✗ ${t.verdictTitle}` : inProgress ? `… ${t.inProgressTitle}` : `✓ ${t.verdictTitle}`),
      h('p', { class: 'big', 'data-testid': 'verdict-text' }, say(r.verdict)),
      r.ok && inProgress ? h('p', null, t.inProgressNote) : null),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn primary', 'data-testid': 'download-html', onclick: downloadHtml }, t.downloadHtml),
      h('button', { type: 'button', class: 'btn', 'data-testid': 'save-record', onclick: saveRecord }, t.saveRecord)),
    h('dl', null,
      h('dt', null, t.election), h('dd', null, `${r.title ?? '—'}`),
      h('dt', null, t.recordSha), h('dd', { class: 'hex', 'data-testid': 'record-sha256' }, r.recordSha256 ?? '—'),
      h('dt', null, t.manifestHash), h('dd', { class: 'hex' }, r.manifestHash ?? '—'),
      h('dt', null, t.stage), h('dd', null, t.recordStages[r.stage] ?? r.stage),
      h('dt', null, t.events), h('dd', null, formatNumber(r.counts.events))),
    h('p', { class: 'muted' }, t.shaNote),
    renderServerReport(r, t),
    h('section', { 'aria-labelledby': 'turnout-h' },
      h('h2', { id: 'turnout-h' }, t.turnoutTitle),
      h('p', { class: 'muted' }, t.turnoutContest),
      r.counts.contests.map((c) => h('div', { class: 'card', 'data-testid': `turnout-${c.contestId}` },
        h('h3', null, c.title),
        h('ul', { class: 'bars' },
          bar(t.roll, c.rollSize, c.rollSize, t),
          bar(t.tokens, c.tokensIssued, c.rollSize, t),
          bar(t.counted, c.countedBallots, c.rollSize, t, true))))),
    h('section', { 'aria-labelledby': 'region-h' },
      h('h2', { id: 'region-h' }, t.regionTitle),
      h('p', { class: 'muted' }, t.regionNote),
      turnout === null || regions.length === 0 ? h('p', { 'data-testid': 'regions-none' }, t.noRegions) : [
        h('p', { class: 'muted', 'data-testid': 'regions-min' }, t.regionSuppressed(turnout.minRollSize)),
        h('ul', { class: 'bars card', 'data-testid': 'regions' }, regions.map((x) => regionBar(x, turnout.minRollSize, t))),
      ]),
    h('section', { 'aria-labelledby': 'results-h' },
      h('h2', { id: 'results-h' }, t.resultsTitle),
      r.results === null ? h('p', null, t.noResults) : r.results.map((c) => {
        const top = Math.max(1, ...c.candidates.map((x) => x.votes));
        return h('div', { class: 'card', 'data-testid': `results-${c.contestId}` },
          h('h3', null, `${c.title} — ${t.seats(c.seats, c.alternates)}`),
          h('p', { class: c.verified ? 'ok-text' : 'error-text' }, c.verified ? `✓ ${t.resultVerified}` : `✗ ${t.resultNotVerified}`),
          h('div', { class: 'table-wrap' },
            h('table', null,
              h('caption', { class: 'visually-hidden' }, c.title),
              h('thead', null, h('tr', null, [t.rank, t.candidate, t.votes, t.seat].map((x) => h('th', { scope: 'col' }, x)))),
              h('tbody', null, c.candidates.map((x) => h('tr', null,
                h('td', null, String(x.rank)),
                h('th', { scope: 'row' }, x.fullName),
                h('td', null,
                  h('span', { class: 'bar-value' }, formatNumber(x.votes)),
                  h('span', { class: 'bar-track', 'aria-hidden': 'true', style: 'display:block;min-width:4rem' },
                    h('span', { class: `bar-fill${x.seat === null ? ' alt' : ''}`, style: `display:block;width:${((x.votes / top) * 100).toFixed(1)}%` }))),
                h('td', null, x.seat === 'titular' ? t.titular : x.seat === 'alternate' ? t.alternate : '—')))))));
      })),
    renderComplaints(r.complaints, t),
    h('section', { 'aria-labelledby': 'checks-h' },
      h('h2', { id: 'checks-h' }, t.checksTitle),
      h('ol', { class: 'audit-rows', 'data-testid': 'checks' }, r.checks.map((c) => h('li', { class: 'card', 'data-check': c.key, 'data-ok': String(c.ok), 'data-pending': String(c.pending === true) },
        h('p', null, h('strong', { class: c.pending === true ? '' : c.ok ? 'ok-text' : 'error-text' }, `${c.pending === true ? '…' : c.ok ? '✓' : '✗'} ${c.id}. ${say(c.title)}`),
          c.pending === true ? ` — ${t.pending}` : c.ok ? null : ` — ${t.failures(c.failures.length)}`),
        h('p', { class: 'muted' }, say(c.description)),
        c.note ? h('p', { class: 'muted' }, say(c.note)) : null,
        c.failures.length === 0 ? null : h('ul', null, c.failures.slice(0, 100).map((f) => h('li', null, h('strong', null, say(f.itemText)), `: ${say(f.detail)}`))))))),
    h('section', { 'aria-labelledby': 'text-h' },
      h('h2', { id: 'text-h' }, t.textTitle),
      h('p', { class: 'muted' }, t.textLead),
      h('pre', { class: 'card hex', tabindex: '0', 'data-testid': 'report-text', style: 'white-space:pre-wrap' }, state.result!.lines[lang()].join('\n')),
      h('div', { class: 'actions' }, h('button', {
        type: 'button', class: 'btn', 'data-testid': 'download-report',
        onclick: () => download(`${lang() === 'es' ? 'informe' : 'report'}-${r.electionId ?? 'anfora'}.json`, `${JSON.stringify(r, null, 2)}\n`),
      }, t.downloadReport))),
  ];
}

/** The name a downloaded record is saved under. */
const recordFileName = (id: string) => `election-record-${id}.json`;

function render(): void {
  const t = texts(AUDITOR);
  if (electionId === null) {
    void renderElectionChooser(main, 'auditor', (p) => ['tokens', 'voting', 'closed', 'tallied', 'published'].includes(p));
    return;
  }
  const recordUrl = `/elections/${encodeURIComponent(electionId)}/record`;
  const file = h('input', { id: 'record-file', type: 'file', accept: 'application/json,.json', 'aria-describedby': 'record-file-help', disabled: state.running });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f !== undefined) verify({ kind: 'file', file: f }, f.name);
  });
  replace(main,
    state.title === null ? null : h('p', { class: 'lead' }, state.title),
    h('p', null, t.lead),
    h('p', { class: 'muted' }, t.independent),
    h('div', { class: 'actions' },
      h('button', {
        type: 'button', class: 'btn primary', 'data-testid': 'verify', disabled: state.running,
        onclick: () => verify({ kind: 'url', url: new URL(recordUrl, location.origin).href }, recordFileName(electionId)),
      }, state.result === null ? t.run : t.again),
      h('a', { class: 'btn', href: recordUrl, download: recordFileName(electionId) }, t.downloadRecord)),
    h('details', { class: 'card' },
      h('summary', null, t.fileTitle),
      h('div', { class: 'field' }, h('label', { for: 'record-file' }, t.fileLabel), file, h('p', { id: 'record-file-help', class: 'muted' }, t.fileHelp))),
    state.running ? h('section', { 'aria-labelledby': 'progress-h', class: 'card' },
      h('h2', { id: 'progress-h', tabindex: '-1' }, t.progressLabel),
      h('progress', { id: 'progress', 'aria-labelledby': 'progress-h', 'aria-describedby': 'progress-text' }),
      h('p', { id: 'progress-text', 'aria-live': 'polite' }, progressText(t))) : null,
    h('div', { id: 'outcome' },
      state.error === null ? null : [h('h2', null, t.verdictTitle), h('p', { class: 'notice error', role: 'alert' }, state.error(t))],
      state.result === null ? null : renderReport(state.result.report, t)));
  if (state.running) updateProgress();
}

render();
if (electionId !== null) {
  // The title and the published manifest together: once the title shows, a record can be compared with both.
  Promise.all([publicApi().get(`/elections/${encodeURIComponent(electionId)}`), publishedManifestHash(electionId)]).then(([e, hash]) => {
    state.manifestHash = hash;
    state.title = String((e as { title?: unknown }).title ?? '');
    // Before publication the record is verified as far as it goes: checks it does not reach yet are pending, not failed.
    state.partial = (e as { phase?: unknown }).phase !== 'published';
    if (!state.running) render();
  }, () => {});
}
