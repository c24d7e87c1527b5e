/**
 * The trustees' page's texts, Spanish first, English complete (TypeScript checks that both
 * have every key). Refusals of a step or a key file are the CLI's own phrases
 * (src/client/trustee-texts.ts).
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';
import type { Stage } from './worker.js';

export interface TrusteeTexts {
  title: string;
  lead: string;
  signinTitle: string;
  email: string;
  password: string;
  signin: string;
  signingIn: string;
  signOut: string;
  refresh: string;
  refreshed: string;
  loading: string;
  notCommittee: string;
  notTrustee: string;
  signedInAs: (name: string, index: number | null) => string;
  phase: (p: string) => string;
  nextTitle: string;
  ceremonyTitle: string;
  params: (n: number, t: number) => string;
  cols: { trustee: string; key: string; dealing: string; verification: string; share: string };
  yes: string;
  no: string;
  you: string;
  disqualified: string;
  jointKey: string;
  jointKeyMissing: string;
  keyfileTitle: string;
  keyfileHelp: string;
  keyfileHeld: (index: number) => string;
  keyfileChoose: string;
  keyfilePassphrase: string;
  initTitle: string;
  initHelp: string;
  accountPassphrase: string;
  accountKeyfile: string;
  accountKeyMissing: string;
  newPassphrase: (min: number) => string;
  newPassphrase2: string;
  passphraseShort: (min: number) => string;
  passphraseMismatch: string;
  keyfileNeeded: string;
  run: { init: string; deal: string; verify: string; decrypt: string };
  stages: Record<Stage, string>;
  saved: (name: string) => string;
  outcome: {
    init: (i: number) => string;
    dealt: (posted: boolean) => string;
    verified: (posted: boolean, complaints: number) => string;
    bad: (dealer: number, why: string) => string;
    final: string;
    decrypted: (posted: boolean, combined: boolean) => string;
  };
  refused: (why: string) => string;
  accountKeyOther: string;
  otherMember: (file: number, me: number | undefined) => string;
  apiError: (status: number, detail: string) => string;
  unexpected: (detail: string) => string;
  noWorker: string;
  neverUploaded: string;
}

export const TRUSTEE_TEXTS: Bilingual<TrusteeTexts> = {
  es: {
    title: 'Custodios',
    lead: 'Los custodios generan la clave de la elección entre todos y, tras el cierre, descifran el resultado. Todo el cálculo se hace en este navegador: su secreto queda en su archivo de claves, que usted guarda, y nunca se envía al servidor.',
    signinTitle: 'Ingresar como miembro del comité',
    email: 'Correo electrónico',
    password: 'Contraseña',
    signin: 'Ingresar',
    signingIn: 'Ingresando…',
    signOut: 'Salir',
    refresh: 'Actualizar',
    refreshed: 'Estado actualizado.',
    loading: 'Cargando…',
    notCommittee: 'Esta cuenta no es de un miembro del comité electoral.',
    notTrustee: 'Usted no es custodio de esta elección.',
    signedInAs: (name, index) => (index === null ? `Sesión de ${name}.` : `Sesión de ${name}, custodio ${index}.`),
    phase: (p) => `Fase actual: ${p}.`,
    nextTitle: 'Su próxima tarea',
    ceremonyTitle: 'Ceremonia de claves',
    params: (n, t) => `${n} custodios; ${t} de ellos bastan para descifrar el resultado, menos no pueden.`,
    cols: { trustee: 'Custodio', key: 'Clave', dealing: 'Reparto', verification: 'Verificación', share: 'Descifrado' },
    yes: '✓ publicado', no: 'pendiente', you: '(usted)', disqualified: 'descalificado',
    jointKey: 'Clave conjunta de la elección publicada.',
    jointKeyMissing: 'La clave conjunta aún no existe.',
    keyfileTitle: 'Su archivo de claves',
    keyfileHelp: 'Elija su archivo de claves y escriba su frase de paso. El archivo se abre en esta página y no se envía.',
    keyfileHeld: (i) => `Esta página tiene la última versión de su archivo de claves (custodio ${i}); también puede elegir otro.`,
    keyfileChoose: 'Archivo de claves del custodio',
    keyfilePassphrase: 'Frase de paso del archivo de claves',
    initTitle: 'Generar su clave de custodio',
    initHelp: 'Se genera su clave y se guarda en un archivo cifrado con la frase de paso que elija; el navegador lo descarga. Guárdelo junto con su frase de paso: sin ellos no podrá descifrar. La publicación va firmada con la clave de su cuenta.',
    accountPassphrase: 'Frase de paso de la clave de su cuenta',
    accountKeyfile: 'Archivo de la clave de su cuenta (si este navegador no la guarda)',
    accountKeyMissing: 'Este navegador no guarda la clave de su cuenta: elija el archivo de la clave de su cuenta.',
    newPassphrase: (min) => `Nueva frase de paso del archivo de claves (al menos ${min} caracteres)`,
    newPassphrase2: 'Repita la frase de paso',
    passphraseShort: (min) => `La frase de paso debe tener al menos ${min} caracteres.`,
    passphraseMismatch: 'Las frases de paso no coinciden.',
    keyfileNeeded: 'Elija su archivo de claves.',
    run: { init: 'Generar la clave', deal: 'Publicar el reparto', verify: 'Verificar las partes recibidas', decrypt: 'Descifrar y publicar' },
    stages: {
      open_account_key: 'Abriendo la clave de su cuenta…',
      open_keyfile: 'Abriendo su archivo de claves…',
      working: 'Calculando y comprobando (puede tardar)…',
      sealing: 'Cifrando la nueva versión de su archivo de claves…',
      posting: 'Publicando en el tablero…',
    },
    saved: (name) => `Se descargó ${name}: esta es ahora la versión de su archivo de claves que debe guardar.`,
    outcome: {
      init: (i) => `Clave pública del custodio ${i} publicada. Guarde el archivo de claves y su frase de paso: sin ellos no podrá descifrar.`,
      dealt: (posted) => (posted ? 'Reparto publicado.' : 'Su reparto ya estaba publicado; coincide con el archivo de claves.'),
      verified: (posted, c) => (!posted ? 'La verificación ya estaba publicada.' : c === 0 ? 'Todas las partes recibidas son correctas; verificación publicada sin reclamos.' : `Verificación publicada con ${c} reclamo(s).`),
      bad: (d, why) => `Parte del custodio ${d}: ${why}`,
      final: 'Ceremonia concluida: su parte secreta final coincide con la clave de verificación publicada.',
      decrypted: (posted, combined) => (!posted ? 'Su descifrado parcial ya estaba publicado.' : combined ? 'Descifrado parcial publicado; se alcanzó el umbral y el resultado fue calculado.' : 'Descifrado parcial publicado; faltan otros custodios para alcanzar el umbral.'),
    },
    refused: (why) => `No se pudo completar el paso: ${why}.`,
    accountKeyOther: 'El archivo de la clave de cuenta es de otra cuenta.',
    otherMember: (file, me) => `El archivo de claves es del custodio ${file}, pero la cuenta iniciada es ${me === undefined ? 'de alguien que no es custodio' : `del custodio ${me}`}.`,
    apiError: (status, detail) => (status === 0 ? `No se pudo contactar al servidor: ${detail}` : `El servidor respondió ${status}: ${detail}`),
    unexpected: (d) => `Ocurrió un error inesperado: ${d}`,
    noWorker: 'Este navegador no permite trabajadores web (Web Workers): use la línea de comandos.',
    neverUploaded: 'Su archivo de claves y su frase de paso nunca se envían al servidor.',
  },
  en: {
    title: 'Trustees',
    lead: 'The trustees generate the election\'s key together and, after the close, decrypt the result. Everything is computed in this browser: your secret stays in your key file, which you keep, and is never sent to the server.',
    signinTitle: 'Sign in as a committee member',
    email: 'Email',
    password: 'Password',
    signin: 'Sign in',
    signingIn: 'Signing in…',
    signOut: 'Sign out',
    refresh: 'Refresh',
    refreshed: 'State updated.',
    loading: 'Loading…',
    notCommittee: 'This account is not an electoral committee member\'s.',
    notTrustee: 'You are not a trustee of this election.',
    signedInAs: (name, index) => (index === null ? `Signed in as ${name}.` : `Signed in as ${name}, trustee ${index}.`),
    phase: (p) => `Current phase: ${p}.`,
    nextTitle: 'Your next task',
    ceremonyTitle: 'Key ceremony',
    params: (n, t) => `${n} trustees; any ${t} of them can decrypt the result, fewer cannot.`,
    cols: { trustee: 'Trustee', key: 'Key', dealing: 'Dealing', verification: 'Verification', share: 'Decryption' },
    yes: '✓ posted', no: 'pending', you: '(you)', disqualified: 'disqualified',
    jointKey: 'The election\'s joint key is published.',
    jointKeyMissing: 'The joint key does not exist yet.',
    keyfileTitle: 'Your key file',
    keyfileHelp: 'Choose your key file and type its passphrase. The file is opened in this page and never sent.',
    keyfileHeld: (i) => `This page holds the latest version of your key file (trustee ${i}); you may also choose another.`,
    keyfileChoose: 'Trustee key file',
    keyfilePassphrase: 'Key file passphrase',
    initTitle: 'Generate your trustee key',
    initHelp: 'Your key is generated and saved in a file encrypted with the passphrase you choose; the browser downloads it. Keep it with its passphrase: without them you cannot decrypt. The registration is signed with your account key.',
    accountPassphrase: 'Your account key\'s passphrase',
    accountKeyfile: 'Your account key file (if this browser does not keep it)',
    accountKeyMissing: 'This browser does not keep your account key: choose your account key file.',
    newPassphrase: (min) => `New key file passphrase (at least ${min} characters)`,
    newPassphrase2: 'Repeat the passphrase',
    passphraseShort: (min) => `The passphrase must be at least ${min} characters long.`,
    passphraseMismatch: 'The passphrases do not match.',
    keyfileNeeded: 'Choose your key file.',
    run: { init: 'Generate the key', deal: 'Post the dealing', verify: 'Verify the shares received', decrypt: 'Decrypt and post' },
    stages: {
      open_account_key: 'Opening your account key…',
      open_keyfile: 'Opening your key file…',
      working: 'Computing and checking (this may take a while)…',
      sealing: 'Encrypting the new version of your key file…',
      posting: 'Posting to the board…',
    },
    saved: (name) => `${name} was downloaded: it is now the version of your key file to keep.`,
    outcome: {
      init: (i) => `Trustee ${i}'s public key posted. Keep the key file and its passphrase: without them you cannot decrypt.`,
      dealt: (posted) => (posted ? 'Dealing posted.' : 'Your dealing was already posted; it matches the key file.'),
      verified: (posted, c) => (!posted ? 'The verification was already posted.' : c === 0 ? 'Every share received is good; verification posted with no complaint.' : `Verification posted with ${c} complaint(s).`),
      bad: (d, why) => `Share from trustee ${d}: ${why}`,
      final: 'Ceremony over: your final secret share matches the published verification key.',
      decrypted: (posted, combined) => (!posted ? 'Your partial decryption was already posted.' : combined ? 'Partial decryption posted; the threshold was reached and the result computed.' : 'Partial decryption posted; other trustees are needed to reach the threshold.'),
    },
    refused: (why) => `The step could not be completed: ${why}.`,
    accountKeyOther: 'The account key file is another account\'s.',
    otherMember: (file, me) => `The key file is trustee ${file}'s, but the signed-in account is ${me === undefined ? 'not a trustee' : `trustee ${me}`}.`,
    apiError: (status, detail) => (status === 0 ? `Could not reach the server: ${detail}` : `The server answered ${status}: ${detail}`),
    unexpected: (d) => `An unexpected error occurred: ${d}`,
    noWorker: 'This browser does not allow Web Workers: use the command line.',
    neverUploaded: 'Your key file and its passphrase are never sent to the server.',
  },
};
