/**
 * Check 45 `counted_within_issuer_logs` (issue 12; docs/election-record.md §7.20): per
 * contest and per issuer of the manifest, the counted ballots whose token carries that
 * issuer's signature are at most the valid requests (check 44) of that issuer's log. An
 * issuer signs only the requests it logs, so a token signed beyond its log (minted with
 * the server, say) shows here; every counted token carries k signatures, so the bound
 * holds whichever k of the contest's issuers signed it (with k equal to the number of
 * issuers, as the model election has it, every issuer signed every counted token, and the
 * bound is "counted ≤ the smallest log"). Each issuer's log is the first of its
 * (contest, key) that passed check 44; an issuer with no such log bounds nothing, so any
 * counted ballot under its signature fails, naming the member and the contest. The check
 * runs once the record has its `close` (logs come before it); before, it is pending. A
 * contest whose manifest lists no issuers cannot be checked (check 43 fails it).
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
    if (s.partial) f.pending('counted_within_issuer_logs', text('no alcanzado: el registro no tiene cierre ni recuento todavía', 'not reached: the record has no close and no tally yet'));
    return;
  }
  const close = firstOf(s, 'close')!;
  for (const c of m.json.contests) {
    const issuers = c.issuers ?? [];
    const tally = s.tallies.get(c.id);
    if (issuers.length === 0) {
      f.add('counted_within_issuer_logs', names.contest(c.id), text(
        'no se puede comprobar: el manifiesto no lista emisores para esta contienda (comprobación 43)', 'cannot be checked: the manifest lists no issuers for this contest (check 43)'));
      continue;
    }
    for (const x of issuers) {
      const signed = tally?.countedByIssuer.get(x.issuanceKey.keyId) ?? 0;
      const log = logs.get(issuerLogKey(c.id, x.issuanceKey.keyId));
      const who = names.contest(c.id, undefined, { es: `emisor ${x.memberId} (${x.sector})`, en: `issuer ${x.memberId} (${x.sector})` });
      if (log === undefined) {
        if (signed > 0) {
          f.add('counted_within_issuer_logs', who, text(
            `no hay registro de emisión válido de este emisor antes del cierre (seq ${close.seq}): nada acota las ${signed} papeletas contadas con su firma`,
            `there is no valid issuer log of this issuer before the close (seq ${close.seq}): nothing bounds the ${signed} counted ballots under its signature`));
        }
        continue;
      }
      if (signed > log.valid) {
        f.add('counted_within_issuer_logs', who, text(
          `${signed} papeletas contadas llevan su firma, pero su registro de emisión (seq ${log.seq}) tiene solo ${log.valid} solicitudes firmadas válidas`,
          `${signed} counted ballots carry its signature, but its issuer log (seq ${log.seq}) has only ${log.valid} valid signed requests`));
      }
    }
  }
}
