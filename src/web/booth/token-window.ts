/**
 * The booth in the token window (issue 12; docs/voting-protocol.md "The token window"):
 * before voting opens, an association signs in only to obtain its token, and saves it as
 * a token file to vote later, on this or another device, without signing in again. The
 * window ends when voting opens, so that when and in which order tokens were handed out
 * says nothing about when, or in which order, ballots were cast.
 * @module
 */
import { type Child, h } from '../lib/dom.js';
import { type Bilingual, formatTime, texts } from '../lib/i18n.js';
import { votingWindow } from './window.js';

const T: Bilingual<{
  title: string; now: string; opens: (when: string) => string; opensLater: string; why: string;
  save: string; saved: string; comeBack: string;
}> = {
  es: {
    title: 'Ahora es el momento de obtener su ficha de voto',
    now: 'La votación todavía no está abierta. En esta etapa cada asociación obtiene su ficha de voto anónima, y la guarda.',
    opens: (w) => `La votación abre el ${w}`,
    opensLater: 'La votación abrirá cuando el comité lo decida; el calendario muestra la fecha prevista.',
    why: 'Las fichas se entregan todas antes de abrir la votación: así, cuándo y en qué orden recibió su ficha no dice nada de cuándo votó ni de su voto.',
    save: 'Obtenga su ficha y guarde el archivo de la ficha. Con ese archivo podrá votar después, en este u otro dispositivo, sin volver a iniciar sesión.',
    saved: 'Guarde ahora el archivo de la ficha y consérvelo en un lugar seguro: quien tenga el archivo puede votar con él, una sola vez.',
    comeBack: 'Cuando abra la votación, vuelva a esta cabina y abra su archivo de ficha: no necesitará iniciar sesión.',
  },
  en: {
    title: 'Now is the time to get your voting token',
    now: 'Voting is not open yet. At this stage each association obtains its anonymous voting token, and keeps it.',
    opens: (w) => `Voting opens on ${w}`,
    opensLater: 'Voting will open when the committee decides; the timeline shows the planned date.',
    why: 'All tokens are handed out before voting opens: this way, when and in which order you got your token says nothing about when you voted nor about your vote.',
    save: 'Get your token and save the token file. With that file you can vote later, on this or another device, without signing in again.',
    saved: 'Save the token file now and keep it somewhere safe: whoever holds the file can vote with it, once.',
    comeBack: 'When voting opens, come back to this booth and open your token file: you will not need to sign in.',
  },
};

/** True while the election is in its token window (tokens, no casting). */
export const inTokenWindow = (): boolean => votingWindow()?.phase === 'tokens';

function opening(t: (typeof T)['es']): string {
  const opens = votingWindow()?.opens ?? null;
  // A time may end in a period of its own ("2:00 p. m."): never two.
  const sentence = (x: string) => (x.endsWith('.') ? x : `${x}.`);
  return opens === null ? t.opensLater : sentence(t.opens(formatTime(opens)));
}

/** On the first step during the window: what this stage is for, and when voting opens. */
export function tokenWindowIntro(): Child {
  if (!inTokenWindow()) return null;
  const t = texts(T);
  return h('section', { class: 'card explain', 'aria-labelledby': 'window-h', 'data-testid': 'token-window' },
    h('h3', { id: 'window-h' }, t.title),
    h('p', null, t.now),
    h('p', { class: 'notice', 'data-testid': 'voting-opens' }, opening(t)),
    h('p', null, t.why),
    h('p', null, t.save));
}

/** On the token step during the window, once a token is held: save the file, come back when voting opens. */
export function tokenWindowKeep(held: boolean): Child {
  if (!inTokenWindow()) return null;
  const t = texts(T);
  return h('div', { class: 'notice warn', role: 'status', 'data-testid': 'window-keep' },
    held ? h('p', null, t.saved) : h('p', null, t.save),
    h('p', null, `${opening(t)} ${t.comeBack}`));
}
