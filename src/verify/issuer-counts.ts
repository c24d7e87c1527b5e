/**
 * Check 45 `counted_within_issuer_logs` (issue 12; docs/election-record.md §7.20): per
 * contest, the counted ballots are at most the valid requests (check 44) of the smallest
 * log among the manifest's issuers of that contest. Each issuer's log is the first of its
 * (contest, key) that passed check 44. An issuer of the manifest with no such log fails
 * once the record has its `result` (no log can come after it), naming the member and the
 * contest; before the result it leaves the check pending. A contest whose manifest lists
 * no issuers cannot be checked (check 43 fails it).
 * @module
 */
import { type IssuerLogs, issuerLogKey } from './issuer-logs.js';
import { text } from './report.js';
import { firstOf, type VerifyState } from './state.js';

/** Check 45 (see the module comment). */
export function checkCountedWithinIssuerLogs(s: VerifyState, logs: IssuerLogs): void {
  const { f, names } = s;
  const m = s.manifest;
  if (m === undefined) {
    if (s.partial && firstOf(s, 'manifest') === undefined) f.pending('counted_within_issuer_logs', text('no alcanzado: el registro no tiene manifiesto todavía', 'not reached: the record has no manifest yet'));
    return;
  }
  if (firstOf(s, 'close') === undefined || s.tallies === undefined) {
    if (s.partial) f.pending('counted_within_issuer_logs', text('no alcanzado: los registros de los emisores se publican tras el cierre', 'not reached: the issuers\' logs are posted after the close'));
    return;
  }
  const result = firstOf(s, 'result');
  let waiting = false;
  for (const c of m.json.contests) {
    const issuers = c.issuers ?? [];
    const counted = s.tallies.get(c.id)?.counted ?? 0;
    if (issuers.length === 0) {
      f.add('counted_within_issuer_logs', names.contest(c.id), text(
        'no se puede comprobar: el manifiesto no lista emisores para esta contienda (comprobación 43)', 'cannot be checked: the manifest lists no issuers for this contest (check 43)'));
      continue;
    }
    let smallest: { memberId: string; seq: number; valid: number } | undefined;
    for (const x of issuers) {
      const log = logs.get(issuerLogKey(c.id, x.issuanceKey.keyId));
      if (log === undefined) {
        if (result === undefined) { waiting = true; continue; }
        f.add('counted_within_issuer_logs', names.contest(c.id, undefined, { es: `emisor ${x.memberId} (${x.sector})`, en: `issuer ${x.memberId} (${x.sector})` }), text(
          `no hay registro de emisión válido de este emisor antes del resultado (seq ${result.seq}): sus solicitudes no pueden acotar las ${counted} papeletas contadas`,
          `there is no valid issuer log of this issuer before the result (seq ${result.seq}): its requests cannot bound the ${counted} counted ballots`));
        continue;
      }
      if (smallest === undefined || log.valid < smallest.valid) smallest = { memberId: log.memberId, seq: log.seq, valid: log.valid };
    }
    if (smallest !== undefined && counted > smallest.valid) {
      f.add('counted_within_issuer_logs', names.contest(c.id), text(
        `${counted} papeletas contadas, pero el registro de emisión más pequeño (miembro ${smallest.memberId}, seq ${smallest.seq}) tiene solo ${smallest.valid} solicitudes firmadas válidas`,
        `${counted} counted ballots, but the smallest issuer log (member ${smallest.memberId}, seq ${smallest.seq}) has only ${smallest.valid} valid signed requests`));
    }
  }
  if (waiting && f.count('counted_within_issuer_logs') === 0) {
    f.pending('counted_within_issuer_logs', text('faltan registros de emisores, que pueden publicarse hasta el resultado', 'issuer logs are missing, which may be posted until the result'));
  }
}
