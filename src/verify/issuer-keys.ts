/**
 * Check 43 `issuer_keys` (issue 12; docs/election-record.md §6.9, §7.18): the sector
 * issuers' keys. Every `issuer_key` event comes before the manifest, from a committee
 * member in the sector the committee lists, for a contest of the manifest; its key
 * decodes, its proof of possession verifies under that key and the member's signature
 * under the account key they held in force there; one key per member and contest, a key
 * once per contest, and a key for one contest only (the contest is inside the blinded
 * message, which the issuer cannot see: a key of two contests would sign a token of one
 * for the other). The manifest's `contests[].issuers` are exactly the valid
 * registrations of each contest (member, sector, key), by ascending key id, and each
 * contest's issuers meet the issuance rule: `rules.issuerThreshold` k distinct members of
 * at least 2 sectors. Without it a server could list a key of its own as an issuer and
 * mint tokens. Browser-safe (RSA-PSS through WebCrypto unless a verifier is given).
 * @module
 */
import { DecodeError } from '../crypto/group.js';
import { meetsIssuanceRule, type PssVerifier } from '../crypto/issued-token.js';
import { issuanceKeyFromJSON, verifyRsaPss } from '../crypto/voting-token.js';
import type { PayloadOf } from '../record/board.js';
import { checkIssuerKey } from '../record/issuer-statements.js';
import { type Item, short } from './findings.js';
import type { Governance } from './governance.js';
import { text } from './report.js';
import type { VerifyState } from './state.js';

/** The sectors a token's issuers must span, whatever the rules say. */
export const ISSUER_SECTORS_FLOOR = 2;
/** The most signatures a token carries, so the largest `issuerThreshold`. */
const MAX_ISSUER_THRESHOLD = 16;

/** A registration that passed check 43, as check 44 looks it up. */
export interface RegisteredIssuerKey {
  readonly seq: number;
  readonly memberId: string;
  readonly sector: string;
  readonly keyId: string;
  readonly spki: string;
}

/** Per contest id, per key id (hex): the valid registrations. */
export type RegisteredIssuerKeys = Map<string, Map<string, RegisteredIssuerKey>>;

/** `issuer key seq 12 of member m-1, contest plwha`. */
export function issuerKeyItem(s: VerifyState, seq: number, memberId: string, contestId: string): Item {
  return s.names.contest(contestId, undefined, { es: `clave de emisión seq ${seq} del miembro ${memberId}`, en: `issuer key seq ${seq} of member ${memberId}` }, { seq });
}

/** The manifest's `issuerThreshold` k, failing the check when it is not an integer 2..16 (then the floor 2 is used). */
export function issuerThresholdOf(s: VerifyState, report: boolean): number {
  const k = s.manifest?.json.rules['issuerThreshold'];
  if (typeof k === 'number' && Number.isInteger(k) && k >= ISSUER_SECTORS_FLOOR && k <= MAX_ISSUER_THRESHOLD) return k;
  if (report) {
    s.f.add('issuer_keys', s.names.manifest('rules.issuerThreshold'), text(
      `issuerThreshold = ${JSON.stringify(k) ?? 'ausente'}; debe ser un entero de 2 a 16`, `issuerThreshold = ${JSON.stringify(k) ?? 'absent'}; it must be an integer 2 to 16`));
  }
  return typeof k === 'number' && Number.isInteger(k) && k > ISSUER_SECTORS_FLOOR ? Math.min(k, MAX_ISSUER_THRESHOLD) : ISSUER_SECTORS_FLOOR;
}

