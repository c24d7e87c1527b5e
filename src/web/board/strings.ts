/**
 * The board browser's texts (Spanish first; English has every key of the Spanish).
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';

export interface BoardTexts {
  title: string;
  lead: string;
  loading: (n: string) => string;
  summaryOk: (n: string) => string;
  summaryBroken: (broken: string, n: string) => string;
  headMismatch: string;
  empty: string;
  kindLabel: string;
  allKinds: string;
  showing: (from: string, to: string, of: string) => string;
  previous: string;
  next: string;
  pageNav: string;
  seq: string;
  kind: string;
  at: string;
  hash: string;
  link: string;
  linkOk: string;
  linkBroken: string;
  reasons: Record<string, string>;
  payload: string;
  kinds: Record<string, string>;
  pageAnnounce: (from: string, to: string, of: string) => string;
}

export const BOARD: Bilingual<BoardTexts> = {
  es: {
    title: 'Tablero público',
    lead: 'Cada evento público de la elección, encadenado al anterior por su huella (hash). Esta página recalcula en su navegador la huella de cada evento y su enlace con el anterior, con el mismo código que el verificador.',
    loading: (n) => `Leyendo el tablero… ${n} eventos comprobados.`,
    summaryOk: (n) => `✓ Los ${n} eventos están bien encadenados: cada huella y cada enlace coinciden.`,
    summaryBroken: (b, n) => `✗ ${b} de ${n} eventos NO tienen una huella o un enlace válidos: el tablero fue alterado o está dañado. Están marcados abajo.`,
    headMismatch: '✗ El último evento no es la cabeza que anuncia el servidor.',
    empty: 'El tablero todavía no tiene eventos.',
    kindLabel: 'Tipo de evento', allKinds: 'Todos los tipos',
    showing: (f, to, of) => `Eventos ${f} a ${to} de ${of}`,
    previous: 'Anteriores', next: 'Siguientes', pageNav: 'Páginas del tablero',
    seq: 'N.º', kind: 'Tipo', at: 'Hora de registro', hash: 'Huella', link: 'Enlace',
    linkOk: '✓ válido', linkBroken: '✗ NO válido',
    reasons: {
      hash_mismatch: 'la huella no corresponde al contenido del evento',
      prev_hash_mismatch: 'no enlaza con la huella del evento anterior',
      seq_gap: 'falta un evento antes de este o el número no sigue',
      malformed_event: 'el evento no tiene la forma esperada',
    },
    payload: 'Contenido',
    kinds: {
      trustee_key: 'clave de custodio', dealing: 'reparto de la clave', ceremony_verification: 'verificación de la ceremonia',
      ceremony_result: 'resultado de la ceremonia', manifest: 'manifiesto (apertura)', token_issued: 'ficha de voto emitida',
      ballot: 'papeleta', close: 'cierre', encrypted_tally: 'escrutinio cifrado', decryption_share: 'descifrado parcial',
      result: 'resultados', published: 'publicación', complaint: 'reclamo', complaint_answer: 'respuesta a un reclamo',
      report: 'informe firmado del servidor',
    },
    pageAnnounce: (f, to, of) => `Mostrando los eventos ${f} a ${to} de ${of}.`,
  },
  en: {
    title: 'Public board',
    lead: 'Every public event of the election, chained to the one before by its fingerprint (hash). This page recomputes each event\'s fingerprint and its link to the one before in your browser, with the verifier\'s own code.',
    loading: (n) => `Reading the board… ${n} events checked.`,
    summaryOk: (n) => `✓ All ${n} events are properly chained: every fingerprint and every link match.`,
    summaryBroken: (b, n) => `✗ ${b} of ${n} events do NOT have a valid fingerprint or link: the board was altered or is damaged. They are marked below.`,
    headMismatch: '✗ The last event is not the head the server announces.',
    empty: 'The board has no events yet.',
    kindLabel: 'Event kind', allKinds: 'All kinds',
    showing: (f, to, of) => `Events ${f} to ${to} of ${of}`,
    previous: 'Previous', next: 'Next', pageNav: 'Board pages',
    seq: 'No.', kind: 'Kind', at: 'Time appended', hash: 'Fingerprint', link: 'Link',
    linkOk: '✓ valid', linkBroken: '✗ NOT valid',
    reasons: {
      hash_mismatch: 'the fingerprint does not match the event\'s content',
      prev_hash_mismatch: 'does not link to the previous event\'s fingerprint',
      seq_gap: 'an event is missing before this one, or the number does not follow',
      malformed_event: 'the event does not have the expected shape',
    },
    payload: 'Content',
    kinds: {
      trustee_key: 'trustee key', dealing: 'key dealing', ceremony_verification: 'ceremony verification',
      ceremony_result: 'ceremony result', manifest: 'manifest (opening)', token_issued: 'voting token issued',
      ballot: 'ballot', close: 'close', encrypted_tally: 'encrypted tally', decryption_share: 'partial decryption',
      result: 'results', published: 'publication', complaint: 'complaint', complaint_answer: 'answer to a complaint',
      report: 'server\'s signed report',
    },
    pageAnnounce: (f, to, of) => `Showing events ${f} to ${to} of ${of}.`,
  },
};
