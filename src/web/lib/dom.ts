/**
 * A few DOM helpers, so that the pages need no framework: `h()` builds elements, `download`
 * saves a text as a file, `announce` speaks a message through the page's live region.
 * @module
 */

/** What `h()` accepts as children: nodes, text, or nothing (skipped). */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Attributes and listeners: `on<event>` functions become listeners; false/null/undefined are left out. */
export type Props = Record<string, unknown>;

function append(el: Element, c: Child): void {
  if (c === null || c === undefined || c === false) return;
  if (Array.isArray(c)) {
    for (const x of c) append(el, x as Child);
    return;
  }
  el.append(c instanceof Node ? c : String(c));
}

/**
 * Create an element. Properties `value` and `checked` are set as properties; `class` and
 * every other key as attributes (`true` → empty attribute).
 * @example h('button', { type: 'button', onclick: go }, 'Continuar')
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener);
    else if (k === 'value' || k === 'checked') (el as unknown as Record<string, unknown>)[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** Replace an element's children. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/**
 * {@link replace} for a form the page may redraw while someone types in it (a sign-in form
 * redrawn when the election's title or language arrives): the text typed in a field keeps
 * its place in the new field of the same id, and so does the focus.
 */
export function replaceKeepingTyped(el: Element, ...children: Child[]): void {
  const typed = [...el.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[id]:not([type="file"]), textarea[id]')]
    .filter((f) => f.value !== '').map((f) => [f.id, f.value] as const);
  const focused = el.contains(document.activeElement) ? document.activeElement?.id ?? '' : '';
  replace(el, ...children);
  for (const [id, value] of typed) {
    const f = el.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${CSS.escape(id)}`);
    if (f !== null && f.value === '') f.value = value;
  }
  if (focused !== '') el.querySelector<HTMLElement>(`#${CSS.escape(focused)}`)?.focus();
}

/** Save `data` (text, bytes or a Blob) as a file named `name` (a JSON receipt, an audit, a record). */
export function download(name: string, data: string | ArrayBuffer | Blob, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Hex in groups of four, so that a person can read it aloud and compare it. */
export function groupHex(hex: string, group = 4): string {
  return hex.match(new RegExp(`.{1,${group}}`, 'g'))?.join(' ') ?? '';
}

/** Let the browser paint (a "working…" message) before a long synchronous step. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
