/**
 * Checks 4–8: the manifest and the key ceremony (docs/voting-protocol.md "Trustees and the
 * key ceremony", "Opening: the manifest"). Every proof is re-verified from the board: the
 * trustees' proofs of possession, the dealers' commitment proofs, every complaint; the
 * qualified set, the joint key (the sum of the qualified dealers' constant commitments)
 * and each verification key are recomputed and compared with the `ceremony_result` event
 * and with the keys the manifest froze.
 * @module
 */
import {
  type Complaint, type Dealing, type TrusteePublicKey, checkComplaint, checkDealing, checkTrusteeKey, complaintFromJSON, dealingFromJSON,
  jointPublicKey, qualifiedDealers, trusteePublicKeyFromJSON, verificationKey,
} from '../crypto/key-ceremony.js';
import { DecodeError, pointToHex, toHex } from '../crypto/group.js';
import { sameCanonicalJson } from '../record/canonical-json.js';
import { ceremonyContext, manifestHash } from '../record/contexts.js';
import { type Manifest, decodeManifest, parseManifest } from '../record/manifest.js';
import type { BallotCheckContext } from './ballots.js';
import { Names } from './findings.js';
import { type Text, text } from './report.js';
import { type ManifestInfo, type VerifyState, parsedOf } from './state.js';

function why(e: unknown): string {
  return e instanceof DecodeError ? `${e.what}: ${e.code}` : e instanceof Error ? e.message : String(e);
}

/** Check 4: the (first) manifest event. Returns the checked manifest, or undefined. */
export function checkManifest(s: VerifyState): ManifestInfo | undefined {
  const { f } = s;
  const events = s.events.filter((e) => e.kind === 'manifest');
  const first = events[0];
  if (first === undefined) {
    if (s.partial) f.pending('manifest', text('no alcanzado: el registro no tiene manifiesto todavía', 'not reached: the record has no manifest yet'));
    else f.add('manifest', s.names.record(), text('no hay evento manifest', 'there is no manifest event'));
    return undefined;
  }
  const raw = (first.payload ?? {}) as { manifest?: unknown; hash?: unknown };
  const item = s.names.event(first.seq, 'manifest');
  const parsed = parseManifest(raw.manifest);
  if (!parsed.ok) {
    // The manifest's shape is its event's payload shape: check 1 already names each error
    // (docs/election-record.md §7, one check per decoding failure); here it only cannot run.
    f.add('manifest', item, text(
      'no se puede comprobar: el manifiesto no tiene su forma (la comprobación 1 nombra cada error)',
      'cannot be checked: the manifest does not have its shape (check 1 names each error)'));
    return undefined;
  }
  const manifest = raw.manifest as Manifest;
  s.names = new Names(parsed.manifest);
  const decoded = decodeManifest(parsed.manifest);
  if (!decoded.ok) {
    for (const e of decoded.errors) f.add('manifest', s.names.manifest(e.path), text(`no se decodifica: ${e.message}`, `does not decode: ${e.message}`));
    return undefined;
  }
  let hash: Uint8Array;
  try {
    hash = manifestHash(manifest);
  } catch (e) {
    f.add('manifest', item, text(`el hash no se puede calcular (${why(e)})`, `the hash cannot be computed (${why(e)})`));
    return undefined;
  }
  const hashHex = toHex(hash);
  if (raw.hash !== hashHex) {
    f.add('manifest', item, text(`el hash publicado no es el del manifiesto (recalculado: ${hashHex})`, `the published hash is not the manifest's (recomputed: ${hashHex})`));
  }
  if (s.electionId !== null && parsed.manifest.electionId !== s.electionId) {
    f.add('manifest', s.names.manifest('electionId'), text(`nombra otra elección (${parsed.manifest.electionId})`, `names another election (${parsed.manifest.electionId})`));
  }
  checkSmallRolls(s, parsed.manifest);
  return { json: parsed.manifest, decoded: decoded.decoded, hash, hashHex, event: first };
}

/**
 * What the ballots are checked against, from the first manifest event's payload alone, as
 * soon as it is read (before the rest of the record): the same manifest, decoding and
 * hash as {@link checkManifest}, which returns a manifest exactly when this returns a
 * context. Null if the manifest does not parse, decode or hash.
 */
