/**
 * Checks 16–22: the close counts, the encrypted tally against the counted ballots, every
 * partial decryption's proof (ElectionGuard 2.0 §3.6.2) against its trustee's
 * verification key under the contest's decryption context, the threshold, the
 * combination and discrete log against the published votes, the seats (record/seats.ts),
 * and the publication (docs/voting-protocol.md "Close, tally, results").
 * @module
 */
import { type Ciphertext, ciphertextEquals, ciphertextFromJSON } from '../crypto/elgamal.js';
import { discreteLog } from '../crypto/discrete-log.js';
import { DecodeError, type Point, toHex } from '../crypto/group.js';
import { type DecryptionShare, checkShares, combineShares, decryptionShareFromJSON } from '../crypto/threshold-decryption.js';
import { decryptionContext } from '../record/contexts.js';
import type { ManifestContest } from '../record/manifest.js';
import { allocateSeats, decryptionValues, tieBreakSeed } from '../record/seats.js';
import { type CandidateResult, type ContestResult, type Text, constituencyText, text } from './report.js';
import { type VerifyState, firstOf, parsedOf } from './state.js';

function why(e: unknown): string {
  return e instanceof DecodeError ? `${e.what}: ${e.code}` : e instanceof Error ? e.message : String(e);
}

const NOT_REACHED = (what: string, es: string) => text(`no alcanzado: ${es}`, `not reached: ${what}`);

/** Check 16: the close event's counts equal the counted ballots. */
function checkClose(s: VerifyState): void {
  const { f, names } = s;
  const m = s.manifest!.json;
  const close = parsedOf(s, 'close')[0];
  if (close === undefined) {
    if (firstOf(s, 'close') === undefined) f.pending('close', NOT_REACHED('the record has no close event', 'el registro no tiene evento de cierre'));
    return;
  }
  const seen = new Set<string>();
  for (const entry of close.data.ballots) {
    const item = names.contest(entry.contestId, undefined, { es: 'cierre', en: 'close' }, { seq: close.event.seq });
    const tally = s.tallies?.get(entry.contestId);
    if (!m.contests.some((c) => c.id === entry.contestId)) { f.add('close', item, text('la contienda no está en el manifiesto', 'the contest is not in the manifest')); continue; }
    if (seen.has(entry.contestId)) { f.add('close', item, text('la contienda aparece dos veces', 'the contest appears twice')); continue; }
    seen.add(entry.contestId);
    if (tally !== undefined && tally.counted !== entry.count) {
      f.add('close', item, text(`el cierre cuenta ${entry.count} papeletas; hay ${tally.counted} contadas`, `the close counts ${entry.count} ballots; ${tally.counted} are counted`));
    }
  }
  for (const c of m.contests) {
    if (!seen.has(c.id)) f.add('close', names.contest(c.id, undefined, { es: 'cierre', en: 'close' }, { seq: close.event.seq }), text('falta la contienda', 'the contest is missing'));
  }
}

