/**
 * Checks 9–15: the token-issuance log against the rolls, every ballot (through a
 * {@link BallotChecker}), the chain of tracking codes, one ballot per token, and the
 * counts per contest (counted ballots ≤ tokens issued ≤ roll size). A ballot is *counted*
 * when it passes every check, lies between the manifest and the close, and is the first
 * valid ballot of its token (ballot key) in its contest: the encrypted tally must be the
 * sum of exactly these.
 * @module
 */
import { contestBallotFromJSON, type ContestBallotJSON } from '../crypto/ballot.js';
import { type Ciphertext, ciphertextFromJSON } from '../crypto/elgamal.js';
import { fromHex, toHex } from '../crypto/group.js';
import { trackingCode } from '../record/tracking.js';
import type { BallotBatch, BallotCheckKind, BallotChecker, BallotTask } from './ballots.js';
import type { RecordEvent } from './events.js';
import type { CheckKey } from './report.js';
import { text } from './report.js';
import { type ContestTally, type VerifyState, firstOf, parsedOf } from './state.js';

const HEX32 = /^[0-9a-f]{64}$/;

function subtract(a: Ciphertext, b: Ciphertext): Ciphertext {
  return { alpha: a.alpha.subtract(b.alpha), beta: a.beta.subtract(b.beta) };
}

