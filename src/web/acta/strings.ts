/**
 * The acta's texts (Spanish first; English has every key of the Spanish). Result words
 * (titular, alternate, tie) are the results page's.
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';

export interface ActaTexts {
  title: string;
  lead: string;
  loading: string;
  notYet: (phase: string) => string;
  verifying: string;
  verifiedOk: (n: number) => string;
  verifiedBad: string;
  electionId: (id: string) => string;
  printedAt: (when: string) => string;
  resultsTitle: string;
  approvalsTitle: string;
  approvalsLead: string;
  chainOk: (n: number) => string;
  chainBroken: (seq: number) => string;
  cols: { when: string; decision: string; approvedBy: string; against: string; seat: string };
  nobody: string;
  committeeTitle: string;
  signature: string;
  kinds: {
    phase: (from: string, to: string) => string;
    accredit: (who: string, constituency: string) => string;
    reject: (who: string, constituency: string) => string;
    appealOverturn: (who: string) => string;
    appealUphold: (who: string) => string;
    eligible: (who: string, by: string) => string;
    ineligible: (who: string, by: string) => string;
    rules: string;
    smallRoll: (contest: string) => string;
    complaint: (upheld: boolean) => string;
    reset: (who: string) => string;
    reason: (r: string) => string;
    other: (kind: string) => string;
  };
}

export const ACTA: Bilingual<ActaTexts> = {
  es: {
    title: 'Acta de la elección',
    lead: 'Acta para imprimir: los resultados verificados en su navegador a partir del registro completo, y cada decisión del comité con quién la aprobó, tomadas de los eventos firmados del tablero público.',
    loading: 'Cargando…',
    notYet: (p) => `El acta se emite cuando los resultados están publicados (etapa actual: ${p}).`,
    verifying: 'Descargando y verificando el registro de la elección…',
    verifiedOk: (n) => `✓ Resultados verificados: las ${n} comprobaciones del registro pasan.`,
    verifiedBad: '✗ El registro de la elección NO supera la verificación: estos resultados no están demostrados.',
    electionId: (id) => `Identificador de la elección: ${id}`,
    printedAt: (w) => `Acta generada: ${w}`,
    resultsTitle: 'Resultados',
    approvalsTitle: 'Decisiones y aprobaciones del comité',
    approvalsLead: 'Cada decisión ejecutada, en el orden del tablero, con los miembros que la firmaron (el primero la propuso) y su sector.',
    chainOk: (n) => `Cadena de hashes del tablero comprobada en esta página (${n} eventos).`,
    chainBroken: (seq) => `La cadena de hashes del tablero NO se sostiene en el evento ${seq}.`,
    cols: { when: 'Fecha y hora', decision: 'Decisión', approvedBy: 'Aprobada por', against: 'En contra', seat: 'Escaño' },
    nobody: 'nadie',
    committeeTitle: 'Comité electoral',
    signature: 'Firma',
    kinds: {
      phase: (f, t) => `Cambio de fase: de ${f} a ${t}`,
      accredit: (w, c) => `Acreditar a ${w} (${c})`,
      reject: (w, c) => `Rechazar la acreditación de ${w} (${c})`,
      appealOverturn: (w) => `Apelación de ${w}: se revoca el rechazo`,
      appealUphold: (w) => `Apelación de ${w}: se confirma el rechazo`,
      eligible: (w, b) => `Candidatura de ${w} (propuesta por ${b}): habilitada`,
      ineligible: (w, b) => `Candidatura de ${w} (propuesta por ${b}): no habilitada`,
      rules: 'Cambio de las reglas de la elección',
      smallRoll: (c) => `Aceptar el padrón pequeño de «${c}»`,
      complaint: (u) => `Respuesta a un reclamo: ${u ? 'fundado' : 'infundado'}`,
      reset: (w) => `Restablecer las credenciales de ${w}`,
      reason: (r) => `motivo: ${r}`,
      other: (k) => `Decisión «${k}»`,
    },
  },
  en: {
    title: 'Election acta',
    lead: 'A printable acta: the results verified in your browser from the complete record, and each committee decision with who approved it, taken from the signed events of the public board.',
    loading: 'Loading…',
    notYet: (p) => `The acta is issued once the results are published (current stage: ${p}).`,
    verifying: 'Downloading and verifying the election record…',
    verifiedOk: (n) => `✓ Results verified: all ${n} checks of the record pass.`,
    verifiedBad: '✗ The election record does NOT pass verification: these results are not proven.',
    electionId: (id) => `Election identifier: ${id}`,
    printedAt: (w) => `Acta generated: ${w}`,
    resultsTitle: 'Results',
    approvalsTitle: 'Committee decisions and approvals',
    approvalsLead: 'Each executed decision, in board order, with the members who signed it (the first proposed it) and their sector.',
    chainOk: (n) => `The board's hash chain checked in this page (${n} events).`,
    chainBroken: (seq) => `The board's hash chain does NOT hold at event ${seq}.`,
    cols: { when: 'Date and time', decision: 'Decision', approvedBy: 'Approved by', against: 'Against', seat: 'Seat' },
    nobody: 'nobody',
    committeeTitle: 'Electoral committee',
    signature: 'Signature',
    kinds: {
      phase: (f, t) => `Phase change: from ${f} to ${t}`,
      accredit: (w, c) => `Accredit ${w} (${c})`,
      reject: (w, c) => `Reject ${w}'s accreditation (${c})`,
      appealOverturn: (w) => `${w}'s appeal: the rejection is overturned`,
      appealUphold: (w) => `${w}'s appeal: the rejection is upheld`,
      eligible: (w, b) => `${w}'s candidacy (nominated by ${b}): eligible`,
      ineligible: (w, b) => `${w}'s candidacy (nominated by ${b}): not eligible`,
      rules: 'Change of the election rules',
      smallRoll: (c) => `Accept the small roll of “${c}”`,
      complaint: (u) => `Answer to a complaint: ${u ? 'upheld' : 'dismissed'}`,
      reset: (w) => `Reset ${w}'s credentials`,
      reason: (r) => `reason: ${r}`,
      other: (k) => `Decision “${k}”`,
    },
  },
};
