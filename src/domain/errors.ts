/**
 * The one domain error class, with a code union, and its bilingual messages. The HTTP
 * layer maps `kind` to a status and renders RFC 9457 problem details from these texts.
 * @module
 */

export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'rate_limited';

interface Message {
  kind: ErrorKind;
  es: { title: string; detail: (p: Params) => string };
  en: { title: string; detail: (p: Params) => string };
}
type Params = Record<string, unknown>;

const list = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));

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
  phase_order: {
    kind: 'conflict',
    es: { title: 'Cambio de fase fuera de orden', detail: (p) => `La elección está en la fase «${String(p.from)}»; la siguiente es «${String(p.next)}», no «${String(p.to)}».` },
    en: { title: 'Phase change out of order', detail: (p) => `The election is in phase "${String(p.from)}"; the next one is "${String(p.next)}", not "${String(p.to)}".` },
  },
  precondition_failed: {
    kind: 'conflict',
    es: { title: 'Condiciones no cumplidas', detail: (p) => `No se puede pasar a «${String(p.to)}»: ${list(p.failedEs)}.` },
    en: { title: 'Preconditions not met', detail: (p) => `Cannot move to "${String(p.to)}": ${list(p.failedEn)}.` },
  },
  wrong_phase: {
    kind: 'conflict',
    es: { title: 'Acción no permitida en esta fase', detail: (p) => `Esta acción requiere la fase «${list(p.expected)}»; la elección está en «${String(p.phase)}».` },
    en: { title: 'Action not allowed in this phase', detail: (p) => `This action needs phase "${list(p.expected)}"; the election is in "${String(p.phase)}".` },
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
  invalid_contest: {
    kind: 'invalid',
    es: { title: 'Contienda inválida', detail: (p) => `Contienda inválida: ${String(p.reasonEs)}.` },
    en: { title: 'Invalid contest', detail: (p) => `Invalid contest: ${String(p.reasonEn)}.` },
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
