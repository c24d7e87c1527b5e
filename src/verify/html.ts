/**
 * The verification report as one self-contained HTML page for people who are not
 * cryptographers (committee members, observers, the press): the verdict, what was checked
 * in plain words and with what result, turnout per contest and per region (regions below
 * the small-electorate minimum shown only as "< N"), results and seats, the complaint log,
 * the record's identity (SHA-256 and manifest hash), the server's signed report and the
 * date of the verification; numbers as each language writes them (record/number-format.ts:
 * "77,8 %", "12.345"). Given the election expected (the auditor page's, or the CLI's
 * `--expect-manifest`), a record of another election or manifest opens with a warning
 * naming both (expected.ts). Inline CSS, no scripts, no external resources; it prints well.
 *
 * Pure string building: every text that comes from the record (names, titles, complaint
 * texts, failure details that quote the record) is escaped. Browser-safe, so the auditor
 * page can offer the same file as the command line (`npm run verify -- record.json
 * --report informe.html`).
 * @module
 */
import { formatCount, formatShare } from '../record/number-format.js';
import { type ExpectedElection, foreignRecord } from './expected.js';
import { CHECK_PLAIN, type ComplaintEntry, type Lang, type Text, type VerificationReport } from './report.js';
import { regionName } from './regions.js';

export { regionName };

/** Failures listed per check (the command line's `--json` has them all). */
const SHOWN = 50;

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const SECTORS: Readonly<Record<string, Text>> = {
  government: { es: 'Gobierno', en: 'Government' },
  civil_society: { es: 'Sociedad civil', en: 'Civil society' },
  international_cooperation: { es: 'Cooperación internacional', en: 'International cooperation' },
  ngo: { es: 'ONG', en: 'NGO' },
  academia: { es: 'Academia', en: 'Academia' },
  religious: { es: 'Organizaciones religiosas', en: 'Religious organisations' },
};

