/**
 * The booth's texts, Spanish first. Plain words: the voters are association officers on
 * ordinary laptops and phones, not cryptographers.
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';

export interface BoothTexts {
  title: string;
  steps: string;
  stepNames: readonly [string, string, string, string, string];
  stepOf: (n: number, total: number) => string;
  loading: string;
  notOpen: (phase: string) => string;
  badManifest: (detail: string) => string;
  noCrypto: string;
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
  receiptTitle: string;
  receiptLead: string;
  trackingCode: string;
  contest: string;
  position: string;
  receivedAt: string;
  receiptSigned: string;
  onBoard: string;
  notOnBoard: (detail: string) => string;
  checkingBoard: string;
  downloadReceipt: string;
  checkLink: string;
  nextContest: (contest: string) => string;
  allDone: string;
  receiptRefused: (detail: string) => string;
  tokenSent: string;
  lostTitle: string;
  lostChecking: string;
  lostUnknown: string;
  lostSame: string;
  notRecordedTitle: string;
  notRecorded: string;
  sendAgain: string;
  searchBoard: string;
  usedByOther: string;
  boardProblem: string;
  technicalDetail: string;
  recoveredTitle: string;
  recoveredLead: string;
  recoveredChecked: string;
  noSignedReceipt: string;
  downloadBoardReceipt: string;
  errorTitle: string;
}

export const BOOTH: Bilingual<BoothTexts> = {
  es: {
    title: 'Cabina de votación',
    steps: 'Pasos',
    stepNames: ['Ficha', 'Elegir', 'Revisar', 'Cifrar', 'Recibo'],
    stepOf: (n, total) => `Paso ${n} de ${total}`,
    loading: 'Cargando la elección…',
    notOpen: (phase) => `La votación no está abierta (fase actual: ${phase}).`,
    badManifest: (d) => `El manifiesto de la elección no es válido y esta página no puede usarlo: ${d}`,
    noCrypto: 'Este navegador no ofrece la criptografía necesaria. Abra la página con https:// y un navegador actualizado.',
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
      'El servidor sabe que su asociación recibió una ficha de voto (la lista es pública), pero la ficha está firmada «a ciegas»: el servidor nunca la ve y no puede reconocerla cuando usted vote.',
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
    tokenAlreadyIssued: 'El servidor ya entregó la ficha de voto de su asociación para esta contienda y no puede entregarla otra vez. Si la guardó en un archivo, ábralo abajo.',
    goVote: 'Ir a votar',
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
    receiptTitle: 'Voto depositado',
    receiptLead: 'Su voto cifrado está en el tablero público. Guarde este recibo: con el código de seguimiento puede comprobar que su voto sigue ahí y fue contado.',
    trackingCode: 'Código de seguimiento',
    contest: 'Contienda',
    position: 'Posición en el tablero',
    receivedAt: 'Recibido',
    receiptSigned: 'La firma del recibo es válida (clave de recibos del manifiesto).',
    onBoard: 'Encontrado en el tablero público: es exactamente la papeleta que envió.',
    notOnBoard: (d) => `No se pudo confirmar en el tablero: ${d}`,
    checkingBoard: 'Buscando su voto en el tablero público…',
    downloadReceipt: 'Descargar el recibo',
    checkLink: 'Comprobar mi voto más tarde',
    nextContest: (c) => `Votar en: ${c}`,
    allDone: 'Su asociación votó en todas sus contiendas. Gracias.',
    receiptRefused: (d) => `El servidor aceptó el voto pero su recibo no es válido (${d}). Guarde una captura y avise al comité.`,
    tokenSent: 'voto enviado, sin confirmar todavía',
    lostTitle: 'Su voto no recibió respuesta',
    lostChecking: 'La respuesta del servidor no llegó. Buscando su papeleta en el tablero público…',
    lostUnknown: 'Todavía no se sabe si su voto se registró: la respuesta del servidor no llegó y el tablero público no se pudo leer. La papeleta enviada queda guardada en esta pestaña: búsquela en el tablero cuando vuelva la conexión, o envíela de nuevo.',
    lostSame: 'No cifre otra papeleta: enviar de nuevo la misma es seguro, porque el servidor la registra una sola vez.',
    notRecordedTitle: 'Su voto no se registró',
    notRecorded: 'Su papeleta no está en el tablero público: no llegó a registrarse y su ficha de voto sigue sin usar. Puede enviar de nuevo la misma papeleta cifrada.',
    sendAgain: 'Enviar de nuevo la misma papeleta',
    searchBoard: 'Buscar en el tablero',
    usedByOther: 'En el tablero ya hay otra papeleta firmada con su ficha de voto, distinta de la que envió esta pestaña. Si votó con esta ficha desde otra pestaña u otro dispositivo, ese es su voto y cuenta. Si no, alguien más tiene su ficha: avise al comité, porque esto no puede ocurrir de otro modo.',
    boardProblem: 'El tablero público no permite confirmar su voto. Guarde una captura de esta pantalla y avise al comité.',
    technicalDetail: 'Detalle técnico',
    recoveredTitle: 'Su voto ya está en el tablero',
    recoveredLead: 'La respuesta del servidor no llegó, pero su papeleta está en el tablero público: es exactamente la que envió esta pestaña, y cuenta. Guarde este comprobante con su código de seguimiento.',
    recoveredChecked: 'Comprobado en el tablero: el evento de su papeleta está encadenado a todos los anteriores, en esta posición.',
    noSignedReceipt: 'No hay recibo firmado por el servidor, porque su respuesta se perdió. El comprobante guarda el evento del tablero, que cualquiera puede volver a comprobar.',
    downloadBoardReceipt: 'Descargar el comprobante del tablero',
    errorTitle: 'Error',
  },
  en: {
    title: 'Voting booth',
    steps: 'Steps',
    stepNames: ['Token', 'Choose', 'Review', 'Encrypt', 'Receipt'],
    stepOf: (n, total) => `Step ${n} of ${total}`,
    loading: 'Loading the election…',
    notOpen: (phase) => `Voting is not open (current phase: ${phase}).`,
    badManifest: (d) => `The election manifest is not valid and this page cannot use it: ${d}`,
    noCrypto: 'This browser lacks the cryptography needed. Open the page over https:// in an up-to-date browser.',
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
      'The server knows that your association received a voting token (the list is public), but the token is signed "blind": the server never sees it and cannot recognise it when you vote.',
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
    tokenAlreadyIssued: 'The server already handed out your association\'s voting token for this contest and cannot do so again. If you saved it to a file, open it below.',
    goVote: 'Go to vote',
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
    receiptTitle: 'Vote cast',
    receiptLead: 'Your encrypted vote is on the public board. Keep this receipt: with the tracking code you can check that your vote is still there and was counted.',
    trackingCode: 'Tracking code',
    contest: 'Contest',
    position: 'Position on the board',
    receivedAt: 'Received',
    receiptSigned: 'The receipt\'s signature is valid (the manifest\'s receipt key).',
    onBoard: 'Found on the public board: it is exactly the ballot you sent.',
    notOnBoard: (d) => `Could not confirm on the board: ${d}`,
    checkingBoard: 'Looking for your vote on the public board…',
    downloadReceipt: 'Download the receipt',
    checkLink: 'Check my vote later',
    nextContest: (c) => `Vote in: ${c}`,
    allDone: 'Your association has voted in all its contests. Thank you.',
    receiptRefused: (d) => `The server accepted the vote but its receipt is not valid (${d}). Take a screenshot and tell the committee.`,
    tokenSent: 'vote sent, not yet confirmed',
    lostTitle: 'Your vote got no answer',
    lostChecking: 'The server\'s answer did not arrive. Looking for your ballot on the public board…',
    lostUnknown: 'It is not known yet whether your vote was recorded: the server\'s answer did not arrive and the public board could not be read. The ballot sent stays kept in this tab: look for it on the board once the connection is back, or send it again.',
    lostSame: 'Do not encrypt another ballot: sending the same one again is safe, as the server records it only once.',
    notRecordedTitle: 'Your vote was not recorded',
    notRecorded: 'Your ballot is not on the public board: it was not recorded, and your voting token is still unused. You can send the same encrypted ballot again.',
    sendAgain: 'Send the same ballot again',
    searchBoard: 'Search the board',
    usedByOther: 'The board already holds another ballot signed with your voting token, different from the one this tab sent. If you voted with this token from another tab or device, that is your vote and it counts. If not, someone else holds your token: tell the committee, as this cannot happen otherwise.',
    boardProblem: 'The public board does not let your vote be confirmed. Take a screenshot of this page and tell the committee.',
    technicalDetail: 'Technical detail',
    recoveredTitle: 'Your vote is already on the board',
    recoveredLead: 'The server\'s answer did not arrive, but your ballot is on the public board: it is exactly the one this tab sent, and it counts. Keep this proof with your tracking code.',
    recoveredChecked: 'Checked on the board: your ballot\'s event is chained to every event before it, at this position.',
    noSignedReceipt: 'There is no receipt signed by the server, as its answer was lost. The proof keeps the board\'s event, which anyone can check again.',
    downloadBoardReceipt: 'Download the proof from the board',
    errorTitle: 'Error',
  },
};
