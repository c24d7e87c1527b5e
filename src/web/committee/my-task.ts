/**
 * The console's "your task as a trustee" panel: what is the signed-in member's to do next
 * in the key ceremony or the decryption (the rule the trustees' page uses,
 * src/web/lib/trustee-task.ts), and how — the trustees' page, or the CLI's command.
 * @module
 */
import { type Child, h } from '../lib/dom.js';
import { type Bilingual, texts } from '../lib/i18n.js';
import { pageUrl } from '../lib/shell.js';
import { type CeremonyState, RUNNABLE, TASK_TEXTS, cliCommand, trusteeTask } from '../lib/trustee-task.js';

const T: Bilingual<{ title: string }> = { es: { title: 'Su tarea como custodio' }, en: { title: 'Your task as a trustee' } };

/** The panel for member `memberId`, or nothing if the member is not a trustee or there is nothing yet. */
export function myTrusteeTask(electionId: string, phase: string, c: CeremonyState | null, memberId: string, sharesPosted: readonly number[] | null): Child {
  const index = c?.trustees.find((tr) => tr.memberId === memberId)?.index;
  if (index === undefined) return null;
  const task = trusteeTask(phase, c, index, sharesPosted);
  if (task === 'not_yet') return null;
  const w = texts(TASK_TEXTS);
  return h('section', { class: 'card', 'aria-labelledby': 'my-task-h', 'data-testid': 'my-task', 'data-task': task },
    h('h2', { id: 'my-task-h' }, texts(T).title),
    h('p', null, w.tasks[task]),
    RUNNABLE.has(task) ? [
      h('p', null, `${w.how}: `, h('a', { href: pageUrl('trustee'), 'data-testid': 'trustee-link' }, w.page)),
      h('p', { class: 'muted' }, w.orCli, ' ', h('code', { class: 'cli' }, cliCommand(task, electionId))),
    ] : null);
}

const ISSUER: Bilingual<{ title: string; text: string; page: string }> = {
  es: { title: 'Emisión de fichas', text: 'Si usted emite fichas: registre sus claves de emisión en la ceremonia de claves y firme las solicitudes durante la ventana de fichas', page: 'en la página de emisores' },
  en: { title: 'Token issuance', text: 'If you issue tokens: register your issuing keys in the key ceremony and sign the requests during the token window', page: 'on the issuers\' page' },
};

/** The console's pointer to the issuers' page (issue 12 issuers; any member may be one). */
export function issuerPageLink(): Child {
  const w = texts(ISSUER);
  return h('section', { class: 'card', 'aria-labelledby': 'issuer-task-h' },
    h('h2', { id: 'issuer-task-h' }, w.title),
    h('p', null, `${w.text} `, h('a', { href: pageUrl('issuer'), 'data-testid': 'issuer-link' }, w.page), '.'));
}