const M = {
  es: {
    lang: 'es',
    kicker: 'Ánfora · Informe de auditoría del registro electoral',
    untitled: 'Elección sin título',
    election: (id: string, date: string) => `Elección ${id} · verificación del ${date}`,
    verdictTitle: 'Resultado',
    verdictOk: 'Todas las comprobaciones pasan: los resultados publicados salen de las papeletas registradas, y nadie, ni el servidor, pudo cambiarlos sin que se note.',
    verdictPending: 'La elección sigue en curso: lo que el registro tiene hasta ahora es correcto. Las comprobaciones pendientes se harán cuando el registro llegue al cierre, al escrutinio y a la publicación.',
    verdictBad: 'Alguna comprobación falla: el registro no demuestra que los resultados sean correctos. Abajo se dice qué falla y dónde; cualquiera puede repetir esta verificación.',
    aboutTitle: 'Qué es este informe',
    about: [
      'Un programa independiente del servidor de la elección leyó el registro electoral público (todo lo que se anotó en el tablero de la elección: claves, papeletas cifradas, conteo y resultados) y rehízo cada cálculo por su cuenta.',
      'No necesitó confiar en el servidor ni conocer ningún voto: las papeletas siguen cifradas; lo que se comprueba son pruebas matemáticas que cualquiera puede repetir con el mismo archivo.',
    ],
    identityTitle: 'Identidad del registro',
    sha: 'Huella SHA-256 del archivo verificado',
    noSha: 'no calculada (el registro no se leyó desde un archivo)',
    manifestHash: 'Huella del manifiesto (el documento que fija la elección)',
    stage: 'Hasta dónde llega el registro',
    stages: { empty: 'vacío', ceremony: 'ceremonia de claves', voting: 'votación', closed: 'votación cerrada', tallied: 'escrutado', published: 'resultados publicados' },
    events: 'Anotaciones en el tablero',
    verifiedAt: 'Fecha de la verificación',
    shaNote: 'Quien tenga un archivo con la misma huella SHA-256 tiene exactamente el registro que se verificó aquí.',
    serverTitle: 'Informe firmado del servidor',
    serverNotDue: 'Los resultados no están publicados todavía: el servidor aún no debía firmar su informe.',
    serverAbsent: 'Los resultados están publicados pero el registro no trae el informe firmado del servidor.',
    serverSignature: { valid: 'La firma es auténtica: la hizo la clave del servidor que fija el manifiesto.', invalid: 'La firma NO es auténtica: este informe no lo firmó la clave del servidor.', unknown: 'La firma no se pudo comprobar.' },
    serverFigures: { match: 'Cada cifra del informe coincide con la que esta verificación calculó.', differ: 'Alguna cifra del informe NO coincide con el registro (ver la comprobación 23).', unknown: 'Las cifras no se pudieron comparar.' },
    turnoutTitle: 'Participación por contienda',
    turnoutNote: 'Cada asociación acreditada recibe una ficha de voto por contienda; la papeleta no dice quién votó.',
    contest: 'Contienda', roll: 'Padrón', tokens: 'Fichas entregadas', counted: 'Papeletas contadas',
    regionTitle: 'Participación por región',
    regionNote: (min: number) => `Las papeletas no llevan región: por región solo se sabe qué asociaciones recibieron su ficha de voto (todas las contiendas juntas). Para proteger el secreto del voto, una región con menos de ${min} inscripciones en los padrones se muestra como «< ${min}», sin cifras.`,
    region: 'Región', noRegions: 'El registro no tiene padrones legibles.',
    resultsTitle: 'Resultados y escaños',
    noResults: 'El registro no tiene resultados todavía.',
    seatsOf: (s: number, a: number) => `${s} ${s === 1 ? 'escaño titular' : 'escaños titulares'} y ${a} ${a === 1 ? 'suplente' : 'suplentes'}`,
    rank: 'Puesto', candidate: 'Candidatura', votes: 'Votos', seat: 'Escaño', titular: 'Titular', alternate: 'Suplente',
    verified: 'Comprobado: el descifrado y el reparto de escaños coinciden.', notVerified: 'NO comprobado: ver las comprobaciones 20 y 21.',
    complaintsTitle: 'Registro de reclamos',
    noComplaints: 'No se presentó ningún reclamo.',
    windows: { roll: 'Plazo del padrón (antes de votar)', post_close: 'Plazo posterior al cierre (antes de publicar)' } as Record<string, string>,
    categories: { accreditation: 'Acreditación', candidate: 'Candidatura', voting_conduct: 'Desarrollo de la votación', missing_tracking_code: 'Código de seguimiento no encontrado', other: 'Otro' } as Record<string, string>,
    roles: { association: 'asociación', committee: 'miembro del comité', auditor: 'auditor' } as Record<string, string>,
    filedAt: 'Presentado', complainant: 'Reclamante', anonymous: 'no quiso ser nombrado', attachments: 'Adjuntos (huella SHA-256)',
    answer: 'Respuesta del comité', unanswered: 'Sin respuesta en el registro.', decisions: { upheld: 'Fundado', dismissed: 'Infundado' } as Record<string, string>,
    approvedBy: 'Aprobado por los sectores',
    checksTitle: (n: number) => `Las ${n} comprobaciones`,
    checksIntro: 'Cada comprobación en una frase, con su resultado. Los detalles técnicos de cada regla están en docs/election-record.md.',
    passed: 'Pasa', failed: 'Falla', pending: 'Pendiente', failures: (n: number) => `${n} ${n === 1 ? 'fallo' : 'fallos'}`, more: (n: number) => `… y ${n} más (la opción --json los muestra todos).`,
    repeatTitle: 'Cómo repetir esta verificación',
    repeat: 'Con el mismo archivo del registro, cualquiera puede ejecutar:',
    yes: 'sí', no: 'no', dash: '—',
  },
  en: {
    lang: 'en',
    kicker: 'Ánfora · Audit report of the election record',
    untitled: 'Untitled election',
    election: (id: string, date: string) => `Election ${id} · verified on ${date}`,
    verdictTitle: 'Result',
    verdictOk: 'Every check passes: the published results come from the recorded ballots, and nobody, not even the server, could have changed them unnoticed.',
    verdictPending: 'The election is still in progress: what the record holds so far is correct. The pending checks run once the record reaches the close, the tally and the publication.',
    verdictBad: 'Some check fails: the record does not show that the results are correct. What fails, and where, is listed below; anyone can repeat this verification.',
    aboutTitle: 'What this report is',
    about: [
      'A program independent of the election server read the public election record (everything written on the election\'s board: keys, encrypted ballots, count and results) and redid every computation on its own.',
      'It did not need to trust the server or to know any vote: the ballots stay encrypted; what is checked are mathematical proofs that anyone can repeat with the same file.',
    ],
    identityTitle: 'Identity of the record',
    sha: 'SHA-256 fingerprint of the verified file',
    noSha: 'not computed (the record was not read from a file)',
    manifestHash: 'Fingerprint of the manifest (the document that fixes the election)',
    stage: 'How far the record goes',
    stages: { empty: 'empty', ceremony: 'key ceremony', voting: 'voting', closed: 'voting closed', tallied: 'tallied', published: 'results published' },
    events: 'Entries on the board',
    verifiedAt: 'Date of the verification',
    shaNote: 'Whoever has a file with the same SHA-256 fingerprint has exactly the record verified here.',
    serverTitle: 'The server\'s signed report',
    serverNotDue: 'The results are not published yet: the server was not yet due to sign its report.',
    serverAbsent: 'The results are published but the record does not carry the server\'s signed report.',
    serverSignature: { valid: 'The signature is authentic: it was made by the server key the manifest fixes.', invalid: 'The signature is NOT authentic: the server\'s key did not sign this report.', unknown: 'The signature could not be checked.' },
    serverFigures: { match: 'Every figure in the report equals the one this verification computed.', differ: 'Some figure in the report does NOT agree with the record (see check 23).', unknown: 'The figures could not be compared.' },
    turnoutTitle: 'Turnout per contest',
    turnoutNote: 'Each accredited association receives one voting token per contest; a ballot does not say who voted.',
    contest: 'Contest', roll: 'Roll', tokens: 'Tokens issued', counted: 'Ballots counted',
    regionTitle: 'Turnout per region',
    regionNote: (min: number) => `Ballots carry no region: per region, all that is known is which associations received their voting token (all contests together). To protect the secrecy of the vote, a region with fewer than ${min} entries on the rolls is shown as "< ${min}", without figures.`,
    region: 'Region', noRegions: 'The record has no readable rolls.',
    resultsTitle: 'Results and seats',
    noResults: 'The record has no results yet.',
    seatsOf: (s: number, a: number) => `${s} titular ${s === 1 ? 'seat' : 'seats'} and ${a} ${a === 1 ? 'alternate' : 'alternates'}`,
    rank: 'Rank', candidate: 'Candidate', votes: 'Votes', seat: 'Seat', titular: 'Titular', alternate: 'Alternate',
    verified: 'Checked: the decryption and the seat allocation agree.', notVerified: 'NOT checked: see checks 20 and 21.',
    complaintsTitle: 'Complaint log',
    noComplaints: 'No complaint was filed.',
    windows: { roll: 'Roll period (before voting)', post_close: 'Post-close period (before publishing)' } as Record<string, string>,
    categories: { accreditation: 'Accreditation', candidate: 'Candidate', voting_conduct: 'Conduct of the vote', missing_tracking_code: 'Tracking code not found', other: 'Other' } as Record<string, string>,
    roles: { association: 'association', committee: 'committee member', auditor: 'auditor' } as Record<string, string>,
    filedAt: 'Filed', complainant: 'Complainant', anonymous: 'chose not to be named', attachments: 'Attachments (SHA-256 fingerprint)',
    answer: 'The committee\'s answer', unanswered: 'No answer in the record.', decisions: { upheld: 'Upheld', dismissed: 'Dismissed' } as Record<string, string>,
    approvedBy: 'Approved by the sectors',
    checksTitle: (n: number) => `The ${n} checks`,
    checksIntro: 'Each check in one sentence, with its result. The technical details of every rule are in docs/election-record.md.',
    passed: 'Passes', failed: 'Fails', pending: 'Pending', failures: (n: number) => `${n} ${n === 1 ? 'failure' : 'failures'}`, more: (n: number) => `… and ${n} more (the --json option shows them all).`,
    repeatTitle: 'How to repeat this verification',
    repeat: 'With the same record file, anyone can run:',
    yes: 'yes', no: 'no', dash: '—',
  },
} as const;