/** Check 43 (see the module comment). Returns the valid registrations for check 44. */
export async function checkIssuerKeys(s: VerifyState, g: Governance, verify: PssVerifier = verifyRsaPss): Promise<RegisteredIssuerKeys> {
  const { f, names } = s;
  const manifest = s.manifest;
  const registered: RegisteredIssuerKeys = new Map();
  const byMember = new Map<string, number>();
  const byKey = new Map<string, { seq: number; contestId: string; memberId: string }>();
  for (const { event, memberKey } of g.issuers) {
    if (event.kind !== 'issuer_key') continue;
    const d = event.data as PayloadOf<'issuer_key'>;
    const bad = (es: string, en: string) => f.add('issuer_keys', issuerKeyItem(s, event.seq, d.memberId, d.contestId), text(es, en));
    if (manifest !== undefined && event.index > manifest.event.index) {
      bad(`registrada después de congelarse el manifiesto (seq ${manifest.event.seq})`, `registered after the manifest froze (seq ${manifest.event.seq})`);
      continue;
    }
    const member = g.members.get(d.memberId);
    if (member === undefined) { bad(`${d.memberId} no es miembro del comité`, `${d.memberId} is not a committee member`); continue; }
    if (member.sector !== d.sector) { bad(`sector ${d.sector}, pero el comité pone al miembro en ${member.sector}`, `sector ${d.sector}, but the committee lists the member in ${member.sector}`); continue; }
    if (manifest !== undefined && !manifest.json.contests.some((c) => c.id === d.contestId)) { bad('nombra una contienda que no está en el manifiesto', 'names a contest that is not in the manifest'); continue; }
    let key;
    try {
      key = issuanceKeyFromJSON(d.issuanceKey);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      bad(`la clave de emisión no se decodifica (${e.code} en ${e.what})`, `the issuing key does not decode (${e.code} at ${e.what})`);
      continue;
    }
    if (memberKey === null) { bad(`el miembro no tiene clave de cuenta vigente en ese punto del tablero`, `the member holds no account key in force at that point of the board`); continue; }
    const body = { electionId: s.electionId ?? '', contestId: d.contestId, memberId: d.memberId, keyId: d.issuanceKey.keyId };
    const why = await checkIssuerKey(key, body, d.pop, memberKey, d.signature, verify);
    if (why === 'possession' || why === 'key_id') { bad(`la prueba de posesión no verifica con la clave de emisión ${short(d.issuanceKey.keyId)}`, `the proof of possession does not verify under the issuing key ${short(d.issuanceKey.keyId)}`); continue; }
    if (why !== null) { bad(`la firma del miembro no es válida con su clave de cuenta ${short(memberKey)}`, `the member's signature does not verify under their account key ${short(memberKey)}`); continue; }
    const pair = `${d.contestId}\u0000${d.memberId}`;
    const earlier = byMember.get(pair);
    if (earlier !== undefined) { bad(`una segunda clave del miembro para esta contienda (la primera es seq ${earlier})`, `a second key of the member for this contest (the first is seq ${earlier})`); continue; }
    let contest = registered.get(d.contestId);
    if (contest === undefined) registered.set(d.contestId, (contest = new Map()));
    const same = contest.get(d.issuanceKey.keyId);
    if (same !== undefined) { bad(`la misma clave ya está registrada para esta contienda (seq ${same.seq}, miembro ${same.memberId})`, `the same key is already registered for this contest (seq ${same.seq}, member ${same.memberId})`); continue; }
    const elsewhere = byKey.get(d.issuanceKey.keyId);
    if (elsewhere !== undefined && elsewhere.contestId !== d.contestId) {
      const first = names.contestLabel(elsewhere.contestId);
      const here = names.contestLabel(d.contestId);
      bad(`la clave de emisión ${short(d.issuanceKey.keyId)} ya está registrada para la contienda ${first} (seq ${elsewhere.seq}, miembro ${elsewhere.memberId}); una clave sirve a una sola contienda, porque quien firma a ciegas no ve la contienda y firmaría fichas de ${first} para ${here}`,
        `the issuing key ${short(d.issuanceKey.keyId)} is already registered for contest ${first} (seq ${elsewhere.seq}, member ${elsewhere.memberId}); a key serves one contest only, because a blind signer cannot see the contest and would sign tokens of ${first} for ${here}`);
      continue;
    }
    byMember.set(pair, event.seq);
    byKey.set(d.issuanceKey.keyId, { seq: event.seq, contestId: d.contestId, memberId: d.memberId });
    contest.set(d.issuanceKey.keyId, { seq: event.seq, memberId: d.memberId, sector: d.sector, keyId: d.issuanceKey.keyId, spki: d.issuanceKey.spki });
  }
  if (manifest === undefined) {
    if (s.partial) f.pending('issuer_keys', text('la comparación con el manifiesto llega con el manifiesto', 'the comparison with the manifest comes with the manifest'));
    return registered;
  }
  compareWithManifest(s, registered);
  return registered;
}

/** The manifest's issuers against the valid registrations, and the issuance rule per contest. */
function compareWithManifest(s: VerifyState, registered: RegisteredIssuerKeys): void {
  const { f, names } = s;
  const manifest = s.manifest!;
  const k = issuerThresholdOf(s, true);
  manifest.json.contests.forEach((c, i) => {
    const listed = c.issuers ?? [];
    const own = registered.get(c.id) ?? new Map<string, RegisteredIssuerKey>();
    const seen = new Set<string>();
    listed.forEach((x, j) => {
      const item = names.manifest(`contests[${i}].issuers[${j}]`);
      const bad = (es: string, en: string) => f.add('issuer_keys', item, text(es, en));
      const keyId = x.issuanceKey.keyId;
      if (j > 0 && !(listed[j - 1]!.issuanceKey.keyId < keyId)) bad('los emisores no están en orden ascendente de keyId', 'the issuers are not in ascending keyId order');
      seen.add(keyId);
      const r = own.get(keyId);
      if (r === undefined) {
        bad(`la clave ${short(keyId)} del miembro ${x.memberId} no es una clave de emisión registrada (issuer_key válido) de la contienda ${names.contestLabel(c.id)}`,
          `key ${short(keyId)} of member ${x.memberId} is not a registered issuing key (valid issuer_key) of contest ${names.contestLabel(c.id)}`);
      } else if (r.memberId !== x.memberId || r.sector !== x.sector || r.spki !== x.issuanceKey.spki) {
        bad(`dice ${x.memberId} (${x.sector}), pero la clave ${short(keyId)} la registró ${r.memberId} (${r.sector}) en seq ${r.seq}`,
          `says ${x.memberId} (${x.sector}), but key ${short(keyId)} was registered by ${r.memberId} (${r.sector}) at seq ${r.seq}`);
      }
    });
    for (const r of own.values()) {
      if (!seen.has(r.keyId)) {
        f.add('issuer_keys', issuerKeyItem(s, r.seq, r.memberId, c.id), text(
          `registrada, pero el manifiesto no la lista entre los emisores de la contienda`, `registered, but the manifest does not list it among the contest's issuers`));
      }
    }
    if (!meetsIssuanceRule(listed.map((x) => ({ memberId: x.memberId, sector: x.sector })), { threshold: k, sectors: ISSUER_SECTORS_FLOOR }).ok) {
      const members = new Set(listed.map((x) => x.memberId)).size;
      const sectors = new Set(listed.map((x) => x.sector)).size;
      f.add('issuer_keys', names.contest(c.id), text(
        `${members} emisores de ${sectors} sectores en el manifiesto: hacen falta ${k} (issuerThreshold) de al menos ${ISSUER_SECTORS_FLOOR} sectores`,
        `${members} issuers of ${sectors} sectors in the manifest: ${k} (issuerThreshold) of at least ${ISSUER_SECTORS_FLOOR} sectors are needed`));
    }
  });
}
