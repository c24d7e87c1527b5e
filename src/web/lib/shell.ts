/**
 * The frame every page shares: a skip link, the header with the page's name, navigation
 * and the language switch, the `<main>` the page renders into, and a polite live region.
 * On a language switch the page renders again and focus returns to the switch.
 * @module
 */
import { h, replace } from './dom.js';
import { type Bilingual, initLang, lang, onLangChange, setLang, texts } from './i18n.js';
import { KEYFILE_COST } from './keyfile-cost.js';

const COMMON: Bilingual<{
  skip: string; app: string; tagline: string; nav: string; home: string; booth: string; check: string; committee: string;
  auditor: string; portal: string; switchTo: string; switchLabel: string; footer: string; testBuild: string;
}> = {
  es: {
    skip: 'Saltar al contenido', app: 'Ánfora', tagline: 'Elecciones verificables de voto secreto', nav: 'Secciones',
    home: 'Inicio', booth: 'Votar', check: 'Comprobar mi voto', committee: 'Comité electoral', auditor: 'Auditoría', portal: 'Asociaciones',
    switchTo: 'English', switchLabel: 'Switch to English', footer: 'Ánfora · software libre (AGPL-3.0)',
    testBuild: 'Versión de prueba: los archivos de clave se sellan con un coste de derivación reducido (scrypt N = 2^10). No la use en una elección real.',
  },
  en: {
    skip: 'Skip to content', app: 'Ánfora', tagline: 'Verifiable secret-ballot elections', nav: 'Sections',
    home: 'Home', booth: 'Vote', check: 'Check my ballot', committee: 'Electoral committee', auditor: 'Audit', portal: 'Associations',
    switchTo: 'Español', switchLabel: 'Cambiar a español', footer: 'Ánfora · free software (AGPL-3.0)',
    testBuild: 'Test build: key files are sealed at a reduced derivation cost (scrypt N = 2^10). Do not use it for a real election.',
  },
};

export type PageId = 'home' | 'booth' | 'check' | 'committee' | 'auditor' | 'activate' | 'timeline' | 'roll' | 'board' | 'results' | 'admin' | 'portal' | 'trustee' | 'issuer' | 'acta';

export interface Shell {
  readonly main: HTMLElement;
  /** Say something to screen readers without moving focus. */
  announce(message: string): void;
}

/** The election id in the page's address (`?election=`), if any. */
export function electionParam(): string | null {
  const id = new URLSearchParams(location.search).get('election');
  return id !== null && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

/** The address of another page, keeping the election. */
export function pageUrl(page: PageId, params: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  const election = electionParam();
  if (election !== null && page !== 'home') q.set('election', election);
  for (const [k, v] of Object.entries(params)) q.set(k, v);
  const s = q.toString();
  return `${page === 'home' ? './' : `./${page}.html`}${s === '' ? '' : `?${s}`}`;
}

/**
 * Build the frame; `render` (the page's) runs after every language switch — the page
 * calls it itself the first time.
 * @example const shell = mountShell('booth', { es: 'Cabina de votación', en: 'Voting booth' }, render);
 */
export function mountShell(page: PageId, title: Bilingual<string>, render: () => void): Shell {
  initLang();
  const main = h('main', { id: 'main', tabindex: '-1' });
  const live = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const header = h('header', { class: 'site-header' });
  const footer = h('footer', { class: 'site-footer' });

  function frame(): void {
    const c = texts(COMMON);
    document.title = `${texts(title)} · ${c.app}`;
    const links: [PageId, string][] = [['home', c.home], ['booth', c.booth], ['check', c.check], ['committee', c.committee], ['portal', c.portal], ['auditor', c.auditor]];
    const other = lang() === 'es' ? 'en' : 'es';
    replace(header,
      h('div', { class: 'bar' },
        h('p', { class: 'brand' }, h('a', { href: pageUrl('home') }, c.app), h('span', { class: 'tagline' }, ` · ${c.tagline}`)),
        h('button', {
          type: 'button', class: 'lang-switch', id: 'lang-switch', lang: other, 'aria-label': c.switchLabel,
          // Focus back on the (redrawn) switch only when it was used: an election's default
          // language applied at start-up (i18n.ts useElectionLanguage) must not move focus.
          onclick: () => {
            setLang(other);
            document.getElementById('lang-switch')?.focus();
          },
        }, c.switchTo)),
      h('nav', { 'aria-label': c.nav },
        h('ul', null, links.map(([id, label]) => h('li', null,
          h('a', { href: pageUrl(id), ...(id === page && { 'aria-current': 'page' }) }, label))))),
      h('h1', null, texts(title)),
      // The browser tests' build only (a compile-time constant, lib/keyfile-cost.ts).
      KEYFILE_COST.testBuild ? h('p', { class: 'notice warn', role: 'note', 'data-testid': 'test-build' }, c.testBuild) : null);
    replace(footer, c.footer);
    skip.textContent = c.skip;
  }

  const skip = h('a', { class: 'skip-link', href: '#main' });
  document.body.replaceChildren(skip, header, main, live, footer);
  frame();
  onLangChange(() => {
    frame();
    render();
  });
  return {
    main,
    announce(message: string) {
      live.textContent = '';
      // A fresh text node is announced even when the message repeats.
      setTimeout(() => { live.textContent = message; }, 50);
    },
  };
}

/** Move focus to a step's heading so that keyboard and screen-reader users start there. */
export function focusHeading(root: ParentNode): void {
  const heading = root.querySelector<HTMLElement>('h2');
  if (heading === null) return;
  heading.tabIndex = -1;
  heading.focus();
}
