/**
 * "Check my ballot": find a tracking code on the public board, optionally with the receipt
 * file, whose signature is then checked against the manifest's receipt key and whose
 * position, board head and time must match the board's event (src/client/voter.ts
 * findTrackingCode, record's checkReceiptEvent). The file may instead be the proof the
 * booth saves when a cast's answer was lost and the ballot was found on the board
 * (`anfora-receipt-from-board`): it has no server signature, so it is said to be a proof
 * from the board and re-checked against the live, chain-checked board
 * (checkReceiptFromBoard).
 * @module
 */
import {
  type ReceiptFromBoard, type ReceiptFromBoardFailure, checkReceiptFromBoard, fetchManifest, findTrackingCode, parseReceiptFromBoard,
} from '../../client/voter.js';
import { ReceiptSchema, type Receipt, verifyReceipt } from '../../record/tracking.js';
import { errorText, publicApi } from '../lib/api.js';
import { type Child, groupHex, h, replace } from '../lib/dom.js';
import { renderElectionChooser } from '../lib/elections.js';
import { type Bilingual, formatTime, texts } from '../lib/i18n.js';
import { electionParam, mountShell } from '../lib/shell.js';

const T: Bilingual<{
  title: string; lead: string; code: string; codeHelp: string; receiptFile: string; receiptHelp: string; find: string;
  searching: string; found: string; foundWithReceipt: string; notFound: string; badCode: string; badReceipt: string;
  receiptOther: string; contest: string; position: string; at: string; eventHash: string; mismatch: (d: string) => string;
  fileKind: string; kindReceipt: string; kindProof: string; proofNote: string; foundWithProof: string; badProof: string;
  proofOther: string; proofMismatch: (reason: ReceiptFromBoardFailure) => string; detail: (d: string) => string;
}> = {
  es: {
    title: 'Comprobar mi voto',
    lead: 'Escriba el código de seguimiento de su recibo para encontrar su voto cifrado en el tablero público. Con el archivo del recibo también se comprueba su firma; con el de la prueba del tablero, que su voto sigue en la cadena del tablero.',
    code: 'Código de seguimiento', codeHelp: '64 caracteres (0–9, a–f); los espacios se ignoran. Si lo deja vacío, se toma del archivo.',
    receiptFile: 'Archivo del recibo o de la prueba del tablero (opcional)', receiptHelp: 'Se lee solo en este navegador.',
    find: 'Buscar en el tablero', searching: 'Buscando…',
    found: 'Su voto está en el tablero público.',
    foundWithReceipt: 'Su voto está en el tablero público y el recibo es auténtico: firma válida, misma posición, mismo estado del tablero y misma hora.',
    notFound: 'No hay ningún voto con ese código en el tablero.',
    badCode: 'El código debe tener 64 caracteres hexadecimales (0–9, a–f).',
    badReceipt: 'El archivo no es un recibo válido: su firma no corresponde a la clave de recibos de esta elección.',
    receiptOther: 'El recibo es de otra elección o tiene otro código.',
    contest: 'Contienda', position: 'Posición en el tablero', at: 'Recibido', eventHash: 'Huella del evento',
    mismatch: (d) => `El tablero no coincide con el recibo: ${d}`,
    fileKind: 'Archivo', kindReceipt: 'Recibo firmado por el servidor',
    kindProof: 'Prueba tomada del tablero, no un recibo firmado por el servidor',
    proofNote: 'Este archivo se guardó cuando la respuesta a su voto se perdió y el voto se encontró en el tablero. No lleva la firma del servidor: vale solo si su evento sigue en la cadena del tablero público, y eso es lo que se comprueba.',
    foundWithProof: 'Su voto está en el tablero público y coincide con la prueba del tablero: el mismo evento, en la misma posición y con la misma hora, y su huella encadena con todo el tablero.',
    badProof: 'El archivo dice ser una prueba del tablero, pero no es válido: sus datos no corresponden al evento que contiene, o le falta algo. Pudo haber sido modificado.',
    proofOther: 'La prueba del tablero es de otra elección o tiene otro código.',
    proofMismatch: (r) => (r === 'not_found' ? 'No hay ningún voto con el código de la prueba en el tablero: la prueba no coincide con el tablero.'
      : r === 'malformed_board' || r === 'broken_chain' ? 'El tablero no pasó la comprobación de su cadena: no se puede confirmar la prueba.'
        : 'La prueba del tablero no coincide con el tablero público: el tablero guarda otro voto con ese código, o no en esa posición de la cadena.'),
    detail: (d) => `Detalle técnico: ${d}`,
  },
  en: {
    title: 'Check my ballot',
    lead: 'Enter the tracking code from your receipt to find your encrypted vote on the public board. With the receipt file its signature is checked too; with the proof from the board, that your vote is still in the board\'s chain.',
    code: 'Tracking code', codeHelp: '64 characters (0–9, a–f); spaces are ignored. Left empty, it is taken from the file.',
    receiptFile: 'Receipt file or proof from the board (optional)', receiptHelp: 'It is read in this browser only.',
    find: 'Search the board', searching: 'Searching…',
    found: 'Your vote is on the public board.',
    foundWithReceipt: 'Your vote is on the public board and the receipt is genuine: valid signature, same position, same board state and same time.',
    notFound: 'There is no vote with that code on the board.',
    badCode: 'The code must be 64 hexadecimal characters (0–9, a–f).',
    badReceipt: 'The file is not a valid receipt: its signature does not match this election\'s receipt key.',
    receiptOther: 'The receipt is for another election or has another code.',
    contest: 'Contest', position: 'Position on the board', at: 'Received', eventHash: 'Event fingerprint',
    mismatch: (d) => `The board does not match the receipt: ${d}`,
    fileKind: 'File', kindReceipt: 'Receipt signed by the server',
    kindProof: 'Proof taken from the board, not a receipt signed by the server',
    proofNote: 'This file was saved when the answer to your vote was lost and the vote was found on the board. It carries no server signature: it is worth something only if its event is still in the public board\'s chain, and that is what is checked.',
    foundWithProof: 'Your vote is on the public board and matches the proof from the board: the same event, at the same position and time, and its fingerprint chains with the whole board.',
    badProof: 'The file says it is a proof from the board, but it is not valid: its fields do not match the event it holds, or something is missing. It may have been altered.',
    proofOther: 'The proof from the board is for another election or has another code.',
    proofMismatch: (r) => (r === 'not_found' ? 'There is no vote with the proof\'s code on the board: the proof does not match the board.'
      : r === 'malformed_board' || r === 'broken_chain' ? 'The board failed the check of its chain: the proof cannot be confirmed.'
        : 'The proof from the board does not match the public board: the board holds another vote under that code, or not at that position of the chain.'),
    detail: (d) => `Technical detail: ${d}`,
  },
};
type Texts = typeof T.es;

