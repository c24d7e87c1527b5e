/**
 * The election form: title, description, timeline (checked for order here and by the
 * API), rules with their floors, the constituencies the committee defines and the
 * contests. Its values live in a draft the page keeps, so that adding a row or switching
 * language loses nothing; {@link electionBody} turns the draft into the API's request or
 * lists what must be corrected first.
 * @module
 */
import { type Child, h } from '../lib/dom.js';
import { lang } from '../lib/i18n.js';
import type { Texts } from './strings.js';

export const DATES = ['accreditationOpens', 'accreditationCloses', 'nominationsClose', 'tokensOpen', 'votingOpens', 'votingCloses'] as const;
type DateKey = (typeof DATES)[number];
/** Opening and closing a window at one instant leaves no window: these pairs must differ. */
const STRICT: readonly string[] = ['accreditationOpens>accreditationCloses', 'tokensOpen>votingOpens', 'votingOpens>votingCloses'];

/**
 * The floors of the API's rules (domain/rules.ts, FLOORS and the schema's minimums): shown
 * and checked here so the form says so before sending; the API refuses anything lower.
 */
export const RULES = [
  { key: 'approvalSectors', floor: 2, max: 6, initial: '2' },
  { key: 'threshold', floor: 2, max: 1000, initial: '2' },
  { key: 'minRollSize', floor: 1, max: 1000, initial: '5' },
  { key: 'minMembers', floor: 2, max: 1000, initial: '3' },
  { key: 'minDistinctSectors', floor: 2, max: 6, initial: '3' },
  { key: 'maxConsecutiveTerms', floor: 1, max: 100, initial: '' },
] as const;
type RuleKey = (typeof RULES)[number]['key'];

export interface ConstituencyDraft { code: string; nameEs: string; nameEn: string }
export interface ContestDraft { constituency: string; title: string; seats: string; alternates: string; voteFor: string }
/** The election's languages as offered (domain/languages.ts): ordered, the first the default. */
export const LANGUAGE_CHOICES = ['es,en', 'en,es', 'es', 'en'] as const;
type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

export interface ElectionDraft {
  title: string; description: string; languages: LanguageChoice; dates: Record<DateKey, string>; rules: Record<RuleKey, string>; bar: boolean;
  /** Rule `tokenWindow` (domain/rules.ts): on by default. */
  tokenWindow: boolean;
  constituencies: ConstituencyDraft[]; contests: ContestDraft[];
}

export function emptyDraft(constituencies: ConstituencyDraft[]): ElectionDraft {
  return {
    title: '', description: '', languages: 'es,en', dates: Object.fromEntries(DATES.map((d) => [d, ''])) as Record<DateKey, string>,
    rules: Object.fromEntries(RULES.map((r) => [r.key, r.initial])) as Record<RuleKey, string>, bar: true, tokenWindow: true,
    constituencies, contests: [],
  };
}

const CODE = /^[a-z][a-z0-9_]{0,39}$/;
const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);

/** The request for `POST /elections`, or what to correct. `configurable`: the API takes `constituencies`. */
export function electionBody(d: ElectionDraft, t: Texts, configurable: boolean): { ok: true; body: Record<string, unknown> } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (d.title.trim() === '') errors.push(t.titleMissing);
  const given = DATES.filter((k) => d.dates[k] !== '').map((k) => ({ k, at: new Date(d.dates[k]).getTime() }));
  for (let i = 1; i < given.length; i++) {
    const a = given[i - 1]!;
    const b = given[i]!;
    if (STRICT.includes(`${a.k}>${b.k}`) ? a.at >= b.at : a.at > b.at) errors.push(t.timelineOrder(t.dates[b.k], t.dates[a.k]));
  }
  if (!d.tokenWindow && d.dates.tokensOpen !== '') errors.push(t.tokensOpenWithoutWindow);
  const rules: Record<string, number | null> = {};
  for (const r of RULES) {
    const raw = d.rules[r.key];
    if (r.key === 'maxConsecutiveTerms' && raw.trim() === '') { rules[r.key] = null; continue; }
    const n = int(raw);
    if (!(n >= r.floor && n <= r.max)) errors.push(t.belowFloor(t.rule[r.key], r.floor));
    rules[r.key] = n;
  }
  const codes = d.constituencies.map((c) => c.code.trim());
  d.constituencies.forEach((c, i) => {
    if (!CODE.test(c.code.trim()) || (configurable && (c.nameEs.trim() === '' || c.nameEn.trim() === ''))) errors.push(t.badCode(i + 1));
  });
  for (const c of new Set(codes.filter((c, i) => codes.indexOf(c) !== i))) errors.push(t.repeatedCode(c));
  if (d.contests.length === 0) errors.push(t.noContests);
  const contests = d.contests.map((c, i) => {
    if (c.title.trim() === '') errors.push(t.contestTitleMissing(i + 1));
    if (!codes.includes(c.constituency)) errors.push(t.unknownConstituency(i + 1));
    const seats = int(c.seats);
    const alternates = int(c.alternates);
    const voteFor = int(c.voteFor);
    if (!(seats >= 1 && seats <= 20)) errors.push(`${t.seats} (${i + 1}): 1–20`);
    if (!(alternates >= 0 && alternates <= 20)) errors.push(`${t.alternates} (${i + 1}): 0–20`);
    if (!(voteFor >= 1 && voteFor <= 32)) errors.push(`${t.voteFor} (${i + 1}): 1–32`);
    return { constituency: c.constituency, title: c.title.trim(), seats, alternates, maxSelections: voteFor };
  });
  if (errors.length > 0) return { ok: false, errors };
  const timeline = Object.fromEntries(given.map(({ k, at }) => [k, new Date(at).toISOString()]));
  const { minMembers, minDistinctSectors, ...top } = rules;
  return {
    ok: true,
    body: {
      title: d.title.trim(), description: d.description.trim(), languages: d.languages.split(','), timeline, contests,
      rules: { ...top, barGlobalFundImplementers: d.bar, tokenWindow: d.tokenWindow, composition: { minMembers, minDistinctSectors } },
      ...(configurable && { constituencies: d.constituencies.map((c) => ({ code: c.code.trim(), nameEs: c.nameEs.trim(), nameEn: c.nameEn.trim() })) }),
    },
  };
}

