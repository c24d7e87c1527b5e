/**
 * The booth's voting window (issue 13): the election's phase and planned close, read
 * before anyone chooses, so that the booth shows the deadline while voting is open and,
 * once it is closed, says so at once (with the ways to check a ballot and see the
 * results) instead of failing at the cast. The planned close is informational: voting
 * closes when the committee closes it. Before voting, in the token window (issue 12), the
 * booth hands out tokens only and says when voting opens (token-window.ts).
 * @module
 */
import { type Child, h } from '../lib/dom.js';
import { type Bilingual, PHASE_NAMES, formatTime, texts } from '../lib/i18n.js';
import { fetchElection } from '../lib/public.js';
import { pageUrl } from '../lib/shell.js';

export interface VotingWindow {
  readonly phase: string;
  /** The timeline's planned close, if the election has one. */
  readonly closes: string | null;
  /** The timeline's planned opening of voting (the end of the token window), if any. */
  readonly opens: string | null;
}

const T: Bilingual<{
  deadline: (when: string) => string; passed: (when: string) => string; closedTitle: string; closed: (phase: string) => string;
  check: string; results: string; timeline: string;
}> = {
  es: {
    deadline: (w) => `Cierre previsto de la votación: ${w}`,
    passed: (w) => `El cierre previsto (${w}) ya pasó; la votación sigue abierta hasta que el comité la cierre.`,
    closedTitle: 'La votación está cerrada',
    closed: (p) => `Ya no se pueden emitir votos en esta elección (etapa actual: ${p}). Si votó, puede comprobar que su papeleta está en el tablero con su código de seguimiento.`,
    check: 'Comprobar mi voto', results: 'Ver los resultados', timeline: 'Ver el calendario',
  },
  en: {
    deadline: (w) => `Planned close of voting: ${w}`,
    passed: (w) => `The planned close (${w}) has passed; voting stays open until the committee closes it.`,
    closedTitle: 'Voting is closed',
    closed: (p) => `Ballots can no longer be cast in this election (current stage: ${p}). If you voted, you can check that your ballot is on the board with its tracking code.`,
    check: 'Check my ballot', results: 'See the results', timeline: 'See the timeline',
  },
};

let current: VotingWindow | null = null;

/**
 * Read the election's phase and planned close (kept for {@link deadlineNotice}), through the
 * public pages' loader so that the booth, like them, opens in the election's first language
 * for a voter who chose none.
 */
export async function fetchVotingWindow(electionId: string): Promise<VotingWindow> {
  const e = await fetchElection(electionId);
  current = { phase: e.phase, closes: e.timeline?.votingCloses ?? null, opens: e.timeline?.votingOpens ?? null };
  return current;
}

/** The window as last read, or null before {@link fetchVotingWindow}. */
export const votingWindow = (): VotingWindow | null => current;

/** The planned close while voting is open, or nothing. */
export function deadlineNotice(): Child {
  if (current === null || current.phase !== 'voting' || current.closes === null) return null;
  const t = texts(T);
  const passed = new Date(current.closes).getTime() <= Date.now();
  return h('p', { class: 'notice', 'data-testid': 'deadline' }, passed ? t.passed(formatTime(current.closes)) : t.deadline(formatTime(current.closes)));
}

/** What the booth shows once voting is closed, before any choice. */
export function renderClosed(): Child[] {
  const t = texts(T);
  const phase = current?.phase ?? '?';
  return [
    h('h2', null, t.closedTitle),
    h('p', { class: 'notice warn', role: 'alert', 'data-testid': 'voting-closed' }, t.closed(texts(PHASE_NAMES)[phase] ?? phase)),
    h('div', { class: 'actions' },
      h('a', { class: 'btn primary', href: pageUrl('check') }, t.check),
      phase === 'published' ? h('a', { class: 'btn', href: pageUrl('results') }, t.results) : null,
      h('a', { class: 'btn', href: pageUrl('timeline') }, t.timeline)),
  ];
}
