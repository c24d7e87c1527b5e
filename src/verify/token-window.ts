/**
 * Check 41, the token window (issue 12; docs/election-record.md): under the rule
 * `tokenWindow` the election opens into a window in which tokens are obtained, and only
 * then does casting open, so that the time and order of issuance say nothing about the
 * time or order of ballots. What the record lets one tell:
 * - the manifest follows the decision that opened the window, and casting opens by a
 *   later decision, right after which the `token_window` event counts the tokens issued
 *   per contest;
 * - no ballot comes before that event;
 * - the issuance log published at the close holds, per contest, exactly as many entries
 *   as the window counted: none was issued once ballots could be cast.
 * Issuance entries carry no time (they go on the board together at the close), so the
 * count is what dates them. Without the rule the check passes with a plain notice that
 * tokens were issued while voting. A manifest whose rules do not say `tokenWindow: true`
 * (records written before the rule) ran without the window.
 * @module
 */
import type { Statement } from '../record/statements.js';
import type { CheckedDecision } from './checked-events.js';
import { tokenWindowOn } from './decision-record.js';
import { text } from './report.js';
import { firstOf, parsedOf, type VerifyState } from './state.js';

/** What the check says when the rule was off, for the report's readers. */
export const TOKEN_WINDOW_OFF = text(
  'Aviso: esta elección se realizó SIN ventana de fichas (regla tokenWindow desactivada por el comité). Las fichas se obtuvieron durante la votación, así que la hora y el orden de su emisión podrían acercarse a la hora y el orden de las papeletas.',
  'Notice: this election ran WITHOUT a token window (rule tokenWindow turned off by the committee). Tokens were obtained while voting was open, so the time and order of their issuance could come close to the time and order of the ballots.');

/** Check 41 (see the module comment); `firstBallotSeq` is the seq of the record's first ballot, if any. */
export function checkTokenWindow(s: VerifyState, firstBallotSeq: number | undefined): void {
  const { f, names } = s;
  const m = s.manifest;
  const windows = parsedOf(s, 'token_window');
  if (m === undefined) {
    if (s.partial && firstOf(s, 'manifest') === undefined) f.pending('token_window', text('no alcanzado: el registro no tiene manifiesto todavía', 'not reached: the record has no manifest yet'));
    return;
  }
  if (!tokenWindowOn(m.json.rules)) {
    for (const w of windows) {
      f.add('token_window', names.event(w.event.seq, 'token_window'), text('cierre de una ventana de fichas que las reglas del manifiesto no tienen', 'closes a token window the manifest\'s rules do not have'));
    }
    f.note('token_window', TOKEN_WINDOW_OFF);
    return;
  }
  const phaseTo = (to: string) => s.events.find((e) => e.kind === 'decision' && e.data !== undefined
    && (e.data as CheckedDecision).statement.kind === 'phase_change' && ((e.data as CheckedDecision).statement as Statement & { to: string }).to === to);
  const opened = phaseTo('tokens');
  if (opened === undefined || opened.index > m.event.index) {
    f.add('token_window', names.manifest(), text('el manifiesto se congeló sin una decisión previa que abra la ventana de fichas', 'the manifest was frozen with no earlier decision opening the token window'));
  }
  const casting = phaseTo('voting');
  for (const w of windows.slice(1)) {
    f.add('token_window', names.event(w.event.seq, 'token_window'), text(`segundo cierre de la ventana de fichas (el primero es seq ${windows[0]!.event.seq})`, `a second close of the token window (the first is seq ${windows[0]!.event.seq})`));
  }
  const w = windows[0];
  if (w !== undefined && (casting === undefined || w.event.index < casting.index)) {
    f.add('token_window', names.event(w.event.seq, 'token_window'), text('la ventana de fichas cierra sin la decisión que abre la votación antes', 'the token window closes without the decision opening voting before it'));
  }
  if (firstBallotSeq !== undefined && (w === undefined || firstBallotSeq < w.event.seq)) {
    f.add('token_window', names.event(firstBallotSeq, 'ballot'), text(
      w === undefined ? 'papeleta sin que la ventana de fichas haya cerrado' : `papeleta antes de que cerrara la ventana de fichas (seq ${w.event.seq})`,
      w === undefined ? 'a ballot while the token window never closed' : `a ballot before the token window closed (seq ${w.event.seq})`));
  }
  if (firstOf(s, 'close') === undefined) {
    if (s.partial) f.pending('token_window', text('se completa al cierre, cuando se publica el registro de emisión', 'completed at the close, when the issuance log is published'));
    return;
  }
  if (w === undefined) {
    f.add('token_window', names.record(), text('la votación cerró sin que el registro muestre el cierre de la ventana de fichas', 'voting closed with no close of the token window in the record'));
    return;
  }
  const issued = new Map<string, number>();
  for (const t of parsedOf(s, 'token_issued')) issued.set(t.data.contestId, (issued.get(t.data.contestId) ?? 0) + 1);
  for (const c of m.json.contests) {
    const item = names.contest(c.id);
    const counted = w.data.contests.find((x) => x.contestId === c.id)?.issued;
    const atClose = issued.get(c.id) ?? 0;
    if (counted === undefined) {
      f.add('token_window', item, text(`el cierre de la ventana de fichas (seq ${w.event.seq}) no cuenta esta contienda`, `the close of the token window (seq ${w.event.seq}) does not count this contest`));
    } else if (atClose > counted) {
      f.add('token_window', item, text(
        `${atClose - counted} fichas emitidas después de abrirse la votación: el registro de emisión tiene ${atClose}, la ventana cerró con ${counted}`,
        `${atClose - counted} tokens issued after voting opened: the issuance log holds ${atClose}, the window closed with ${counted}`));
    } else if (atClose < counted) {
      f.add('token_window', item, text(
        `faltan ${counted - atClose} entradas en el registro de emisión: la ventana cerró con ${counted} fichas, el registro tiene ${atClose}`,
        `${counted - atClose} entries are missing from the issuance log: the window closed with ${counted} tokens, the log holds ${atClose}`));
    }
  }
}
