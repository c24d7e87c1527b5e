/**
 * Check 28 (issues 11, 12; docs/election-record.md §7.16): every issuance entry carries
 * the token request the association signed to the contest's issuers (statements.ts
 * `issuedTokenRequestMessage`: this election, contest and association), under a key the committee published for it
 * (its accreditation decision, or a registration after a reset) and not revoked before
 * voting opened, for a contest it was accredited for; at most one valid entry per
 * association and contest; and per contest no more counted ballots than valid entries.
 * The server can then no longer add issuance entries for associations that stayed away.
 * @module
 */
import { accreditations } from './decision-record.js';
import { short } from './findings.js';
import type { Governance } from './governance.js';
import { text } from './report.js';
import { type VerifyState, firstOf, parsedOf } from './state.js';

/** Check 28. Returns the number of entries and of valid ones. */
export function checkTokenRequests(s: VerifyState, g: Governance): { entries: number; valid: number } {
  const { f, names } = s;
  const entries = parsedOf(s, 'token_issued');
  const manifest = s.manifest?.event;
  const close = firstOf(s, 'close');
  const acc = accreditations(g, manifest?.index ?? Infinity);
  const validPerContest = new Map<string, number>();
  const firstValid = new Map<string, number>();
  let valid = 0;
  for (const { event, data } of entries) {
    const { contestId, associationId, request } = data;
    const item = names.contest(contestId, undefined, { es: `entrada de emisión de la asociación ${associationId}`, en: `issuance entry of association ${associationId}` }, { seq: event.seq, associationId });
    const bad = (es: string, en: string) => f.add('token_requests', item, text(es, en));
    const a = acc.get(`${contestId}\u0000${associationId}`);
    if (a === undefined || !a.accredited) { bad('ninguna decisión del comité acreditó a la asociación para esta contienda', 'no committee decision accredited the association for this contest'); continue; }
    const keys = g.associationKeys.get(associationId) ?? [];
    const key = keys.find((k) => k.publicKey === request.publicKey);
    if (key === undefined) { bad(`la clave ${short(request.publicKey)} no es una clave publicada de la asociación`, `the key ${short(request.publicKey)} is not a published key of the association`); continue; }
    if (manifest !== undefined && key.revokedAt !== undefined && key.revokedAt < manifest.index) {
      bad(`la clave ${short(request.publicKey)} fue revocada antes de abrir la votación`, `the key ${short(request.publicKey)} was revoked before voting opened`);
      continue;
    }
    if (close !== undefined && key.from > close.index) { bad('la clave se registró después del cierre', 'the key was registered after the close'); continue; }
    const named = request.request;
    if (named.electionId !== (s.electionId ?? '') || named.contestId !== contestId || named.associationId !== associationId) {
      bad('la solicitud firmada nombra otra elección, contienda o asociación', 'the signed request names another election, contest or association');
      continue;
    }
    if (!request.signatureValid) { bad('la firma de la solicitud no es válida', 'the request\'s signature is not valid'); continue; }
    const pair = `${contestId}\u0000${associationId}`;
    const earlier = firstValid.get(pair);
    if (earlier !== undefined) { bad(`una segunda solicitud válida (la primera es seq ${earlier})`, `a second valid request (the first is seq ${earlier})`); continue; }
    firstValid.set(pair, event.seq);
    validPerContest.set(contestId, (validPerContest.get(contestId) ?? 0) + 1);
    valid++;
  }
  if (close !== undefined && s.tallies !== undefined) {
    for (const [contestId, t] of s.tallies) {
      const n = validPerContest.get(contestId) ?? 0;
      if (t.counted > n) {
        f.add('token_requests', names.contest(contestId), text(`${t.counted} papeletas contadas pero solo ${n} solicitudes de ficha firmadas válidas`, `${t.counted} counted ballots but only ${n} valid signed token requests`));
      }
    }
  }
  return { entries: entries.length, valid };
}
