/**
 * The booth re-checks its own receipts after the close (issue 12 item 7): a ballot
 * removed before the close, with the tracking codes re-chained, leaves a board whose every
 * hash recomputes; only the voter's receipt shows it. Opened again after the close (or
 * left open until it), the booth reads the whole board, chain-checked, and says for each
 * receipt it kept whether its tracking code is still at the receipt's position with the
 * receipt's board head (client/tracking.ts `checkReceiptOnBoard`) — green — or not —
 * red, with what to do.
 * @module
 */
import { type ReceiptOnBoard, checkReceiptOnBoard } from '../../client/voter.js';
import type { ReceiptBody } from '../../record/tracking.js';
import { errorText, publicApi } from '../lib/api.js';
import { type Child, download, groupHex, h } from '../lib/dom.js';
import { type Bilingual, lang, texts } from '../lib/i18n.js';
import { pageUrl } from '../lib/shell.js';

/** One kept receipt and what the board says of it. */
export interface Recheck {
  readonly contestTitle: string;
  readonly receipt: ReceiptBody;
  status: 'checking' | ReceiptOnBoard | { readonly ok: false; readonly reason: 'unreachable'; readonly detail: string };
}

const T: Bilingual<{
  title: string; lead: string; checking: string; ok: (position: number) => string; okClosed: string; bad: string;
  todo: string; complain: string; again: string; unreachable: string; detail: (d: string) => string; code: string; save: string;
}> = {
  es: {
    title: 'Su voto después del cierre',
    lead: 'Este navegador guardó su recibo. Se comprueba contra el tablero público completo, con su cadena de huellas verificada aquí mismo.',
    checking: 'Comprobando el tablero…',
    ok: (p) => `Su código de seguimiento sigue en la posición ${p} del tablero, con la misma huella que su recibo: el tablero que vio al votar sigue intacto debajo del actual.`,
    okClosed: 'La votación está cerrada y su voto está dentro de lo que se cuenta.',
    bad: 'Su voto NO está donde su recibo dice: el tablero cambió después de que usted votó (una papeleta quitada o el tablero reescrito).',
    todo: 'Qué hacer: conserve el archivo del recibo (descárguelo si aún no lo hizo) y presente al comité un reclamo de la categoría «código de seguimiento que no aparece» en el plazo posterior al cierre, antes de que se publiquen los resultados, adjuntando ese archivo.',
    complain: 'Comprobar mi voto', again: 'Comprobar de nuevo',
    unreachable: 'No se pudo leer el tablero ahora; inténtelo de nuevo.',
    detail: (d) => `Detalle técnico: ${d}`, code: 'Código de seguimiento', save: 'Descargar el recibo',
  },
  en: {
    title: 'Your ballot after the close',
    lead: 'This browser kept your receipt. It is checked against the whole public board, whose chain of fingerprints is verified right here.',
    checking: 'Checking the board…',
    ok: (p) => `Your tracking code is still at position ${p} of the board, with the same fingerprint as your receipt: the board you saw when voting is still intact beneath the current one.`,
    okClosed: 'Voting is closed and your ballot is among those counted.',
    bad: 'Your ballot is NOT where your receipt says: the board changed after you voted (a ballot removed or the board rewritten).',
    todo: 'What to do: keep the receipt file (download it if you have not yet) and file with the committee a complaint of the category "tracking code that does not appear" in the post-close window, before the results are published, attaching that file.',
    complain: 'Check my ballot', again: 'Check again',
    unreachable: 'The board could not be read just now; try again.',
    detail: (d) => `Technical detail: ${d}`, code: 'Tracking code', save: 'Download the receipt',
  },
};

/** Check each kept receipt against the board; `done` is called as each answer arrives. */
export async function recheckAll(items: readonly Recheck[], done: () => void): Promise<void> {
  for (const item of items) {
    item.status = 'checking';
    done();
    try {
      item.status = await checkReceiptOnBoard(publicApi(), item.receipt);
    } catch (e) {
      item.status = { ok: false, reason: 'unreachable', detail: errorText(e) };
    }
    done();
  }
}

function one(t: typeof T.es, item: Recheck): Child {
  const s = item.status;
  const code = h('p', { class: 'hex' }, `${t.code}: ${groupHex(item.receipt.trackingCode)}`);
  if (s === 'checking') return h('div', { class: 'notice busy', role: 'status' }, h('p', null, h('strong', null, item.contestTitle)), code, h('p', null, t.checking));
  if (s.ok) {
    return h('div', { class: 'notice ok', role: 'status', 'data-testid': 'recheck-ok' },
      h('p', null, h('strong', null, item.contestTitle)), code, h('p', null, `✓ ${t.ok(item.receipt.position)}`), s.closed ? h('p', null, t.okClosed) : null);
  }
  if (s.reason === 'unreachable') {
    return h('div', { class: 'notice warn', role: 'alert', 'data-testid': 'recheck-unreachable' },
      h('p', null, h('strong', null, item.contestTitle)), code, h('p', null, t.unreachable), h('p', { class: 'muted' }, t.detail(s.detail)));
  }
  return h('div', { class: 'notice error', role: 'alert', 'data-testid': 'recheck-bad' },
    h('p', null, h('strong', null, item.contestTitle)), code, h('p', null, h('strong', null, `✗ ${t.bad}`)), h('p', null, t.todo),
    h('p', { class: 'muted' }, t.detail(s.detail)),
    h('button', {
      type: 'button', class: 'btn primary', 'data-testid': 'recheck-save',
      onclick: () => download(`${lang() === 'es' ? 'recibo' : 'receipt'}-anfora-${item.receipt.trackingCode.slice(0, 8)}.json`, `${JSON.stringify(item.receipt, null, 2)}\n`),
    }, t.save));
}

/** The re-check panel: one notice per kept receipt, a link to complain, a button to check again. */
export function renderRecheck(items: readonly Recheck[], again: () => void): Child[] {
  if (items.length === 0) return [];
  const t = texts(T);
  const bad = items.some((x) => x.status !== 'checking' && !x.status.ok && x.status.reason !== 'unreachable');
  return [
    h('h3', null, t.title),
    h('p', null, t.lead),
    h('div', { id: 'recheck', 'aria-live': 'polite' }, ...items.map((x) => one(t, x))),
    h('div', { class: 'actions' },
      bad ? h('a', { class: 'btn', href: pageUrl('check', { code: items[0]!.receipt.trackingCode }), 'data-testid': 'recheck-check' }, t.complain) : null,
      h('button', { type: 'button', class: 'btn', 'data-testid': 'recheck-again', onclick: again }, t.again)),
  ];
}