export function ballotCheckContext(payload: unknown): BallotCheckContext | null {
  try {
    const raw = (payload ?? {}) as { manifest?: unknown };
    const parsed = parseManifest(raw.manifest);
    if (!parsed.ok || !decodeManifest(parsed.manifest).ok) return null;
    const hash = toHex(manifestHash(raw.manifest as Manifest));
    // The manifest as published (plain JSON: it crosses to the worker threads) but for its
    // rolls: a ballot names no association, and each worker would otherwise copy and decode
    // every roll (100,000 entries, ≈ 10 MB of JSON) and hold it for the whole run.
    const published = raw.manifest as { contests: Record<string, unknown>[] };
    const manifest = { ...published, contests: published.contests.map((c) => ({ ...c, roll: [] })) };
    return { electionId: parsed.manifest.electionId, manifest, manifestHash: hash };
  } catch {
    return null;
  }
}

/**
 * Manifest version 2's small-electorate safeguard: a contest whose roll is shorter than
 * `rules.minRollSize` carries the committee's acknowledgement (`smallRoll`), decided no
 * later than the opening, and only such a contest does (record/manifest.ts leaves this
 * agreement to the verifier).
 */
function checkSmallRolls(s: VerifyState, manifest: Manifest): void {
  const version = (manifest as { version: number }).version;
  const min = (manifest.rules as Record<string, unknown>).minRollSize;
  if (version < 2 || typeof min !== 'number') return;
  manifest.contests.forEach((c, i) => {
    const ack = (c as { smallRoll?: unknown }).smallRoll;
    const small = c.roll.length < min;
    const item = s.names.contest(c.id, undefined, { es: 'manifiesto', en: 'manifest' }, { path: `manifest.contests[${i}].smallRoll` });
    if (small && (ack === null || ack === undefined)) {
      s.f.add('manifest', item, text(`el padrón de ${c.roll.length} es menor que minRollSize ${min} y no hay reconocimiento del comité`, `the roll of ${c.roll.length} is shorter than minRollSize ${min} and there is no committee acknowledgement`));
    }
    const decidedAt = (ack as { decidedAt?: unknown } | null | undefined)?.decidedAt;
    if (small && typeof decidedAt === 'string' && Date.parse(decidedAt) > Date.parse(manifest.openedAt)) {
      s.f.add('manifest', item, text(`el reconocimiento de padrón pequeño es posterior a la apertura (${decidedAt})`, `the small-roll acknowledgement is later than the opening (${decidedAt})`));
    }
    if (!small && ack !== null && ack !== undefined) {
      s.f.add('manifest', item, text(`reconocimiento de padrón pequeño con un padrón de ${c.roll.length} (minRollSize ${min})`, `small-roll acknowledgement with a roll of ${c.roll.length} (minRollSize ${min})`));
    }
  });
}

const KEY: Text = text('clave', 'key');
const DEALING: Text = text('reparto', 'dealing');
const VERIFICATION: Text = text('verificación de partes', 'share verification');

const DEALING_REASONS: Record<string, Text> = {
  bad_dealer: text('índice de repartidor fuera de 1..n', 'dealer index outside 1..n'),
  wrong_commitment_count: text('no tiene t compromisos con t pruebas', 'it does not have t commitments with t proofs'),
  bad_proof: text('una prueba de conocimiento de un compromiso no verifica', 'a commitment\'s proof of knowledge does not verify'),
  wrong_recipients: text('no tiene exactamente una parte sellada para cada otro custodio', 'it does not have exactly one sealed share for each other trustee'),
  malformed_share: text('una parte sellada está mal formada', 'a sealed share is malformed'),
};

/**
 * Checks 5–8: trustee keys, dealings, complaints and the ceremony result (with the
 * manifest's copies of the keys). n and t come from the manifest; a partial record
 * without one takes n from the keys on the board and t from the first dealing.
 */