/** Check 9: token_issued events against the manifest's rolls. Returns tokens per contest. */
export function checkIssuance(s: VerifyState): Map<string, number> {
  const { f, names } = s;
  const issued = new Map<string, number>();
  const m = s.manifest?.json;
  const events = parsedOf(s, 'token_issued');
  if (m === undefined) {
    if (events.length > 0) f.add('issuance', names.record(), text('no se puede comprobar: no hay un manifiesto válido', 'cannot be checked: there is no valid manifest'));
    return issued;
  }
  const seen = new Map<string, number>();
  for (const { event, data } of events) {
    const item = names.contest(data.contestId, undefined, { es: `ficha de la asociación ${data.associationId}`, en: `token of association ${data.associationId}` }, {
      seq: event.seq, associationId: data.associationId,
    });
    const contest = m.contests.find((c) => c.id === data.contestId);
    if (contest === undefined) { f.add('issuance', item, text('la contienda no está en el manifiesto', 'the contest is not in the manifest')); continue; }
    issued.set(contest.id, (issued.get(contest.id) ?? 0) + 1);
    if (!contest.roll.some((r) => r.associationId === data.associationId)) {
      f.add('issuance', item, text('la asociación no está en el padrón de la contienda', 'the association is not on the contest\'s roll'));
    }
    const key = `${data.contestId}\u0000${data.associationId}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) f.add('issuance', item, text(`una segunda ficha (la primera es seq ${earlier})`, `a second token (the first is seq ${earlier})`));
    else seen.set(key, event.seq);
  }
  return issued;
}

const CHECK_OF: Readonly<Record<BallotCheckKind, CheckKey>> = {
  format: 'format', token: 'ballot_tokens', signature: 'ballot_signatures', proofs: 'ballot_proofs',
};

interface BallotView {
  readonly number: number;
  readonly event: RecordEvent;
  readonly contestId: string | undefined;
  readonly trackingCode: string | undefined;
  readonly ballotPublicKey: string | undefined;
}

function viewOf(number: number, event: RecordEvent): BallotView {
  const p = (typeof event.payload === 'object' && event.payload !== null ? event.payload : {}) as Record<string, unknown>;
  const token = (typeof p.token === 'object' && p.token !== null ? p.token : {}) as Record<string, unknown>;
  return {
    number, event,
    contestId: typeof p.contestId === 'string' ? p.contestId : undefined,
    trackingCode: typeof p.trackingCode === 'string' && HEX32.test(p.trackingCode) ? p.trackingCode : undefined,
    ballotPublicKey: typeof token.ballotPublicKey === 'string' && HEX32.test(token.ballotPublicKey) ? token.ballotPublicKey : undefined,
  };
}

/**
 * Checks 10–15 over the ballot events, with `checker` doing the per-ballot cryptography.
 * Fills `s.tallies` (per contest: tokens, ballots, counted, the counted sum).
 */
export async function checkBallotEvents(
  s: VerifyState, issued: Map<string, number>, checker: BallotChecker, onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const { f } = s;
  const ballots = s.events.filter((e) => e.kind === 'ballot').map((e, i) => viewOf(i + 1, e));
  const m = s.manifest;
  if (m === undefined) {
    if (ballots.length > 0) {
      for (const key of ['ballot_tokens', 'ballot_signatures', 'ballot_proofs', 'tracking_codes', 'one_ballot_per_token'] as const) {
        f.add(key, s.names.record(), text('no se puede comprobar: no hay un manifiesto válido', 'cannot be checked: there is no valid manifest'));
      }
    }
    return;
  }
  const tasks: BallotTask[] = ballots.map((b) => ({ number: b.number, seq: b.event.seq, payload: b.event.payload }));
  let batch: BallotBatch;
  try {
    // The manifest exactly as published (plain JSON: it may cross to a worker).
    const manifest = (m.event.payload as { manifest: unknown }).manifest;
    batch = await checker({ electionId: m.json.electionId, manifest, manifestHash: m.hashHex }, tasks, (done) => onProgress?.(done, tasks.length));
  } catch (e) {
    f.add('ballot_proofs', s.names.record(), text(`el verificador de papeletas falló (${(e as Error).message})`, `the ballot checker failed (${(e as Error).message})`));
    return;
  }
  const outcomes = new Map(batch.outcomes.map((o) => [o.number, o]));
  const item = (b: BallotView) => s.names.ballot(b.number, b.event.seq, b.trackingCode);

  // 10–12 (and 1 for the payload's shape): what the checker found.
  for (const b of ballots) {
    const o = outcomes.get(b.number);
    if (o === undefined) {
      f.add('ballot_proofs', item(b), text('el verificador de papeletas no devolvió veredicto', 'the ballot checker returned no verdict'));
      continue;
    }
    for (const p of o.problems) f.add(CHECK_OF[p.check], item(b), p.detail);
  }

  // 13. Tracking codes, chained over every ballot in board order. Each code must follow
  // from the previous code as recorded — or, after a bad code, as recomputed — so that a
  // changed code or a removed ballot is one failure, not one per later ballot.
  let previous: (Uint8Array | null)[] = [null];
  for (const b of ballots) {
    const digest = outcomes.get(b.number)?.digest;
    const recorded = b.trackingCode === undefined ? undefined : fromHex(b.trackingCode);
    if (digest === undefined || b.ballotPublicKey === undefined) {
      f.add('tracking_codes', item(b), text('no se puede recalcular: la papeleta no se decodifica', 'cannot be recomputed: the ballot does not decode'));
      if (recorded !== undefined) previous = [recorded];
      continue;
    }
    const candidates = previous.map((p) => toHex(trackingCode(p, fromHex(digest), fromHex(b.ballotPublicKey!))));
    if (b.trackingCode !== undefined && candidates.includes(b.trackingCode)) {
      previous = [recorded!];
      continue;
    }
    f.add('tracking_codes', item(b), text(`el código de seguimiento no encadena con la papeleta anterior (recalculado: ${candidates[0]})`, `the tracking code does not chain from the previous ballot (recomputed: ${candidates[0]})`));
    previous = recorded === undefined ? [fromHex(candidates[0]!)] : [recorded, fromHex(candidates[0]!)];
  }

  // 14. One ballot per token; and which ballots are counted.
  const close = firstOf(s, 'close');
  const firstUse = new Map<string, BallotView>();
  const firstValid = new Set<string>();
  const excluded: BallotView[] = [];
  const tallies = new Map<string, { ballotsOnBoard: number; counted: number }>();
  for (const c of m.json.contests) tallies.set(c.id, { ballotsOnBoard: 0, counted: 0 });
  for (const b of ballots) {
    const ok = outcomes.get(b.number)?.ok === true;
    const inVoting = b.event.index > m.event.index && (close === undefined || b.event.index < close.index);
    const t = b.contestId === undefined ? undefined : tallies.get(b.contestId);
    if (t !== undefined && inVoting) t.ballotsOnBoard++;
    const key = b.contestId !== undefined && b.ballotPublicKey !== undefined ? `${b.contestId}\u0000${b.ballotPublicKey}` : undefined;
    if (key !== undefined) {
      const earlier = firstUse.get(key);
      if (earlier !== undefined) {
        f.add('one_ballot_per_token', item(b), text(`usa la ficha (clave de papeleta) de la papeleta n.º ${earlier.number} (seq ${earlier.event.seq})`, `reuses the token (ballot key) of ballot #${earlier.number} (seq ${earlier.event.seq})`));
      } else {
        firstUse.set(key, b);
      }
    }
    if (!ok) continue;
    if (inVoting && key !== undefined && !firstValid.has(key)) {
      firstValid.add(key);
      t!.counted++;
    } else {
      excluded.push(b);
    }
  }

  // The counted sum: the checker's sum of passing ballots, less the passing ones not counted.
  const sums = new Map<string, Ciphertext[] | undefined>();
  for (const sum of batch.sums) {
    try {
      sums.set(sum.contestId, sum.tally.map((c, k) => ciphertextFromJSON(c, `sum[${k}]`, 'sum')));
    } catch {
      sums.set(sum.contestId, undefined);
    }
  }
  for (const b of excluded) {
    const sum = sums.get(b.contestId!);
    if (sum === undefined) continue;
    try {
      const ballot = contestBallotFromJSON((b.event.payload as { ballot: ContestBallotJSON }).ballot);
      sums.set(b.contestId!, sum.map((c, k) => subtract(c, ballot.selections[k]!.ciphertext)));
    } catch {
      sums.set(b.contestId!, undefined);
    }
  }

  // 15. Counts per contest.
  s.tallies = new Map<string, ContestTally>();
  for (const c of m.json.contests) {
    const t = tallies.get(c.id)!;
    const tokens = issued.get(c.id) ?? 0;
    const cItem = s.names.contest(c.id);
    // The server publishes the issuance log at the close (never live, so that its entries
    // cannot be paired with arriving ballots): before the close it is not yet there.
    if (t.counted > tokens && close !== undefined) {
      f.add('ballot_counts', cItem, text(`${t.counted} papeletas contadas pero solo ${tokens} fichas emitidas`, `${t.counted} counted ballots but only ${tokens} tokens issued`));
    }
    if (tokens > c.roll.length) {
      f.add('ballot_counts', cItem, text(`${tokens} fichas emitidas para un padrón de ${c.roll.length}`, `${tokens} tokens issued for a roll of ${c.roll.length}`));
    }
    s.tallies.set(c.id, { tokensIssued: tokens, ballotsOnBoard: t.ballotsOnBoard, counted: t.counted, sum: sums.get(c.id) });
  }
}
