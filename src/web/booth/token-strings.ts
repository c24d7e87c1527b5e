/**
 * The booth's texts for signing in and obtaining the voting token, Spanish first
 * (./strings.ts joins them into the booth's texts).
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';

export interface TokenTexts {
  intro: string;
  howTitle: string;
  how: readonly string[];
  signinTitle: string;
  email: string;
  password: string;
  signin: string;
  signingIn: string;
  keyfile: string;
  passphrase: string;
  keyfileMissing: string;
  keyfileRefused: string;
  notAssociation: string;
  notOnRoll: string;
  resumeTitle: string;
  resume: (name: string) => string;
  continueVoting: string;
  restoreTitle: string;
  restoreHelp: string;
  restoreFile: string;
  restored: (n: number) => string;
  badTokenFile: string;
  tokenTitle: string;
  signedInAs: (name: string) => string;
  whyTitle: string;
  why: readonly string[];
  contestsFor: string;
  tokenHeld: string;
  tokenMissing: string;
  tokenCast: string;
  getToken: string;
  gettingToken: string;
  tokenObtained: string;
  signedOut: string;
  keepTab: string;
  saveTokens: string;
  tokenAlreadyIssued: string;
  goVote: string;
  tokenSent: string;
  tokenWaiting: string;
  sendingRequest: string;
  waitingIssuers: (received: number, needed: number) => string;
  waitingHelp: string;
  issuersSlow: (received: number, needed: number) => string;
  signInToCollect: string;
  collectSignIn: string;
}

export const TOKEN_TEXTS: Bilingual<TokenTexts> = {
  es: {
    intro: 'Su asociación vota aquí. Su voto se cifra en este dispositivo antes de enviarse: nadie, ni el servidor ni el comité, puede saber por quién votó.',
    howTitle: 'Cómo funciona',
    how: [
      'Inicie sesión con la cuenta de su asociación y obtenga su ficha de voto anónima (una por contienda).',
      'Elija hasta el número indicado de candidaturas, o deje la papeleta en blanco.',
      'Revise su elección. Este dispositivo cifra su voto y prueba que es válido.',
      'Si quiere, audite la papeleta cifrada para comprobar que contiene su elección; se descarta y se cifra otra.',
      'Deposite su voto sin identificarse y guarde el recibo con su código de seguimiento.',
    ],
    signinTitle: 'Iniciar sesión',
    email: 'Correo electrónico de la asociación',
    password: 'Contraseña',
    signin: 'Iniciar sesión',
    signingIn: 'Iniciando sesión…',
    keyfile: 'Archivo de clave de la asociación (si este navegador no la guardó al activar la cuenta)',
    passphrase: 'Frase de paso del archivo de clave',
    keyfileMissing: 'Este navegador no guarda la clave de la asociación: elija su archivo de clave; con ella se firman las solicitudes de ficha.',
    keyfileRefused: 'El archivo de clave no se pudo abrir: revise la frase de paso y que sea el archivo de esta cuenta.',
    notAssociation: 'Esta cuenta no es de una asociación. La cabina es para las asociaciones acreditadas.',
    notOnRoll: 'Su asociación no figura en el padrón de ninguna contienda de esta elección.',
    resumeTitle: 'Ya tiene su ficha de voto',
    resume: (name) => `Este navegador guarda la ficha de voto anónima de ${name}. Puede votar sin volver a iniciar sesión.`,
    continueVoting: 'Continuar a mi voto',
    restoreTitle: '¿Obtuvo su ficha de voto en otra sesión?',
    restoreHelp: 'Abra el archivo de ficha de voto que guardó. Se lee solo en este navegador; no se envía.',
    restoreFile: 'Archivo de ficha de voto',
    restored: (n) => `Ficha de voto recuperada para ${n} contienda(s).`,
    badTokenFile: 'El archivo no es una ficha de voto válida de esta elección.',
    tokenTitle: 'Obtener su ficha de voto anónima',
    signedInAs: (name) => `Sesión iniciada como ${name}.`,
    whyTitle: 'Por qué obtenerla por adelantado protege el secreto',
    why: [
      'Se sabe que su asociación pidió una ficha de voto (la lista se publica al cierre), pero la ficha la firman «a ciegas» los emisores del comité, de al menos dos sectores: ninguno la ve y nadie puede reconocerla cuando usted vote. El servidor solo transmite la solicitud; no tiene clave para firmar fichas.',
      'Si la obtiene con tiempo y vota más tarde, tampoco la hora de llegada de su voto permite relacionarlo con su asociación.',
      'La ficha y su clave secreta quedan solo en esta pestaña del navegador. Al votar no se envía ninguna credencial.',
    ],
    contestsFor: 'Contiendas en las que vota su asociación',
    tokenHeld: 'ficha de voto guardada en este navegador',
    tokenMissing: 'sin ficha de voto todavía',
    tokenCast: 'voto depositado',
    getToken: 'Obtener mi ficha de voto',
    gettingToken: 'Obteniendo la ficha de voto…',
    tokenObtained: 'Ficha de voto obtenida y comprobada.',
    signedOut: 'Se cerró su sesión: ya no hace falta. Su voto se depositará de forma anónima.',
    keepTab: 'Mantenga abierta esta pestaña hasta votar, o guarde el archivo de la ficha: el servidor no puede entregarla otra vez.',
    saveTokens: 'Guardar archivo de la ficha',
    tokenAlreadyIssued: 'Ya se pidió la ficha de voto de su asociación para esta contienda, desde otro navegador o dispositivo, y no se puede pedir otra. Si guardó el archivo de la ficha, ábralo abajo.',
    goVote: 'Ir a votar',
    tokenSent: 'voto enviado, sin confirmar todavía',
    tokenWaiting: 'solicitud enviada a los emisores del comité; esperando sus firmas',
    sendingRequest: 'Enviando su solicitud de ficha a los emisores del comité…',
    waitingIssuers: (r, n) => `Esperando las firmas de los emisores del comité: ${r} de ${n}…`,
    waitingHelp: 'Cada emisor del comité (de sectores distintos) firma su ficha «a ciegas» desde su propio equipo, sin verla; puede tardar unos minutos. Si tarda, guarde el archivo de la ficha: con él puede cerrar esta página, volver más tarde (en este u otro dispositivo), iniciar sesión y recoger la misma ficha, sin pedir otra.',
    issuersSlow: (r, n) => `Los emisores del comité aún no firmaron su ficha (${r} de ${n} firmas). Su solicitud queda guardada en este navegador: vuelva a intentarlo más tarde, o guarde el archivo de la ficha y vuelva otro día.`,
    signInToCollect: 'Su solicitud de ficha espera las firmas de los emisores del comité. Inicie sesión para recogerla: se enviará la misma solicitud, no otra.',
    collectSignIn: 'Iniciar sesión para recoger mi ficha',
  },
  en: {
    intro: 'Your association votes here. Your vote is encrypted on this device before it is sent: nobody, neither the server nor the committee, can learn whom you voted for.',
    howTitle: 'How it works',
    how: [
      'Sign in with your association\'s account and obtain your anonymous voting token (one per contest).',
      'Choose up to the number of candidates shown, or leave the ballot blank.',
      'Review your choice. This device encrypts your vote and proves that it is valid.',
      'If you like, audit the encrypted ballot to check that it holds your choice; it is then discarded and another one encrypted.',
      'Cast your vote without identifying yourself and keep the receipt with your tracking code.',
    ],
    signinTitle: 'Sign in',
    email: 'Association email',
    password: 'Password',
    signin: 'Sign in',
    signingIn: 'Signing in…',
    keyfile: 'The association\'s key file (if this browser did not keep it when the account was activated)',
    passphrase: 'Key file passphrase',
    keyfileMissing: 'This browser does not keep the association\'s key: choose its key file; it signs the token requests.',
    keyfileRefused: 'The key file could not be opened: check the passphrase and that it is this account\'s file.',
    notAssociation: 'This account is not an association\'s. The booth is for accredited associations.',
    notOnRoll: 'Your association is not on the roll of any contest of this election.',
    resumeTitle: 'You already hold your voting token',
    resume: (name) => `This browser holds the anonymous voting token of ${name}. You can vote without signing in again.`,
    continueVoting: 'Continue to my vote',
    restoreTitle: 'Did you obtain your voting token in another session?',
    restoreHelp: 'Open the token file you saved. It is read in this browser only; it is not sent.',
    restoreFile: 'Token file',
    restored: (n) => `Voting token restored for ${n} contest(s).`,
    badTokenFile: 'The file is not a valid voting token of this election.',
    tokenTitle: 'Obtain your anonymous voting token',
    signedInAs: (name) => `Signed in as ${name}.`,
    whyTitle: 'Why obtaining it ahead protects secrecy',
    why: [
      'It is known that your association asked for a voting token (the list is published at the close), but the token is signed "blind" by the committee\'s issuers, of at least two sectors: none of them sees it, and nobody can recognise it when you vote. The server only relays the request; it holds no key to sign tokens.',
      'If you obtain it early and vote later, not even the time your vote arrives ties it to your association.',
      'The token and its secret key stay only in this browser tab. Casting sends no credential.',
    ],
    contestsFor: 'Contests in which your association votes',
    tokenHeld: 'voting token kept in this browser',
    tokenMissing: 'no voting token yet',
    tokenCast: 'vote cast',
    getToken: 'Obtain my voting token',
    gettingToken: 'Obtaining the voting token…',
    tokenObtained: 'Voting token obtained and checked.',
    signedOut: 'You have been signed out: it is no longer needed. Your vote will be cast anonymously.',
    keepTab: 'Keep this tab open until you vote, or save the token file: the server cannot hand it out again.',
    saveTokens: 'Save token file',
    tokenAlreadyIssued: 'Your association\'s token for this contest was already asked for, from another browser or device, and another cannot be asked for. If you saved the token file, open it below.',
    goVote: 'Go to vote',
    tokenSent: 'vote sent, not yet confirmed',
    tokenWaiting: 'request sent to the committee\'s issuers; waiting for their signatures',
    sendingRequest: 'Sending your token request to the committee\'s issuers…',
    waitingIssuers: (r, n) => `Waiting for the signatures of the committee's issuers: ${r} of ${n}…`,
    waitingHelp: 'Each of the committee\'s issuers (from different sectors) signs your token "blind", on their own computer, without seeing it; this may take a few minutes. If it takes long, save the token file: with it you can close this page, come back later (on this or another device), sign in and collect the same token, without asking for another.',
    issuersSlow: (r, n) => `The committee's issuers have not signed your token yet (${r} of ${n} signatures). Your request stays saved in this browser: try again later, or save the token file and come back another day.`,
    signInToCollect: 'Your token request is waiting for the signatures of the committee\'s issuers. Sign in to collect it: the same request is sent again, not a new one.',
    collectSignIn: 'Sign in to collect my token',
  },
};
