/**
 * The texts an administrator hands over with an invitation: a printable letter and an
 * e-mail, Spanish first and English second. The link carries the code in its fragment
 * (`#code=…`), which browsers never send to the server, so it reaches no server log.
 * @module
 */
import { humanInvitationCode, type IssuedInvitation } from './invitations.js';
import type { AccountRole } from './reference.js';

const ROLE = {
  es: { association: 'la cuenta de su asociación', committee: 'su cuenta de miembro del comité electoral', auditor: 'su cuenta de auditoría', admin: 'su cuenta de administración' },
  en: { association: "your association's account", committee: 'your electoral committee account', auditor: 'your auditor account', admin: 'your administrator account' },
} satisfies Record<'es' | 'en', Record<AccountRole, string>>;

/** The activation link for a code on a server at `baseUrl` (no trailing slash). */
export function activationLink(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/app/activate.html#code=${code}`;
}

export interface InvitationTexts {
  readonly link: string;
  readonly humanCode: string;
  readonly letter: string;
  readonly emailSubject: string;
  readonly emailBody: string;
}

/** The letter and the e-mail for an invitation just issued. */
export function invitationTexts(issued: IssuedInvitation, baseUrl: string): InvitationTexts {
  const link = activationLink(baseUrl, issued.code);
  const humanCode = humanInvitationCode(issued.code);
  const expires = issued.invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const role = issued.account.role;
  const es = [
    `Para: ${issued.addressee} <${issued.account.email}>`,
    '',
    `Le invitamos a activar ${ROLE.es[role]} en Ánfora.`,
    '',
    `1. Abra este enlace: ${link}`,
    `   o abra ${baseUrl.replace(/\/+$/, '')}/app/activate.html y escriba el código: ${humanCode}`,
    '2. Elija su contraseña. Nadie más la conoce: ni la administración del servicio.',
    '3. La página genera su clave de firma en su propio equipo. Descargue el archivo de clave',
    '   cifrado y guárdelo; la clave secreta nunca sale de su equipo.',
    '',
    `El código sirve una sola vez y vence el ${expires}. No lo comparta.`,
    'Si pierde su contraseña o su clave, el comité electoral puede emitir una nueva invitación',
    'mediante una decisión de dos sectores, que queda publicada.',
  ];
  const en = [
    `To: ${issued.addressee} <${issued.account.email}>`,
    '',
    `You are invited to activate ${ROLE.en[role]} on Ánfora.`,
    '',
    `1. Open this link: ${link}`,
    `   or open ${baseUrl.replace(/\/+$/, '')}/app/activate.html and type the code: ${humanCode}`,
    '2. Choose your password. Nobody else knows it: not even the service administrators.',
    '3. The page generates your signing key on your own device. Download the encrypted key',
    '   file and keep it; the secret key never leaves your device.',
    '',
    `The code works once and expires on ${expires}. Do not share it.`,
    'If you lose your password or your key, the electoral committee can issue a new invitation',
    'by a decision of two sectors, which is published.',
  ];
  const letter = [...es, '', '— — —', '', ...en].join('\n');
  return {
    link, humanCode, letter,
    emailSubject: 'Ánfora: active su cuenta / activate your account',
    emailBody: letter,
  };
}
