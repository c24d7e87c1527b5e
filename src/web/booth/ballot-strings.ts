/**
 * The booth's texts for choosing, reviewing, encrypting and auditing the ballot, Spanish
 * first (./strings.ts joins them into the booth's texts).
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';

export interface BallotTexts {
  chooseTitle: (contest: string) => string;
  smallRollTitle: string;
  smallRollFew: (n: number, min: number) => string;
  smallRollRisk: string;
  smallRollDecision: (when: string) => string;
  smallRollReason: string;
  chooseLegend: (contest: string, n: number) => string;
  chooseHint: (n: number) => string;
  chosenCount: (k: number, n: number) => string;
  limitReached: (n: number) => string;
  review: string;
  reviewTitle: string;
  reviewLead: (contest: string) => string;
  blank: string;
  blankNote: string;
  change: string;
  encrypt: string;
  encrypting: string;
  sealedTitle: string;
  sealedLead: string;
  fingerprint: string;
  castOrAudit: string;
  auditExplain: string;
  cast: string;
  casting: string;
  audit: string;
  auditsDone: (n: number) => string;
  auditTitle: string;
  auditOk: string;
  auditBad: (detail: string) => string;
  auditLead: string;
  candidate: string;
  marked: string;
  notMarked: string;
  randomness: string;
  published: string;
  recomputed: string;
  matches: string;
  differs: string;
  downloadAudit: string;
  auditPrivate: string;
  reencrypt: string;
}

export const BALLOT_TEXTS: Bilingual<BallotTexts> = {
  es: {
    chooseTitle: (c) => `Elegir: ${c}`,
    smallRollTitle: 'Aviso: muy pocos votantes en esta contienda',
    smallRollFew: (n, min) => `En esta contienda votan solo ${n} ${n === 1 ? 'asociación' : 'asociaciones'}; las reglas de la elección piden al menos ${min} para que el voto quede bien protegido.`,
    smallRollRisk: 'Los resultados se publican con el número exacto de votos de cada candidatura, para que cualquiera pueda comprobar el escrutinio. Con tan pocos votantes, esos números pueden revelar cómo votó cada asociación: por ejemplo, si todas votan por la misma candidatura, se sabrá qué votó cada una.',
    smallRollDecision: (w) => `El comité electoral conoce este riesgo: el ${w} registró una decisión, aprobada por miembros de distintos sectores, que lo reconoce y abre igualmente la votación.`,
    smallRollReason: 'Motivo del comité',
    chooseLegend: (c, n) => `${c}: marque hasta ${n}`,
    chooseHint: (n) => `Puede marcar hasta ${n} candidatura${n === 1 ? '' : 's'}. Si no marca ninguna, su voto será en blanco.`,
    chosenCount: (k, n) => `Ha marcado ${k} de ${n}.`,
    limitReached: (n) => `Ya marcó ${n}, el máximo. Desmarque una para cambiarla.`,
    review: 'Revisar mi voto',
    reviewTitle: 'Revisar su voto',
    reviewLead: (c) => `Su voto en «${c}»:`,
    blank: 'Voto en blanco (ninguna candidatura marcada)',
    blankNote: 'Un voto en blanco cuenta como participación, sin apoyar a nadie.',
    change: 'Cambiar mi elección',
    encrypt: 'Cifrar mi voto',
    encrypting: 'Cifrando su voto y preparando las pruebas…',
    sealedTitle: 'Su voto está cifrado',
    sealedLead: 'Este dispositivo cifró su voto y calculó las pruebas de que es válido, sin revelar su contenido.',
    fingerprint: 'Huella de la papeleta cifrada',
    castOrAudit: 'Ahora puede depositarlo, o auditarlo primero para comprobar que contiene su elección.',
    auditExplain: 'Auditar revela los números secretos con los que se cifró esta papeleta, para que usted (u otro dispositivo) compruebe que contiene su elección. Una papeleta auditada ya no es secreta: se descarta y se cifra una nueva. Puede auditar tantas veces como quiera.',
    cast: 'Depositar mi voto',
    casting: 'Depositando su voto de forma anónima…',
    audit: 'Auditar esta papeleta',
    auditsDone: (n) => `Papeletas auditadas y descartadas: ${n}.`,
    auditTitle: 'Auditoría de la papeleta',
    auditOk: 'Comprobado: la papeleta cifrada contiene exactamente su elección.',
    auditBad: (d) => `¡Atención! La papeleta cifrada no corresponde a su elección (${d}). No vote desde este dispositivo y avise al comité.`,
    auditLead: 'Para cada candidatura: lo marcado, el número secreto (aleatoriedad) y el cifrado publicado junto al recalculado con ese número.',
    candidate: 'Candidatura',
    marked: 'marcada',
    notMarked: 'no marcada',
    randomness: 'Aleatoriedad r',
    published: 'Cifrado de la papeleta (α, β)',
    recomputed: 'Cifrado recalculado (α, β)',
    matches: 'coincide',
    differs: 'no coincide',
    downloadAudit: 'Descargar la auditoría',
    auditPrivate: 'El archivo de auditoría muestra su elección: no lo comparta.',
    reencrypt: 'Descartar y cifrar de nuevo',
  },
  en: {
    chooseTitle: (c) => `Choose: ${c}`,
    smallRollTitle: 'Notice: very few voters in this contest',
    smallRollFew: (n, min) => `Only ${n} ${n === 1 ? 'association votes' : 'associations vote'} in this contest; the election's rules ask for at least ${min} for the vote to be well protected.`,
    smallRollRisk: 'Results are published with the exact number of votes of each candidate, so that anyone can check the tally. With so few voters, those numbers may reveal how each association voted: for example, if all vote for the same candidate, everyone will know what each one voted.',
    smallRollDecision: (w) => `The electoral committee knows this risk: on ${w} it recorded a decision, approved by members of different sectors, that acknowledges it and opens voting all the same.`,
    smallRollReason: 'The committee\'s reason',
    chooseLegend: (c, n) => `${c}: mark up to ${n}`,
    chooseHint: (n) => `You may mark up to ${n} candidate${n === 1 ? '' : 's'}. If you mark none, your vote is blank.`,
    chosenCount: (k, n) => `You have marked ${k} of ${n}.`,
    limitReached: (n) => `You have marked ${n}, the maximum. Unmark one to change it.`,
    review: 'Review my vote',
    reviewTitle: 'Review your vote',
    reviewLead: (c) => `Your vote in "${c}":`,
    blank: 'Blank vote (no candidate marked)',
    blankNote: 'A blank vote counts as taking part, without supporting anyone.',
    change: 'Change my choice',
    encrypt: 'Encrypt my vote',
    encrypting: 'Encrypting your vote and preparing the proofs…',
    sealedTitle: 'Your vote is encrypted',
    sealedLead: 'This device encrypted your vote and computed the proofs that it is valid, without revealing its content.',
    fingerprint: 'Fingerprint of the encrypted ballot',
    castOrAudit: 'You can now cast it, or audit it first to check that it holds your choice.',
    auditExplain: 'Auditing reveals the secret numbers this ballot was encrypted with, so that you (or another device) can check that it holds your choice. An audited ballot is no longer secret: it is discarded and a new one encrypted. You may audit as often as you like.',
    cast: 'Cast my vote',
    casting: 'Casting your vote anonymously…',
    audit: 'Audit this ballot',
    auditsDone: (n) => `Ballots audited and discarded: ${n}.`,
    auditTitle: 'Ballot audit',
    auditOk: 'Checked: the encrypted ballot holds exactly your choice.',
    auditBad: (d) => `Warning! The encrypted ballot does not match your choice (${d}). Do not vote from this device and tell the committee.`,
    auditLead: 'For each candidate: what was marked, the secret number (randomness), and the published encryption next to the one recomputed with that number.',
    candidate: 'Candidate',
    marked: 'marked',
    notMarked: 'not marked',
    randomness: 'Randomness r',
    published: 'Ballot encryption (α, β)',
    recomputed: 'Recomputed encryption (α, β)',
    matches: 'matches',
    differs: 'differs',
    downloadAudit: 'Download the audit',
    auditPrivate: 'The audit file shows your choice: do not share it.',
    reencrypt: 'Discard and encrypt again',
  },
};