/** Check 17: the published encrypted tally, decoded per contest; compared with the counted sums. */
function checkEncryptedTally(s: VerifyState): Map<string, Ciphertext[]> {
  const { f, names } = s;
  const m = s.manifest!.json;
  const out = new Map<string, Ciphertext[]>();
  const ev = parsedOf(s, 'encrypted_tally')[0];
  if (ev === undefined) {
    if (firstOf(s, 'encrypted_tally') === undefined) f.pending('encrypted_tally', NOT_REACHED('the record has no encrypted tally', 'el registro no tiene escrutinio cifrado'));
    return out;
  }
  const prefix = { es: 'escrutinio cifrado', en: 'encrypted tally' };
  const seen = new Set<string>();
  for (const entry of ev.data.contests) {
    const item = names.contest(entry.contestId, undefined, prefix, { seq: ev.event.seq });
    const contest = m.contests.find((c) => c.id === entry.contestId);
    if (contest === undefined) { f.add('encrypted_tally', item, text('la contienda no está en el manifiesto', 'the contest is not in the manifest')); continue; }
    if (seen.has(entry.contestId)) { f.add('encrypted_tally', item, text('la contienda aparece dos veces', 'the contest appears twice')); continue; }
    seen.add(entry.contestId);
    if (entry.tally.length !== contest.candidates.length) {
      f.add('encrypted_tally', item, text(`${entry.tally.length} cifrados para ${contest.candidates.length} candidatos`, `${entry.tally.length} ciphertexts for ${contest.candidates.length} candidates`));
      continue;
    }
    const cts: Ciphertext[] = [];
    entry.tally.forEach((json, k) => {
      try {
        cts.push(ciphertextFromJSON(json, `tally[${k}]`, 'sum'));
      } catch (e) {
        f.add('encrypted_tally', names.contest(entry.contestId, k, prefix, { seq: ev.event.seq }), text(`no se decodifica (${why(e)})`, `does not decode (${why(e)})`));
      }
    });
    if (cts.length !== contest.candidates.length) continue;
    out.set(entry.contestId, cts);
    const t = s.tallies?.get(entry.contestId);
    if (t === undefined || t.sum === undefined) {
      f.add('encrypted_tally', item, text('no se puede comparar: la suma de las papeletas contadas no se pudo formar', 'cannot be compared: the sum of the counted ballots could not be formed'));
      continue;
    }
    cts.forEach((c, k) => {
      if (!ciphertextEquals(c, t.sum![k]!)) {
        f.add('encrypted_tally', names.contest(entry.contestId, k, prefix, { seq: ev.event.seq }), text(`no es la suma homomórfica de las ${t.counted} papeletas contadas`, `is not the homomorphic sum of the ${t.counted} counted ballots`));
      }
    });
  }
  for (const c of m.contests) {
    if (!seen.has(c.id)) f.add('encrypted_tally', names.contest(c.id, undefined, prefix, { seq: ev.event.seq }), text('falta la contienda', 'the contest is missing'));
  }
  return out;
}

interface ValidShare { readonly index: number; readonly share: Point }