export interface ElectionHandlers {
  /** The draft changed (no re-render needed). */
  changed(): void;
  /** A row was added or removed: re-render, focus `focusId` if given. */
  relist(focusId?: string): void;
  submit(): void;
}

function input(id: string, label: string, value: string, set: (v: string) => void, on: ElectionHandlers, extra: Record<string, unknown> = {}, help?: string): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('input', { id, name: id, value, type: 'text', ...extra, ...(help !== undefined && { 'aria-describedby': `${id}-help` }), oninput: (e: Event) => { set((e.target as HTMLInputElement).value); on.changed(); } }),
    help === undefined ? null : h('p', { id: `${id}-help`, class: 'muted' }, help));
}

function constituencyRows(d: ElectionDraft, t: Texts, configurable: boolean, on: ElectionHandlers): Child {
  return h('fieldset', { class: 'card stack', 'data-testid': 'constituencies' },
    h('legend', null, t.constituencies),
    h('p', { class: 'muted' }, configurable ? t.constituenciesHelp : t.constituenciesFixed),
    d.constituencies.map((c, i) => h('div', { class: 'admin-row', 'data-testid': 'constituency-row' },
      input(`cons-code-${i}`, t.code, c.code, (v) => { c.code = v; }, on, { spellcheck: 'false', autocomplete: 'off', ...(!configurable && { readonly: true }) }),
      configurable ? [
        input(`cons-es-${i}`, t.nameEs, c.nameEs, (v) => { c.nameEs = v; }, on, { lang: 'es' }),
        input(`cons-en-${i}`, t.nameEn, c.nameEn, (v) => { c.nameEn = v; }, on, { lang: 'en' }),
        h('button', { type: 'button', class: 'btn small', onclick: () => { d.constituencies.splice(i, 1); on.relist('add-constituency'); } }, t.remove(c.code || String(i + 1))),
      ] : null)),
    configurable ? h('button', {
      type: 'button', class: 'btn small', id: 'add-constituency', 'data-testid': 'add-constituency',
      onclick: () => { d.constituencies.push({ code: '', nameEs: '', nameEn: '' }); on.relist(`cons-code-${d.constituencies.length - 1}`); },
    }, t.addConstituency) : null);
}

