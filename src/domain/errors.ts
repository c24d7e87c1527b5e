/**
 * The one domain error class, with a code union, and its bilingual messages. The HTTP
 * layer maps `kind` to a status and renders RFC 9457 problem details from these texts.
 * @module
 */
import { PHASE_LABELS } from '../record/labels.js';

export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'rate_limited';

interface Message {
  kind: ErrorKind;
  es: { title: string; detail: (p: Params) => string };
  en: { title: string; detail: (p: Params) => string };
}
type Params = Record<string, unknown>;

const list = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));

/** The problems of a refused import, one per row and field ("fila 3, region: …"). */
const rowList = (v: unknown, lang: 'es' | 'en'): string => (Array.isArray(v) ? v : [])
  .map((p: { row: number; field: string; es: string; en: string }) => `${lang === 'es' ? 'fila' : 'row'} ${p.row}, ${p.field}: ${p[lang]}`).join('; ');

/** Phase names as people read them; the API's id follows in parentheses for integrators. */
const phaseEs = (v: unknown): string => (Array.isArray(v) ? v.map(phaseEs).join(', ') : `${PHASE_LABELS.es[String(v)] ?? String(v)} (${String(v)})`);
const phaseEn = (v: unknown): string => (Array.isArray(v) ? v.map(phaseEn).join(', ') : `${PHASE_LABELS.en[String(v)] ?? String(v)} (${String(v)})`);