const CSS = `
:root{--ink:#1b1f24;--muted:#555e68;--line:#d5d9de;--ok:#136f3a;--okbg:#e7f5ec;--bad:#a3161b;--badbg:#fbe9ea;--soft:#f4f6f8;--warn:#8a4b00;--warnbg:#fff4e0}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:60rem;margin:0 auto;padding:2rem 1.25rem 3rem}
h1{font-size:1.9rem;line-height:1.2;margin:.2rem 0 .4rem}
h2{font-size:1.3rem;margin:2.2rem 0 .6rem;padding-bottom:.25rem;border-bottom:2px solid var(--line)}
h3{font-size:1.08rem;margin:1.2rem 0 .4rem}
p{margin:.4rem 0}
.kicker{color:var(--muted);font-size:.9rem;letter-spacing:.02em;margin:0}
.sub{color:var(--muted);margin:0}
.verdict{border-radius:.6rem;padding:1rem 1.2rem;margin:1.5rem 0;border:2px solid}
.verdict.ok{background:var(--okbg);border-color:var(--ok)}
.verdict.bad{background:var(--badbg);border-color:var(--bad)}
.verdict h2{margin:0 0 .3rem;padding:0;border:0;font-size:.95rem;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.04em}
.verdict .big{font-size:1.35rem;font-weight:700;margin:0 0 .3rem}
.verdict.ok .big{color:var(--ok)}
.verdict.bad .big{color:var(--bad)}
.foreign{border:3px solid var(--warn);background:var(--warnbg);border-radius:.6rem;padding:1rem 1.2rem;margin:1.5rem 0}
.foreign .big{font-size:1.2rem;font-weight:700;margin:0 0 .3rem}
dl{display:grid;grid-template-columns:minmax(12rem,18rem) 1fr;gap:.35rem 1rem;margin:.5rem 0}
dt{color:var(--muted)}
dd{margin:0}
code,.hash{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:.86rem;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
td.n,th.n{text-align:right}
.pct{color:var(--muted);font-size:.88rem}
.suppressed{color:var(--muted);font-style:italic}
.note{color:var(--muted);font-size:.93rem}
.card{border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;margin:.6rem 0;break-inside:avoid}
.card h3{margin-top:0}
.card h4{font-size:1rem;margin:.8rem 0 .3rem}
.status{font-weight:700}
.status.ok{color:var(--ok)}
.status.bad{color:var(--bad)}
ol.checks{list-style:none;padding:0;margin:0}
ol.checks li{border:1px solid var(--line);border-left:6px solid var(--ok);border-radius:.4rem;padding:.55rem .9rem;margin:.5rem 0;break-inside:avoid}
ol.checks li.bad{border-left-color:var(--bad);background:var(--badbg)}
.checkhead{display:flex;gap:.6rem;justify-content:space-between;align-items:baseline;flex-wrap:wrap}
.checkhead strong{font-size:1.02rem}
ul.failures{margin:.4rem 0 0;padding-left:1.2rem;font-size:.92rem}
.seat-titular{font-weight:700}
footer{margin-top:2.5rem;color:var(--muted);font-size:.9rem;border-top:1px solid var(--line);padding-top:1rem}
@media print{body{font-size:11pt}main{max-width:none;padding:0}h2{break-after:avoid}a{color:inherit}}
`;

