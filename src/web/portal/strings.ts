/**
 * The associations' portal's texts, Spanish first: its users are the associations' own
 * coordinators.
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';

export interface PortalTexts {
  title: string;
  lead: string;
  signinTitle: string;
  email: string;
  password: string;
  signin: string;
  signingIn: string;
  activated: string;
  notAssociation: string;
  signedInAs: (name: string) => string;
  signOut: string;
  refresh: string;
  refreshed: string;
  loading: string;
  phaseNow: (phase: string) => string;
  linksTitle: string;
  booth: string;
  boothNote: string;
  // accreditation
  appsTitle: string;
  appsLead: string;
  contest: string;
  status: string;
  reason: string;
  appealText: string;
  appealOutcome: Record<string, string>;
  statuses: Record<string, string>;
  noApps: string;
  apply: string;
  applyTitle: string;
  applyClosed: string;
  notYours: string;
  applied: (contest: string) => string;
  documents: string;
  documentsLabel: string;
  documentsRequired: string;
  appealTitle: string;
  appealDeadline: (when: string) => string;
  appealUntilPhaseEnds: string;
  appealLabel: string;
  appealRequired: string;
  appealSend: string;
  appealed: string;
  appealClosed: string;
  // candidates
  candsTitle: string;
  candsLead: string;
  candsClosed: string;
  noCands: string;
  fullName: string;
  employer: string;
  globalFund: string;
  globalFundHelp: string;
  terms: string;
  region: string;
  regionHelp: string;
  statement: string;
  statementHelp: (max: number) => string;
  nominate: string;
  nominated: (name: string) => string;
  notAccredited: string;
  required: (field: string) => string;
  eligibility: Record<string, string>;
  yes: string;
  no: string;
  // complaints
  complaintsTitle: string;
  windowOpen: (window: string) => string;
  noWindow: string;
  category: string;
  complaintText: string;
  showIdentity: string;
  fileComplaint: string;
  complaintRequired: string;
  filed: (n: number) => string;
  publicLog: string;
}

export const PORTAL_TEXTS: Bilingual<PortalTexts> = {
  es: {
    title: 'Portal de asociaciones',
    lead: 'Solicite la acreditación de su asociación, siga sus decisiones, apele, proponga candidaturas y presente reclamos.',
    signinTitle: 'Iniciar sesión', email: 'Correo electrónico', password: 'Contraseña', signin: 'Iniciar sesión', signingIn: 'Iniciando sesión…',
    activated: 'Cuenta activada. Inicie sesión con su correo y la contraseña que eligió.',
    notAssociation: 'Esta cuenta no es de una asociación. Los miembros del comité usan la consola del comité.',
    signedInAs: (name) => `Sesión iniciada: ${name}`, signOut: 'Cerrar sesión', refresh: 'Actualizar', refreshed: 'Datos actualizados.',
    loading: 'Cargando…',
    phaseNow: (phase) => `Fase actual de la elección: ${phase}.`,
    linksTitle: 'Votación e información pública', booth: 'Ir a la cabina de votación',
    boothNote: 'Cuando la votación esté abierta, su asociación vota en la cabina con su clave de firma.',
    appsTitle: 'Acreditación',
    appsLead: 'Su asociación solicita la acreditación en cada contienda (circunscripción) que le corresponde. El comité decide y explica sus razones.',
    contest: 'Contienda', status: 'Estado', reason: 'Razones del comité', appealText: 'Su apelación',
    appealOutcome: { upheld: 'el comité mantuvo el rechazo', overturned: 'el comité revocó el rechazo' },
    statuses: { pending: 'pendiente de decisión', accredited: 'acreditada', rejected: 'rechazada', appealed: 'apelada: pendiente de decisión' },
    noApps: 'Su asociación aún no ha solicitado acreditación.',
    apply: 'Solicitar acreditación', applyTitle: 'Contiendas en las que puede solicitar acreditación',
    applyClosed: 'Las solicitudes de acreditación se reciben solo en la fase de acreditación.',
    notYours: 'Su asociación no pertenece a la circunscripción de ninguna otra contienda.',
    applied: (contest) => `Solicitud enviada para «${contest}». El comité la revisará.`,
    documents: 'Documentos presentados',
    documentsLabel: 'Documentos que presenta, descritos en texto (cuáles son, sus fechas y registros)',
    documentsRequired: 'Describa los documentos que presenta.',
    appealTitle: 'Apelar el rechazo',
    appealDeadline: (when) => `Puede apelar una sola vez, hasta el ${when} (fin de la fase de acreditación).`,
    appealUntilPhaseEnds: 'Puede apelar una sola vez, mientras dure la fase de acreditación.',
    appealLabel: 'Sus argumentos (y los documentos que los respaldan, descritos en texto)',
    appealRequired: 'Escriba sus argumentos para apelar.', appealSend: 'Enviar apelación',
    appealed: 'Apelación enviada. El comité la decidirá con la aprobación de varios sectores.',
    appealClosed: 'El plazo de apelación terminó con la fase de acreditación.',
    candsTitle: 'Candidaturas',
    candsLead: 'Una asociación acreditada propone candidaturas en su contienda. El comité verifica la elegibilidad y explica sus razones.',
    candsClosed: 'Las candidaturas se proponen solo en la fase de candidaturas.',
    noCands: 'Su asociación no ha propuesto candidaturas.',
    fullName: 'Nombre completo', employer: 'Empleador actual',
    globalFund: '¿La organización de la persona candidata implementa proyectos del Fondo Mundial?',
    globalFundHelp: 'Declaración de conflicto de intereses: el comité la considera al verificar la elegibilidad.',
    terms: 'Períodos consecutivos ya ejercidos en el cargo', nominate: 'Proponer candidatura',
    region: 'Región de procedencia',
    regionHelp: 'Donde vive o trabaja la persona candidata, como la escriben ustedes (por ejemplo: Loreto, Lima Norte).',
    statement: 'Propuesta de la persona candidata',
    statementHelp: (max) => `Quién es y qué propone, en sus palabras (hasta ${max.toLocaleString('es')} caracteres). Es información pública de la candidatura: la ven el comité y cualquiera que consulte la lista de candidaturas.`,
    nominated: (name) => `Candidatura de ${name} registrada. El comité verificará su elegibilidad.`,
    notAccredited: 'Su asociación no está acreditada en ninguna contienda: no puede proponer candidaturas.',
    required: (field) => `Complete: ${field}.`,
    eligibility: { nominated: 'elegibilidad en revisión', eligible: 'elegible', ineligible: 'no elegible' },
    yes: 'Sí', no: 'No',
    complaintsTitle: 'Reclamos',
    windowOpen: (w) => `Ventana de reclamos abierta: ${w}.`,
    noWindow: 'No hay una ventana de reclamos abierta ahora. Se abren al publicarse el padrón y tras el cierre de la votación.',
    category: 'Tipo de reclamo', complaintText: 'Describa el reclamo (y los documentos que lo respaldan, en texto)',
    showIdentity: 'Mostrar el nombre de mi asociación en el registro público', fileComplaint: 'Presentar reclamo',
    complaintRequired: 'Describa el reclamo.',
    filed: (n) => `Reclamo presentado (n.º ${n} del registro público). El comité lo responderá con razones.`,
    publicLog: 'Los reclamos y sus respuestas se publican en el tablero público y en la página de auditoría.',
  },
  en: {
    title: 'Associations\' portal',
    lead: 'Apply for your association\'s accreditation, follow the decisions, appeal, nominate candidates and file complaints.',
    signinTitle: 'Sign in', email: 'Email', password: 'Password', signin: 'Sign in', signingIn: 'Signing in…',
    activated: 'Account activated. Sign in with your email and the password you chose.',
    notAssociation: 'This account is not an association\'s. Committee members use the committee console.',
    signedInAs: (name) => `Signed in: ${name}`, signOut: 'Sign out', refresh: 'Refresh', refreshed: 'Data refreshed.',
    loading: 'Loading…',
    phaseNow: (phase) => `The election's current phase: ${phase}.`,
    linksTitle: 'Voting and public information', booth: 'Go to the voting booth',
    boothNote: 'While voting is open, your association votes in the booth with its signing key.',
    appsTitle: 'Accreditation',
    appsLead: 'Your association applies for accreditation in each contest (constituency) it belongs to. The committee decides and gives its reasons.',
    contest: 'Contest', status: 'Status', reason: 'The committee\'s reasons', appealText: 'Your appeal',
    appealOutcome: { upheld: 'the committee upheld the rejection', overturned: 'the committee overturned the rejection' },
    statuses: { pending: 'awaiting decision', accredited: 'accredited', rejected: 'rejected', appealed: 'appealed: awaiting decision' },
    noApps: 'Your association has not applied for accreditation yet.',
    apply: 'Apply for accreditation', applyTitle: 'Contests you can apply to',
    applyClosed: 'Applications for accreditation are received only in the accreditation phase.',
    notYours: 'Your association belongs to the constituency of no other contest.',
    applied: (contest) => `Application sent for “${contest}”. The committee will review it.`,
    documents: 'Documents submitted',
    documentsLabel: 'The documents you submit, described in text (which ones, their dates and registrations)',
    documentsRequired: 'Describe the documents you submit.',
    appealTitle: 'Appeal the rejection',
    appealDeadline: (when) => `You may appeal once, until ${when} (end of the accreditation phase).`,
    appealUntilPhaseEnds: 'You may appeal once, while the accreditation phase lasts.',
    appealLabel: 'Your arguments (and the documents supporting them, described in text)',
    appealRequired: 'Write your arguments to appeal.', appealSend: 'Send appeal',
    appealed: 'Appeal sent. The committee will decide it with the approval of several sectors.',
    appealClosed: 'The time to appeal ended with the accreditation phase.',
    candsTitle: 'Candidacies',
    candsLead: 'An accredited association nominates candidates in its contest. The committee checks their eligibility and gives its reasons.',
    candsClosed: 'Candidates are nominated only in the nominations phase.',
    noCands: 'Your association has nominated no candidates.',
    fullName: 'Full name', employer: 'Current employer',
    globalFund: 'Does the candidate\'s organisation implement Global Fund projects?',
    globalFundHelp: 'Conflict-of-interest declaration: the committee weighs it when checking eligibility.',
    terms: 'Consecutive terms already served in the post', nominate: 'Nominate candidate',
    region: 'Region the candidate comes from',
    regionHelp: 'Where the candidate lives or works, as you write it (for example: Loreto, North Lima).',
    statement: 'The candidate\'s statement',
    statementHelp: (max) => `Who they are and what they propose, in their own words (up to ${max.toLocaleString('en')} characters). It is public information about the candidacy: the committee and anyone who looks up the list of candidates see it.`,
    nominated: (name) => `${name}'s candidacy recorded. The committee will check the eligibility.`,
    notAccredited: 'Your association is accredited in no contest: it cannot nominate candidates.',
    required: (field) => `Fill in: ${field}.`,
    eligibility: { nominated: 'eligibility under review', eligible: 'eligible', ineligible: 'not eligible' },
    yes: 'Yes', no: 'No',
    complaintsTitle: 'Complaints',
    windowOpen: (w) => `Complaint window open: ${w}.`,
    noWindow: 'No complaint window is open now. They open when the roll is published and after voting closes.',
    category: 'Kind of complaint', complaintText: 'Describe the complaint (and the documents supporting it, in text)',
    showIdentity: 'Show my association\'s name in the public log', fileComplaint: 'File complaint',
    complaintRequired: 'Describe the complaint.',
    filed: (n) => `Complaint filed (no. ${n} of the public log). The committee will answer it with reasons.`,
    publicLog: 'Complaints and their answers are published on the public board and the audit page.',
  },
};