const electionId = electionParam();
let code = (new URLSearchParams(location.search).get('code') ?? '').toLowerCase();
let receipt: Receipt | null = null;
let proof: ReceiptFromBoard | null = null;
let outcome: ((t: Texts) => Child) | null = null;
let searching = false;
let contestTitles = new Map<string, string>();
let receiptKey: string | null = null;

const shell = mountShell('check', { es: T.es.title, en: T.en.title }, () => render());

async function loadManifest(): Promise<void> {
  if (electionId === null) return;
  try {
    const m = await fetchManifest(publicApi(), electionId);
    if (m.ok) {
      contestTitles = new Map(m.manifest.contests.map((c) => [c.id, c.title]));
      receiptKey = m.manifest.receiptKey;
    }
  } catch {
    // Before voting opens there is no manifest and nothing to find.
  }
}

/** What a chosen file is: a signed receipt, a proof from the board (by its `format`), or neither. */
type FileRead = { kind: 'receipt'; receipt: Receipt } | { kind: 'proof'; proof: ReceiptFromBoard } | { kind: 'bad-receipt' } | { kind: 'bad-proof'; detail: string };

async function readFile(file: File): Promise<FileRead> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    return { kind: 'bad-receipt' };
  }
  if ((json as { format?: unknown } | null)?.format === 'anfora-receipt-from-board') {
    const r = parseReceiptFromBoard(json);
    return r.ok ? { kind: 'proof', proof: r.proof } : { kind: 'bad-proof', detail: r.detail };
  }
  const parsed = ReceiptSchema.safeParse(json);
  if (!parsed.success || receiptKey === null || !verifyReceipt(receiptKey, parsed.data)) return { kind: 'bad-receipt' };
  return { kind: 'receipt', receipt: parsed.data };
}

/** The outcome for a proof from the board that does not hold: what failed, what the file is, the detail. */
function proofRefused(reason: ReceiptFromBoardFailure, detail: string): (t: Texts) => Child {
  return (t) => h('div', { class: 'notice error', role: 'alert', 'data-testid': 'check-proof-refused' },
    h('p', null, h('strong', null, t.proofMismatch(reason))),
    h('p', { 'data-testid': 'check-proof-kind' }, h('strong', null, `${t.fileKind}: `), t.kindProof),
    h('p', null, t.proofNote),
    h('p', { class: 'muted' }, t.detail(detail)));
}

