/**
 * The verification report as lines of text, in Spanish or English: what the command line
 * prints (src/cli/verify.ts) and what the auditor page shows, from one formatter so that
 * both say the same; counts as each language writes them (record/number-format.ts:
 * "12.345" in Spanish, "12,345" in English). Browser-safe.
 * @module
 */
import { formatCount } from '../record/number-format.js';
import type { Lang, Text, VerificationReport } from './report.js';

/** Failures printed per check (all of them with --json). */
const SHOWN = 20;

const MESSAGES = {
  es: {
    heading: 'Verificación del registro electoral',
    election: (title: string, id: string) => `Elección: ${title} (${id})`,
    manifest: (h: string) => `Hash del manifiesto: ${h}`,
    stage: (s: string, n: string) => `Etapa: ${s} · eventos: ${n}`,
    stages: { empty: 'vacío', ceremony: 'ceremonia de claves', voting: 'votación', closed: 'cerrado', tallied: 'escrutado', published: 'publicado' },
    checks: 'Comprobaciones:',
    failures: (n: number) => `${n} ${n === 1 ? 'fallo' : 'fallos'}`,
    more: (n: number) => `… y ${n} más (--json para verlos todos)`,
    counts: 'Conteos por contienda:',
    contestCounts: (roll: string, tokens: string, board: string, counted: string, close: string | null) =>
      `padrón ${roll} · fichas emitidas ${tokens} · papeletas ${board} · contadas ${counted}${close === null ? '' : ` · cierre ${close}`}`,
    results: 'Resultados:',
    seats: (s: number, a: number) => `${s} ${s === 1 ? 'escaño' : 'escaños'}, ${a} ${a === 1 ? 'suplente' : 'suplentes'}`,
    verified: 'verificado',
    notVerified: 'NO verificado',
    titular: 'titular',
    alternate: 'suplente',
    votes: (n: number) => (n === 1 ? 'voto' : 'votos'),
    noResults: 'Sin resultados en el registro.',
    committee: 'Comité y reglas:',
    rules: (a: number | null, t: number | null, n: number | null) => `decisiones: miembros de ${a ?? '?'} sectores · umbral de descifrado t = ${n ?? t ?? '?'}`,
    member: (name: string, sector: string, org: string, role: string) => `${name} — ${sector}, ${org} (${role})`,
    trustees: (list: string) => `custodios por sector: ${list}`,
    decisions: (ok: number, n: number) => `${ok} de ${n} decisiones del comité con firmas verificadas de sus miembros`,
    requests: (ok: number, n: number) => `${ok} de ${n} fichas emitidas con solicitud firmada por una asociación acreditada`,
    witnesses: (ok: number, n: number) => `${ok} de ${n} cabezas del tablero atestiguadas por miembros del comité siguen en el tablero final`,
  },
  en: {
    heading: 'Election record verification',
    election: (title: string, id: string) => `Election: ${title} (${id})`,
    manifest: (h: string) => `Manifest hash: ${h}`,
    stage: (s: string, n: string) => `Stage: ${s} · events: ${n}`,
    stages: { empty: 'empty', ceremony: 'key ceremony', voting: 'voting', closed: 'closed', tallied: 'tallied', published: 'published' },
    checks: 'Checks:',
    failures: (n: number) => `${n} ${n === 1 ? 'failure' : 'failures'}`,
    more: (n: number) => `… and ${n} more (--json to see them all)`,
    counts: 'Counts per contest:',
    contestCounts: (roll: string, tokens: string, board: string, counted: string, close: string | null) =>
      `roll ${roll} · tokens issued ${tokens} · ballots ${board} · counted ${counted}${close === null ? '' : ` · close ${close}`}`,
    results: 'Results:',
    seats: (s: number, a: number) => `${s} ${s === 1 ? 'seat' : 'seats'}, ${a} ${a === 1 ? 'alternate' : 'alternates'}`,
    verified: 'verified',
    notVerified: 'NOT verified',
    titular: 'titular',
    alternate: 'alternate',
    votes: (n: number) => (n === 1 ? 'vote' : 'votes'),
    noResults: 'No results in the record.',
    committee: 'Committee and rules:',
    rules: (a: number | null, t: number | null, n: number | null) => `decisions: members of ${a ?? '?'} sectors · decryption threshold t = ${n ?? t ?? '?'}`,
    member: (name: string, sector: string, org: string, role: string) => `${name} — ${sector}, ${org} (${role})`,
    trustees: (list: string) => `trustees per sector: ${list}`,
    decisions: (ok: number, n: number) => `${ok} of ${n} committee decisions with verified signatures of their members`,
    requests: (ok: number, n: number) => `${ok} of ${n} tokens issued with a request signed by an accredited association`,
    witnesses: (ok: number, n: number) => `${ok} of ${n} board heads witnessed by committee members are still in the final board`,
  },
} as const;

