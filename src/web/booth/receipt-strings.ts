/**
 * The booth's texts for the receipt and for a ballot whose answer was lost, Spanish first
 * (./strings.ts joins them into the booth's texts).
 * @module
 */
import type { Bilingual } from '../lib/i18n.js';

export interface ReceiptTexts {
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
}

export const RECEIPT_TEXTS: Bilingual<ReceiptTexts> = {
  es: {
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
  },
  en: {
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
  },
};
