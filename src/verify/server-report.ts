/**
 * Check 23, the server's signed report (record/server-report.ts; docs/election-record.md
 * §7.13), and the two readings of the record it is compared with: turnout by region and
 * the complaint log. A published record must carry the `report` event; its signature must
 * verify under the manifest's receipt key (strict Ed25519), and every figure must equal
 * what this verifier computed itself — tokens from the issuance check, counted ballots
 * from the ballot checks, results from the result event that checks 20–21 verify — or the
 * differing field is named.
 * @module
 */
import type { PayloadOf } from '../record/board.js';
import { SERVER_REPORT_FORMAT, type ServerReport, minRollSizeOf, regionTurnout, verifyServerReport } from '../record/server-report.js';
import type { RecordEvent } from './events.js';
import { short } from './findings.js';
import type { ComplaintEntry, ContestResult, RecordCounts, ServerReportStatus, Turnout } from './report.js';
import { text } from './report.js';
import { type VerifyState, firstOf, parsedOf } from './state.js';

/** Failures listed per report at most (a report of another election differs everywhere). */
const MAX_DIFFERENCES = 50;

/** Turnout by region from the manifest's rolls and the issuance log, or null without a manifest. */
export function turnoutOf(s: VerifyState): Turnout | null {
  const m = s.manifest?.json;
  if (m === undefined) return null;
  const minRollSize = minRollSizeOf(m);
  const tokens = parsedOf(s, 'token_issued').map((x) => x.data);
  return { minRollSize, regions: regionTurnout(m.contests, tokens, minRollSize) };
}

interface LogEntry { readonly entry: ComplaintEntry; readonly index: number; readonly answerIndex: number | null }

function readLog(s: VerifyState): LogEntry[] {
  const out: { entry: ComplaintEntry; index: number; answerIndex: number | null }[] = [];
  const byId = new Map<string, { at: number; event: RecordEvent }>();
  for (const e of s.events) {
    if (e.data === undefined) continue;
    if (e.kind === 'complaint') {
      const p = e.data as PayloadOf<'complaint'>;
      if (byId.has(p.complaintId)) continue;
      byId.set(p.complaintId, { at: out.length, event: e });
      out.push({
        entry: {
          complaintId: p.complaintId, seq: e.seq, at: e.at, window: p.window, category: p.category, text: p.text,
          attachments: p.attachments, complainant: p.complainant, answer: null,
        },
        index: e.index,
        answerIndex: null,
      });
    } else if (e.kind === 'complaint_answer') {
      const p = e.data as PayloadOf<'complaint_answer'>;
      const target = byId.get(p.complaintId);
      // An answer to another event, or a second answer, is the order check's finding, not the log's entry.
      if (target === undefined || target.event.hash !== p.complaintEvent || out[target.at]!.entry.answer !== null) continue;
      const x = out[target.at]!;
      x.entry = { ...x.entry, answer: { decision: p.decision, reasoning: p.reasoning, sectors: p.sectors, at: e.at, seq: e.seq } };
      x.answerIndex = e.index;
    }
  }
  return out;
}

