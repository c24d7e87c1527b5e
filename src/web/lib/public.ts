/**
 * What the public pages (timeline, roll, board, results) share: the election as the API
 * describes it, and the row of links between them, each keeping the election.
 * @module
 */
import { h } from './dom.js';
import { type Bilingual, texts, useElectionLanguage } from './i18n.js';
import { type PageId, pageUrl } from './shell.js';
import { publicApi } from './api.js';

/** The election as `GET /elections/:id` gives it (what the public pages read). */
export interface PublicElection {
  id: string;
  title: string;
  phase: string;
  phaseChangedAt: string;
  timeline: Partial<Record<'accreditationOpens' | 'accreditationCloses' | 'nominationsClose' | 'tokensOpen' | 'votingOpens' | 'votingCloses', string>>;
  /** The election's constituencies (older servers may not send them: the template then). */
  constituencies?: { code: string; nameEs: string; nameEn: string }[];
  /** The election's rules; `tokenWindow` says whether it has a token window before voting. */
  rules?: { tokenWindow?: boolean };
  /** The languages it is run in, the first its default (older servers may not send them). */
  languages?: string[];
  contests?: { id: string; constituency: string; title: string; seats: number; alternates: number; maxSelections: number }[];
}

/** The election; a visitor who chose no language gets the election's default (i18n.ts `useElectionLanguage`). */
export async function fetchElection(id: string): Promise<PublicElection> {
  const e = (await publicApi().get(`/elections/${encodeURIComponent(id)}`)) as PublicElection;
  useElectionLanguage(e.languages);
  return e;
}

const LINKS: Bilingual<{ label: string; timeline: string; roll: string; board: string; results: string; print: string }> = {
  es: { label: 'Información pública de la elección', timeline: 'Calendario', roll: 'Padrón', board: 'Tablero público', results: 'Resultados', print: 'Imprimir' },
  en: { label: 'The election\'s public information', timeline: 'Timeline', roll: 'Roll', board: 'Public board', results: 'Results', print: 'Print' },
};

/** Links to the four public pages of this election, the current one marked, and a print button. */
export function publicNav(current: PageId): HTMLElement {
  const t = texts(LINKS);
  const pages: [PageId, string][] = [['timeline', t.timeline], ['roll', t.roll], ['board', t.board], ['results', t.results]];
  return h('nav', { class: 'public-nav no-print', 'aria-label': t.label },
    h('ul', null, pages.map(([id, label]) => h('li', null,
      h('a', { href: pageUrl(id), ...(id === current && { 'aria-current': 'page' }) }, label)))),
    h('button', { type: 'button', class: 'btn small', onclick: () => window.print() }, t.print));
}
