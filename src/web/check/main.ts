/**
 * "Check my ballot": find a tracking code on the public board, optionally with the receipt
 * file, whose signature is then checked against the manifest's receipt key and whose
 * position, board head and time must match the board's event (src/client/voter.ts
 * findTrackingCode, record's checkReceiptEvent).
 * @module
 */
import { fetchManifest, findTrackingCode } from '../../client/voter.js';
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
}> = {
  es: {
    title: 'Comprobar mi voto',
    lead: 'Escriba el código de seguimiento de su recibo para encontrar su voto cifrado en el tablero público. Con el archivo del recibo también se comprueba su firma.',
    code: 'Código de seguimiento', codeHelp: '64 caracteres (0–9, a–f); los espacios se ignoran.',
    receiptFile: 'Archivo del recibo (opcional)', receiptHelp: 'Se lee solo en este navegador.',
    find: 'Buscar en el tablero', searching: 'Buscando…',
    found: 'Su voto está en el tablero público.',
    foundWithReceipt: 'Su voto está en el tablero público y el recibo es auténtico: firma válida, misma posición, mismo estado del tablero y misma hora.',
    notFound: 'No hay ningún voto con ese código en el tablero.',
    badCode: 'El código debe tener 64 caracteres hexadecimales (0–9, a–f).',
    badReceipt: 'El archivo no es un recibo válido: su firma no corresponde a la clave de recibos de esta elección.',
    receiptOther: 'El recibo es de otra elección o tiene otro código.',
    contest: 'Contienda', position: 'Posición en el tablero', at: 'Recibido', eventHash: 'Huella del evento',
    mismatch: (d) => `El tablero no coincide con el recibo: ${d}`,
  },
  en: {
    title: 'Check my ballot',
    lead: 'Enter the tracking code from your receipt to find your encrypted vote on the public board. With the receipt file its signature is checked too.',
    code: 'Tracking code', codeHelp: '64 characters (0–9, a–f); spaces are ignored.',
    receiptFile: 'Receipt file (optional)', receiptHelp: 'It is read in this browser only.',
    find: 'Search the board', searching: 'Searching…',
    found: 'Your vote is on the public board.',
    foundWithReceipt: 'Your vote is on the public board and the receipt is genuine: valid signature, same position, same board state and same time.',
    notFound: 'There is no vote with that code on the board.',
    badCode: 'The code must be 64 hexadecimal characters (0–9, a–f).',
    badReceipt: 'The file is not a valid receipt: its signature does not match this election\'s receipt key.',
    receiptOther: 'The receipt is for another election or has another code.',
    contest: 'Contest', position: 'Position on the board', at: 'Received', eventHash: 'Event fingerprint',
    mismatch: (d) => `The board does not match the receipt: ${d}`,
  },
};
type Texts = typeof T.es;

const electionId = electionParam();
let code = (new URLSearchParams(location.search).get('code') ?? '').toLowerCase();
let receipt: Receipt | null = null;
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

async function readReceipt(file: File): Promise<Receipt | 'bad'> {
  try {
    const parsed = ReceiptSchema.safeParse(JSON.parse(await file.text()));
    if (!parsed.success || receiptKey === null || !verifyReceipt(receiptKey, parsed.data)) return 'bad';
    return parsed.data;
  } catch {
    return 'bad';
  }
}

async function search(form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  code = String(data.get('code') ?? '').replace(/\s+/g, '').toLowerCase();
  const file = data.get('receipt');
  receipt = null;
  if (!/^[0-9a-f]{64}$/.test(code)) {
    outcome = (t) => h('p', { class: 'notice error', role: 'alert' }, t.badCode);
    render();
    form.querySelector<HTMLInputElement>('#code')?.focus();
    return;
  }
  if (file instanceof File && file.size > 0) {
    const r = await readReceipt(file);
    if (r === 'bad') {
      outcome = (t) => h('p', { class: 'notice error', role: 'alert' }, t.badReceipt);
      render();
      return;
    }
    if (r.electionId !== electionId || r.trackingCode !== code) {
      outcome = (t) => h('p', { class: 'notice error', role: 'alert' }, t.receiptOther);
      render();
      return;
    }
    receipt = r;
  }
  searching = true;
  outcome = null;
  render();
  try {
    const r = await findTrackingCode(publicApi(), electionId!, code, receipt ?? undefined);
    if (r.ok) {
      const e = r.event;
      const withReceipt = receipt !== null;
      outcome = (t) => h('div', { class: 'notice ok', role: 'status', 'data-testid': 'check-found' },
        h('p', null, h('strong', null, `✓ ${withReceipt ? t.foundWithReceipt : t.found}`)),
        h('dl', null,
          h('dt', null, t.contest), h('dd', null, contestTitles.get((e.payload as { contestId: string }).contestId) ?? (e.payload as { contestId: string }).contestId),
          h('dt', null, t.position), h('dd', null, String(e.seq)),
          h('dt', null, t.at), h('dd', null, formatTime(e.at)),
          h('dt', null, t.eventHash), h('dd', { class: 'hex' }, groupHex(e.hash))));
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
