/**
 * The results page's texts (Spanish first; English has every key of the Spanish).
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';

export interface ResultsTexts {
  title: string;
  lead: string;
  loading: string;
  notYet: (phase: string) => string;
  timelineLink: string;
  verifying: string;
  verifiedOk: (n: number) => string;
  verifiedBad: string;
  seats: (s: number, a: number) => string;
  voteFor: (n: number) => string;
  ballots: (counted: string, roll: string, pct: string) => string;
  rank: string;
  candidate: string;
  votes: string;
  votesOf: (n: string, pct: string) => string;
  titular: string;
  alternate: string;
  none: string;
  tie: string;
  tieNote: string;
  blank: (n: string, pct: string) => string;
  blankUnknown: string;
  notVerified: string;
  linksTitle: string;
  auditor: string;
  acta: string;
  report: string;
  record: string;
  failed: (d: string) => string;
  noWorker: string;
}

export const RESULTS: Bilingual<ResultsTexts> = {
  es: {
    title: 'Resultados',
    lead: 'Los resultados se calculan en su navegador a partir del registro completo de la elección, con el mismo verificador que la auditoría y la línea de comandos: no son una copia de lo que dice el servidor.',
    loading: 'Cargando…',
    notYet: (p) => `Los resultados todavía no están publicados (etapa actual: ${p}).`,
    timelineLink: 'Ver el calendario de la elección',
    verifying: 'Descargando y verificando el registro de la elección…',
    verifiedOk: (n) => `✓ Resultados verificados: las ${n} comprobaciones del registro pasan.`,
    verifiedBad: '✗ El registro de la elección NO supera la verificación: estos resultados no están demostrados. La página de auditoría dice qué falla.',
    seats: (s, a) => `${s} ${s === 1 ? 'escaño titular' : 'escaños titulares'} y ${a} ${a === 1 ? 'suplente' : 'suplentes'}`,
    voteFor: (n) => (n === 1 ? 'se vota por una candidatura' : `se vota por hasta ${n} candidaturas`),
    ballots: (c, r, p) => `${c} papeletas contadas de ${r} asociaciones del padrón (participación: ${p}).`,
    rank: 'Puesto', candidate: 'Candidatura', votes: 'Votos',
    votesOf: (n, p) => `${n} (${p} de las papeletas)`,
    titular: 'titular', alternate: 'suplente', none: 'sin escaño',
    tie: 'empate: el orden lo decidió el sorteo público',
    tieNote: 'Cuando dos candidaturas tienen los mismos votos, el orden lo decide un sorteo público: sale de la huella del evento de cierre, fijada antes de que nadie pudiera ver los votos, y cualquiera puede recalcularlo (el verificador lo hace en la comprobación 21).',
    blank: (n, p) => `Papeletas en blanco: ${n} (${p}).`,
    blankUnknown: 'En esta contienda se vota por varias candidaturas: el escrutinio cifrado suma los votos de cada candidatura, así que no dice cuántas papeletas quedaron en blanco.',
    notVerified: 'Esta contienda NO se pudo verificar.',
    linksTitle: 'Comprobarlo usted',
    auditor: 'Auditar el registro completo',
    acta: 'Acta para imprimir, con las aprobaciones del comité',
    report: 'Informe firmado del servidor (JSON)',
    record: 'Descargar el registro de la elección (JSON)',
    failed: (d) => `No se pudo verificar el registro: ${d}`,
    noWorker: 'Este navegador no puede ejecutar el verificador en segundo plano (Web Workers).',
  },
  en: {
    title: 'Results',
    lead: 'The results are computed in your browser from the election\'s complete record, with the same verifier as the audit page and the command line: they are not a copy of what the server says.',
    loading: 'Loading…',
    notYet: (p) => `The results are not published yet (current stage: ${p}).`,
    timelineLink: 'See the election timeline',
    verifying: 'Downloading and verifying the election record…',
    verifiedOk: (n) => `✓ Results verified: all ${n} checks of the record pass.`,
    verifiedBad: '✗ The election record does NOT pass verification: these results are not proven. The audit page says what fails.',
    seats: (s, a) => `${s} titular ${s === 1 ? 'seat' : 'seats'} and ${a} ${a === 1 ? 'alternate' : 'alternates'}`,
    voteFor: (n) => (n === 1 ? 'vote for one candidate' : `vote for up to ${n} candidates`),
    ballots: (c, r, p) => `${c} ballots counted of ${r} associations on the roll (turnout: ${p}).`,
    rank: 'Rank', candidate: 'Candidate', votes: 'Votes',
    votesOf: (n, p) => `${n} (${p} of ballots)`,
    titular: 'titular', alternate: 'alternate', none: 'no seat',
    tie: 'tie: the order was decided by the public lot',
    tieNote: 'When two candidates have the same votes, the order is decided by a public lot: it comes from the fingerprint of the close event, fixed before anyone could see the votes, and anyone can recompute it (the verifier does, in check 21).',
    blank: (n, p) => `Blank ballots: ${n} (${p}).`,
    blankUnknown: 'In this contest one votes for several candidates: the encrypted tally adds up each candidate\'s votes, so it does not tell how many ballots were left blank.',
    notVerified: 'This contest could NOT be verified.',
    linksTitle: 'Check it yourself',
    auditor: 'Audit the complete record',
    acta: 'Printable acta, with the committee\'s approvals',
    report: 'The server\'s signed report (JSON)',
    record: 'Download the election record (JSON)',
    failed: (d) => `The record could not be verified: ${d}`,
    noWorker: 'This browser cannot run the verifier in the background (Web Workers).',
  },
};
