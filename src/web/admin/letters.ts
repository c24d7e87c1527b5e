/**
 * The invitation letters of the accounts created in this session: shown once (the server
 * keeps only each code's hash), printable one per page (admin.css) and downloadable as one
 * text file, letters separated by a form feed so that printing the file breaks pages too.
 * @module
 */
import { type Child, download, h } from '../lib/dom.js';
import type { Texts } from './strings.js';

/** What the API's invitation carries that a letter needs (schemas.ts, InvitationOut). */
export interface Letter { readonly addressee: string; readonly email: string; readonly role: string; readonly humanCode: string; readonly letter: string }

/** All letters as one file. */
export function lettersFile(letters: readonly Letter[]): string {
  return letters.map((l) => l.letter).join('\n\f\n') + '\n';
}

export function downloadLetters(letters: readonly Letter[]): void {
  download(`cartas-invitacion-${new Date().toISOString().slice(0, 10)}.txt`, lettersFile(letters), 'text/plain;charset=utf-8');
}

export function lettersSection(letters: readonly Letter[], t: Texts): Child {
  return h('section', { id: 'letters', class: 'stack', 'aria-labelledby': 'letters-h' },
    h('h2', { id: 'letters-h' }, t.lettersTitle),
    h('p', { class: 'no-print' }, t.lettersLead),
    h('p', { class: 'notice warn no-print', 'data-testid': 'once-warning' }, h('strong', null, t.onceWarning)),
    letters.length === 0 ? h('p', { class: 'muted' }, t.noLetters) : [
      h('div', { class: 'actions no-print' },
        h('button', { type: 'button', class: 'btn primary', 'data-testid': 'print-letters', onclick: () => window.print() }, t.print),
        h('button', { type: 'button', class: 'btn', 'data-testid': 'download-letters', onclick: () => downloadLetters(letters) }, t.downloadAll)),
      h('div', { class: 'letters-list', 'data-testid': 'letters' }, letters.map((l, i) => h('article', { class: 'letter card', 'aria-labelledby': `letter-h-${i}` },
        h('h3', { id: `letter-h-${i}` }, t.letterFor(`${l.addressee} <${l.email}>`)),
        h('p', { class: 'letter-code' }, `${t.codeLabel}: `, h('span', { class: 'hex' }, l.humanCode)),
        h('pre', { class: 'letter-text' }, l.letter)))),
    ]);
}