async function search(form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  code = String(data.get('code') ?? '').replace(/\s+/g, '').toLowerCase();
  const file = data.get('receipt');
  receipt = null;
  proof = null;
  const read = file instanceof File && file.size > 0 ? await readFile(file) : null;
  if (read?.kind === 'bad-receipt' || read?.kind === 'bad-proof') {
    outcome = read.kind === 'bad-receipt'
      ? (t) => h('p', { class: 'notice error', role: 'alert' }, t.badReceipt)
      : (t) => h('div', { class: 'notice error', role: 'alert', 'data-testid': 'check-proof-refused' },
        h('p', null, h('strong', null, t.badProof)), h('p', { class: 'muted' }, t.detail(read.detail)));
    render();
    return;
  }
  if (code === '' && read !== null) {
    code = read.kind === 'receipt' ? read.receipt.trackingCode : read.proof.trackingCode;
  }
  if (!/^[0-9a-f]{64}$/.test(code)) {
    outcome = (t) => h('p', { class: 'notice error', role: 'alert' }, t.badCode);
    render();
    form.querySelector<HTMLInputElement>('#code')?.focus();
    return;
  }
  if (read !== null) {
    const named = read.kind === 'receipt' ? read.receipt : read.proof;
    if (named.electionId !== electionId || named.trackingCode !== code) {
      outcome = (t) => h('p', { class: 'notice error', role: 'alert' }, read.kind === 'receipt' ? t.receiptOther : t.proofOther);
      render();
      return;
    }
    if (read.kind === 'receipt') receipt = read.receipt;
    else proof = read.proof;
  }
  searching = true;
  outcome = null;
  render();
  try {
    const r = proof !== null ? await checkReceiptFromBoard(publicApi(), proof) : await findTrackingCode(publicApi(), electionId!, code, receipt ?? undefined);
    if (r.ok) {
      const e = r.event;
      const kind = proof !== null ? 'proof' : receipt !== null ? 'receipt' : null;
      outcome = (t) => h('div', { class: 'notice ok', role: 'status', 'data-testid': 'check-found' },
        h('p', null, h('strong', null, `✓ ${kind === 'proof' ? t.foundWithProof : kind === 'receipt' ? t.foundWithReceipt : t.found}`)),
        kind === 'proof' ? h('p', null, t.proofNote) : null,
        h('dl', null,
          kind === null ? null : [h('dt', null, t.fileKind), h('dd', { 'data-testid': 'check-proof-kind' }, kind === 'proof' ? t.kindProof : t.kindReceipt)],
          h('dt', null, t.contest), h('dd', null, contestTitles.get((e.payload as { contestId: string }).contestId) ?? (e.payload as { contestId: string }).contestId),
          h('dt', null, t.position), h('dd', null, String(e.seq)),
          h('dt', null, t.at), h('dd', null, formatTime(e.at)),
          h('dt', null, t.eventHash), h('dd', { class: 'hex' }, groupHex(e.hash))));
    } else if (proof !== null) {
      outcome = proofRefused(r.reason, r.detail);
    } else if (r.reason === 'not_found') {
      outcome = (t) => h('p', { class: 'notice error', role: 'alert', 'data-testid': 'check-not-found' }, t.notFound);
    } else {
      outcome = (t) => h('p', { class: 'notice error', role: 'alert' }, t.mismatch(r.detail));
    }
  } catch (e) {
    const text = errorText(e);
    outcome = () => h('p', { class: 'notice error', role: 'alert' }, text);
  }
  searching = false;
  render();
  shell.main.querySelector<HTMLElement>('#outcome')?.focus();
}

function render(): void {
  const t = texts(T);
  if (electionId === null) {
    void renderElectionChooser(shell.main, 'check', (p) => ['voting', 'closed', 'tallied', 'published'].includes(p));
    return;
  }
  const form = h('form', { class: 'card stack', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'code' }, t.code),
      h('input', { id: 'code', name: 'code', type: 'text', value: code, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'code-help', class: 'hex' }),
      h('p', { id: 'code-help', class: 'muted' }, t.codeHelp)),
    h('div', { class: 'field' },
      h('label', { for: 'receipt' }, t.receiptFile),
      h('input', { id: 'receipt', name: 'receipt', type: 'file', accept: 'application/json,.json', 'aria-describedby': 'receipt-help' }),
      h('p', { id: 'receipt-help', class: 'muted' }, t.receiptHelp)),
    h('button', { type: 'submit', class: 'btn primary', 'data-testid': 'check-search', disabled: searching }, searching ? t.searching : t.find));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void search(form);
  });
  replace(shell.main,
    h('h2', null, t.title),
    h('p', null, t.lead),
    form,
    h('div', { id: 'outcome', tabindex: '-1', 'aria-live': 'polite' }, outcome?.(t) ?? null));
}

render();
void loadManifest();
