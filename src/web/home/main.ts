/**
 * The start page: what Ánfora is, the page for each role (administration, associations,
 * committee, trustees, audit), and every election with the way into each page and its
 * public information.
 * @module
 */
import { errorText, publicApi } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { PHASE_NAMES, texts } from '../lib/i18n.js';
import { mountShell } from '../lib/shell.js';
import { T } from './strings.js';

interface Election { id: string; title: string; phase: string }
let elections: Election[] | null = null;
let failure: string | null = null;

const shell = mountShell('home', { es: T.es.title, en: T.en.title }, () => render());

function render(): void {
  const t = texts(T);
  const phases = texts(PHASE_NAMES);
  replace(shell.main,
    h('p', { class: 'lead' }, t.lead),
    h('h2', { id: 'roles-h' }, t.roles.title),
    h('ul', { class: 'stack', 'aria-labelledby': 'roles-h', 'data-testid': 'role-pages' }, t.roles.pages.map((p) =>
      h('li', null, h('a', { href: p.href }, p.name), ` — ${p.what}`)),
      h('li', null, h('strong', null, t.publicPages), ` — ${t.roles.publicWhat} `,
        h('ul', { class: 'actions', role: 'list', style: 'list-style:none;padding:0', 'data-testid': 'public-pages' },
          ([['timeline', t.timeline], ['roll', t.roll], ['board', t.board], ['results', t.results], ['acta', t.acta]] as const).map(([page, label]) =>
            h('li', null, h('a', { href: `./${page}.html` }, label)))))),
    h('h2', null, t.elections),
    failure !== null ? h('p', { class: 'notice error', role: 'alert' }, failure)
      : elections === null ? h('p', null, t.loading)
        : elections.length === 0 ? h('p', null, t.none)
          : h('ul', { class: 'election-list' }, elections.map((e) => {
            const q = `?election=${encodeURIComponent(e.id)}`;
            return h('li', { class: 'card' },
              h('h3', null, e.title),
              h('p', { class: 'muted' }, `${t.phase}: ${phases[e.phase] ?? e.phase}`),
              h('ul', { class: 'actions', role: 'list', style: 'list-style:none;padding:0', 'aria-label': t.workPages },
                e.phase === 'voting' || e.phase === 'tokens' ? h('li', null, h('a', { class: 'btn primary', href: `./booth.html${q}` }, t.booth)) : null,
                h('li', null, h('a', { class: 'btn', href: `./check.html${q}` }, t.check)),
                h('li', null, h('a', { class: 'btn', href: `./portal.html${q}` }, t.portal)),
                h('li', null, h('a', { class: 'btn', href: `./committee.html${q}` }, t.committee)),
                h('li', null, h('a', { class: 'btn', href: `./trustee.html${q}` }, t.trustee)),
                h('li', null, h('a', { class: 'btn', href: `./issuer.html${q}` }, t.issuer)),
                h('li', null, h('a', { class: 'btn', href: `./auditor.html${q}` }, t.auditor))),
              h('ul', { class: 'actions', role: 'list', style: 'list-style:none;padding:0', 'aria-label': t.publicPages },
                e.phase === 'published' ? [
                  h('li', null, h('a', { class: 'btn primary', href: `./results.html${q}` }, t.results)),
                  h('li', null, h('a', { class: 'btn', href: `./acta.html${q}` }, t.acta)),
                ] : null,
                h('li', null, h('a', { class: 'btn', href: `./timeline.html${q}` }, t.timeline)),
                h('li', null, h('a', { class: 'btn', href: `./roll.html${q}` }, t.roll)),
                h('li', null, h('a', { class: 'btn', href: `./board.html${q}` }, t.board))));
          })));
}

render();
publicApi().get('/elections').then((x) => { elections = x as Election[]; }, (e) => { failure = errorText(e); }).finally(render);
