/**
 * The forms that create accounts one at a time — a committee member, an auditor, an
 * association — each answered by the API with the account's invitation letter. A form's
 * values are kept in `saved` while the request runs, so a refusal shows them again.
 * @module
 */
import { type Child, h } from '../lib/dom.js';
import { SECTOR_NAMES, texts } from '../lib/i18n.js';
import { regionName } from '../lib/regions.js';
import type { Texts } from './strings.js';

export type Saved = Record<string, Record<string, string | string[]>>;
export interface Member { id: string; fullName: string; sector: string; organisation: string; role: string }
export interface Reference { regions: string[]; sectors: string[]; committeeRoles: string[]; constituencies: string[] }

/** A form whose submit hands its values (repeated names as lists) to `submit`. */
function form(id: string, saved: Saved, busy: boolean, label: string, submit: (v: Record<string, string | string[]>) => void, ...fields: Child[]): HTMLFormElement {
  const f = h('form', { class: 'stack', novalidate: true, 'data-testid': id }, fields,
    h('button', { type: 'submit', class: 'btn primary', disabled: busy }, label));
  f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v: Record<string, string | string[]> = {};
    for (const [k, x] of new FormData(f).entries()) {
      const s = String(x).trim();
      const prev = v[k];
      v[k] = prev === undefined ? s : [...(Array.isArray(prev) ? prev : [prev]), s];
    }
    saved[id] = v;
    submit(v);
  });
  return f;
}

const val = (saved: Saved, form: string, name: string): string => {
  const v = saved[form]?.[name];
  return typeof v === 'string' ? v : '';
};

function text(saved: Saved, formId: string, name: string, label: string, type = 'text', required = true): Child {
  const id = `${formId}-${name}`;
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('input', { id, name, type, value: val(saved, formId, name), required, autocomplete: 'off' }));
}

function select(saved: Saved, formId: string, name: string, label: string, options: [string, string][]): Child {
  const id = `${formId}-${name}`;
  const chosen = val(saved, formId, name);
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('select', { id, name }, options.map(([v, l]) => h('option', { value: v, ...(v === chosen && { selected: true }) }, l))));
}

export function committeeForms(members: Member[], ref: Reference, saved: Saved, t: Texts, busy: boolean,
  on: { member(v: Record<string, string | string[]>): void; auditor(v: Record<string, string | string[]>): void }): Child {
  const sectors = texts(SECTOR_NAMES);
  return [
    h('div', { class: 'card stack' },
      h('h3', null, t.committeeTitle), h('p', { class: 'muted' }, t.committeeLead),
      members.length === 0 ? null : [h('h4', null, t.members), h('ul', { 'data-testid': 'members' }, members.map((m) =>
        h('li', null, `${m.fullName} — ${sectors[m.sector] ?? m.sector}, ${m.organisation} (${t.roles[m.role] ?? m.role})`)))],
      form('member-form', saved, busy, busy ? t.inviting : t.invite, on.member,
        text(saved, 'member-form', 'fullName', t.fullName),
        select(saved, 'member-form', 'sector', t.sector, ref.sectors.map((s) => [s, sectors[s] ?? s])),
        text(saved, 'member-form', 'organisation', t.organisation),
        select(saved, 'member-form', 'role', t.role, ref.committeeRoles.map((r) => [r, t.roles[r] ?? r])),
        text(saved, 'member-form', 'accountEmail', t.accountEmail, 'email'))),
    h('div', { class: 'card stack' },
      h('h3', null, t.auditorTitle), h('p', { class: 'muted' }, t.auditorLead),
      form('auditor-form', saved, busy, busy ? t.inviting : t.inviteAuditor, on.auditor,
        text(saved, 'auditor-form', 'email', t.accountEmail, 'email'))),
  ];
}

export function associationForm(ref: Reference, constituencies: { code: string; name: string }[], saved: Saved, t: Texts, busy: boolean,
  submit: (v: Record<string, string | string[]>) => void): Child {
  const F = 'association-form';
  const chosen = saved[F]?.constituencies ?? [];
  return h('div', { class: 'card stack' },
    h('h3', null, t.oneTitle),
    form(F, saved, busy, t.register, submit,
      text(saved, F, 'legalName', t.legalName),
      text(saved, F, 'registrationNumber', t.registrationNumber),
      select(saved, F, 'region', t.region, ref.regions.map((r) => [r, regionName(r)])),
      h('fieldset', null, h('legend', null, t.constituencies), h('div', { class: 'checks' }, constituencies.map((c) =>
        h('label', null, h('input', { type: 'checkbox', name: 'constituencies', value: c.code, ...(chosen.includes(c.code) && { checked: true }) }), ` ${c.name}`)))),
      text(saved, F, 'contactName', t.contactName),
      text(saved, F, 'contactEmail', t.contactEmail, 'email'),
      text(saved, F, 'contactPhone', `${t.contactPhone} ${t.optional}`, 'tel', false),
      text(saved, F, 'accountEmail', t.accountEmail, 'email')));
}
