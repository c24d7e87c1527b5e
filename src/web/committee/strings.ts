/**
 * The committee console's texts, Spanish first: its users are officials and activists.
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';

export interface CommitteeTexts {
  title: string;
  lead: string;
  signinTitle: string;
  email: string;
  password: string;
  signin: string;
  signingIn: string;
  notCommittee: string;
  passphrase: string;
  keyfile: string;
  keyMissing: string;
  keyRefused: string;
  notMember: string;
  signedInAs: (name: string, sector: string) => string;
  signOut: string;
  refresh: string;
  loading: string;
  phaseTitle: string;
  phaseNow: (phase: string) => string;
  phaseNext: (phase: string) => string;
  phaseLast: string;
  blockersTitle: string;
  noBlockers: string;
  propose: (phase: string) => string;
  consequential: string;
  phaseChanged: (phase: string) => string;
  proposalCreated: string;
  refused: string;
  proposalsTitle: string;
  noProposals: string;
  proposedBy: (name: string, when: string) => string;
  approvedBy: string;
  needs: (k: number) => string;
  approve: string;
  youApproved: string;
  approved: string;
  executed: string;
  against: string;
  withdraw: string;
  youAgainst: string;
  againstBy: string;
  againstPending: (k: number) => string;
  rejectedOutcome: string;
  withdrawnOutcome: string;
  closedTitle: (n: number) => string;
  closedStatus: Record<string, string>;
  kinds: {
    accreditAccredit: (who: string, contest: string) => string;
    accreditReject: (who: string, contest: string) => string;
    appealUphold: (who: string) => string;
    appealOverturn: (who: string) => string;
    eligible: (who: string) => string;
    ineligible: (who: string) => string;
    phase: (phase: string) => string;
    answer: (n: string, category: string, decision: string) => string;
    smallRoll: (contest: string, roll: number, min: number) => string;
    other: (kind: string) => string;
    reason: (r: string) => string;
  };
  complaintsTitle: string;
  windowOpen: (window: string) => string;
  noWindow: string;
  complaintsLead: (k: number) => string;
  noComplaints: string;
  complaintHeading: (n: number, category: string) => string;
  complaintWindow: string;
  complaintFiled: string;
  complainant: string;
  complaintText: string;
  attachments: string;
  answered: (decision: string, when: string) => string;
  reasoning: string;
  answerLegend: string;
  upheldLabel: (word: string) => string;
  dismissedLabel: (word: string) => string;
  reasoningLabel: string;
  proposeAnswer: string;
  decisionRequired: string;
  reasoningRequired: string;
  smallRollsTitle: (min: number) => string;
  smallRollsLead: string;
  smallRollCount: (roll: number, min: number) => string;
  smallRollAcknowledged: (when: string) => string;
  smallRollReason: string;
  acknowledge: string;
  applicationsTitle: string;
  noApplications: string;
  region: string;
  documents: string;
  contest: string;
  status: Record<string, string>;
  reasonLabel: string;
  reasonRequired: string;
  accredit: string;
  reject: string;
  appealText: string;
  uphold: string;
  overturn: string;
  decided: (n: number) => string;
  pendingProposal: string;
  pendingInProposals: string;
  candidatesTitle: string;
  noCandidates: string;
  employer: string;
  globalFund: string;
  yes: string;
  no: string;
  terms: string;
  statement: string;
  eligibleBtn: string;
  ineligibleBtn: string;
  vetted: (n: number) => string;
  ceremonyTitle: string;
  ceremonyParams: (n: number, t: number) => string;
  trustee: string;
  key: string;
  dealing: string;
  verification: string;
  complaints: string;
  disqualified: string;
  posted: string;
  missing: string;
  jointKeyReady: string;
  jointKeyMissing: string;
  sharesTitle: string;
  sharesProgress: (k: number, t: number) => string;
  sharePosted: string;
  shareMissing: string;
  sharesBefore: string;
}

export const COMMITTEE_TEXTS: Bilingual<CommitteeTexts> = {
  es: {
    title: 'Consola del comité electoral',
    lead: 'Cada decisión importante necesita la aprobación de miembros de distintos sectores: nadie decide solo.',
    signinTitle: 'Iniciar sesión como miembro del comité',
    email: 'Correo electrónico', password: 'Contraseña', signin: 'Iniciar sesión', signingIn: 'Iniciando sesión…',
    notCommittee: 'Esta cuenta no es de un miembro del comité electoral.',
    passphrase: 'Frase de paso de su clave de firma',
    keyfile: 'Archivo de clave (si este navegador no la guardó al activar la cuenta)',
    keyMissing: 'Este navegador no guarda su clave de firma: elija su archivo de clave. Cada propuesta y aprobación se firma con ella.',
    keyRefused: 'La clave de firma no se pudo abrir: revise la frase de paso y que el archivo sea de esta cuenta.',
    notMember: 'Su cuenta no pertenece al comité de esta elección.',
    signedInAs: (n, s) => `Sesión de ${n} (${s}).`,
    signOut: 'Cerrar sesión', refresh: 'Actualizar', loading: 'Cargando…',
    phaseTitle: 'Fase de la elección',
    phaseNow: (p) => `Fase actual: ${p}.`,
    phaseNext: (p) => `Siguiente fase: ${p}.`,
    phaseLast: 'Es la última fase.',
    blockersTitle: 'Qué impide pasar a la siguiente fase',
    noBlockers: 'Nada lo impide.',
    propose: (p) => `Pasar a «${p}»`,
    consequential: 'Cada cambio de fase necesita la aprobación firmada de un miembro de otro sector.',
    phaseChanged: (p) => `La elección pasó a la fase «${p}».`,
    proposalCreated: 'Propuesta registrada con su aprobación. Falta la aprobación de un miembro de otro sector.',
    refused: 'No se pudo realizar',
    proposalsTitle: 'Propuestas pendientes de aprobación',
    noProposals: 'No hay propuestas pendientes.',
    proposedBy: (n, w) => `Propuesta por ${n} (${w}).`,
    approvedBy: 'Aprobada por:',
    needs: (k) => `Necesita aprobaciones de ${k} sectores distintos.`,
    approve: 'Aprobar', youApproved: 'Usted ya la aprobó.',
    approved: 'Aprobación registrada. Falta la de otro sector.',
    executed: 'Aprobación registrada: la decisión se ejecutó.',
    against: 'Votar en contra', withdraw: 'Retirar mi propuesta', youAgainst: 'Usted votó en contra.', againstBy: 'En contra:',
    againstPending: (k) => `Voto en contra registrado. La propuesta sigue pendiente: se rechaza con votos en contra de ${k} sectores distintos.`,
    rejectedOutcome: 'Voto en contra registrado: la propuesta quedó rechazada.',
    withdrawnOutcome: 'Propuesta retirada: ya no puede aprobarse.',
    closedTitle: (n) => `Propuestas retiradas o rechazadas (${n})`,
    closedStatus: { withdrawn: 'retirada', rejected: 'rechazada' },
    kinds: {
      accreditAccredit: (w, c) => `Acreditar a ${w} en «${c}»`,
      accreditReject: (w, c) => `Rechazar la acreditación de ${w} en «${c}»`,
      appealUphold: (w) => `Mantener el rechazo de ${w} tras su apelación`,
      appealOverturn: (w) => `Acreditar a ${w} al aceptar su apelación`,
      eligible: (w) => `Declarar apta la candidatura de ${w}`,
      ineligible: (w) => `Declarar no apta la candidatura de ${w}`,
      phase: (p) => `Pasar a la fase «${p}»`,
      answer: (n, c, d) => `Responder el reclamo ${n} (${c}): declararlo ${d}`,
      smallRoll: (c, r, m) => `Reconocer el riesgo para el secreto del voto en «${c}», con un padrón de ${r} (mínimo ${m})`,
      other: (k) => `Decisión: ${k}`,
      reason: (r) => `Motivo: ${r}`,
    },
    complaintsTitle: 'Reclamos',
    windowOpen: (w) => `Plazo de reclamos abierto: ${w}.`,
    noWindow: 'En esta fase no se pueden presentar reclamos.',
    complaintsLead: (k) => `Cada reclamo recibe una respuesta razonada del comité, aprobada por miembros de ${k} sectores distintos; reclamo y respuesta se publican en el tablero. Mientras un reclamo presentado tras el cierre no tenga respuesta, no se pueden publicar los resultados.`,
    noComplaints: 'No se han presentado reclamos.',
    complaintHeading: (n, c) => `Reclamo ${n}: ${c}`,
    complaintWindow: 'Plazo', complaintFiled: 'Presentado', complainant: 'Presentado por', complaintText: 'Reclamo',
    attachments: 'Adjuntos (solo su huella)',
    answered: (d, w) => `Respuesta del comité: reclamo ${d} (${w}).`,
    reasoning: 'Razonamiento',
    answerLegend: 'Proponer la respuesta del comité',
    upheldLabel: (w) => `${w[0]!.toUpperCase()}${w.slice(1)}: se da la razón a quien reclama`,
    dismissedLabel: (w) => `${w[0]!.toUpperCase()}${w.slice(1)}: no se da la razón a quien reclama`,
    reasoningLabel: 'Razonamiento (obligatorio; se publica en el tablero)',
    proposeAnswer: 'Proponer esta respuesta',
    decisionRequired: 'Elija si el reclamo es fundado o infundado.',
    reasoningRequired: 'Escriba el razonamiento de la respuesta.',
    smallRollsTitle: (m) => `Contiendas con menos de ${m} asociaciones en el padrón`,
    smallRollsLead: 'Los resultados se publican con cifras exactas: con tan pocos votantes pueden revelar cómo votó cada asociación. La votación solo se abre si el comité reconoce ese riesgo con una decisión motivada; el motivo se publica en el manifiesto y la cabina lo muestra a esos votantes.',
    smallRollCount: (r, m) => `${r} ${r === 1 ? 'asociación acreditada' : 'asociaciones acreditadas'} (mínimo ${m})`,
    smallRollAcknowledged: (w) => `Riesgo reconocido por el comité (${w}).`,
    smallRollReason: 'Motivo para abrir igualmente la votación (obligatorio; lo verán los votantes)',
    acknowledge: 'Proponer reconocer el riesgo',
    applicationsTitle: 'Solicitudes de acreditación',
    noApplications: 'No hay solicitudes por decidir.',
    region: 'Región', documents: 'Documentos presentados', contest: 'Contienda',
    status: { pending: 'pendiente', accredited: 'acreditada', rejected: 'rechazada', appealed: 'apelada' },
    reasonLabel: 'Motivo (obligatorio para rechazar)',
    reasonRequired: 'Escriba el motivo.',
    accredit: 'Acreditar', reject: 'Rechazar',
    appealText: 'Apelación',
    uphold: 'Mantener el rechazo', overturn: 'Aceptar la apelación',
    decided: (n) => `Solicitudes decididas (${n})`,
    pendingProposal: 'Ya hay una propuesta pendiente sobre esto (vea arriba).',
    pendingInProposals: 'Ya hay una propuesta pendiente sobre esto: vea «Propuestas pendientes de aprobación».',
    candidatesTitle: 'Candidaturas por evaluar',
    noCandidates: 'No hay candidaturas por evaluar.',
    employer: 'Empleador', globalFund: '¿Su organización implementa proyectos del Fondo Mundial?', yes: 'sí', no: 'no',
    terms: 'Períodos consecutivos', statement: 'Propuesta de la persona candidata',
    eligibleBtn: 'Apta', ineligibleBtn: 'No apta',
    vetted: (n) => `Candidaturas evaluadas (${n})`,
    ceremonyTitle: 'Ceremonia de claves',
    ceremonyParams: (n, t) => `${n} custodios; ${t} de ellos bastan para descifrar el resultado, menos no pueden.`,
    trustee: 'Custodio', key: 'Clave pública', dealing: 'Reparto de fragmentos', verification: 'Verificación de fragmentos',
    complaints: 'Reclamos de la ceremonia', disqualified: 'descalificado', posted: 'publicado', missing: 'pendiente',
    jointKeyReady: 'La clave conjunta de la elección está lista.',
    jointKeyMissing: 'La clave conjunta todavía no existe.',
    sharesTitle: 'Descifrado del resultado',
    sharesProgress: (k, t) => `${k} de los ${t} descifrados parciales necesarios publicados.`,
    sharePosted: 'publicó su descifrado parcial', shareMissing: 'no ha publicado',
    sharesBefore: 'Los custodios descifran después de cerrar la votación.',
  },
  en: {
    title: 'Electoral committee console',
    lead: 'Every consequential decision needs approvals from members of different sectors: nobody decides alone.',
    signinTitle: 'Sign in as a committee member',
    email: 'Email', password: 'Password', signin: 'Sign in', signingIn: 'Signing in…',
    notCommittee: 'This account is not an electoral committee member\'s.',
    passphrase: 'Your signing key\'s passphrase',
    keyfile: 'Key file (if this browser did not keep it when the account was activated)',
    keyMissing: 'This browser does not keep your signing key: choose your key file. Every proposal and approval is signed with it.',
    keyRefused: 'The signing key could not be opened: check the passphrase and that the file is this account\'s.',
    notMember: 'Your account is not on this election\'s committee.',
    signedInAs: (n, s) => `Signed in as ${n} (${s}).`,
    signOut: 'Sign out', refresh: 'Refresh', loading: 'Loading…',
    phaseTitle: 'Election phase',
    phaseNow: (p) => `Current phase: ${p}.`,
    phaseNext: (p) => `Next phase: ${p}.`,
    phaseLast: 'This is the last phase.',
    blockersTitle: 'What blocks the next phase',
    noBlockers: 'Nothing blocks it.',
    propose: (p) => `Move to "${p}"`,
    consequential: 'Every phase change needs the signed approval of a member of another sector.',
    phaseChanged: (p) => `The election moved to phase "${p}".`,
    proposalCreated: 'Proposal recorded with your approval. It needs the approval of a member of another sector.',
    refused: 'Could not be done',
    proposalsTitle: 'Proposals awaiting approval',
    noProposals: 'There are no pending proposals.',
    proposedBy: (n, w) => `Proposed by ${n} (${w}).`,
    approvedBy: 'Approved by:',
    needs: (k) => `Needs approvals from ${k} distinct sectors.`,
    approve: 'Approve', youApproved: 'You have approved it.',
    approved: 'Approval recorded. Another sector\'s is still needed.',
    executed: 'Approval recorded: the decision took effect.',
    against: 'Vote against', withdraw: 'Withdraw my proposal', youAgainst: 'You voted against it.', againstBy: 'Against:',
    againstPending: (k) => `Vote against recorded. The proposal is still pending: it is rejected by votes against from ${k} distinct sectors.`,
    rejectedOutcome: 'Vote against recorded: the proposal is rejected.',
    withdrawnOutcome: 'Proposal withdrawn: it can no longer be approved.',
    closedTitle: (n) => `Withdrawn or rejected proposals (${n})`,
    closedStatus: { withdrawn: 'withdrawn', rejected: 'rejected' },
    kinds: {
      accreditAccredit: (w, c) => `Accredit ${w} in "${c}"`,
      accreditReject: (w, c) => `Reject the accreditation of ${w} in "${c}"`,
      appealUphold: (w) => `Uphold the rejection of ${w} after its appeal`,
      appealOverturn: (w) => `Accredit ${w} by accepting its appeal`,
      eligible: (w) => `Declare the candidacy of ${w} eligible`,
      ineligible: (w) => `Declare the candidacy of ${w} ineligible`,
      phase: (p) => `Move to phase "${p}"`,
      answer: (n, c, d) => `Answer complaint ${n} (${c}): ${d}`,
      smallRoll: (c, r, m) => `Acknowledge the risk to ballot secrecy in "${c}", with a roll of ${r} (minimum ${m})`,
      other: (k) => `Decision: ${k}`,
      reason: (r) => `Reason: ${r}`,
    },
    complaintsTitle: 'Complaints',
    windowOpen: (w) => `Complaint window open: ${w}.`,
    noWindow: 'Complaints cannot be filed in this phase.',
    complaintsLead: (k) => `Each complaint gets a reasoned answer from the committee, approved by members of ${k} distinct sectors; complaint and answer are published on the board. While a complaint filed after the close is unanswered, results cannot be published.`,
    noComplaints: 'No complaints have been filed.',
    complaintHeading: (n, c) => `Complaint ${n}: ${c}`,
    complaintWindow: 'Window', complaintFiled: 'Filed', complainant: 'Filed by', complaintText: 'Complaint',
    attachments: 'Attachments (fingerprint only)',
    answered: (d, w) => `Committee's answer: complaint ${d} (${w}).`,
    reasoning: 'Reasoning',
    answerLegend: 'Propose the committee\'s answer',
    upheldLabel: (w) => `${w[0]!.toUpperCase()}${w.slice(1)}: the complainant is right`,
    dismissedLabel: (w) => `${w[0]!.toUpperCase()}${w.slice(1)}: the complainant is not right`,
    reasoningLabel: 'Reasoning (required; published on the board)',
    proposeAnswer: 'Propose this answer',
    decisionRequired: 'Choose whether the complaint is upheld or dismissed.',
    reasoningRequired: 'Write the reasoning of the answer.',
    smallRollsTitle: (m) => `Contests with fewer than ${m} associations on the roll`,
    smallRollsLead: 'Results are published as exact counts: with so few voters they may reveal how each association voted. Voting opens only if the committee acknowledges that risk by a reasoned decision; the reason is published in the manifest and the booth shows it to those voters.',
    smallRollCount: (r, m) => `${r} accredited ${r === 1 ? 'association' : 'associations'} (minimum ${m})`,
    smallRollAcknowledged: (w) => `Risk acknowledged by the committee (${w}).`,
    smallRollReason: 'Reason to open voting all the same (required; voters will see it)',
    acknowledge: 'Propose acknowledging the risk',
    applicationsTitle: 'Accreditation applications',
    noApplications: 'There are no applications to decide.',
    region: 'Region', documents: 'Documents submitted', contest: 'Contest',
    status: { pending: 'pending', accredited: 'accredited', rejected: 'rejected', appealed: 'appealed' },
    reasonLabel: 'Reason (required to reject)',
    reasonRequired: 'Write the reason.',
    accredit: 'Accredit', reject: 'Reject',
    appealText: 'Appeal',
    uphold: 'Uphold the rejection', overturn: 'Accept the appeal',
    decided: (n) => `Decided applications (${n})`,
    pendingProposal: 'There is already a pending proposal about this (see above).',
    pendingInProposals: 'There is already a pending proposal about this: see "Proposals awaiting approval".',
    candidatesTitle: 'Candidacies to vet',
    noCandidates: 'There are no candidacies to vet.',
    employer: 'Employer', globalFund: 'Does their organisation implement Global Fund projects?', yes: 'yes', no: 'no',
    terms: 'Consecutive terms', statement: 'The candidate\'s statement',
    eligibleBtn: 'Eligible', ineligibleBtn: 'Ineligible',
    vetted: (n) => `Vetted candidacies (${n})`,
    ceremonyTitle: 'Key ceremony',
    ceremonyParams: (n, t) => `${n} trustees; any ${t} of them can decrypt the result, fewer cannot.`,
    trustee: 'Trustee', key: 'Public key', dealing: 'Shares dealt', verification: 'Shares verified',
    complaints: 'Ceremony complaints', disqualified: 'disqualified', posted: 'posted', missing: 'pending',
    jointKeyReady: 'The election\'s joint key is ready.',
    jointKeyMissing: 'The joint key does not exist yet.',
    sharesTitle: 'Decrypting the result',
    sharesProgress: (k, t) => `${k} of the ${t} partial decryptions needed posted.`,
    sharePosted: 'posted its partial decryption', shareMissing: 'has not posted',
    sharesBefore: 'Trustees decrypt after voting closes.',
  },
};