/** Options of {@link reportHtml}. */
export interface HtmlOptions {
  /** When the verification ran (default now). */
  readonly verifiedAt?: Date;
  /** How the record was named (file or URL), shown in the repeat command. */
  readonly source?: string;
  /** The election the reader expected: a record of another one, or with another manifest, opens with a warning. */
  readonly expected?: ExpectedElection;
}

function dateText(at: Date | string, lang: Lang): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return String(at);
  const f = new Intl.DateTimeFormat(lang === 'es' ? 'es-PE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  return `${f.format(d)} UTC`;
}

function pct(part: number, whole: number, lang: Lang): string {
  return whole > 0 ? formatShare(part, whole, lang) : '';
}

function complaintCard(c: ComplaintEntry, lang: Lang): string {
  const t = M[lang];
  const who = c.complainant === null ? t.anonymous
    : `${escapeHtml(c.complainant.name ?? t.roles[c.complainant.role] ?? c.complainant.role)}${c.complainant.name === null ? '' : ` (${escapeHtml(t.roles[c.complainant.role] ?? c.complainant.role)})`}`;
  const attachments = c.attachments.length === 0 ? ''
    : `<dt>${t.attachments}</dt><dd><ul>${c.attachments.map((a) => `<li>${escapeHtml(a.name)} <span class="hash">${escapeHtml(a.sha256)}</span></li>`).join('')}</ul></dd>`;
  const answer = c.answer === null ? `<p class="status bad">${t.unanswered}</p>`
    : `<h4>${t.answer}: <span class="status ${c.answer.decision === 'upheld' ? 'ok' : ''}">${escapeHtml(t.decisions[c.answer.decision] ?? c.answer.decision)}</span> <span class="note">(${escapeHtml(dateText(c.answer.at, lang))})</span></h4>`
      + `<p>${escapeHtml(c.answer.reasoning)}</p>`
      + `<p class="note">${t.approvedBy}: ${c.answer.sectors.map((x) => escapeHtml(SECTORS[x]?.[lang] ?? x)).join(', ')}</p>`;
  return `<div class="card complaint" data-complaint="${escapeHtml(c.complaintId)}">`
    + `<h3>${escapeHtml(t.categories[c.category] ?? c.category)} · ${escapeHtml(t.windows[c.window] ?? c.window)}</h3>`
    + `<dl><dt>${t.filedAt}</dt><dd>${escapeHtml(dateText(c.at, lang))}</dd><dt>${t.complainant}</dt><dd>${who}</dd>${attachments}</dl>`
    + `<blockquote>${escapeHtml(c.text)}</blockquote>${answer}</div>`;
}

