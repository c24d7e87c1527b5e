/**
 * The auditor page's texts, Spanish first.
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';

export interface AuditorTexts {
  title: string;
  lead: string;
  independent: string;
  run: string;
  again: string;
  downloadRecord: string;
  fileTitle: string;
  fileLabel: string;
  fileHelp: string;
  progressLabel: string;
  stages: Record<string, string>;
  downloaded: (kb: string) => string;
  of: (done: string, total: string) => string;
  verdictTitle: string;
  inProgressTitle: string;
  inProgressNote: string;
  pending: string;
  election: string;
  manifestHash: string;
  recordSha: string;
  shaNote: string;
  stage: string;
  events: string;
  recordStages: Record<string, string>;
  turnoutTitle: string;
  turnoutContest: string;
  roll: string;
  tokens: string;
  counted: string;
  share: (n: string, of: string, pct: string) => string;
  regionTitle: string;
  regionNote: string;
  region: string;
  regionSuppressed: (min: number) => string;
  noRegions: string;
  suppressedNote: string;
  complaintsTitle: string;
  complaintsLead: string;
  noComplaints: string;
  complaintHeading: (n: number, category: string) => string;
  complaintWindow: string;
  complaintFiled: string;
  boardSeq: (seq: number) => string;
  complainant: string;
  complaintText: string;
  attachments: string;
  complaintStatus: string;
  answerDecision: (decision: string) => string;
  answerReasoning: string;
  answerBy: (sectors: string, when: string, seq: number) => string;
  resultsTitle: string;
  noResults: string;
  seats: (s: number, a: number) => string;
  rank: string;
  candidate: string;
  votes: string;
  seat: string;
  titular: string;
  alternate: string;
  resultVerified: string;
  resultNotVerified: string;
  checksTitle: string;
  failures: (n: number) => string;
  textTitle: string;
  textLead: string;
  downloadReport: string;
  downloadHtml: string;
  saveRecord: string;
  serverTitle: string;
  serverLead: string;
  serverNotDue: string;
  serverAbsent: string;
  serverSignature: Record<string, string>;
  serverFigures: Record<string, string>;
  httpError: (d: string) => string;
  notJson: string;
  failed: (d: string) => string;
  noWorker: string;
}

export const AUDITOR: Bilingual<AuditorTexts> = {
  es: {
    title: 'Auditoría del registro electoral',
    lead: 'Descargue el registro completo de la elección y verifíquelo aquí mismo: cada prueba criptográfica, cada papeleta, el escrutinio y los escaños.',
    independent: 'La verificación se hace en su navegador, con el mismo verificador que la línea de comandos (npm run verify). No hace falta confiar en el servidor: si un solo byte del registro fue alterado, una comprobación falla y dice cuál.',
    run: 'Descargar y verificar el registro', again: 'Verificar otra vez',
    downloadRecord: 'Descargar el registro (JSON)',
    fileTitle: '¿Ya tiene el registro en un archivo?', fileLabel: 'Archivo del registro', fileHelp: 'Se verifica en este navegador; no se envía.',
    progressLabel: 'Progreso de la verificación',
    stages: { download: 'Descargando el registro', read: 'Leyendo el registro (bytes)', format: 'Formato', chain: 'Cadena de hashes', ceremony: 'Ceremonia de claves', ballots: 'Papeletas', tally: 'Escrutinio y escaños' },
    downloaded: (kb) => `${kb} kB descargados`,
    of: (d, t) => `${d} de ${t}`,
    verdictTitle: 'Veredicto',
    inProgressTitle: 'En curso',
    inProgressNote: 'La elección aún no publica sus resultados: se verifica el registro tal como va. Las comprobaciones que el registro alcanza pasan hasta ahora; las marcadas como pendientes se harán cuando llegue al cierre, al escrutinio y a la publicación. Nada de esto es un fallo.',
    pending: 'pendiente',
    election: 'Elección', manifestHash: 'Hash del manifiesto', stage: 'Etapa', events: 'Eventos en el registro',
    recordSha: 'Huella SHA-256 del registro verificado',
    shaNote: 'La huella SHA-256 identifica los bytes exactos que se verificaron: quien tenga un archivo con la misma huella tiene este mismo registro. Cada descarga del registro lleva su hora de exportación, así que dos descargas tienen huellas distintas; guarde el registro verificado para conservar este archivo.',
    recordStages: { empty: 'vacío', ceremony: 'ceremonia de claves', voting: 'votación', closed: 'cerrado', tallied: 'escrutado', published: 'publicado' },
    turnoutTitle: 'Participación por contienda',
    turnoutContest: 'Asociaciones del padrón, fichas de voto emitidas y papeletas contadas.',
    roll: 'Padrón', tokens: 'Fichas emitidas', counted: 'Papeletas contadas',
    share: (n, of, pct) => `${n} de ${of} (${pct})`,
    regionTitle: 'Participación por región',
    regionNote: 'Las papeletas son anónimas y no llevan región: por región solo se sabe qué asociaciones obtuvieron su ficha de voto (la lista pública de emisión).',
    region: 'Región',
    regionSuppressed: (min) => `Para proteger el secreto del voto, una región con menos de ${min} asociaciones en los padrones (todas las contiendas juntas) se muestra solo como «menos de ${min}» (< ${min}), sin sus cifras. ${min} es el mínimo de la regla minRollSize del manifiesto.`,
    suppressedNote: 'asociaciones en los padrones (cifras omitidas)',
    noRegions: 'El registro no tiene padrones legibles (falta un manifiesto válido).',
    complaintsTitle: 'Reclamos y respuestas del comité',
    complaintsLead: 'Los reclamos presentados durante la elección y la respuesta razonada del comité a cada uno, tal como están en el registro. La identidad de quien reclama solo aparece si eligió mostrarla.',
    noComplaints: 'El registro no tiene reclamos.',
    complaintHeading: (n, c) => `Reclamo ${n}: ${c}`,
    complaintWindow: 'Plazo', complaintFiled: 'Presentado', boardSeq: (s) => `evento n.º ${s} del tablero`,
    complainant: 'Presentado por', complaintText: 'Texto', attachments: 'Adjuntos (solo su huella)', complaintStatus: 'Estado',
    answerDecision: (d) => `Respuesta del comité: reclamo ${d}`,
    answerReasoning: 'Razonamiento',
    answerBy: (s, w, seq) => `Decisión aprobada por miembros de los sectores ${s}, el ${w} (evento n.º ${seq} del tablero).`,
    resultsTitle: 'Resultados y escaños',
    noResults: 'El registro todavía no tiene resultados.',
    seats: (s, a) => `${s} ${s === 1 ? 'escaño' : 'escaños'}, ${a} ${a === 1 ? 'suplente' : 'suplentes'}`,
    rank: 'Puesto', candidate: 'Candidatura', votes: 'Votos', seat: 'Escaño', titular: 'titular', alternate: 'suplente',
    resultVerified: 'verificado', resultNotVerified: 'NO verificado',
    checksTitle: 'Comprobaciones',
    failures: (n) => `${n} ${n === 1 ? 'fallo' : 'fallos'}`,
    textTitle: 'Informe en texto',
    textLead: 'El mismo informe que imprime la línea de comandos.',
    downloadReport: 'Descargar informe (JSON)',
    downloadHtml: 'Descargar informe (HTML)',
    saveRecord: 'Guardar el registro verificado (JSON)',
    serverTitle: 'Informe firmado del servidor',
    serverLead: 'Al publicar los resultados, el servidor firma con la clave de recibos del manifiesto un informe con sus cifras (conteos, resultados, participación por región, reclamos). El verificador comprueba la firma y compara cada cifra con la que calculó (comprobación 23).',
    serverNotDue: 'Los resultados no están publicados todavía: el servidor aún no debía firmar su informe.',
    serverAbsent: 'Los resultados están publicados pero el registro no trae el informe firmado del servidor.',
    serverSignature: {
      valid: 'Firma válida: la hizo la clave de recibos que fija el manifiesto.',
      invalid: 'Firma NO válida: la clave de recibos del manifiesto no firmó este informe.',
      unknown: 'La firma no se pudo comprobar.',
    },
    serverFigures: {
      match: 'Las cifras coinciden: cada una es la que calculó el verificador.',
      differ: 'Alguna cifra NO coincide con el registro (ver la comprobación 23).',
      unknown: 'Las cifras no se pudieron comparar.',
    },
    httpError: (d) => `No se pudo descargar el registro (${d}).`,
    notJson: 'El registro no es un documento JSON.',
    failed: (d) => `La verificación no pudo completarse: ${d}`,
    noWorker: 'Este navegador no puede ejecutar el verificador en segundo plano (Web Workers).',
  },
  en: {
    title: 'Election record audit',
    lead: 'Download the complete election record and verify it right here: every cryptographic proof, every ballot, the tally and the seats.',
    independent: 'Verification runs in your browser, with the same verifier as the command line (npm run verify). You need not trust the server: if a single byte of the record was altered, a check fails and names it.',
    run: 'Download and verify the record', again: 'Verify again',
    downloadRecord: 'Download the record (JSON)',
    fileTitle: 'Already have the record in a file?', fileLabel: 'Record file', fileHelp: 'It is verified in this browser; it is not sent.',
    progressLabel: 'Verification progress',
    stages: { download: 'Downloading the record', read: 'Reading the record (bytes)', format: 'Format', chain: 'Hash chain', ceremony: 'Key ceremony', ballots: 'Ballots', tally: 'Tally and seats' },
    downloaded: (kb) => `${kb} kB downloaded`,
    of: (d, t) => `${d} of ${t}`,
    verdictTitle: 'Verdict',
    inProgressTitle: 'In progress',
    inProgressNote: 'The election has not published its results yet: the record is verified as it stands. The checks the record reaches pass so far; those marked pending run once it reaches the close, the tally and the publication. None of this is a failure.',
    pending: 'pending',
    election: 'Election', manifestHash: 'Manifest hash', stage: 'Stage', events: 'Events in the record',
    recordSha: 'SHA-256 fingerprint of the verified record',
    shaNote: 'The SHA-256 fingerprint names the exact bytes verified: whoever has a file with the same fingerprint has this very record. Each download of the record carries its export time, so two downloads have different fingerprints; save the verified record to keep this file.',
    recordStages: { empty: 'empty', ceremony: 'key ceremony', voting: 'voting', closed: 'closed', tallied: 'tallied', published: 'published' },
    turnoutTitle: 'Turnout per contest',
    turnoutContest: 'Associations on the roll, voting tokens issued and ballots counted.',
    roll: 'Roll', tokens: 'Tokens issued', counted: 'Ballots counted',
    share: (n, of, pct) => `${n} of ${of} (${pct})`,
    regionTitle: 'Turnout per region',
    regionNote: 'Ballots are anonymous and carry no region: per region one only knows which associations obtained their voting token (the public issuance list).',
    region: 'Region',
    regionSuppressed: (min) => `To protect ballot secrecy, a region with fewer than ${min} associations on the rolls (all contests together) is shown only as "fewer than ${min}" (< ${min}), without its figures. ${min} is the manifest's minRollSize rule.`,
    suppressedNote: 'associations on the rolls (figures withheld)',
    noRegions: 'The record has no readable rolls (it lacks a valid manifest).',
    complaintsTitle: 'Complaints and the committee\'s answers',
    complaintsLead: 'The complaints filed during the election and the committee\'s reasoned answer to each, as they are in the record. The complainant\'s identity appears only if they chose to show it.',
    noComplaints: 'The record has no complaints.',
    complaintHeading: (n, c) => `Complaint ${n}: ${c}`,
    complaintWindow: 'Window', complaintFiled: 'Filed', boardSeq: (s) => `board event no. ${s}`,
    complainant: 'Filed by', complaintText: 'Text', attachments: 'Attachments (fingerprint only)', complaintStatus: 'Status',
    answerDecision: (d) => `Committee's answer: complaint ${d}`,
    answerReasoning: 'Reasoning',
    answerBy: (s, w, seq) => `Decision approved by members of the sectors ${s}, on ${w} (board event no. ${seq}).`,
    resultsTitle: 'Results and seats',
    noResults: 'The record has no results yet.',
    seats: (s, a) => `${s} ${s === 1 ? 'seat' : 'seats'}, ${a} ${a === 1 ? 'alternate' : 'alternates'}`,
    rank: 'Rank', candidate: 'Candidate', votes: 'Votes', seat: 'Seat', titular: 'titular', alternate: 'alternate',
    resultVerified: 'verified', resultNotVerified: 'NOT verified',
    checksTitle: 'Checks',
    failures: (n) => `${n} ${n === 1 ? 'failure' : 'failures'}`,
    textTitle: 'Text report',
    textLead: 'The same report the command line prints.',
    downloadReport: 'Download report (JSON)',
    downloadHtml: 'Download report (HTML)',
    saveRecord: 'Save the verified record (JSON)',
    serverTitle: 'The server\'s signed report',
    serverLead: 'When the results are published, the server signs with the manifest\'s receipt key a report of its figures (counts, results, turnout by region, complaints). The verifier checks the signature and compares every figure with its own (check 23).',
    serverNotDue: 'The results are not published yet: the server was not yet due to sign its report.',
    serverAbsent: 'The results are published but the record does not carry the server\'s signed report.',
    serverSignature: {
      valid: 'Signature valid: made by the receipt key the manifest fixes.',
      invalid: 'Signature NOT valid: the manifest\'s receipt key did not sign this report.',
      unknown: 'The signature could not be checked.',
    },
    serverFigures: {
      match: 'The figures match: each one is the one the verifier computed.',
      differ: 'Some figure does NOT agree with the record (see check 23).',
      unknown: 'The figures could not be compared.',
    },
    httpError: (d) => `Could not download the record (${d}).`,
    notJson: 'The record is not a JSON document.',
    failed: (d) => `Verification could not complete: ${d}`,
    noWorker: 'This browser cannot run the verifier in the background (Web Workers).',
  },
};
