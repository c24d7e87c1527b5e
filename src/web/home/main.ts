/**
 * The start page: what Ánfora is, and every election with the way into each page.
 * @module
 */
import { errorText, publicApi } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { type Bilingual, PHASE_NAMES, texts } from '../lib/i18n.js';
import { mountShell } from '../lib/shell.js';

const T: Bilingual<{
  title: string; lead: string; elections: string; none: string; phase: string; loading: string;
  booth: string; check: string; committee: string; auditor: string; timeline: string; roll: string; board: string; results: string; publicPages: string;
}> = {
  es: {
    title: 'Ánfora', lead: 'Elecciones de voto secreto que cualquiera puede verificar: las asociaciones votan cifrando su voto en su propio dispositivo, el comité electoral descifra solo el resultado, y cualquier persona puede auditar el registro completo.',
    elections: 'Elecciones', none: 'Todavía no hay elecciones.', phase: 'Fase', loading: 'Cargando…',
    booth: 'Votar', check: 'Comprobar mi voto', committee: 'Consola del comité', auditor: 'Auditar',
    timeline: 'Calendario', roll: 'Padrón', board: 'Tablero público', results: 'Resultados', publicPages: 'Información pública',
  },
  en: {
    title: 'Ánfora', lead: 'Secret-ballot elections anyone can verify: associations vote by encrypting their vote on their own device, the electoral committee decrypts only the result, and anyone can audit the complete record.',
    elections: 'Elections', none: 'There are no elections yet.', phase: 'Phase', loading: 'Loading…',
    booth: 'Vote', check: 'Check my ballot', committee: 'Committee console', auditor: 'Audit',
    timeline: 'Timeline', roll: 'Roll', board: 'Public board', results: 'Results', publicPages: 'Public information',
  },
};

interface Election { id: string; title: string; phase: string }
let elections: Election[] | null = null;
let failure: string | null = null;

const shell = mountShell('home', { es: T.es.title, en: T.en.title }, () => render());

function render(): void {
  const t = texts(T);
  const phases = texts(PHASE_NAMES);
  replace(shell.main,
    h('p', { class: 'lead' }, t.lead),
    h('h2', null, t.elections),
    failure !== null ? h('p', { class: 'notice error', role: 'alert' }, failure)
      : elections === null ? h('p', null, t.loading)
        : elections.length === 0 ? h('p', null, t.none)
          : h('ul', { class: 'election-list' }, elections.map((e) => {
            const q = `?election=${encodeURIComponent(e.id)}`;
            return h('li', { class: 'card' },
              h('h3', null, e.title),
              h('p', { class: 'muted' }, `${t.phase}: ${phases[e.phase] ?? e.phase}`),
              h('ul', { class: 'actions', role: 'list', style: 'list-style:none;padding:0' },
                e.phase === 'voting' || e.phase === 'tokens' ? h('li', null, h('a', { class: 'btn primary', href: `./booth.html${q}` }, t.booth)) : null,
                h('li', null, h('a', { class: 'btn', href: `./check.html${q}` }, t.check)),
                h('li', null, h('a', { class: 'btn', href: `./committee.html${q}` }, t.committee)),
                h('li', null, h('a', { class: 'btn', href: `./auditor.html${q}` }, t.auditor))),
              h('ul', { class: 'actions', role: 'list', style: 'list-style:none;padding:0', 'aria-label': t.publicPages },
                e.phase === 'published' ? h('li', null, h('a', { class: 'btn primary', href: `./results.html${q}` }, t.results)) : null,
                h('li', null, h('a', { class: 'btn', href: `./timeline.html${q}` }, t.timeline)),
                h('li', null, h('a', { class: 'btn', href: `./roll.html${q}` }, t.roll)),
                h('li', null, h('a', { class: 'btn', href: `./board.html${q}` }, t.board))));
          })));
}

render();
publicApi().get('/elections').then((x) => { elections = x as Election[]; }, (e) => { failure = errorText(e); }).finally(render);
