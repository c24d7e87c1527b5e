/**
 * The booth's page frame: the shell, moving between steps, the live regions for failures
 * and work in progress, and the pieces every step draws (progress bar, buttons, the board
 * status of a receipt). The step views are in the *-view.ts modules; main.ts installs the
 * renderer that picks one ({@link setRenderer}).
 * @module
 */
import { type Child, h, replace } from '../lib/dom.js';
import { texts } from '../lib/i18n.js';
import { focusHeading, mountShell } from '../lib/shell.js';
import { type Step, type Text, state } from './state.js';
import { BOOTH, type BoothTexts } from './strings.js';

let renderer: () => void = () => undefined;

export const shell = mountShell('booth', { es: BOOTH.es.title, en: BOOTH.en.title }, () => renderer());
export const main = shell.main;

/** Install the function that draws the current step (main.ts). */
export function setRenderer(f: () => void): void {
  renderer = f;
}

/** Draw the current step again (after a language switch, or new data). */
export function render(): void {
  renderer();
}

/** Move to `step`: clear the step's messages, draw it and focus its heading. */
export function go(step: Step): void {
  state.step = step;
  state.message = null;
  state.busy = null;
  main.removeAttribute('aria-busy');
  render();
  focusHeading(main);
}

/**
 * The step's live regions: an alert for failures, a status for work in progress. They are
 * updated in place ({@link showMessage}, {@link setBusy}) so that typed values and focus stay.
 */
export function feedback(t: BoothTexts): Child[] {
  return [
    h('div', { id: 'alert', role: 'alert', class: state.message === null ? 'notice error empty' : 'notice error' }, state.message?.(t) ?? ''),
    h('p', { id: 'busy', role: 'status', class: state.busy === null ? 'notice busy empty' : 'notice busy' }, state.busy?.(t) ?? ''),
  ];
}

export function showMessage(f: Text | null): void {
  state.message = f;
  const el = main.querySelector('#alert');
  if (el === null) return;
  el.textContent = f?.(texts(BOOTH)) ?? '';
  el.classList.toggle('empty', f === null);
}

/** Show work in progress (or none): every button is disabled meanwhile, but the one whose test id is `allow`. */
export function setBusy(f: Text | null, allow?: string): void {
  state.busy = f;
  const el = main.querySelector('#busy');
  if (el !== null) {
    el.textContent = f?.(texts(BOOTH)) ?? '';
    el.classList.toggle('empty', f === null);
  }
  main.setAttribute('aria-busy', String(f !== null));
  for (const b of main.querySelectorAll('button')) b.disabled = f !== null && (allow === undefined || b.dataset.testid !== allow);
}

export function progress(t: BoothTexts, n: number): HTMLElement {
  return h('nav', { class: 'progress', 'aria-label': t.steps },
    h('ol', null, t.stepNames.map((name, i) => h('li', {
      class: i + 1 < n ? 'done' : i + 1 === n ? 'current' : '', ...(i + 1 === n && { 'aria-current': 'step' }),
    }, h('span', { class: 'num', 'aria-hidden': 'true' }, String(i + 1)), ` ${name}`))),
    h('p', { class: 'visually-hidden' }, t.stepOf(n, t.stepNames.length)));
}

export function button(label: string, onclick: () => void, opts: { primary?: boolean; testid?: string; disabled?: boolean } = {}): HTMLButtonElement {
  return h('button', {
    type: 'button', class: opts.primary ? 'btn primary' : 'btn', onclick, 'data-testid': opts.testid, disabled: opts.disabled || state.busy !== null,
  }, label);
}

/** Whether the receipt's ballot was found on the board: looking, found, or not. */
export function boardStatus(t: BoothTexts): Child {
  if (state.board === 'pending') return h('p', { class: 'notice busy' }, t.checkingBoard);
  if (state.board === 'ok') return h('p', { class: 'notice ok', 'data-testid': 'on-board' }, `✓ ${t.onBoard}`);
  return h('p', { class: 'notice error' }, t.notOnBoard(state.board.detail));
}

/** Redraw the receipt's board status in place, and say it. */
export function showBoardStatus(): void {
  if (state.step !== 'receipt') return;
  const t = texts(BOOTH);
  const box = main.querySelector('#board-status');
  if (box !== null) replace(box, boardStatus(t));
  shell.announce(state.board === 'ok' ? t.onBoard : t.notOnBoard(typeof state.board === 'object' ? state.board.detail : ''));
}
