/**
 * The key ceremony's progress and who has posted decryption shares.
 * @module
 */
import { type Child, h } from '../lib/dom.js';
import { type Data, sectorName } from './state.js';
import type { CommitteeTexts } from './strings.js';


function mark(ok: boolean, t: CommitteeTexts): Child {
  return h('span', { class: ok ? 'ok-text' : 'muted' }, ok ? `✓ ${t.posted}` : t.missing);
}

export function renderCeremony(d: Data, t: CommitteeTexts): Child {
  const c = d.ceremony;
  if (c === null || ['draft', 'accreditation', 'nominations'].includes(d.election.phase)) return null;
  const dealt = new Set(c.dealings.map((x) => x.dealer));
  const posted = new Set(d.sharesPosted ?? []);
  return h('section', { 'aria-labelledby': 'ceremony-h' },
    h('h2', { id: 'ceremony-h' }, t.ceremonyTitle),
    h('p', null, t.ceremonyParams(c.n, c.t)),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'ceremony-h' },
      h('table', { 'data-testid': 'ceremony' },
        h('thead', null, h('tr', null, [t.trustee, t.key, t.dealing, t.verification].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', null, c.trustees.map((tr) => h('tr', null,
          h('th', { scope: 'row' }, `${tr.index}. ${tr.fullName} (${sectorName(tr.sector)})`,
            c.disqualified.includes(tr.index) ? h('span', { class: 'error-text' }, ` — ${t.disqualified}`) : null),
          h('td', null, mark(tr.publicKey !== null, t)),
          h('td', null, mark(dealt.has(tr.index), t)),
          h('td', null, mark(c.verified.includes(tr.index), t))))))),
    h('p', null, `${t.complaints}: ${c.complaints.length}`),
    h('p', { class: c.jointPublicKey === null ? 'muted' : 'ok-text' }, c.jointPublicKey === null ? t.jointKeyMissing : `✓ ${t.jointKeyReady}`),
    h('h3', null, t.sharesTitle),
    d.sharesPosted === null ? h('p', { class: 'muted' }, t.sharesBefore) : [
      h('p', { 'data-testid': 'shares-progress' }, t.sharesProgress(Math.min(posted.size, c.t), c.t)),
      h('ul', { 'data-testid': 'shares' }, c.trustees.map((tr) => h('li', null, `${tr.index}. ${tr.fullName}: `,
        h('span', { class: posted.has(tr.index) ? 'ok-text' : 'muted' }, posted.has(tr.index) ? `✓ ${t.sharePosted}` : t.shareMissing)))),
    ]);
}
