/**
 * Check 44 `issuer_logs` (issue 12; docs/election-record.md §6.9, §7.19): each issuer's
 * signed log of the token requests it answered. Every `issuer_log` event lies after the
 * `manifest` (and after the `token_window`, when the record has one: issuance is over)
 * and before the `close` (the server takes logs while voting is open, and the close
 * waits for every issuer's), names this election, is signed by its member under the
 * account key they held in force there, and names a key that member registered for that
 * contest (check 43); one log per member and contest. Each entry is a request the
 * association signed (tag `anfora/v1/issued-token-request`) for this election and
 * contest, with a blinded message for this issuer's key, by an association on the
 * contest's roll and accredited for it, under one of its published keys (not revoked
 * before the manifest, not registered after the log) — the rules of check 28. An entry
 * per association at most (the log's entries are in strictly ascending association
 * order: a repeat is a shape failure, check 1). One pass over the entries, each looked
 * up in maps: linear in the requests.
 * @module
 */
import type { CheckedIssuerLog } from './checked-events.js';
import { accreditations } from './decision-record.js';
import { type Item, short } from './findings.js';
import type { Governance } from './governance.js';
import type { RegisteredIssuerKeys } from './issuer-keys.js';
import { text } from './report.js';
import { firstOf, type VerifyState } from './state.js';

/** A log that passed check 44 (its entries may not all have): what check 45 counts. */
export interface IssuerLogSeen {
  readonly seq: number;
  readonly memberId: string;
  readonly keyId: string;
  /** Entries that passed every rule of check 44. */
  readonly valid: number;
}

/** Per `contestId\0keyId`, the first log that passed check 44. */
export type IssuerLogs = Map<string, IssuerLogSeen>;

/** The key of {@link IssuerLogs}. */
export const issuerLogKey = (contestId: string, keyId: string): string => `${contestId}\u0000${keyId}`;

/** `issuer log seq 61 of member m-1, contest plwha`. */
export function issuerLogItem(s: VerifyState, seq: number, memberId: string, contestId: string, associationId?: string): Item {
  const who = associationId === undefined ? undefined : { associationId };
  return s.names.contest(contestId, undefined, associationId === undefined
    ? { es: `registro de emisión seq ${seq} del miembro ${memberId}`, en: `issuer log seq ${seq} of member ${memberId}` }
    : { es: `solicitud de la asociación ${associationId} en el registro de emisión seq ${seq} del miembro ${memberId}`, en: `request of association ${associationId} in issuer log seq ${seq} of member ${memberId}` },
  { seq, ...who });
}

/** Check 44 (see the module comment). Returns the logs check 45 counts. */
export function checkIssuerLogs(s: VerifyState, g: Governance, registered: RegisteredIssuerKeys): IssuerLogs {
  const { f } = s;
  const out: IssuerLogs = new Map();
  const manifest = s.manifest;
  const close = firstOf(s, 'close');
  const window = firstOf(s, 'token_window');
  const acc = accreditations(g, manifest?.event.index ?? Infinity);
  const rolls = new Map((manifest?.json.contests ?? []).map((c) => [c.id, new Set(c.roll.map((a) => a.associationId))]));
  const byMember = new Map<string, number>();
  for (const { event, memberKey } of g.issuers) {
    if (event.kind !== 'issuer_log') continue;
    const { log, signedUnder } = event.data as CheckedIssuerLog;
    const bad = (es: string, en: string) => f.add('issuer_logs', issuerLogItem(s, event.seq, log.memberId, log.contestId), text(es, en));
    if (manifest === undefined || event.index < manifest.event.index) { bad('publicado antes del manifiesto', 'posted before the manifest'); continue; }
    if (window !== undefined && event.index < window.index) { bad(`publicado antes de que se cerrara la ventana de fichas (seq ${window.seq})`, `posted before the token window closed (seq ${window.seq})`); continue; }
    if (close !== undefined && event.index > close.index) { bad(`publicado después del cierre (seq ${close.seq})`, `posted after the close (seq ${close.seq})`); continue; }
    if (log.electionId !== s.electionId) { bad(`nombra otra elección (${log.electionId})`, `names another election (${log.electionId})`); continue; }
    const member = g.members.get(log.memberId);
    if (member === undefined) { bad(`${log.memberId} no es miembro del comité`, `${log.memberId} is not a committee member`); continue; }
    if (memberKey === null) { bad('el miembro no tiene clave de cuenta vigente en ese punto del tablero', 'the member holds no account key in force at that point of the board'); continue; }
    if (!signedUnder.has(memberKey)) {
      bad(`la firma no es válida con la clave de cuenta ${short(memberKey)} del miembro`, `the signature does not verify under the member's account key ${short(memberKey)}`);
      continue;
    }
    const key = registered.get(log.contestId)?.get(log.keyId);
    if (key === undefined || key.memberId !== log.memberId) {
      bad(`la clave ${short(log.keyId)} no es una clave de emisión registrada por el miembro para esta contienda`, `key ${short(log.keyId)} is not an issuing key the member registered for this contest`);
      continue;
    }
    const pair = `${log.contestId}\u0000${log.memberId}`;
    const earlier = byMember.get(pair);
    if (earlier !== undefined) { bad(`un segundo registro del miembro para esta contienda (el primero es seq ${earlier})`, `a second log of the member for this contest (the first is seq ${earlier})`); continue; }
    byMember.set(pair, event.seq);
    const roll = rolls.get(log.contestId);
    let valid = 0;
    for (const entry of log.entries) {
      const a = entry.associationId;
      const no = (es: string, en: string) => { f.add('issuer_logs', issuerLogItem(s, event.seq, log.memberId, log.contestId, a), text(es, en)); };
      if (!entry.namesLog) { no('la solicitud nombra otra elección o contienda', 'the request names another election or contest'); continue; }
      if (!entry.blindedForKey) { no('la solicitud no lleva mensaje cegado para la clave de este emisor', 'the request carries no blinded message for this issuer\'s key'); continue; }
      if (roll === undefined || !roll.has(a)) { no('la asociación no está en el padrón de la contienda', 'the association is not on the contest\'s roll'); continue; }
      if (acc.get(`${log.contestId}\u0000${a}`)?.accredited !== true) { no('ninguna decisión del comité acreditó a la asociación para esta contienda', 'no committee decision accredited the association for this contest'); continue; }
      const k = (g.associationKeys.get(a) ?? []).find((x) => x.publicKey === entry.publicKey);
      if (k === undefined) { no(`la clave ${short(entry.publicKey)} no es una clave publicada de la asociación`, `the key ${short(entry.publicKey)} is not a published key of the association`); continue; }
      if (manifest !== undefined && k.revokedAt !== undefined && k.revokedAt < manifest.event.index) { no(`la clave ${short(entry.publicKey)} fue revocada antes de abrir la votación`, `the key ${short(entry.publicKey)} was revoked before voting opened`); continue; }
      if (k.from > event.index) { no('la clave se registró después del registro de emisión', 'the key was registered after the issuer log'); continue; }
      if (!entry.signatureValid) { no('la firma de la asociación sobre la solicitud no es válida', 'the association\'s signature on the request is not valid'); continue; }
      valid++;
    }
    out.set(issuerLogKey(log.contestId, log.keyId), { seq: event.seq, memberId: log.memberId, keyId: log.keyId, valid });
  }
  return out;
}
