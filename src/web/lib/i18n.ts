/**
 * Languages: Spanish by default, English on request (`?lang=en` or the switch in the
 * header, remembered in localStorage: a preference, not a secret). Each page keeps its
 * texts as one object per language; TypeScript checks that the English object has every
 * key of the Spanish one.
 * @module
 */

import { PHASE_LABELS } from '../../record/labels.js';
import { formatCount, formatShare } from '../../record/number-format.js';

export type Lang = 'es' | 'en';

const KEY = 'anfora.lang';
let current: Lang = 'es';
/** The visitor chose the language (`?lang=`, or the switch remembered): an election's default does not override it. */
let chosen = false;
const listeners: (() => void)[] = [];

/** The language chosen by `?lang=`, else the remembered one, else Spanish. */
export function initLang(): Lang {
  const q = new URLSearchParams(location.search).get('lang');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    // storage may be disabled; Spanish then
  }
  current = q === 'en' || q === 'es' ? q : stored === 'en' ? 'en' : 'es';
  chosen = q === 'en' || q === 'es' || stored === 'en' || stored === 'es';
  document.documentElement.lang = current;
  return current;
}

/**
 * An election's default language (the first of its `languages`, issue 13) for a visitor
 * who has not chosen one: the page switches to it without remembering it, and whoever
 * listens re-renders. The switch in the header still offers the other language.
 */
export function useElectionLanguage(languages: readonly string[] | undefined): void {
  const first = languages?.[0];
  if (chosen || (first !== 'es' && first !== 'en') || first === current) return;
  current = first;
  document.documentElement.lang = first;
  for (const f of listeners) f();
}

export function lang(): Lang {
  return current;
}

/** Switch language, remember it, and re-render whoever listens. */
export function setLang(l: Lang): void {
  current = l;
  chosen = true;
  document.documentElement.lang = l;
  try {
    localStorage.setItem(KEY, l);
  } catch {
    // not remembered then
  }
  for (const f of listeners) f();
}

export function onLangChange(f: () => void): void {
  listeners.push(f);
}

/** A page's texts in both languages; `en` must have the keys and types of `es`. */
export type Bilingual<T> = { readonly es: T; readonly en: T };

/** The texts of the current language. */
export function texts<T>(b: Bilingual<T>): T {
  return b[current];
}

/** Phase names as shown to people (one list, shared with the server's messages). */
export const PHASE_NAMES: Bilingual<Record<string, string>> = PHASE_LABELS;

export const SECTOR_NAMES: Bilingual<Record<string, string>> = {
  es: {
    government: 'gobierno', civil_society: 'sociedad civil', international_cooperation: 'cooperación internacional',
    ngo: 'ONG', academia: 'academia', religious: 'organizaciones religiosas',
  },
  en: {
    government: 'government', civil_society: 'civil society', international_cooperation: 'international cooperation',
    ngo: 'NGO', academia: 'academia', religious: 'religious organisations',
  },
};

/** A date-time in the page's language. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(current === 'es' ? 'es-PE' : 'en-GB', { dateStyle: 'long', timeStyle: 'medium' });
}

/** A number in the page's language: the one rule of src/record/number-format.ts ("12.345" in Spanish, "12,345" in English). */
export function formatNumber(n: number): string {
  return formatCount(n, current);
}

/**
 * `n` of `of` as a percentage with one decimal, as each language writes it: "66,7 %" in
 * Spanish (decimal comma, a space before the sign), "66.7%" in English; 0 of 0 is 0.
 */
export function formatPercent(n: number, of: number): string {
  return formatShare(n, of, current);
}
