/**
 * The auditor page's parts that only render the verifier's report (main.ts holds the
 * state and the worker): turnout bars, a region below the minimum roll as "< N", the
 * complaint log and the server's signed report.
 * @module
 */
import type { ComplaintEntry, RegionTurnout, VerificationReport } from '../../verify/index.js';
import { type Child, h } from '../lib/dom.js';
import { COMPLAINT_WORDS, complainantText } from '../lib/complaints.js';
import { SECTOR_NAMES, formatNumber, formatPercent, formatTime, lang, texts } from '../lib/i18n.js';
import { regionName } from '../lib/regions.js';
import type { AuditorTexts } from './strings.js';

/** A labelled bar: the figure is written out; the bar itself is decoration. */
export function bar(label: string, n: number, of: number, t: AuditorTexts, alt = false): HTMLElement {
  const width = of === 0 ? 0 : Math.min(100, (n / of) * 100);
  return h('li', null,
    h('span', null, label),
    h('span', null,
      h('span', { class: 'bar-track', 'aria-hidden': 'true', style: 'display:block' },
        h('span', { class: `bar-fill${alt ? ' alt' : ''}`, style: `display:block;width:${width.toFixed(1)}%` })),
      h('span', { class: 'bar-value' }, t.share(formatNumber(n), formatNumber(of), formatPercent(n, of)))));
}

/** A region's bar, or for a region below the minimum roll only "< N" (the report carries no figures for it). */
export function regionBar(x: RegionTurnout, min: number, t: AuditorTexts): HTMLElement {
  if (!x.suppressed) return bar(regionName(x.region), x.tokensIssued, x.rollSize, t);
  return h('li', { 'data-suppressed': 'true' },
    h('span', null, regionName(x.region)),
    h('span', { class: 'bar-value' }, `< ${min}`, h('span', { class: 'muted' }, ` ${t.suppressedNote}`)));
}

export function renderComplaints(list: readonly ComplaintEntry[], t: AuditorTexts): Child {
  const w = texts(COMPLAINT_WORDS);
  const sectors = texts(SECTOR_NAMES);
  const and = new Intl.ListFormat(lang(), { type: 'conjunction' });
  return h('section', { 'aria-labelledby': 'complaints-h' },
    h('h2', { id: 'complaints-h' }, t.complaintsTitle),
    h('p', { class: 'muted' }, t.complaintsLead),
    list.length === 0 ? h('p', { 'data-testid': 'complaints-none' }, t.noComplaints)
      : h('ol', { class: 'audit-rows', 'data-testid': 'complaints' }, list.map((c, i) => h('li', { class: 'card', 'data-complaint': c.complaintId },
        h('h3', null, t.complaintHeading(i + 1, w.categories[c.category] ?? c.category)),
        h('dl', null,
          h('dt', null, t.complaintWindow), h('dd', null, w.windows[c.window] ?? c.window),
          h('dt', null, t.complaintFiled), h('dd', null, `${formatTime(c.at)} · ${t.boardSeq(c.seq)}`),
          h('dt', null, t.complainant), h('dd', null, complainantText(w, c.complainant)),
          h('dt', null, t.complaintText), h('dd', { class: 'complaint-text' }, c.text),
          c.attachments.length === 0 ? null : [
            h('dt', null, t.attachments),
            h('dd', null, h('ul', null, c.attachments.map((a) => h('li', null, `${a.name} — SHA-256 `, h('span', { class: 'hex' }, a.sha256))))),
          ],
          h('dt', null, t.complaintStatus),
          h('dd', { class: c.answer === null ? 'error-text' : 'ok-text' }, c.answer === null ? w.status.open! : `✓ ${w.status.answered!}`)),
        c.answer === null ? null : h('div', { class: 'card explain', 'data-testid': 'complaint-answer' },
          h('p', null, h('strong', null, t.answerDecision(w.decisions[c.answer.decision] ?? c.answer.decision))),
          h('p', null, h('strong', null, `${t.answerReasoning}: `), c.answer.reasoning),
          h('p', { class: 'muted' }, t.answerBy(and.format(c.answer.sectors.map((s) => sectors[s] ?? s)), formatTime(c.answer.at), c.answer.seq)))))));
}

/** The server's signed report (check 23) in words: not yet due, missing, or its signature and figures. */
export function renderServerReport(r: VerificationReport, t: AuditorTexts): Child {
  const sr = r.serverReport;
  const line = (ok: boolean, text: string, testid: string) => h('p', { class: ok ? 'ok-text' : 'error-text', 'data-testid': testid }, `${ok ? '✓' : '✗'} ${text}`);
  return h('section', { 'aria-labelledby': 'server-h', 'data-testid': 'server-report' },
    h('h2', { id: 'server-h' }, t.serverTitle),
    h('p', { class: 'muted' }, t.serverLead),
    sr === null ? h('p', null, t.serverNotDue)
      : sr.seq === null ? line(false, t.serverAbsent, 'server-absent')
        : [
          line(sr.signature === 'valid', t.serverSignature[sr.signature ?? 'unknown']!, 'server-signature'),
          line(sr.figures === 'match', t.serverFigures[sr.figures ?? 'unknown']!, 'server-figures'),
        ]);
}