/** Every domain error code with its kind and its Spanish and English texts. */
export const MESSAGES = {
  validation_failed: {
    kind: 'invalid',
    es: { title: 'Solicitud inválida', detail: (p) => `La solicitud no es válida: ${list(p.issues)}` },
    en: { title: 'Invalid request', detail: (p) => `The request is not valid: ${list(p.issues)}` },
  },
  body_too_large: {
    kind: 'too_large',
    es: { title: 'Solicitud demasiado grande', detail: () => 'El cuerpo de la solicitud supera el tamaño permitido.' },
    en: { title: 'Request too large', detail: () => 'The request body exceeds the allowed size.' },
  },
  unauthenticated: {
    kind: 'unauthenticated',
    es: { title: 'Autenticación requerida', detail: () => 'Inicie sesión para realizar esta acción.' },
    en: { title: 'Authentication required', detail: () => 'Sign in to perform this action.' },
  },
  invalid_credentials: {
    kind: 'unauthenticated',
    es: { title: 'Credenciales incorrectas', detail: () => 'El correo o la contraseña no son correctos.' },
    en: { title: 'Wrong credentials', detail: () => 'The email or the password is not correct.' },
  },
  forbidden: {
    kind: 'forbidden',
    es: { title: 'Acceso denegado', detail: (p) => `Su cuenta no puede realizar esta acción${p.reason ? `: ${String(p.reason)}` : '.'}` },
    en: { title: 'Access denied', detail: (p) => `Your account may not perform this action${p.reason ? `: ${String(p.reason)}` : '.'}` },
  },
  not_found: {
    kind: 'not_found',
    es: { title: 'No encontrado', detail: (p) => `No existe ${String(p.what ?? 'el recurso')} solicitado.` },
    en: { title: 'Not found', detail: (p) => `The requested ${String(p.what ?? 'resource')} does not exist.` },
  },
  rate_limited: {
    kind: 'rate_limited',
    es: { title: 'Demasiados intentos', detail: () => 'Espere un momento antes de volver a intentarlo.' },
    en: { title: 'Too many attempts', detail: () => 'Wait a moment before trying again.' },
  },
  duplicate_registration_number: {
    kind: 'conflict',
    es: { title: 'Número de registro duplicado', detail: (p) => `Ya existe una asociación con el número de registro ${String(p.registrationNumber)}.` },
    en: { title: 'Duplicate registration number', detail: (p) => `An association with registration number ${String(p.registrationNumber)} already exists.` },
  },
  duplicate_email: {
    kind: 'conflict',
    es: { title: 'Correo ya registrado', detail: (p) => `Ya existe una cuenta con el correo ${String(p.email)}.` },
    en: { title: 'Email already registered', detail: (p) => `An account with email ${String(p.email)} already exists.` },
  },
  import_rejected: {
    kind: 'invalid',
    es: { title: 'Importación rechazada', detail: (p) => `No se importó ninguna fila: ${rowList(p.rows, 'es')}.` },
    en: { title: 'Import rejected', detail: (p) => `No row was imported: ${rowList(p.rows, 'en')}.` },
  },
  phase_order: {
    kind: 'conflict',
    es: { title: 'Cambio de fase fuera de orden', detail: (p) => `La elección está en la fase «${phaseEs(p.from)}»; la siguiente es «${phaseEs(p.next)}», no «${phaseEs(p.to)}».` },
    en: { title: 'Phase change out of order', detail: (p) => `The election is in phase "${phaseEn(p.from)}"; the next one is "${phaseEn(p.next)}", not "${phaseEn(p.to)}".` },
  },
  precondition_failed: {
    kind: 'conflict',
    es: { title: 'Condiciones no cumplidas', detail: (p) => `No se puede pasar a «${phaseEs(p.to)}»: ${list(p.failedEs)}.` },
    en: { title: 'Preconditions not met', detail: (p) => `Cannot move to "${phaseEn(p.to)}": ${list(p.failedEn)}.` },
  },
  wrong_phase: {
    kind: 'conflict',
    es: { title: 'Acción no permitida en esta fase', detail: (p) => `Esta acción requiere la fase «${phaseEs(p.expected)}»; la elección está en «${phaseEs(p.phase)}».` },
    en: { title: 'Action not allowed in this phase', detail: (p) => `This action needs phase "${phaseEn(p.expected)}"; the election is in "${phaseEn(p.phase)}".` },
  },
  not_in_constituency: {
    kind: 'conflict',
    es: { title: 'Circunscripción ajena', detail: (p) => `La asociación no pertenece a la circunscripción «${String(p.constituency)}».` },
    en: { title: 'Outside the constituency', detail: (p) => `The association does not belong to constituency "${String(p.constituency)}".` },
  },
  already_applied: {
    kind: 'conflict',
    es: { title: 'Solicitud ya presentada', detail: () => 'La asociación ya solicitó la acreditación para esta contienda.' },
    en: { title: 'Already applied', detail: () => 'The association has already applied for accreditation in this contest.' },
  },
  not_accredited: {
    kind: 'conflict',
    es: { title: 'Asociación no acreditada', detail: (p) => `La asociación no está acreditada en la circunscripción «${String(p.constituency)}».` },
    en: { title: 'Association not accredited', detail: (p) => `The association is not accredited in constituency "${String(p.constituency)}".` },
  },
  appeal_not_allowed: {
    kind: 'conflict',
    es: { title: 'Apelación no admitida', detail: (p) => `No se puede apelar: ${String(p.reasonEs)}.` },
    en: { title: 'Appeal not allowed', detail: (p) => `Cannot appeal: ${String(p.reasonEn)}.` },
  },
  decision_not_allowed: {
    kind: 'conflict',
    es: { title: 'Decisión no admitida', detail: (p) => `La decisión no procede: ${String(p.reasonEs)}.` },
    en: { title: 'Decision not allowed', detail: (p) => `The decision cannot be taken: ${String(p.reasonEn)}.` },
  },
  decision_conflicts_rules: {
    kind: 'conflict',
    es: { title: 'Decisión contraria a las reglas', detail: (p) => `La candidatura incumple las reglas: ${list(p.violationsEs)}.` },
    en: { title: 'Decision contrary to the rules', detail: (p) => `The candidacy breaks the rules: ${list(p.violationsEn)}.` },
  },
  proposal_pending: {
    kind: 'conflict',
    es: { title: 'Ya hay una propuesta pendiente', detail: () => 'Ya existe una propuesta pendiente sobre este asunto; apruébela en lugar de crear otra.' },
    en: { title: 'A proposal is already pending', detail: () => 'A proposal on this matter is already pending; approve it instead of creating another.' },
  },
  proposal_closed: {
    kind: 'conflict',
    es: { title: 'Propuesta cerrada', detail: (p) => `La propuesta ya no está pendiente (estado: ${String(p.status)}).` },
    en: { title: 'Proposal closed', detail: (p) => `The proposal is no longer pending (status: ${String(p.status)}).` },
  },
  signature_invalid: {
    kind: 'invalid',
    es: { title: 'Firma no válida', detail: (p) => (p.reason === 'no_key'
      ? 'Su cuenta no tiene una clave de firma registrada: active su invitación (o la nueva, tras un restablecimiento) antes de firmar.'
      : p.reason === 'malformed' ? 'La firma no es de 64 bytes en hexadecimal en minúsculas.'
        : `La firma no es válida con la clave registrada de su cuenta sobre ${String(p.what ?? 'el enunciado')} de esta elección; no se cambió nada.`) },
    en: { title: 'Invalid signature', detail: (p) => (p.reason === 'no_key'
      ? 'Your account has no registered signing key: activate your invitation (or the new one, after a reset) before signing.'
      : p.reason === 'malformed' ? 'The signature is not 64 bytes of lower-case hex.'
        : `The signature does not verify under your account's registered key over ${String(p.what ?? 'the statement')} of this election; nothing was changed.`) },
  },
  recused: {
    kind: 'forbidden',
    es: { title: 'Debe abstenerse', detail: (p) => `La decisión trata de su propia organización (${String(p.organisation)}) o de usted: no puede proponerla, aprobarla ni votarla.` },
    en: { title: 'You must recuse', detail: (p) => `The decision is about your own organisation (${String(p.organisation)}) or about you: you may not propose, approve or vote on it.` },
  },
  statement_changed: {
    kind: 'conflict',
    es: { title: 'Los hechos cambiaron', detail: () => 'Lo que la propuesta firmada dice ya no corresponde al estado actual (por ejemplo, una clave fue restablecida); presente una propuesta nueva.' },
    en: { title: 'The facts changed', detail: () => 'What the signed proposal states no longer matches the current state (for example, a key was reset); make a new proposal.' },
  },
  already_approved: {
    kind: 'conflict',
    es: { title: 'Ya aprobada', detail: () => 'Este miembro ya aprobó la propuesta.' },
    en: { title: 'Already approved', detail: () => 'This member has already approved the proposal.' },
  },
  committee_role_taken: {
    kind: 'conflict',
    es: { title: 'Cargo ocupado', detail: (p) => `El comité ya tiene ${p.role === 'chair' ? 'presidente' : 'vicepresidente'}.` },
    en: { title: 'Role taken', detail: (p) => `The committee already has a ${p.role === 'chair' ? 'chair' : 'vice-chair'}.` },
  },
  invalid_constituencies: {
    kind: 'invalid',
    es: { title: 'Circunscripciones inválidas', detail: (p) => `Circunscripciones inválidas: ${String(p.reasonEs)}.` },
    en: { title: 'Invalid constituencies', detail: (p) => `Invalid constituencies: ${String(p.reasonEn)}.` },
  },
  invalid_contest: {
    kind: 'invalid',
    es: { title: 'Contienda inválida', detail: (p) => `Contienda inválida: ${String(p.reasonEs)}.` },
    en: { title: 'Invalid contest', detail: (p) => `Invalid contest: ${String(p.reasonEn)}.` },
  },
  bad_encoding: {
    kind: 'invalid',
    es: { title: 'Codificación inválida', detail: (p) => `Un valor criptográfico no tiene una codificación canónica válida: ${String(p.what)}.` },
    en: { title: 'Invalid encoding', detail: (p) => `A cryptographic value is not a valid canonical encoding: ${String(p.what)}.` },
  },
  not_trustee: {
    kind: 'forbidden',
    es: { title: 'No es custodio', detail: () => 'Solo un miembro del comité de esta elección actúa como custodio.' },
    en: { title: 'Not a trustee', detail: () => 'Only a member of this election committee acts as a trustee.' },
  },
  ceremony_step: {
    kind: 'conflict',
    es: { title: 'Paso de la ceremonia no admitido', detail: (p) => `La ceremonia de claves no admite este paso: ${String(p.reasonEs)}.` },
    en: { title: 'Ceremony step not allowed', detail: (p) => `The key ceremony does not allow this step: ${String(p.reasonEn)}.` },
  },
  proof_rejected: {
    kind: 'invalid',
    es: { title: 'Prueba rechazada', detail: (p) => `La prueba no es válida: ${String(p.what)}.` },
    en: { title: 'Proof rejected', detail: (p) => `The proof does not verify: ${String(p.what)}.` },
  },
  not_on_roll: {
    kind: 'forbidden',
    es: { title: 'Fuera del padrón', detail: () => 'La asociación no figura en el padrón de esta contienda.' },
    en: { title: 'Not on the roll', detail: () => 'The association is not on this contest\'s roll.' },
  },
  token_window_closed: {
    kind: 'conflict',
    es: { title: 'La entrega de fichas terminó', detail: () => 'Las fichas de votación se obtienen solo en la ventana de fichas, antes de que abra la votación; esa ventana ya cerró. Así la hora y el orden en que se entregaron las fichas no dicen nada de la hora ni del orden de los votos.' },
    en: { title: 'The token window has closed', detail: () => 'Voting tokens are obtained only in the token window, before voting opens; that window has closed. This way the time and order in which tokens were issued say nothing about the time or order of the ballots.' },
  },
  casting_not_open: {
    kind: 'conflict',
    es: { title: 'La votación aún no abre', detail: () => 'Ahora es la ventana de fichas: obtenga su ficha y guárdela; podrá votar con ella cuando el comité abra la votación.' },
    en: { title: 'Voting has not opened yet', detail: () => 'This is the token window: obtain your token and keep it; you can vote with it once the committee opens voting.' },
  },
  token_already_issued: {
    kind: 'conflict',
    es: { title: 'Ficha ya emitida', detail: () => 'La asociación ya recibió su ficha de votación para esta contienda; no se emite otra.' },
    en: { title: 'Token already issued', detail: () => 'The association already received its voting token for this contest; no other is issued.' },
  },
  issuer_key_registered: {
    kind: 'conflict',
    es: { title: 'Clave de emisión ya registrada', detail: () => 'Este miembro ya registró su clave de emisión para esta contienda.' },
    en: { title: 'Issuing key already registered', detail: () => 'This member has already registered its issuing key for this contest.' },
  },
  issuer_key_reused: {
    kind: 'conflict',
    es: {
      title: 'Clave de emisión de otra contienda',
      detail: () => 'Esta clave de emisión ya está registrada para otra contienda de la elección. Cada contienda necesita una clave propia: quien firma a ciegas no ve la contienda, así que una clave compartida daría fichas de una contienda para otra. Genere una clave nueva para esta contienda.',
    },
    en: {
      title: 'Issuing key of another contest',
      detail: () => 'This issuing key is already registered for another contest of the election. Each contest needs its own key: a blind signer cannot see the contest, so a shared key would give tokens of one contest for another. Generate a new key for this contest.',
    },
  },
  token_request_conflict: {
    kind: 'conflict',
    es: { title: 'Otra solicitud de ficha', detail: () => 'La asociación ya pidió su ficha para esta contienda con otros mensajes cegados; repita la misma solicitud guardada en su dispositivo.' },
    en: { title: 'Another token request', detail: () => 'The association already asked for its token in this contest with other blinded messages; repeat the same request kept on its device.' },
  },
  blind_signature_invalid: {
    kind: 'invalid',
    es: { title: 'Firma ciega no válida', detail: (p) => `La firma ciega no verifica con la clave de emisión registrada (${String(p.what ?? '')}); no se guardó.` },
    en: { title: 'Invalid blind signature', detail: (p) => `The blind signature does not verify under the registered issuing key (${String(p.what ?? '')}); it was not stored.` },
  },
  token_used: {
    kind: 'conflict',
    es: { title: 'Ficha ya usada', detail: () => 'Ya se contó una cédula con esta ficha de votación.' },
    en: { title: 'Token already used', detail: () => 'A ballot with this voting token has already been counted.' },
  },
  ballot_rejected: {
    kind: 'invalid',
    es: { title: 'Cédula rechazada', detail: (p) => `La cédula no es válida (${String(p.reason)}): ${String(p.detail ?? '')}.` },
    en: { title: 'Ballot rejected', detail: (p) => `The ballot is not valid (${String(p.reason)}): ${String(p.detail ?? '')}.` },
  },
  already_posted: {
    kind: 'conflict',
    es: { title: 'Ya publicado', detail: (p) => `Este custodio ya publicó ${String(p.what)}.` },
    en: { title: 'Already posted', detail: (p) => `This trustee has already posted ${String(p.what)}.` },
  },
  head_not_on_board: {
    kind: 'conflict',
    es: { title: 'Cabeza desconocida', detail: (p) => `El tablero no tiene en la posición ${String(p.seq)} el evento de hash ${String(p.hash)}: lo que usted vio no es un prefijo de este tablero (una bifurcación, o un tablero reescrito). Guarde lo que vio y presente un reclamo.` },
    en: { title: 'Unknown head', detail: (p) => `The board does not hold the event of hash ${String(p.hash)} at position ${String(p.seq)}: what you saw is not a prefix of this board (a fork, or a rewritten board). Keep what you saw and file a complaint.` },
  },
  complaint_window_closed: {
    kind: 'conflict',
    es: { title: 'Fuera del plazo de reclamos', detail: (p) => `No se pueden presentar reclamos en la fase «${phaseEs(p.phase)}». Los plazos de reclamos son: «roll», tras publicarse el padrón (fases ${phaseEs(['nominations', 'key_ceremony'])}), y «post_close», tras el cierre de la votación y antes de publicar los resultados (fases ${phaseEs(['closed', 'tallied'])}).` },
    en: { title: 'Outside the complaints window', detail: (p) => `Complaints cannot be filed in phase "${String(p.phase)}". The complaint windows are: "roll", after the roll is published (phases nominations and key_ceremony), and "post_close", after voting closes and before results are published (phases closed and tallied).` },
  },
  complaint_not_allowed: {
    kind: 'forbidden',
    es: { title: 'No puede presentar reclamos', detail: () => 'Solo presentan reclamos las asociaciones acreditadas en esta elección, los miembros de su comité electoral y los auditores.' },
    en: { title: 'Not entitled to complain', detail: () => 'Only associations accredited in this election, members of its electoral committee and auditors file complaints.' },
  },
  complaint_names_ballot: {
    kind: 'invalid',
    es: { title: 'El reclamo identifica una cédula', detail: () => 'El reclamo menciona el código de seguimiento, la clave o el evento del tablero de una cédula contada; publicarlo uniría a quien reclama con su voto. Si su código figura en el tablero, su cédula fue contada. Quite ese valor del reclamo.' },
    en: { title: 'The complaint identifies a ballot', detail: () => 'The complaint names the tracking code, key or board event of a counted ballot; publishing it would join the complainant to their vote. If your code is on the board, your ballot was counted. Remove that value from the complaint.' },
  },
  invitation_invalid: {
    kind: 'invalid',
    es: { title: 'Invitación no válida', detail: (p) => `La invitación no sirve: ${p.reason === 'expired' ? 'ha vencido; pida una nueva' : p.reason === 'used' ? 'ya se usó; cada invitación sirve una sola vez' : p.reason === 'voided' ? 'fue reemplazada por otra más reciente' : 'el código no corresponde a ninguna invitación'}.` },
    en: { title: 'Invitation not valid', detail: (p) => `The invitation cannot be used: ${p.reason === 'expired' ? 'it has expired; ask for a new one' : p.reason === 'used' ? 'it was already used; each invitation works once' : p.reason === 'voided' ? 'a newer invitation replaced it' : 'the code matches no invitation'}.` },
  },
  signing_key_rejected: {
    kind: 'invalid',
    es: { title: 'Clave de firma rechazada', detail: (p) => (p.reason === 'malformed_key'
      ? 'La clave pública no es una clave Ed25519 válida (32 bytes en hexadecimal en minúsculas, canónica, sin orden pequeño).'
      : p.reason === 'duplicate_key' ? 'Esa clave pública ya está registrada para otra cuenta; genere una nueva.'
        : 'La prueba de posesión no es una firma válida de la clave sobre el enunciado de esta cuenta.') },
    en: { title: 'Signing key rejected', detail: (p) => (p.reason === 'malformed_key'
      ? 'The public key is not a valid Ed25519 key (32 bytes of lower-case hex, canonical, not of small order).'
      : p.reason === 'duplicate_key' ? 'That public key is already registered for another account; generate a new one.'
        : 'The proof of possession is not a valid signature by the key over this account\'s statement.') },
  },
  wrong_password: {
    kind: 'forbidden',
    es: { title: 'Contraseña actual incorrecta', detail: () => 'La contraseña actual no es correcta; no se cambió nada.' },
    en: { title: 'Wrong current password', detail: () => 'The current password is not correct; nothing was changed.' },
  },
  password_unchanged: {
    kind: 'invalid',
    es: { title: 'Contraseña sin cambios', detail: () => 'La contraseña nueva debe ser distinta de la actual.' },
    en: { title: 'Password unchanged', detail: () => 'The new password must differ from the current one.' },
  },
  account_state: {
    kind: 'conflict',
    es: { title: 'Estado de la cuenta', detail: (p) => `La cuenta no admite esta acción: ${String(p.reasonEs)}.` },
    en: { title: 'Account state', detail: (p) => `The account does not allow this action: ${String(p.reasonEn)}.` },
  },
  invalid_timeline: {
    kind: 'invalid',
    es: { title: 'Calendario fuera de orden', detail: (p) => `Las fechas del calendario no están en orden: ${list(p.failedEs)}.` },
    en: { title: 'Timeline out of order', detail: (p) => `The timeline dates are out of order: ${list(p.failedEn)}.` },
  },
  internal_error: {
    kind: 'conflict',
    es: { title: 'Error interno', detail: () => 'Ocurrió un error interno. No se realizó ningún cambio.' },
    en: { title: 'Internal error', detail: () => 'An internal error occurred. Nothing was changed.' },
  },
} satisfies Record<string, Message>;

export type ErrorCode = keyof typeof MESSAGES;

/** A domain rule refused the request. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    readonly params: Params = {},
  ) {
    super(MESSAGES[code].en.detail(params));
  }
  get kind(): ErrorKind {
    return MESSAGES[this.code].kind as ErrorKind;
  }
}

/** Title and detail of a code in a language. */
export function describeError(code: ErrorCode, params: Params, lang: 'es' | 'en'): { title: string; detail: string } {
  const m = MESSAGES[code][lang];
  return { title: m.title, detail: m.detail(params) };
}