function contestRows(d: ElectionDraft, t: Texts, on: ElectionHandlers): Child {
  const num = (id: string, label: string, value: string, set: (v: string) => void, min: number) =>
    input(id, label, value, set, on, { type: 'number', min, inputmode: 'numeric' });
  return h('fieldset', { class: 'card stack', 'data-testid': 'contests' },
    h('legend', null, t.contests),
    h('p', { class: 'muted' }, t.contestsHelp),
    d.contests.map((c, i) => h('div', { class: 'admin-row', 'data-testid': 'contest-row' },
      h('div', { class: 'field' }, h('label', { for: `contest-cons-${i}` }, t.constituency),
        h('select', { id: `contest-cons-${i}`, onchange: (e: Event) => { c.constituency = (e.target as HTMLSelectElement).value; on.changed(); } },
          d.constituencies.map((k) => h('option', { value: k.code, ...(k.code === c.constituency && { selected: true }) }, k.nameEs || k.nameEn ? `${k.code} — ${(lang() === 'en' ? k.nameEn : k.nameEs) || k.nameEs}` : k.code)))),
      input(`contest-title-${i}`, t.contestTitle, c.title, (v) => { c.title = v; }, on),
      num(`contest-seats-${i}`, t.seats, c.seats, (v) => { c.seats = v; }, 1),
      num(`contest-alternates-${i}`, t.alternates, c.alternates, (v) => { c.alternates = v; }, 0),
      num(`contest-votefor-${i}`, t.voteFor, c.voteFor, (v) => { c.voteFor = v; }, 1),
      h('button', { type: 'button', class: 'btn small', onclick: () => { d.contests.splice(i, 1); on.relist('add-contest'); } }, t.remove(c.title || String(i + 1))))),
    h('button', {
      type: 'button', class: 'btn small', id: 'add-contest', 'data-testid': 'add-contest',
      onclick: () => {
        d.contests.push({ constituency: d.constituencies[0]?.code ?? '', title: '', seats: '1', alternates: '1', voteFor: '1' });
        on.relist(`contest-cons-${d.contests.length - 1}`);
      },
    }, t.addContest));
}

/** The whole form; `errors` are those of the last attempt to create. */
export function electionForm(d: ElectionDraft, t: Texts, configurable: boolean, busy: boolean, errors: string[], on: ElectionHandlers): HTMLElement {
  const form = h('form', { class: 'stack', novalidate: true, 'data-testid': 'election-form', 'aria-labelledby': 'election-h' },
    h('p', { class: 'muted' }, t.electionLead),
    errors.length === 0 ? null : h('div', { class: 'notice error', role: 'alert', id: 'election-errors', tabindex: '-1', 'data-testid': 'election-errors' },
      h('p', null, t.fixFirst), h('ul', null, errors.map((e) => h('li', null, e)))),
    input('e-title', t.eTitle, d.title, (v) => { d.title = v; }, on, { required: true }),
    h('div', { class: 'field' }, h('label', { for: 'e-description' }, t.eDescription),
      h('textarea', { id: 'e-description', rows: 3, oninput: (e: Event) => { d.description = (e.target as HTMLTextAreaElement).value; on.changed(); } }, d.description)),
    h('div', { class: 'field' }, h('label', { for: 'e-languages' }, t.languages),
      h('select', { id: 'e-languages', 'aria-describedby': 'e-languages-help', onchange: (e: Event) => { d.languages = (e.target as HTMLSelectElement).value as LanguageChoice; on.changed(); } },
        LANGUAGE_CHOICES.map((c) => h('option', { value: c, ...(c === d.languages && { selected: true }) }, t.languageChoices[c]))),
      h('p', { id: 'e-languages-help', class: 'muted' }, t.languagesHelp)),
    h('fieldset', { class: 'card stack' }, h('legend', null, t.timeline), h('p', { class: 'muted', id: 'timeline-help' }, t.timelineHelp),
      DATES.map((k) => input(`date-${k}`, t.dates[k], d.dates[k], (v) => { d.dates[k] = v; }, on, { type: 'datetime-local', 'aria-describedby': 'timeline-help' }))),
    h('fieldset', { class: 'card stack', 'data-testid': 'rules' }, h('legend', null, t.rules), h('p', { class: 'muted' }, t.rulesHelp),
      RULES.map((r) => input(`rule-${r.key}`, t.rule[r.key], d.rules[r.key], (v) => { d.rules[r.key] = v; }, on,
        { type: 'number', min: r.floor, max: r.max, inputmode: 'numeric', ...(r.key === 'maxConsecutiveTerms' && { placeholder: t.noLimit }) }, t.floor(r.floor))),
      h('div', { class: 'field' }, h('label', null,
        h('input', { type: 'checkbox', id: 'rule-bar', checked: d.bar, onchange: (e: Event) => { d.bar = (e.target as HTMLInputElement).checked; on.changed(); } }),
        ` ${t.rule.barGlobalFundImplementers}`)),
      h('div', { class: 'field' }, h('label', null,
        h('input', { type: 'checkbox', id: 'rule-tokenWindow', checked: d.tokenWindow, 'aria-describedby': 'rule-tokenWindow-help', onchange: (e: Event) => { d.tokenWindow = (e.target as HTMLInputElement).checked; on.changed(); } }),
        ` ${t.tokenWindow}`),
      h('p', { id: 'rule-tokenWindow-help', class: 'muted' }, t.tokenWindowHelp))),
    constituencyRows(d, t, configurable, on),
    contestRows(d, t, on),
    h('button', { type: 'submit', class: 'btn primary', disabled: busy, 'data-testid': 'create-election' }, busy ? t.creating : t.create));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    on.submit();
  });
  return form;
}