/** Checks 18–19: every share's proof; per ciphertext, the valid shares in board order. */
function checkDecryptionShares(s: VerifyState, tally: Map<string, Ciphertext[]>): Map<string, ValidShare[][]> {
  const { f, names } = s;
  const m = s.manifest!;
  const n = m.json.trustees.length;
  const t = m.json.threshold;
  const valid = new Map<string, ValidShare[][]>();
  for (const [contestId, cts] of tally) valid.set(contestId, cts.map(() => []));
  const events = parsedOf(s, 'decryption_share');
  const result = firstOf(s, 'result');
  const seen = new Map<number, number>();
  for (const { event, data } of events) {
    const j = data.trustee;
    const item = names.trustee(j, text('descifrados parciales', 'decryption shares'), event.seq);
    if (!Number.isInteger(j) || j < 1 || j > n) { f.add('decryption_shares', item, text(`índice fuera de 1..${n}`, `index outside 1..${n}`)); continue; }
    if (seen.has(j)) { f.add('decryption_shares', item, text(`un segundo envío (el primero es seq ${seen.get(j)})`, `a second posting (the first is seq ${seen.get(j)})`)); continue; }
    seen.set(j, event.seq);
    const X = m.decoded.verificationKeys[j - 1]!;
    const entries = new Set<string>();
    for (const entry of data.contests) {
      const cItem = names.share(j, entry.contestId, undefined, event.seq);
      const cts = tally.get(entry.contestId);
      if (!m.json.contests.some((c) => c.id === entry.contestId)) { f.add('decryption_shares', cItem, text('la contienda no está en el manifiesto', 'the contest is not in the manifest')); continue; }
      if (entries.has(entry.contestId)) { f.add('decryption_shares', cItem, text('la contienda aparece dos veces', 'the contest appears twice')); continue; }
      entries.add(entry.contestId);
      if (cts === undefined) { f.add('decryption_shares', cItem, text('no se puede comprobar: el escrutinio cifrado de la contienda no es utilizable', 'cannot be checked: the contest\'s encrypted tally is unusable')); continue; }
      if (entry.shares.length !== cts.length) {
        f.add('decryption_shares', cItem, text(`${entry.shares.length} descifrados para ${cts.length} cifrados`, `${entry.shares.length} shares for ${cts.length} ciphertexts`));
        continue;
      }
      const decoded: (DecryptionShare | undefined)[] = entry.shares.map((json, k) => {
        try {
          const share = decryptionShareFromJSON(json);
          if (share.index !== j) {
            f.add('decryption_shares', names.share(j, entry.contestId, k, event.seq), text(`lleva el índice ${share.index}`, `carries index ${share.index}`));
            return undefined;
          }
          return share;
        } catch (e) {
          f.add('decryption_shares', names.share(j, entry.contestId, k, event.seq), text(`no se decodifica (${why(e)})`, `does not decode (${why(e)})`));
          return undefined;
        }
      });
      const usable = decoded.flatMap((d, k) => (d === undefined ? [] : [k]));
      const ctx = decryptionContext(m.hash, entry.contestId);
      const bad = new Set(checkShares(ctx, X, usable.map((k) => cts[k]!), usable.map((k) => decoded[k]!)).map((i) => usable[i]!));
      for (const k of usable) {
        if (bad.has(k)) {
          f.add('decryption_shares', names.share(j, entry.contestId, k, event.seq), text('la prueba de Chaum–Pedersen no verifica contra la clave de verificación del custodio', 'the Chaum–Pedersen proof does not verify against the trustee\'s verification key'));
        } else if (result === undefined || event.index < result.index) {
          valid.get(entry.contestId)![k]!.push({ index: j, share: decoded[k]!.share });
        }
      }
    }
    for (const c of m.json.contests) {
      if (!entries.has(c.id)) f.add('decryption_shares', names.share(j, c.id, undefined, event.seq), text('falta la contienda', 'the contest is missing'));
    }
  }
  // 19. At least t valid shares of each ciphertext before the result.
  if (result !== undefined) {
    for (const [contestId, perCandidate] of valid) {
      perCandidate.forEach((shares, k) => {
        if (shares.length < t) {
          f.add('threshold', names.contest(contestId, k), text(`${shares.length} descifrados parciales válidos antes de los resultados; se necesitan ${t}`, `${shares.length} valid partial decryptions before the results; ${t} are needed`));
        }
      });
    }
  } else if (events.length === 0) {
    f.pending('threshold', NOT_REACHED('the record has no results', 'el registro no tiene resultados'));
  }
  return valid;
}

type ResultEntry = NonNullable<ReturnType<typeof parsedOf<'result'>>[number]>['data']['contests'][number];

