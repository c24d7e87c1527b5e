/**
 * The plain-language HTML report (src/verify/html.ts): self-contained (no script, no
 * external resource), with the verdict, every check in plain words with its result and
 * failures, turnout per contest and per region — a region below the minimum only as
 * "< N" with the manifest's N, never its figures —, results and seats, the complaint log,
 * the record's SHA-256 and manifest hash, the server report's status, the date; in Spanish
 * and English; every text from the record escaped; numbers as each language writes them
 * ("12.345", "80,0 %"; the text report too). Given the election expected, a record of
 * another election or manifest opens with a warning naming both.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import { CHECK_KEYS, CHECK_PLAIN, CHECK_TEXTS, checkNumber, type VerificationReport, escapeHtml, formatReport, reportHtml, verifyRecordText } from '../../src/verify/index.js';
import { type SyntheticRecord, syntheticRecord } from './synthetic-record.js';
import { withAnswerDecisions } from './synthetic-governance.js';
import { type AnyRecord, clone, indexOf, rehash } from './tamper.js';

let honest: SyntheticRecord;
let small: SyntheticRecord;
let report: VerificationReport;
const AT = new Date('2026-03-05T15:30:00.000Z');

/** What a reader sees: the text without tags, entities decoded. */
function visible(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The honest record with an answered post-close complaint (the server reports it). */
function withComplaint(): AnyRecord {
  const rec = clone(honest.record) as AnyRecord;
  rec.events.splice(indexOf(rec, 'encrypted_tally') + 1, 0, {
    kind: 'complaint', at: rec.events[indexOf(rec, 'encrypted_tally')].at, seq: 0, prevHash: '', hash: '',
    payload: { complaintId: 'c-1', window: 'post_close', category: 'missing_tracking_code', text: 'No encuentro mi código <b>hoy</b> & "ayer"', attachments: [{ name: 'captura.png', sha256: 'ab'.repeat(32) }], complainant: { role: 'association', name: 'Asociación Vida Positiva' } },
  });
  rehash(rec);
  rec.events.splice(indexOf(rec, 'result') + 1, 0, {
    kind: 'complaint_answer', at: rec.events[indexOf(rec, 'result')].at, seq: 0, prevHash: '', hash: '',
    payload: { complaintId: 'c-1', complaintEvent: rec.events[indexOf(rec, 'complaint')].hash, decision: 'dismissed', reasoning: 'El código figura en el tablero.', proposalId: 'p-1', sectors: ['civil_society', 'government'] },
  });
  rec.events = withAnswerDecisions(rec.events, rec.electionId);
  return rehash(rec, { receiptSecret: honest.receiptSecret });
}

beforeAll(async () => {
  honest = await syntheticRecord();
  small = await syntheticRecord({ minRollSize: 10, smallRoll: {
    board: { acknowledged: true, decidedAt: '2026-03-01T11:00:00.000Z', reason: 'Padrón pequeño', proposalId: 'p-1' },
    alt: { acknowledged: true, decidedAt: '2026-03-01T11:00:00.000Z', reason: 'Padrón pequeño', proposalId: 'p-2' },
  } });
  report = await verifyRecordText(JSON.stringify(withComplaint()), { tokenVerifier: verifyRsaPssNode });
}, 120_000);

describe('the HTML report', () => {
  it('is one self-contained document: inline style, no script, no external resource', () => {
    const html = reportHtml(report, 'es', { verifiedAt: AT });
    expect(html.startsWith('<!doctype html><html lang="es">')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import/i);
  });

  it('says the verdict, every check in plain words with its result, and the date', () => {
    expect(report.ok).toBe(true);
    const html = reportHtml(report, 'es', { verifiedAt: AT });
    const text = visible(html);
    expect(text).toContain(`✓ ${report.verdict.es}`);
    expect(text).toContain('Todas las comprobaciones pasan');
    expect(text).toContain('Las 35 comprobaciones');
    for (const key of CHECK_KEYS) {
      expect(text).toContain(`${checkNumber(key)}. ${CHECK_TEXTS[key].title.es}`);
      expect(text).toContain(CHECK_PLAIN[key].es);
      expect(html).toContain(`data-check="${key}" data-ok="true"`);
    }
    expect(text).toContain('5 de marzo de 2026');
    expect(text).toContain('custodio');
    expect(text).not.toContain('fideicomisario');
  });

  it('names the record by its SHA-256 and manifest hash, and says the server report is signed and agrees', () => {
    const text = visible(reportHtml(report, 'es', { verifiedAt: AT }));
    expect(report.recordSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(text).toContain(report.recordSha256!);
    expect(text).toContain(report.manifestHash!);
    expect(text).toContain('La firma es auténtica');
    expect(text).toContain('Cada cifra del informe coincide');
  });

  it('shows turnout per contest and region, results with seats, and the complaint log', () => {
    const text = visible(reportHtml(report, 'es', { verifiedAt: AT }));
    // plwha: roll 5, 4 tokens, 4 ballots; the one region, Lima, roll 9 and 7 tokens.
    // A manifest of version 2 declares no constituencies: the model case's names stand for its codes.
    // Percentages as Spanish writes them (a decimal comma, a space before the sign).
    expect(text).toContain('Contienda board (Personas que viven con VIH) 5 4 80,0 % 4 80,0 %');
    expect(text).toContain('Lima 9 7 77,8 %');
    expect(reportHtml(report, 'es', { verifiedAt: AT })).toContain('77,8\u00a0%');
    expect(visible(reportHtml(report, 'en', { verifiedAt: AT }))).toContain('Lima 9 7 77.8%');
    for (const r of report.results!) for (const c of r.candidates) expect(text).toContain(`${c.rank} ${c.fullName} ${c.votes}`);
    expect(text).toContain('Titular');
    expect(text).toContain('Suplente');
    expect(text).toContain('Código de seguimiento no encontrado · Plazo posterior al cierre (antes de publicar)');
    expect(text).toContain('No encuentro mi código <b>hoy</b> & "ayer"');
    expect(text).toContain('Asociación Vida Positiva (asociación)');
    expect(text).toContain('captura.png');
    expect(text).toContain('Respuesta del comité: Infundado');
    expect(text).toContain('El código figura en el tablero.');
    expect(text).toContain('Aprobado por los sectores: Sociedad civil, Gobierno');
  });

  it('shows a region below the minimum as "< N" with the manifest\'s N, never its figures', async () => {
    const r = await verifyRecordText(JSON.stringify(small.record), { tokenVerifier: verifyRsaPssNode });
    expect(r.turnout).toEqual({ minRollSize: 10, regions: [{ region: 'Lima', suppressed: true }] });
    const html = reportHtml(r, 'es', { verifiedAt: AT });
    const row = html.match(/<tr data-region="Lima">.*?<\/tr>/)![0];
    expect(visible(row).trim()).toBe('Lima < 10 < 10');
    expect(row).not.toMatch(/>\s*[79]\b/);
    expect(visible(html)).toContain('menos de 10 inscripciones');
  });

  it('lists the failures of a tampered record, with the failing verdict', async () => {
    const rec = clone(honest.record) as AnyRecord;
    rec.events[indexOf(rec, 'report')].payload.report.contests[0].ballotsCounted = 9;
    const r = await verifyRecordText(JSON.stringify(rec), { tokenVerifier: verifyRsaPssNode });
    const html = reportHtml(r, 'en', { verifiedAt: AT });
    const text = visible(html);
    expect(html).toContain('<html lang="en">');
    expect(text).toContain(`✗ ${r.verdict.en}`);
    expect(html).toContain('data-check="server_report" data-ok="false"');
    expect(text).toContain('✗ Fails — 2 failures');
    expect(text).toMatch(/server report field contests\[plwha\]\.ballotsCounted ?: the report says 9; the record gives 4/);
    expect(text).toContain('The signature is NOT authentic');
    expect(text).toContain('5 March 2026');
  });

  it('escapes every text from the record: a candidate named <script> stays text', () => {
    const evil = '<script>alert("x")</script>';
    const changed: VerificationReport = {
      ...report,
      title: `Elección <img src=x onerror=alert(1)>`,
      results: report.results!.map((c, i) => (i === 0 ? { ...c, candidates: c.candidates.map((x, k) => (k === 0 ? { ...x, fullName: evil } : x)) } : c)),
      checks: report.checks.map((c) => (c.key === 'seats' ? { ...c, ok: false, failures: [{ item: evil, itemText: { es: evil, en: evil }, detail: { es: `"${evil}'`, en: evil } }] } : c)),
      complaints: report.complaints.map((c) => ({ ...c, complainant: { role: 'association', name: evil } })),
    };
    const html = reportHtml(changed, 'es', { verifiedAt: AT });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain(escapeHtml(evil));
    expect(visible(html)).toContain(`1 ${evil}`);
    expect(escapeHtml(`<a href="x" title='y'>&`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;');
  });

  it('writes counts of thousands as each language does: "12.345" and "80,0 %" in Spanish, "12,345" and "80.0%" in English', () => {
    // The same report with a large roll: the renderer's numbers, not the verifier's, are under test.
    const big: VerificationReport = {
      ...report,
      counts: { ...report.counts, events: 25_002, contests: report.counts.contests.map((c, i) => (i === 0 ? { ...c, rollSize: 15_000, tokensIssued: 12_345, countedBallots: 12_000 } : c)) },
      results: report.results!.map((r, i) => (i === 0 ? { ...r, candidates: r.candidates.map((c, k) => (k === 0 ? { ...c, votes: 7_500 } : c)) } : r)),
    };
    const first = big.results![0]!.candidates[0]!;
    const es = visible(reportHtml(big, 'es', { verifiedAt: AT }));
    expect(es).toContain('Contienda board (Personas que viven con VIH) 15.000 12.345 82,3 % 12.000 80,0 %');
    expect(es).toContain(`Anotaciones en el tablero 25.002`);
    expect(es).toContain(`${first.rank} ${first.fullName} 7500`);
    const en = visible(reportHtml(big, 'en', { verifiedAt: AT }));
    expect(en).toContain('15,000 12,345 82.3% 12,000 80.0%');
    expect(en).toContain('Entries on the board 25,002');
    expect(en).toContain(`${first.rank} ${first.fullName} 7,500`);
    // The text report (the CLI's, and the auditor page's) by the same rule.
    expect(formatReport(big, 'es').join('\n')).toContain('padrón 15.000 · fichas emitidas 12.345 ·');
    expect(formatReport(big, 'es').join('\n')).toContain('Etapa: publicado · eventos: 25.002');
    expect(formatReport(big, 'en').join('\n')).toContain('roll 15,000 · tokens issued 12,345 ·');
  });
});

describe('a record of another election than the one expected', () => {
  const foreign = (html: string) => html.match(/<section class="foreign" role="alert" data-testid="foreign-record" data-kind="(\w+)">.*?<\/section>/);

  it('opens with a warning naming both elections by title and id, before the verdict', () => {
    expect(report.electionId).toMatch(/\S/);
    const expected = { electionId: 'eleccion-2026', title: 'Elección del Consejo 2026', manifestHash: 'cd'.repeat(32), manifestFrom: 'server' as const };
    for (const lang of ['es', 'en'] as const) {
      const html = reportHtml(report, lang, { verifiedAt: AT, expected });
      const m = foreign(html);
      expect(m, lang).not.toBeNull();
      expect(m![1]).toBe('election');
      expect(html.indexOf(m![0])).toBeLessThan(html.indexOf('data-testid="verdict"'));
      const text = visible(m![0]);
      expect(text).toContain(lang === 'es' ? '⚠ Este registro es de otra elección' : '⚠ This record is of another election');
      expect(text).toContain(lang === 'es' ? `«${report.title}» (${report.electionId})` : `"${report.title}" (${report.electionId})`);
      expect(text).toContain(lang === 'es' ? '«Elección del Consejo 2026» (eleccion-2026)' : '"Elección del Consejo 2026" (eleccion-2026)');
    }
    // The record itself still verifies: the warning is not a verdict.
    expect(visible(reportHtml(report, 'es', { verifiedAt: AT, expected }))).toContain(`✓ ${report.verdict.es}`);
  });

  it('warns of a manifest other than the one published or pinned for the same election, naming both hashes', () => {
    const other = 'ab'.repeat(32);
    const served = visible(foreign(reportHtml(report, 'es', { verifiedAt: AT, expected: { electionId: report.electionId, title: 'Otro título', manifestHash: other, manifestFrom: 'server' } }))![0]);
    expect(served).toContain('⚠ El manifiesto de este registro no es el esperado');
    expect(served).toContain(`El registro de «${report.title}» (${report.electionId}) fija el manifiesto ${report.manifestHash}`);
    expect(served).toContain(`el que el servidor publica para «Otro título» (${report.electionId}) es ${other}`);
    const pinned = visible(foreign(reportHtml(report, 'en', { verifiedAt: AT, expected: { manifestHash: other.toUpperCase(), manifestFrom: 'pinned' } }))![0]);
    expect(pinned).toContain(`the one pinned with --expect-manifest for the pinned election is ${other}`);
  });

  it('says nothing when the record is the expected one, or when nothing is expected', () => {
    const same = { electionId: report.electionId, title: report.title, manifestHash: report.manifestHash!.toUpperCase(), manifestFrom: 'server' as const };
    expect(reportHtml(report, 'es', { verifiedAt: AT, expected: same })).toBe(reportHtml(report, 'es', { verifiedAt: AT }));
    expect(reportHtml(report, 'es', { verifiedAt: AT })).not.toContain('data-testid="foreign-record"');
    // Before voting opens the server publishes no manifest: the election id alone is compared.
    expect(foreign(reportHtml(report, 'es', { verifiedAt: AT, expected: { electionId: report.electionId, title: null, manifestHash: null } }))).toBeNull();
  });
});