export function checkCeremony(s: VerifyState): void {
  const { f, names } = s;
  const m = s.manifest?.json;
  const keyEvents = parsedOf(s, 'trustee_key');
  const dealingEvents = parsedOf(s, 'dealing');
  const verificationEvents = parsedOf(s, 'ceremony_verification');
  const resultEvents = parsedOf(s, 'ceremony_result');
  const n = m ? m.trustees.length : Math.max(0, ...keyEvents.map((k) => k.data.trustee));
  const t = m ? m.threshold : dealingEvents[0]?.data.dealing.commitments.length ?? 0;
  const electionId = m?.electionId ?? s.electionId;
  const done = resultEvents.length > 0 || m !== undefined;
  let ctx: Uint8Array;
  try {
    ctx = ceremonyContext(electionId ?? '', n, t);
  } catch {
    const note = text('no se puede comprobar: faltan el número de custodios o el umbral', 'cannot be checked: the number of trustees or the threshold is unknown');
    for (const key of ['trustee_keys', 'dealings', 'complaints', 'ceremony_result'] as const) {
      if (done || keyEvents.length > 0) f.add(key, names.record(), note);
      else f.pending(key, text('no alcanzado: no hay ceremonia en el registro', 'not reached: there is no ceremony in the record'));
    }
    return;
  }
  const params = { n, t };
  const inRange = (j: number) => Number.isInteger(j) && j >= 1 && j <= n;

  // 5. Trustee keys.
  const keys = new Map<number, { key: TrusteePublicKey; seq: number; json: unknown }>();
  const keySeen = new Map<number, number>();
  for (const { event, data } of keyEvents) {
    const item = names.trustee(data.trustee, KEY, event.seq);
    if (!inRange(data.trustee)) { f.add('trustee_keys', item, text(`índice fuera de 1..${n}`, `index outside 1..${n}`)); continue; }
    const earlier = keySeen.get(data.trustee);
    if (earlier !== undefined) { f.add('trustee_keys', item, text(`una segunda clave (la primera es seq ${earlier})`, `a second key (the first is seq ${earlier})`)); continue; }
    keySeen.set(data.trustee, event.seq);
    if (data.publicKey.index !== data.trustee) { f.add('trustee_keys', item, text(`la clave lleva el índice ${data.publicKey.index}`, `the key carries index ${data.publicKey.index}`)); continue; }
    let key: TrusteePublicKey;
    try {
      key = trusteePublicKeyFromJSON(data.publicKey);
    } catch (e) {
      f.add('trustee_keys', item, text(`no se decodifica (${why(e)})`, `does not decode (${why(e)})`));
      continue;
    }
    if (!checkTrusteeKey(ctx, key)) { f.add('trustee_keys', item, text('la prueba de posesión no verifica', 'the proof of possession does not verify')); continue; }
    keys.set(data.trustee, { key, seq: event.seq, json: data.publicKey });
  }
  for (let j = 1; j <= n && done; j++) {
    if (!keySeen.has(j)) f.add('trustee_keys', names.trustee(j, KEY), text('falta en el tablero', 'is missing from the board'));
  }
  m?.trustees.forEach((tr, i) => {
    const onBoard = keys.get(tr.index);
    if (onBoard !== undefined && !sameCanonicalJson(onBoard.json, tr.publicKey)) {
      f.add('trustee_keys', names.manifest(`trustees[${i}].publicKey`), text(`no es la clave del custodio ${tr.index} en el tablero (seq ${onBoard.seq})`, `is not trustee ${tr.index}'s key on the board (seq ${onBoard.seq})`));
    }
  });

  // 6. Dealings.
  const dealings = new Map<number, Dealing>();
  const dealingSeen = new Map<number, number>();
  for (const { event, data } of dealingEvents) {
    const item = names.trustee(data.dealer, DEALING, event.seq);
    if (!inRange(data.dealer)) { f.add('dealings', item, text(`índice fuera de 1..${n}`, `index outside 1..${n}`)); continue; }
    const earlier = dealingSeen.get(data.dealer);
    if (earlier !== undefined) { f.add('dealings', item, text(`un segundo reparto (el primero es seq ${earlier})`, `a second dealing (the first is seq ${earlier})`)); continue; }
    dealingSeen.set(data.dealer, event.seq);
    if (data.dealing.dealer !== data.dealer) { f.add('dealings', item, text(`el reparto es del custodio ${data.dealing.dealer}`, `the dealing is trustee ${data.dealing.dealer}'s`)); continue; }
    let dealing: Dealing;
    try {
      dealing = dealingFromJSON(data.dealing);
    } catch (e) {
      f.add('dealings', item, text(`no se decodifica (${why(e)})`, `does not decode (${why(e)})`));
      continue;
    }
    const check = checkDealing(ctx, params, dealing);
    if (!check.ok) { f.add('dealings', item, DEALING_REASONS[check.reason] ?? text(check.reason, check.reason)); continue; }
    dealings.set(data.dealer, dealing);
  }
  for (let j = 1; j <= n && done; j++) {
    if (!dealingSeen.has(j)) f.add('dealings', names.trustee(j, DEALING), text('falta en el tablero', 'is missing from the board'));
  }

  // 7. Complaints.
  const keyList = [...keys.values()].map((k) => k.key);
  const complaints: Complaint[] = [];
  const verificationSeen = new Map<number, number>();
  for (const { event, data } of verificationEvents) {
    const item = names.trustee(data.trustee, VERIFICATION, event.seq);
    if (!inRange(data.trustee)) { f.add('complaints', item, text(`índice fuera de 1..${n}`, `index outside 1..${n}`)); continue; }
    const earlier = verificationSeen.get(data.trustee);
    if (earlier !== undefined) { f.add('complaints', item, text(`una segunda verificación (la primera es seq ${earlier})`, `a second verification (the first is seq ${earlier})`)); continue; }
    verificationSeen.set(data.trustee, event.seq);
    data.complaints.forEach((json, i) => {
      const citem = names.trustee(data.trustee, text(`reclamo ${i + 1}`, `complaint ${i + 1}`), event.seq);
      let c: Complaint;
      try {
        c = complaintFromJSON(json);
      } catch (e) {
        f.add('complaints', citem, text(`no se decodifica (${why(e)})`, `does not decode (${why(e)})`));
        return;
      }
      if (c.complainer !== data.trustee) { f.add('complaints', citem, text(`lo presenta el custodio ${c.complainer}`, `it is filed by trustee ${c.complainer}`)); return; }
      const dealing = dealings.get(c.dealer);
      if (dealing === undefined) { f.add('complaints', citem, text(`no hay un reparto válido del custodio ${c.dealer}`, `there is no valid dealing of trustee ${c.dealer}`)); return; }
      const verdict = checkComplaint(ctx, params, keyList, dealing, c);
      if (verdict.status === 'invalid') {
        f.add('complaints', citem, text(`el reclamo contra el custodio ${c.dealer} no es válido (${verdict.reason})`, `the complaint against trustee ${c.dealer} is invalid (${verdict.reason})`));
        return;
      }
      complaints.push(c);
    });
  }
  for (let j = 1; j <= n && done; j++) {
    if (!verificationSeen.has(j)) f.add('complaints', names.trustee(j, VERIFICATION), text('falta en el tablero', 'is missing from the board'));
  }

  // 8. The result: qualified set, joint key, verification keys; the manifest's copies.
  const result = resultEvents[0];
  if (result === undefined) {
    if (done) f.add('ceremony_result', names.record(), text('no hay evento ceremony_result', 'there is no ceremony_result event'));
    else f.pending('ceremony_result', text('no alcanzado: la ceremonia no ha terminado', 'not reached: the ceremony has not finished'));
    return;
  }
  const item = names.event(result.event.seq, 'ceremony_result');
  const qualified = qualifiedDealers(ctx, params, keyList, [...dealings.values()], complaints);
  if (qualified.join(',') !== result.data.qualified.join(',')) {
    f.add('ceremony_result', item, text(`el conjunto calificado publicado [${result.data.qualified.join(', ')}] no es el recalculado [${qualified.join(', ')}]`, `the published qualified set [${result.data.qualified.join(', ')}] is not the recomputed one [${qualified.join(', ')}]`));
  }
  if (qualified.length < t) {
    f.add('ceremony_result', item, text(`solo ${qualified.length} repartidores calificados; se necesitan ${t}`, `only ${qualified.length} qualified dealers; ${t} are needed`));
    return;
  }
  const good = qualified.map((j) => dealings.get(j)!);
  const K = pointToHex(jointPublicKey(good));
  if (result.data.jointPublicKey !== K) {
    f.add('ceremony_result', item, text('la clave conjunta no es la suma de los compromisos constantes de los calificados', 'the joint key is not the sum of the qualified dealers\' constant commitments'));
  }
  if (m !== undefined && m.jointPublicKey !== K) {
    f.add('ceremony_result', names.manifest('jointPublicKey'), text('no es la clave conjunta de la ceremonia', 'is not the ceremony\'s joint key'));
  }
  const published = result.data.verificationKeys;
  if (published.length !== n || published.some((v, i) => v.index !== i + 1)) {
    f.add('ceremony_result', item, text(`las claves de verificación no son exactamente las de los custodios 1..${n} en orden`, `the verification keys are not exactly those of trustees 1..${n} in order`));
  }
  for (let j = 1; j <= n; j++) {
    const X = pointToHex(verificationKey(good, j));
    const onBoard = published.find((v) => v.index === j);
    if (onBoard !== undefined && onBoard.key !== X) {
      f.add('ceremony_result', names.trustee(j, text('clave de verificación', 'verification key'), result.event.seq), text('no se recalcula a partir de los compromisos', 'is not recomputed from the commitments'));
    }
    const inManifest = m?.trustees[j - 1];
    if (inManifest !== undefined && inManifest.verificationKey !== X) {
      f.add('ceremony_result', names.manifest(`trustees[${j - 1}].verificationKey`), text(`no es la clave de verificación del custodio ${j}`, `is not trustee ${j}'s verification key`));
    }
  }
}