/** Checks 20–22, and the report's results. */
function checkResults(s: VerifyState, tally: Map<string, Ciphertext[]>, valid: Map<string, ValidShare[][]>): ContestResult[] | null {
  const { f, names } = s;
  const m = s.manifest!.json;
  const params = { n: m.trustees.length, t: m.threshold };
  const ev = parsedOf(s, 'result')[0];
  const published = parsedOf(s, 'published');
  const resultEvent = firstOf(s, 'result');
  // 22. Publication.
  for (const p of published) {
    if (resultEvent === undefined || p.data.resultEvent !== resultEvent.hash) {
      f.add('published', names.event(p.event.seq, 'published'), text('no se refiere al evento de resultados', 'does not refer to the result event'));
    }
  }
  if (published.length === 0 && firstOf(s, 'published') === undefined) {
    f.pending('published', NOT_REACHED('the results are not published yet', 'los resultados no están publicados todavía'));
  }
  if (ev === undefined) {
    if (resultEvent === undefined) {
      f.pending('decryption', NOT_REACHED('the record has no results', 'el registro no tiene resultados'));
      f.pending('seats', NOT_REACHED('the record has no results', 'el registro no tiene resultados'));
    }
    return null;
  }
  const prefix = { es: 'resultado', en: 'result' };
  const entries = new Map<string, ResultEntry>();
  for (const entry of ev.data.contests) {
    const item = names.contest(entry.contestId, undefined, prefix, { seq: ev.event.seq });
    if (!m.contests.some((c) => c.id === entry.contestId)) { f.add('decryption', item, text('la contienda no está en el manifiesto', 'the contest is not in the manifest')); continue; }
    if (entries.has(entry.contestId)) { f.add('decryption', item, text('la contienda aparece dos veces', 'the contest appears twice')); continue; }
    entries.set(entry.contestId, entry);
  }
  const results: ContestResult[] = [];
  for (const c of m.contests) {
    const entry = entries.get(c.id);
    const item = names.contest(c.id, undefined, prefix, { seq: ev.event.seq });
    if (entry === undefined) { f.add('decryption', item, text('falta la contienda', 'the contest is missing')); continue; }
    const failuresBefore = countFailures(s);
    // The published counts name the candidates in manifest order.
    const idsOk = entry.counts.length === c.candidates.length && entry.counts.every((x, k) => x.candidateId === c.candidates[k]!.id);
    if (!idsOk) f.add('decryption', item, text('los votos no nombran a los candidatos del manifiesto en su orden', 'the counts do not name the manifest\'s candidates in order'));

    // 20. Combine t valid shares of each ciphertext; the discrete log must be the published count.
    const cts = tally.get(c.id);
    const shares = valid.get(c.id);
    // The bound of docs/election-record.md E2: the contest's ballot events between the
    // manifest and the close (never fewer than the counted ballots, the server's search bound).
    const bound = Math.max(s.tallies?.get(c.id)?.ballotsOnBoard ?? 0, s.tallies?.get(c.id)?.counted ?? 0);
    if (cts !== undefined && shares !== undefined && idsOk) {
      cts.forEach((ct, k) => {
        const kItem = names.contest(c.id, k, prefix, { seq: ev.event.seq });
        const list = shares[k]!;
        if (list.length < params.t) {
          f.add('decryption', kItem, text('no se puede descifrar: faltan descifrados parciales válidos', 'cannot be decrypted: too few valid partial decryptions'));
          return;
        }
        const combined = combineShares(ct, list, params);
        const votes = combined.ok ? discreteLog(combined.point, bound) : null;
        if (votes === null) {
          f.add('decryption', kItem, text(`el escrutinio no se descifra a un número entre 0 y ${bound}`, `the tally does not decrypt to a number in 0..${bound}`));
        } else if (votes !== entry.counts[k]!.votes) {
          f.add('decryption', kItem, text(`se publicaron ${entry.counts[k]!.votes} votos; el descifrado da ${votes}`, `${entry.counts[k]!.votes} votes published; the decryption gives ${votes}`));
        }
      });
    } else if (cts === undefined) {
      f.add('decryption', item, text('no se puede comprobar: el escrutinio cifrado de la contienda no es utilizable', 'cannot be checked: the contest\'s encrypted tally is unusable'));
    }

    // 21. Seats from the published counts and the lots' seed, recomputed from the tally
    // and the counts (the joint decryption values β − votes·G; check 20 ties the counts
    // to the trustees' shares).
    if (cts === undefined) {
      f.add('seats', item, text('no se puede comprobar: no hay escrutinio cifrado que siembre los sorteos', 'cannot be checked: there is no encrypted tally to seed the lots'));
    } else if (idsOk) {
      checkSeats(s, c, entry, cts, item);
    }
    results.push(contestResult(c, constituencyText(m, c.constituency), entry, countFailures(s) === failuresBefore));
  }
  return results;
}

function countFailures(s: VerifyState): number {
  return s.f.count('decryption') + s.f.count('seats');
}

