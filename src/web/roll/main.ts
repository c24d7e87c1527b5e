/**
 * The published roll per constituency (issue 13): from voting on, the manifest's rolls
 * (fetched and checked by the booth's own `fetchManifest`, its hash shown); before that,
 * the accredited roll so far, marked as provisional.
 * @module
 */
import { fetchManifest } from '../../client/manifest.js';
import { manifestConstituencies } from '../../record/manifest.js';
import type { ConstituencyDef } from '../../record/constituencies.js';
import { toHex } from '../../crypto/group.js';
import { ApiError, errorText, publicApi } from '../lib/api.js';
import { constituencyLabel } from '../lib/constituencies.js';
import { h, replace } from '../lib/dom.js';
import { renderElectionChooser } from '../lib/elections.js';
import { formatNumber, lang, texts } from '../lib/i18n.js';
import { type PublicElection, fetchElection, publicNav } from '../lib/public.js';
import { regionName } from '../lib/regions.js';
import { electionParam, mountShell } from '../lib/shell.js';
import { ROLL, type RollTexts } from './strings.js';

interface RollContest { id: string; title: string; constituency: string; roll: { legalName: string; region: string }[]; smallRoll: boolean }

const electionId = electionParam();
const state = {
  election: null as PublicElection | null,
  contests: null as RollContest[] | null,
  manifestHash: null as string | null,
  /** Whose names the contests' constituencies take: the manifest's once frozen, the election's before. */
  constituencies: undefined as readonly ConstituencyDef[] | undefined,
  error: null as string | null,
};
const shell = mountShell('roll', { es: ROLL.es.title, en: ROLL.en.title }, () => render());

async function load(id: string): Promise<void> {
  state.election = await fetchElection(id);
  try {
    const m = await fetchManifest(publicApi(), id);
    if (!m.ok) throw new Error(m.detail);
    state.manifestHash = toHex(m.hash);
    state.constituencies = manifestConstituencies(m.manifest);
    state.contests = m.manifest.contests.map((c) => ({
      id: c.id, title: c.title, constituency: c.constituency, roll: c.roll, smallRoll: c.smallRoll !== null && c.smallRoll !== undefined,
    }));
  } catch (e) {
    // 409: no manifest before voting opens; the accredited roll so far then.
    if (!(e instanceof ApiError && e.status === 409)) throw e;
    const contests = state.election.contests ?? [];
    state.constituencies = state.election.constituencies;
    state.contests = await Promise.all(contests.map(async (c) => ({
      id: c.id, title: c.title, constituency: c.constituency, smallRoll: false,
      roll: (await publicApi().get(`/elections/${encodeURIComponent(id)}/contests/${encodeURIComponent(c.id)}/roll`)) as { legalName: string; region: string }[],
    })));
  }
}

function renderContest(c: RollContest, t: RollTexts): HTMLElement {
  const rows = [...c.roll].sort((a, b) => a.legalName.localeCompare(b.legalName, lang()));
  return h('section', { class: 'card', 'aria-labelledby': `c-${c.id}`, 'data-testid': `roll-${c.id}` },
    h('h2', { id: `c-${c.id}` }, c.title),
    h('p', { class: 'muted', 'data-testid': 'roll-constituency' }, constituencyLabel(c.constituency, state.constituencies)),
    h('p', { class: 'big', 'data-testid': 'roll-count' }, t.count(formatNumber(c.roll.length))),
    c.smallRoll ? h('p', { class: 'notice warn' }, t.smallRoll) : null,
    rows.length === 0 ? h('p', null, t.empty) : h('div', { class: 'table-wrap' },
      h('table', null,
        h('caption', { class: 'visually-hidden' }, c.title),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t.position), h('th', { scope: 'col' }, t.name), h('th', { scope: 'col' }, t.region))),
        h('tbody', null, rows.map((a, i) => h('tr', null, h('td', null, formatNumber(i + 1)), h('td', null, a.legalName), h('td', null, regionName(a.region))))))));
}

function render(): void {
  const t = texts(ROLL);
  if (electionId === null) {
    void renderElectionChooser(shell.main, 'roll');
    return;
  }
  const e = state.election;
  replace(shell.main,
    publicNav('roll'),
    state.error !== null ? h('p', { class: 'notice error', role: 'alert' }, state.error)
      : e === null || state.contests === null ? h('p', { role: 'status' }, t.loading) : [
        h('p', { class: 'lead' }, e.title),
        h('p', null, t.lead),
        h('p', { class: 'notice', 'data-testid': 'roll-status' }, state.manifestHash !== null ? t.frozen(state.manifestHash) : t.provisional),
        state.contests.map((c) => renderContest(c, t)),
      ]);
}

render();
if (electionId !== null) load(electionId).catch((e) => { state.error = errorText(e); }).finally(render);
