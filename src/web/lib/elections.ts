/**
 * The list of elections a page offers when its address names none.
 * @module
 */
import { h, replace } from './dom.js';
import { type Bilingual, PHASE_NAMES, texts } from './i18n.js';
import { errorText, publicApi } from './api.js';
import type { PageId } from './shell.js';

interface ElectionSummary { id: string; title: string; phase: string }

const T: Bilingual<{ choose: string; none: string; phase: string; loading: string }> = {
  es: { choose: 'Elija una elección', none: 'No hay elecciones en esta etapa.', phase: 'Fase', loading: 'Cargando elecciones…' },
  en: { choose: 'Choose an election', none: 'There are no elections at this stage.', phase: 'Phase', loading: 'Loading elections…' },
};

/** Render the elections (those whose phase `accept`s) as links to `page`. */
export async function renderElectionChooser(main: HTMLElement, page: PageId, accept: (phase: string) => boolean = () => true): Promise<void> {
  const t = texts(T);
  replace(main, h('p', null, t.loading));
  let list: ElectionSummary[];
  try {
    list = (await publicApi().get('/elections')) as ElectionSummary[];
  } catch (e) {
    replace(main, h('p', { role: 'alert', class: 'error' }, errorText(e)));
    return;
  }
  const shown = list.filter((e) => accept(e.phase));
  const phases = texts(PHASE_NAMES);
  replace(main,
    h('section', { 'aria-labelledby': 'choose-h' },
      h('h2', { id: 'choose-h' }, t.choose),
      shown.length === 0 ? h('p', null, t.none) : h('ul', { class: 'election-list' }, shown.map((e) => h('li', null,
        h('a', { href: `./${page === 'home' ? '' : `${page}.html`}?election=${encodeURIComponent(e.id)}` }, e.title),
        h('span', { class: 'muted' }, ` · ${t.phase}: ${phases[e.phase] ?? e.phase}`))))));
}