function checkSeats(s: VerifyState, c: ManifestContest, entry: ResultEntry, cts: readonly Ciphertext[], item: ReturnType<VerifyState['names']['contest']>): void {
  const { f, names } = s;
  let expected;
  let seed: string;
  try {
    const votes = entry.counts.map((x) => x.votes);
    seed = toHex(tieBreakSeed(s.manifest!.hash, c.id, decryptionValues(cts, votes)));
    expected = allocateSeats({ contestId: c.id, candidates: c.candidates, votes, seats: c.seats, alternates: c.alternates, seed });
  } catch (e) {
    f.add('seats', item, text(`no se puede recalcular (${why(e)})`, `cannot be recomputed (${why(e)})`));
    return;
  }
  const label = (ids: readonly string[]) => ids.map((id) => c.candidates.findIndex((x) => x.id === id) + 1).map((k) => (k > 0 ? `#${k}` : '?')).join(', ');
  const compare = (what: { es: string; en: string }, got: readonly string[], want: readonly string[]) => {
    if (got.join('\u0000') !== want.join('\u0000')) {
      f.add('seats', item, text(`${what.es}: se publicó [${label(got)}], se recalcula [${label(want)}]`, `${what.en}: published [${label(got)}], recomputed [${label(want)}]`));
    }
  };
  if (entry.tieBreak !== seed) {
    f.add('seats', item, text('la semilla de desempate no es la recalculada de los valores de descifrado conjunto', 'the tie-break seed is not the one recomputed from the joint decryption values'));
  }
  compare({ es: 'orden', en: 'ranking' }, entry.ranking, expected.ranking);
  compare({ es: 'titulares', en: 'titulars' }, entry.titulars, expected.titulars);
  compare({ es: 'suplentes', en: 'alternates' }, entry.alternates, expected.alternates);
  const lotsOk = entry.lots.length === expected.lots.length
    && entry.lots.every((x, k) => x.candidateId === expected.lots[k]!.candidateId && x.lot === expected.lots[k]!.lot);
  if (!lotsOk) {
    expected.lots.forEach((x, k) => {
      const got = entry.lots[k];
      if (got?.candidateId !== x.candidateId || got.lot !== x.lot) {
        f.add('seats', names.contest(c.id, k, { es: 'sorteo de desempate', en: 'tie-break lot' }), text('no es el sorteo recalculado', 'is not the recomputed lot'));
      }
    });
    if (entry.lots.length > expected.lots.length) f.add('seats', item, text('sorteos de más', 'extra lots'));
  }
}

function contestResult(c: ManifestContest, constituencyName: Text, entry: ResultEntry, verified: boolean): ContestResult {
  const votes = new Map(entry.counts.map((x) => [x.candidateId, x.votes]));
  const titulars = new Set(entry.titulars);
  const alternates = new Set(entry.alternates);
  const ranked = [...entry.ranking, ...c.candidates.map((x) => x.id).filter((id) => !entry.ranking.includes(id))];
  const candidates: CandidateResult[] = ranked.map((id, i) => ({
    candidateId: id,
    fullName: c.candidates.find((x) => x.id === id)?.fullName ?? id,
    votes: votes.get(id) ?? 0,
    rank: i + 1,
    seat: titulars.has(id) ? 'titular' : alternates.has(id) ? 'alternate' : null,
  }));
  return { contestId: c.id, constituency: c.constituency, constituencyName, title: c.title, seats: c.seats, alternates: c.alternates, candidates, verified };
}

/** Checks 16–22 (needs a checked manifest); returns the report's results. */
export function checkTally(s: VerifyState): ContestResult[] | null {
  checkClose(s);
  const tally = checkEncryptedTally(s);
  const valid = checkDecryptionShares(s, tally);
  return checkResults(s, tally, valid);
}

/** The checks that cannot run without a manifest, marked as such. */
export function tallyWithoutManifest(s: VerifyState): void {
  const present = s.events.some((e) => ['close', 'encrypted_tally', 'decryption_share', 'result', 'published'].includes(e.kind));
  for (const key of ['close', 'encrypted_tally', 'decryption_shares', 'threshold', 'decryption', 'seats', 'published'] as const) {
    if (present) s.f.add(key, s.names.record(), text('no se puede comprobar: no hay un manifiesto válido', 'cannot be checked: there is no valid manifest'));
    else s.f.pending(key, NOT_REACHED('the record does not reach this stage', 'el registro no llega a esta etapa'));
  }
}
