/**
 * The issuers' page's texts, Spanish first, English complete (TypeScript checks that both
 * have every key). Key file refusals are the CLI's own phrases (src/client/trustee-texts.ts).
 * @module
 */
import type { IssuerRefusal } from '../../client/issuer.js';
import type { Bilingual } from '../lib/i18n.js';
import type { Stage } from './worker.js';

export interface IssuerTexts {
  title: string;
  lead: string;
  signinTitle: string;
  email: string;
  password: string;
  signin: string;
  signingIn: string;
  signOut: string;
  refresh: string;
  loading: string;
  notCommittee: string;
  signedInAs: (name: string) => string;
  phase: (p: string) => string;
  keysTitle: string;
  keysNone: string;
  keysMine: (n: number, of: number) => string;
  keyRow: (contest: string, keyId: string) => string;
  genTitle: string;
  genHelp: string;
  genRun: string;
  accountPassphrase: string;
  accountKeyfile: string;
  accountKeyMissing: string;
  newPassphrase: (min: number) => string;
  newPassphrase2: string;
  passphraseShort: (min: number) => string;
  passphraseMismatch: string;
  registered: (n: number, file: string) => string;
  issueTitle: string;
  issueHelp: string;
  keyfileHeld: string;
  keyfileChoose: string;
  keyfilePassphrase: string;
  keyfileNeeded: string;
  issueRun: string;
  issueStop: string;
  issuing: (seconds: number) => string;
  counts: (signed: number, refused: number) => string;
  witnessed: (seq: number) => string;
  waiting: (phase: string) => string;
  logsPosted: (posted: number, already: number) => string;
  logsPostedEnded: (posted: number, already: number) => string;
  endIssuance: string;
  endIssuanceHelp: string;
  refusedTitle: string;
  refusedRow: (association: string, contest: string, why: string) => string;
  reasons: Record<IssuerRefusal, string>;
  stages: Record<Stage, string>;
  progress: (stage: string, done: number, of: number) => string;
  cli: string;
  neverUploaded: string;
  noWorker: string;
  refused: {
    account_key: string; other_member: string; other_election: string; no_contests: string;
    manifest: (d: string) => string; board: (d: string) => string;
    api: (status: number, detail: string) => string; unexpected: (d: string) => string;
  };
}

