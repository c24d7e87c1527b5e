/**
 * The console's buttons and reason forms, disabled while a decision is under way.
 * @module
 */
import { h } from '../lib/dom.js';
import { state } from './state.js';
import type { CommitteeTexts } from './strings.js';

export function btn(label: string, onclick: () => void, opts: { primary?: boolean; testid?: string; danger?: boolean } = {}): HTMLButtonElement {
  return h('button', {
    type: 'button', class: `btn small${opts.primary ? ' primary' : ''}${opts.danger ? ' danger' : ''}`, onclick,
    disabled: state.busy, 'data-testid': opts.testid,
  }, label);
}

/** A reason field and the buttons that decide with it; `needReason` buttons refuse an empty reason. */
export function decisionForm(id: string, t: CommitteeTexts, label: string, choices: { label: string; needReason: boolean; run: (reason: string) => void; testid: string; primary?: boolean }[]): HTMLElement {
  const input = h('input', { type: 'text', id: `reason-${id}`, name: 'reason', 'aria-describedby': `reason-err-${id}` });
  const err = h('p', { id: `reason-err-${id}`, class: 'error-text', 'aria-live': 'polite' });
  return h('div', { class: 'stack' },
    h('div', { class: 'field' }, h('label', { for: `reason-${id}` }, label), input, err),
    h('div', { class: 'actions' }, choices.map((c) => btn(c.label, () => {
      const reason = input.value.trim();
      if (c.needReason && reason === '') {
        err.textContent = t.reasonRequired;
        input.focus();
        return;
      }
      c.run(reason);
    }, { testid: c.testid, primary: c.primary ?? false, danger: !c.primary }))));
}
