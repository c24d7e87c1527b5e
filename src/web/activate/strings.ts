/**
 * The activation page's texts, Spanish first; TypeScript checks that English has every key.
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';

export const T: Bilingual<{
  title: string; lead: string; code: string; codeHelp: string; next: string; checking: string; badCode: string;
  forAccount: string; email: string; role: string; roles: Record<string, string>; expires: string;
  passwordStep: string; passwordLead: string; password: string; passwordHelp: string; passwordAgain: string;
  passphrase: string; passphraseHelp: string; passphraseAgain: string; activate: string; working: string;
  tooShort: (what: string, n: number) => string; mismatch: (what: string) => string; passwordWord: string; passphraseWord: string;
  doneTitle: string; doneLead: string; publicKey: string; stored: string; storedNot: string; download: string;
  downloadHelp: string; goTo: string; goToPortal: string; failed: string; startOver: string;
}> = {
  es: {
    title: 'Activar su cuenta',
    lead: 'Con el código de su invitación usted elige su contraseña y su navegador genera su clave de firma. Nadie más las conoce: ni la administración del servicio.',
    code: 'Código de la invitación', codeHelp: '26 letras y cifras; puede escribirlo con o sin guiones, en mayúsculas o minúsculas.',
    next: 'Continuar', checking: 'Comprobando…', badCode: 'El código debe tener 26 letras y cifras.',
    forAccount: 'Esta invitación abre la cuenta:', email: 'Correo', role: 'Tipo de cuenta',
    roles: { association: 'asociación', committee: 'miembro del comité electoral', auditor: 'auditoría', admin: 'administración' },
    expires: 'Vence',
    passwordStep: 'Contraseña y clave de firma',
    passwordLead: 'Su clave secreta de firma se genera en este navegador y nunca se envía. Se guarda cifrada con una frase de paso en este navegador y en un archivo que usted descarga: guárdelo en un lugar seguro.',
    password: 'Contraseña de la cuenta', passwordHelp: 'Al menos 12 caracteres. Sirve para iniciar sesión.',
    passwordAgain: 'Repita la contraseña',
    passphrase: 'Frase de paso de la clave de firma', passphraseHelp: 'Al menos 10 caracteres. Protege su clave en este navegador y en el archivo; la pedirán la cabina y la consola al firmar.',
    passphraseAgain: 'Repita la frase de paso',
    activate: 'Activar la cuenta', working: 'Generando y cifrando su clave… puede tardar unos segundos.',
    tooShort: (what, n) => `La ${what} debe tener al menos ${n} caracteres.`, mismatch: (what) => `Las dos ${what}s no coinciden.`,
    passwordWord: 'contraseña', passphraseWord: 'frase de paso',
    doneTitle: 'Cuenta activada',
    doneLead: 'Ya puede iniciar sesión con su correo y su contraseña. Su clave pública de firma quedó registrada:',
    publicKey: 'Clave pública de firma',
    stored: 'Su clave secreta está guardada, cifrada con su frase de paso, en este navegador.',
    storedNot: 'Este navegador no permite guardar la clave: descargue el archivo, o no podrá firmar.',
    download: 'Descargar el archivo de la clave',
    downloadHelp: 'El archivo está cifrado con su frase de paso. Sin él (o sin este navegador) y sin la frase de paso no podrá firmar; si los pierde, pida al comité una nueva invitación.',
    goTo: 'Ir al inicio', goToPortal: 'Ir al portal de asociaciones', failed: 'No se pudo activar la cuenta', startOver: 'Usar otro código',
  },
  en: {
    title: 'Activate your account',
    lead: 'With your invitation code you choose your password and your browser generates your signing key. Nobody else knows them: not even the service administrators.',
    code: 'Invitation code', codeHelp: '26 letters and digits; with or without dashes, in upper or lower case.',
    next: 'Continue', checking: 'Checking…', badCode: 'The code must have 26 letters and digits.',
    forAccount: 'This invitation opens the account:', email: 'Email', role: 'Account type',
    roles: { association: 'association', committee: 'electoral committee member', auditor: 'auditor', admin: 'administrator' },
    expires: 'Expires',
    passwordStep: 'Password and signing key',
    passwordLead: 'Your secret signing key is generated in this browser and never sent. It is kept encrypted under a passphrase in this browser and in a file you download: keep it somewhere safe.',
    password: 'Account password', passwordHelp: 'At least 12 characters. You sign in with it.',
    passwordAgain: 'Repeat the password',
    passphrase: 'Signing key passphrase', passphraseHelp: 'At least 10 characters. It protects your key in this browser and in the file; the booth and the console ask for it when you sign.',
    passphraseAgain: 'Repeat the passphrase',
    activate: 'Activate the account', working: 'Generating and encrypting your key… this may take a few seconds.',
    tooShort: (what, n) => `The ${what} must have at least ${n} characters.`, mismatch: (what) => `The two ${what}s do not match.`,
    passwordWord: 'password', passphraseWord: 'passphrase',
    doneTitle: 'Account activated',
    doneLead: 'You can now sign in with your email and password. Your public signing key is registered:',
    publicKey: 'Public signing key',
    stored: 'Your secret key is kept in this browser, encrypted under your passphrase.',
    storedNot: 'This browser does not allow keeping the key: download the file, or you will not be able to sign.',
    download: 'Download the key file',
    downloadHelp: 'The file is encrypted under your passphrase. Without it (or this browser) and the passphrase you cannot sign; if you lose them, ask the committee for a new invitation.',
    goTo: 'Go to the home page', goToPortal: 'Go to the associations\' portal', failed: 'The account could not be activated', startOver: 'Use another code',
  },
};

export type Texts = typeof T.es;