export const ISSUER_TEXTS: Bilingual<IssuerTexts> = {
  es: {
    title: 'Emisores de fichas',
    lead: 'Los emisores firman a ciegas las fichas con que votan las asociaciones: cada firma dice que la asociación está en el padrón, sin que el emisor pueda ver qué ficha firma. Sus claves de emisión se generan y se usan en este navegador, en un archivo cifrado que usted guarda, y nunca se envían al servidor.',
    signinTitle: 'Ingresar como miembro del comité',
    email: 'Correo electrónico',
    password: 'Contraseña',
    signin: 'Ingresar',
    signingIn: 'Ingresando…',
    signOut: 'Salir',
    refresh: 'Actualizar',
    loading: 'Cargando…',
    notCommittee: 'Esta cuenta no es de un miembro del comité electoral.',
    signedInAs: (name) => `Sesión de ${name}.`,
    phase: (p) => `Fase actual: ${p}.`,
    keysTitle: 'Sus claves de emisión',
    keysNone: 'Usted aún no registró claves de emisión en esta elección.',
    keysMine: (n, of) => `Claves registradas para ${n} de ${of} contiendas.`,
    keyRow: (c, k) => `${c}: clave ${k}`,
    genTitle: 'Generar y registrar sus claves de emisión',
    genHelp: 'Se genera una clave por contienda y se guardan en un archivo cifrado con la frase de paso que elija; el navegador lo descarga antes de registrar las claves. Guárdelo con su frase de paso: los necesitará durante la ventana de fichas. El registro va firmado con la clave de su cuenta.',
    genRun: 'Generar y registrar',
    accountPassphrase: 'Frase de paso de la clave de su cuenta',
    accountKeyfile: 'Archivo de la clave de su cuenta (si este navegador no la guarda)',
    accountKeyMissing: 'Este navegador no guarda la clave de su cuenta: elija su archivo.',
    newPassphrase: (min) => `Nueva frase de paso del archivo de claves (al menos ${min} caracteres)`,
    newPassphrase2: 'Repita la frase de paso',
    passphraseShort: (min) => `La frase de paso debe tener al menos ${min} caracteres.`,
    passphraseMismatch: 'Las dos frases de paso no coinciden.',
    registered: (n, file) => `Claves registradas para ${n} contienda(s). Su archivo de claves se descargó como ${file}.`,
    issueTitle: 'Firmar solicitudes de fichas',
    issueHelp: 'Abra su archivo de claves: mientras esta página siga abierta, firma las solicitudes pendientes, cada una comprobada en este navegador contra el manifiesto y el tablero, y atestigua el tablero. Al cierre de la votación publica su registro de emisión firmado.',
    keyfileHeld: 'Esta página tiene el archivo de claves que acaba de generar; también puede elegir otro.',
    keyfileChoose: 'Archivo de claves de emisión',
    keyfilePassphrase: 'Frase de paso del archivo de claves',
    keyfileNeeded: 'Elija su archivo de claves de emisión.',
    issueRun: 'Abrir y empezar a firmar',
    issueStop: 'Detener',
    issuing: (s) => `Firmando: se buscan solicitudes pendientes cada ${s} segundos. Mantenga esta página abierta.`,
    counts: (s, r) => `Firmadas: ${s}. Rechazadas: ${r}.`,
    witnessed: (seq) => `Último tablero atestiguado: evento ${seq}.`,
    waiting: (p) => `No se emiten fichas en esta fase (${p}); la página sigue esperando.`,
    logsPosted: (p, a) => `La ventana de fichas cerró: ${p} registro(s) de emisión publicado(s)${a > 0 ? `, ${a} ya lo estaba(n)` : ''}.`,
    logsPostedEnded: (p, a) => `Emisión terminada: ${p} registro(s) de emisión publicado(s)${a > 0 ? `, ${a} ya lo estaba(n)` : ''}. No firmará más fichas en esta elección.`,
    endIssuance: 'Terminar la emisión y publicar mis registros',
    endIssuanceHelp: 'Esta elección no tiene ventana de fichas: las fichas se entregan durante la votación, y el cierre espera el registro firmado de cada emisor. Publíquelo cuando termine la votación (la página lo hace sola a la hora de cierre del calendario). Después ya no podrá firmar fichas.',
    refusedTitle: 'Solicitudes rechazadas',
    refusedRow: (a, c, why) => `Asociación ${a}, contienda ${c}: ${why}`,
    reasons: {
      not_my_key: 'no es para una de sus claves',
      not_on_roll: 'la asociación no está en el padrón de la contienda',
      unknown_key: 'la firma no es de la clave vigente de la asociación en el tablero',
      bad_request: 'la solicitud está mal formada o nombra otra elección, contienda o asociación',
      bad_signature: 'la firma de la asociación no es válida',
      hash_mismatch: 'el mensaje cegado no corresponde al que firmó la asociación',
      second_request: 'la asociación ya obtuvo otra firma en esta contienda',
    },
    stages: {
      open_account_key: 'Abriendo la clave de su cuenta…',
      generating: 'Generando claves de emisión…',
      sealing: 'Cifrando el archivo de claves…',
      registering: 'Registrando las claves…',
      open_keyfile: 'Abriendo el archivo de claves…',
    },
    progress: (s, d, o) => `${s} (${d} de ${o})`,
    cli: 'o con la línea de comandos:',
    neverUploaded: 'Su archivo de claves y su frase de paso nunca se envían al servidor.',
    noWorker: 'Este navegador no permite trabajadores web (Web Workers): use la línea de comandos.',
    refused: {
      account_key: 'El archivo de la clave de cuenta es de otra cuenta.',
      other_member: 'Este archivo de claves es de otro miembro del comité.',
      other_election: 'Este archivo de claves es de otra elección.',
      no_contests: 'La elección no tiene contiendas.',
      manifest: (d) => `El manifiesto no es aceptable (${d}): no se firma nada.`,
      board: (d) => `El tablero no es íntegro (${d}): no se firma nada.`,
      api: (s, d) => (s === 0 ? `No se pudo contactar al servidor: ${d}` : `El servidor respondió ${s}: ${d}`),
      unexpected: (d) => `Ocurrió un error inesperado: ${d}`,
    },
  },
  en: {
    title: 'Token issuers',
    lead: 'Issuers blindly sign the tokens associations vote with: each signature says the association is on the roll, and the issuer cannot see which token it signs. Your issuing keys are made and used in this browser, in an encrypted file you keep, and are never sent to the server.',
    signinTitle: 'Sign in as a committee member',
    email: 'Email',
    password: 'Password',
    signin: 'Sign in',
    signingIn: 'Signing in…',
    signOut: 'Sign out',
    refresh: 'Refresh',
    loading: 'Loading…',
    notCommittee: 'This account is not an electoral committee member\'s.',
    signedInAs: (name) => `Signed in as ${name}.`,
    phase: (p) => `Current phase: ${p}.`,
    keysTitle: 'Your issuing keys',
    keysNone: 'You have not registered issuing keys in this election yet.',
    keysMine: (n, of) => `Keys registered for ${n} of ${of} contests.`,
    keyRow: (c, k) => `${c}: key ${k}`,
    genTitle: 'Generate and register your issuing keys',
    genHelp: 'One key per contest is made and saved in a file encrypted with the passphrase you choose; the browser downloads it before the keys are registered. Keep it with its passphrase: you will need them in the token window. The registration is signed with your account key.',
    genRun: 'Generate and register',
    accountPassphrase: 'Your account key\'s passphrase',
    accountKeyfile: 'Your account key file (if this browser does not keep it)',
    accountKeyMissing: 'This browser does not keep your account key: choose its file.',
    newPassphrase: (min) => `New key file passphrase (at least ${min} characters)`,
    newPassphrase2: 'Repeat the passphrase',
    passphraseShort: (min) => `The passphrase must be at least ${min} characters long.`,
    passphraseMismatch: 'The two passphrases differ.',
    registered: (n, file) => `Keys registered for ${n} contest(s). Your key file was downloaded as ${file}.`,
    issueTitle: 'Sign token requests',
    issueHelp: 'Open your key file: while this page stays open it signs the pending requests, each checked in this browser against the manifest and the board, and witnesses the board. When voting closes it posts your signed issuance log.',
    keyfileHeld: 'This page holds the key file you just made; you may also choose another.',
    keyfileChoose: 'Issuing key file',
    keyfilePassphrase: 'Key file passphrase',
    keyfileNeeded: 'Choose your issuing key file.',
    issueRun: 'Open and start signing',
    issueStop: 'Stop',
    issuing: (s) => `Signing: pending requests are fetched every ${s} seconds. Keep this page open.`,
    counts: (s, r) => `Signed: ${s}. Refused: ${r}.`,
    witnessed: (seq) => `Last board head witnessed: event ${seq}.`,
    waiting: (p) => `No tokens are issued in this phase (${p}); the page keeps waiting.`,
    logsPosted: (p, a) => `The token window closed: ${p} issuance log(s) posted${a > 0 ? `, ${a} already were` : ''}.`,
    logsPostedEnded: (p, a) => `Issuance ended: ${p} issuance log(s) posted${a > 0 ? `, ${a} already were` : ''}. You will sign no more tokens in this election.`,
    endIssuance: 'End issuance and post my logs',
    endIssuanceHelp: 'This election has no token window: tokens are handed out while voting is open, and the close waits for each issuer’s signed log. Post it when voting ends (the page does so by itself at the timeline’s closing time). After that you can sign no more tokens.',
    refusedTitle: 'Refused requests',
    refusedRow: (a, c, why) => `Association ${a}, contest ${c}: ${why}`,
    reasons: {
      not_my_key: 'it is not for one of your keys',
      not_on_roll: 'the association is not on the contest\'s roll',
      unknown_key: 'it is not signed by the association\'s key in force on the board',
      bad_request: 'the request is malformed or names another election, contest or association',
      bad_signature: 'the association\'s signature is not valid',
      hash_mismatch: 'the blinded message is not the one the association signed',
      second_request: 'the association already had another request signed in this contest',
    },
    stages: {
      open_account_key: 'Opening your account key…',
      generating: 'Generating issuing keys…',
      sealing: 'Encrypting the key file…',
      registering: 'Registering the keys…',
      open_keyfile: 'Opening the key file…',
    },
    progress: (s, d, o) => `${s} (${d} of ${o})`,
    cli: 'or with the command line:',
    neverUploaded: 'Your key file and its passphrase are never sent to the server.',
    noWorker: 'This browser does not allow Web Workers: use the command line.',
    refused: {
      account_key: 'The account key file is another account\'s.',
      other_member: 'This key file is another committee member\'s.',
      other_election: 'This key file is another election\'s.',
      no_contests: 'The election has no contests.',
      manifest: (d) => `The manifest is not acceptable (${d}): nothing is signed.`,
      board: (d) => `The board is not intact (${d}): nothing is signed.`,
      api: (s, d) => (s === 0 ? `Could not reach the server: ${d}` : `The server answered ${s}: ${d}`),
      unexpected: (d) => `An unexpected error occurred: ${d}`,
    },
  },
};