/**
 * The report as lines of text in `lang`.
 * @example for (const line of formatReport(await verifyRecord(record), 'es')) console.log(line);
 */
export function formatReport(report: VerificationReport, lang: Lang): string[] {
  const t = MESSAGES[lang];
  const say = (x: Text) => x[lang];
  const n = (x: number) => formatCount(x, lang);
  const out: string[] = [t.heading];
  if (report.electionId !== null) out.push(t.election(report.title ?? '—', report.electionId));
  if (report.manifestHash !== null) out.push(t.manifest(report.manifestHash));
  out.push(t.stage(t.stages[report.stage], n(report.counts.events)), '', t.checks);
  for (const c of report.checks) {
    // A check the record does not reach yet is neither a pass nor a failure.
    const head = `  ${c.pending === true ? '…' : c.ok ? '✓' : '✗'} ${String(c.id).padStart(2)}. ${say(c.title)}`;
    out.push(c.ok ? head + (c.note ? ` — ${say(c.note)}` : '') : `${head} — ${t.failures(c.failures.length)}`);
    for (const x of c.failures.slice(0, SHOWN)) out.push(`        · ${say(x.itemText)}: ${say(x.detail)}`);
    if (c.failures.length > SHOWN) out.push(`        ${t.more(c.failures.length - SHOWN)}`);
    if (!c.ok && c.note) out.push(`        (${say(c.note)})`);
  }
  if (report.counts.contests.length > 0) {
    out.push('', t.counts);
    for (const c of report.counts.contests) {
      out.push(`  ${c.constituency} — ${c.title}: ${t.contestCounts(n(c.rollSize), n(c.tokensIssued), n(c.ballotsOnBoard), n(c.countedBallots), c.closeCount === null ? null : n(c.closeCount))}`);
    }
  }
  const g = report.governance;
  if (g !== null && g !== undefined && g.committee.length > 0) {
    out.push('', t.committee, `  ${t.rules(g.rules?.approvalSectors ?? null, g.rules?.threshold ?? null, g.threshold)}`);
    for (const m of g.committee) out.push(`  ${t.member(m.fullName, m.sector, m.organisation, m.role)}`);
    if (g.trustees.length > 0) {
      const per = new Map<string, number>();
      for (const x of g.trustees) per.set(x.sector, (per.get(x.sector) ?? 0) + 1);
      out.push(`  ${t.trustees([...per].map(([k, n]) => `${k} ${n}`).join(', '))}`);
    }
    out.push(`  ${t.decisions(g.decisionsVerified, g.decisions)}`, `  ${t.requests(g.tokenRequestsVerified, g.tokenRequests)}`,
      `  ${t.witnesses(g.witnessedHeadsVerified, g.witnessedHeads)}`);
  }
  out.push('');
  if (report.results === null) out.push(t.noResults);
  else {
    out.push(t.results);
    for (const r of report.results) {
      out.push(`  ${r.constituency} — ${r.title} (${t.seats(r.seats, r.alternates)}) [${r.verified ? t.verified : t.notVerified}]`);
      for (const c of r.candidates) {
        const seat = c.seat === 'titular' ? t.titular : c.seat === 'alternate' ? t.alternate : '';
        out.push(`    ${String(c.rank).padStart(2)}. ${c.fullName.padEnd(32)} ${n(c.votes).padStart(6)} ${t.votes(c.votes).padEnd(5)}  ${seat}`.trimEnd());
      }
    }
  }
  out.push('', `${report.ok ? '✓' : '✗'} ${say(report.verdict)}`);
  return out;
}