/** The record's complaints in board order, each with its answer if there is one. */
export function complaintLog(s: VerifyState): ComplaintEntry[] {
  return readLog(s).map((x) => x.entry);
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The report as this verifier computes it from the record; null where it cannot. */
function expectedReport(s: VerifyState, published: RecordEvent, counts: RecordCounts, results: readonly ContestResult[]): ServerReport | null {
  const m = s.manifest!;
  const result = firstOf(s, 'result');
  const turnout = turnoutOf(s);
  if (result === undefined || turnout === null) return null;
  const log = readLog(s).filter((x) => x.index < published.index).map((x) => ({
    complaintId: x.entry.complaintId, window: x.entry.window, category: x.entry.category as ServerReport['complaints']['log'][number]['category'],
    decision: x.answerIndex !== null && x.answerIndex < published.index ? x.entry.answer!.decision : null,
  }));
  const decided = (d: 'upheld' | 'dismissed' | null) => log.filter((x) => x.decision === d).length;
  return {
    format: SERVER_REPORT_FORMAT,
    version: 1,
    electionId: m.json.electionId,
    title: m.json.title,
    manifestHash: m.hashHex,
    publishedEvent: { seq: published.seq, hash: published.hash },
    resultEvent: result.hash,
    minRollSize: turnout.minRollSize,
    contests: m.json.contests.map((c) => {
      const n = counts.contests.find((x) => x.contestId === c.id);
      const r = results.find((x) => x.contestId === c.id);
      return {
        contestId: c.id, constituency: c.constituency, title: c.title, rollSize: c.roll.length,
        tokensIssued: n?.tokensIssued ?? 0, ballotsCounted: n?.countedBallots ?? 0, seats: c.seats, alternates: c.alternates,
        candidates: (r?.candidates ?? []).map(({ candidateId, fullName, votes, seat }) => ({ candidateId, fullName, votes, seat })),
      };
    }),
    regions: [...turnout.regions],
    complaints: { filed: log.length, upheld: decided('upheld'), dismissed: decided('dismissed'), unanswered: decided(null), log },
  };
}

interface Difference { readonly label: string; readonly path: string; readonly got: unknown; readonly want: unknown }

const show = (v: unknown): string => {
  const s = v === undefined ? '—' : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

/**
 * Field-by-field differences between the report (`got`) and the recomputed one (`want`):
 * `label` names list entries by what identifies them (a contest by its constituency, a
 * candidate by name, a region by id), `path` by index (a JSON path).
 */
function differences(s: VerifyState, got: Json, want: Json, label = '', path = '', out: Difference[] = []): Difference[] {
  if (out.length >= MAX_DIFFERENCES) return out;
  if (Array.isArray(want)) {
    if (!Array.isArray(got)) return (out.push({ label, path, got, want }), out);
    if (got.length !== want.length) out.push({ label: `${label} (entries)`, path, got: got.length, want: want.length });
    for (let i = 0; i < Math.min(got.length, want.length); i++) {
      differences(s, got[i]!, want[i]!, `${label}[${entryName(s, want[i]!, i)}]`, `${path}[${i}]`, out);
    }
    return out;
  }
  if (want !== null && typeof want === 'object') {
    if (got === null || typeof got !== 'object' || Array.isArray(got)) return (out.push({ label, path, got, want }), out);
    for (const key of Object.keys(want)) {
      differences(s, (got as Record<string, Json>)[key] as Json, want[key]!, label ? `${label}.${key}` : key, path ? `${path}.${key}` : key, out);
    }
    return out;
  }
  if (got !== want) out.push({ label, path, got, want });
  return out;
}

function entryName(s: VerifyState, v: Json, i: number): string {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return String(i);
  if (typeof v.contestId === 'string' && typeof v.rollSize === 'number') return s.names.contestLabel(v.contestId);
  if (typeof v.fullName === 'string') return v.fullName;
  if (typeof v.region === 'string') return v.region;
  if (typeof v.complaintId === 'string') return v.complaintId;
  return String(i);
}

/** Check 23 (see the module comment). `results` and `counts` are this verification's. */
export function checkServerReport(s: VerifyState, counts: RecordCounts, results: readonly ContestResult[] | null): ServerReportStatus | null {
  const { f, names } = s;
  const published = firstOf(s, 'published');
  const event = firstOf(s, 'report');
  if (published === undefined) {
    if (event === undefined) f.pending('server_report', text('no alcanzado: los resultados no están publicados todavía', 'not reached: the results are not published yet'));
    else f.add('server_report', names.event(event.seq, 'report'), text('hay un informe del servidor pero los resultados no están publicados', 'there is a server report but the results are not published'));
    return null;
  }
  if (event === undefined) {
    f.add('server_report', names.record(), text(
      `los resultados están publicados (seq ${published.seq}) pero el registro no trae el informe firmado del servidor`,
      `the results are published (seq ${published.seq}) but the record has no signed server report`));
    return { seq: null, signature: null, figures: null };
  }
  const item = names.event(event.seq, 'report');
  const payload = parsedOf(s, 'report')[0];
  if (payload === undefined || payload.event !== event) {
    f.add('server_report', item, text('no se puede comprobar: el informe no tiene la forma de docs/election-record.md', 'cannot be checked: the report does not have the shape of docs/election-record.md'));
    return { seq: event.seq, signature: null, figures: null };
  }
  if (s.manifest === undefined) {
    f.add('server_report', item, text('no se puede comprobar: no hay un manifiesto válido con la clave de recibos', 'cannot be checked: there is no valid manifest with the receipt key'));
    return { seq: event.seq, signature: null, figures: null };
  }
  const { report, signature } = payload.data;
  const signed = verifyServerReport(s.manifest.json.receiptKey, report, signature);
  if (!signed) {
    f.add('server_report', item, text(
      'la firma no verifica con la clave de recibos del manifiesto: el servidor no firmó este informe',
      'the signature does not verify under the manifest\'s receipt key: the server did not sign this report'));
  }
  const want = results === null ? null : expectedReport(s, published, counts, results);
  if (want === null) {
    f.add('server_report', item, text('no se pueden comparar las cifras: el registro no tiene resultados utilizables', 'the figures cannot be compared: the record has no usable results'));
    return { seq: event.seq, signature: signed ? 'valid' : 'invalid', figures: null };
  }
  const diff = differences(s, report as unknown as Json, want as unknown as Json);
  for (const d of diff) {
    const got = d.path === 'publishedEvent.hash' || d.path === 'resultEvent' || d.path === 'manifestHash' ? short(String(d.got)) : show(d.got);
    const exp = d.path === 'publishedEvent.hash' || d.path === 'resultEvent' || d.path === 'manifestHash' ? short(String(d.want)) : show(d.want);
    f.add('server_report', {
      item: `server report field ${d.label}`,
      itemText: text(`campo ${d.label} del informe del servidor`, `server report field ${d.label}`),
      where: { seq: event.seq, path: `events[${event.index}].payload.report.${d.path}` },
    }, text(`el informe dice ${got}; el registro da ${exp}`, `the report says ${got}; the record gives ${exp}`));
  }
  return { seq: event.seq, signature: signed ? 'valid' : 'invalid', figures: diff.length === 0 ? 'match' : 'differ' };
}