/**
 * The report as a self-contained HTML document in `lang` (see the module comment).
 * @example writeFileSync('informe.html', reportHtml(await verifyRecordText(text), 'es'));
 */
export function reportHtml(report: VerificationReport, lang: Lang, options: HtmlOptions = {}): string {
  const t = M[lang];
  const say = (x: Text) => escapeHtml(x[lang]);
  const n = (x: number) => formatCount(x, lang);
  const verifiedAt = options.verifiedAt ?? new Date();
  const title = report.title ?? t.untitled;
  const out: string[] = [];
  out.push(`<!doctype html><html lang="${t.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`,
    `<title>${escapeHtml(t.kicker)} — ${escapeHtml(title)}</title><style>${CSS}</style></head><body><main>`);

  // Heading and verdict.
  out.push(`<header><p class="kicker">${escapeHtml(t.kicker)}</p><h1>${escapeHtml(title)}</h1>`,
    `<p class="sub">${escapeHtml(t.election(report.electionId ?? t.dash, dateText(verifiedAt, lang)))}</p></header>`);
  // Another election's record: said before anything it proves (the words the pages use).
  const foreign = options.expected === undefined ? null : foreignRecord(report, options.expected);
  if (foreign !== null) {
    out.push(`<section class="foreign" role="alert" data-testid="foreign-record" data-kind="${foreign.kind}"><p class="big">⚠ ${say(foreign.heading)}</p><p>${say(foreign.detail)}</p></section>`);
  }
  out.push(`<section class="verdict ${report.ok ? 'ok' : 'bad'}" data-testid="verdict" aria-labelledby="verdict-h"><h2 id="verdict-h">${t.verdictTitle}</h2>`,
    `<p class="big">${report.ok ? '✓' : '✗'} ${say(report.verdict)}</p><p>${!report.ok ? t.verdictBad : report.checks.some((c) => c.pending === true) ? t.verdictPending : t.verdictOk}</p></section>`);
  out.push(`<section><h2>${t.aboutTitle}</h2>${t.about.map((x) => `<p>${escapeHtml(x)}</p>`).join('')}</section>`);

  // Identity.
  out.push(`<section><h2>${t.identityTitle}</h2><dl>`,
    `<dt>${t.sha}</dt><dd>${report.recordSha256 === null ? t.noSha : `<span class="hash" data-testid="record-sha256">${escapeHtml(report.recordSha256)}</span>`}</dd>`,
    `<dt>${t.manifestHash}</dt><dd><span class="hash">${escapeHtml(report.manifestHash ?? t.dash)}</span></dd>`,
    `<dt>${t.stage}</dt><dd>${escapeHtml(t.stages[report.stage])}</dd>`,
    `<dt>${t.events}</dt><dd>${n(report.counts.events)}</dd>`,
    `<dt>${t.verifiedAt}</dt><dd>${escapeHtml(dateText(verifiedAt, lang))}</dd></dl>`,
    report.recordSha256 === null ? '' : `<p class="note">${t.shaNote}</p>`, '</section>');

  // The server's signed report.
  const sr = report.serverReport;
  const server = sr === null ? `<p>${t.serverNotDue}</p>`
    : sr.seq === null ? `<p class="status bad">${t.serverAbsent}</p>`
      : `<p class="status ${sr.signature === 'valid' ? 'ok' : 'bad'}">${sr.signature === null ? t.serverSignature.unknown : t.serverSignature[sr.signature]}</p>`
        + `<p class="status ${sr.figures === 'match' ? 'ok' : 'bad'}">${sr.figures === null ? t.serverFigures.unknown : t.serverFigures[sr.figures]}</p>`;
  out.push(`<section data-testid="server-report"><h2>${t.serverTitle}</h2>${server}</section>`);

  // Turnout per contest.
  out.push(`<section><h2>${t.turnoutTitle}</h2><p class="note">${t.turnoutNote}</p>`);
  if (report.counts.contests.length > 0) {
    out.push(`<table><thead><tr><th>${t.contest}</th><th class="n">${t.roll}</th><th class="n">${t.tokens}</th><th class="n">${t.counted}</th></tr></thead><tbody>`);
    for (const c of report.counts.contests) {
      out.push(`<tr><td>${escapeHtml(c.title)} <span class="note">(${escapeHtml(c.constituencyName[lang])})</span></td><td class="n">${n(c.rollSize)}</td>`,
        `<td class="n">${n(c.tokensIssued)} <span class="pct">${pct(c.tokensIssued, c.rollSize, lang)}</span></td>`,
        `<td class="n">${n(c.countedBallots)} <span class="pct">${pct(c.countedBallots, c.rollSize, lang)}</span></td></tr>`);
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');

  // Turnout per region.
  const turnout = report.turnout;
  out.push(`<section data-testid="regions"><h2>${t.regionTitle}</h2>`);
  if (turnout === null || turnout.regions.length === 0) out.push(`<p>${t.noRegions}</p>`);
  else {
    out.push(`<p class="note">${escapeHtml(t.regionNote(turnout.minRollSize))}</p>`,
      `<table><thead><tr><th>${t.region}</th><th class="n">${t.roll}</th><th class="n">${t.tokens}</th></tr></thead><tbody>`);
    const rows = [...turnout.regions].sort((a, b) => regionName(a.region).localeCompare(regionName(b.region), lang));
    for (const r of rows) {
      out.push(r.suppressed
        ? `<tr data-region="${escapeHtml(r.region)}"><td>${escapeHtml(regionName(r.region))}</td><td class="n suppressed">&lt; ${turnout.minRollSize}</td><td class="n suppressed">&lt; ${turnout.minRollSize}</td></tr>`
        : `<tr data-region="${escapeHtml(r.region)}"><td>${escapeHtml(regionName(r.region))}</td><td class="n">${n(r.rollSize)}</td><td class="n">${n(r.tokensIssued)} <span class="pct">${pct(r.tokensIssued, r.rollSize, lang)}</span></td></tr>`);
    }
    out.push('</tbody></table>');
  }
  out.push('</section>');

  // Results and seats.
  out.push(`<section data-testid="results"><h2>${t.resultsTitle}</h2>`);
  if (report.results === null) out.push(`<p>${t.noResults}</p>`);
  else {
    for (const r of report.results) {
      out.push(`<h3>${escapeHtml(r.title)} <span class="note">(${escapeHtml(r.constituencyName[lang])})</span></h3>`,
        `<p class="note">${escapeHtml(t.seatsOf(r.seats, r.alternates))} · <span class="status ${r.verified ? 'ok' : 'bad'}">${r.verified ? t.verified : t.notVerified}</span></p>`,
        `<table><thead><tr><th class="n">${t.rank}</th><th>${t.candidate}</th><th class="n">${t.votes}</th><th>${t.seat}</th></tr></thead><tbody>`);
      for (const c of r.candidates) {
        const seat = c.seat === 'titular' ? `<span class="seat-titular">${t.titular}</span>` : c.seat === 'alternate' ? t.alternate : '';
        out.push(`<tr><td class="n">${c.rank}</td><td>${escapeHtml(c.fullName)}</td><td class="n">${n(c.votes)}</td><td>${seat}</td></tr>`);
      }
      out.push('</tbody></table>');
    }
  }
  out.push('</section>');

  // The complaint log.
  out.push(`<section data-testid="complaints"><h2>${t.complaintsTitle}</h2>`);
  if (report.complaints.length === 0) out.push(`<p>${t.noComplaints}</p>`);
  else for (const c of report.complaints) out.push(complaintCard(c, lang));
  out.push('</section>');

  // The checks.
  out.push(`<section data-testid="checks"><h2>${escapeHtml(t.checksTitle(report.checks.length))}</h2><p class="note">${t.checksIntro}</p><ol class="checks">`);
  for (const c of report.checks) {
    const status = c.pending === true ? `<span class="status">… ${t.pending}</span>` : c.ok ? `<span class="status ok">✓ ${t.passed}</span>` : `<span class="status bad">✗ ${t.failed} — ${escapeHtml(t.failures(c.failures.length))}</span>`;
    out.push(`<li class="${c.ok ? 'ok' : 'bad'}" data-check="${c.key}" data-ok="${c.ok}"><div class="checkhead"><strong>${c.id}. ${say(c.title)}</strong>${status}</div>`,
      `<p>${say(CHECK_PLAIN[c.key])}</p>`);
    if (c.note) out.push(`<p class="note">${say(c.note)}</p>`);
    if (c.failures.length > 0) {
      out.push('<ul class="failures">');
      for (const x of c.failures.slice(0, SHOWN)) out.push(`<li><strong>${say(x.itemText)}</strong>: ${say(x.detail)}</li>`);
      if (c.failures.length > SHOWN) out.push(`<li>${escapeHtml(t.more(c.failures.length - SHOWN))}</li>`);
      out.push('</ul>');
    }
    out.push('</li>');
  }
  out.push('</ol></section>');

  const source = options.source ?? (lang === 'es' ? 'registro.json' : 'record.json');
  out.push(`<footer><h2>${t.repeatTitle}</h2><p>${t.repeat}</p>`,
    `<p><code>npm run verify -- ${escapeHtml(source)} --report ${lang === 'es' ? 'informe.html' : 'report.html'}${lang === 'es' ? '' : ' --lang en'}</code></p></footer>`);
  out.push('</main></body></html>\n');
  return out.join('');
}
