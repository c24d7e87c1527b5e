/**
 * Checks 9–15: the token-issuance log against the rolls, every ballot (through a
 * {@link BallotChecker}, as the record streams in: {@link BallotStage}), the chain of tracking codes, one ballot per token, and the
 * counts per contest (counted ballots ≤ tokens issued ≤ roll size). A ballot is *counted*
 * when it passes every check, lies between the manifest and the close, and is the first
 * valid ballot of its token (ballot key) in its contest: the encrypted tally must be the
 * sum of exactly these.
 * @module
 */
import { contestBallotFromJSON, type ContestBallotJSON } from '../crypto/ballot.js';
import { type Ciphertext, ZERO, addCiphertexts, ciphertextFromJSON } from '../crypto/elgamal.js';
import { fromHex, toHex } from '../crypto/group.js';
import { trackingCode } from '../record/tracking.js';
import type { BallotBatch, BallotCheckContext, BallotCheckKind, BallotChecker, BallotTask } from './ballots.js';
import type { RecordEvent } from './events.js';
import { Findings, Names } from './findings.js';
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

/** Ballots handed to the checker at once: enough for its batches and worker slices to pay off. */
const CHUNK = 512;
/** Chunks being checked at once; with the one being filled, the ballots held in memory. */
const IN_FLIGHT = 3;

interface BallotView {
  readonly number: number;
  readonly event: RecordEvent;
  readonly inVoting: boolean;
  readonly contestId: string | undefined;
  readonly trackingCode: string | undefined;
  readonly ballotPublicKey: string | undefined;
  /** The key ids of the token's issuer signatures (check 45 counts them for counted ballots, whose token passed). */
  readonly signedBy: readonly string[];
}

function viewOf(number: number, event: RecordEvent, inVoting: boolean): BallotView {
  const p = (typeof event.payload === 'object' && event.payload !== null ? event.payload : {}) as Record<string, unknown>;
  const token = (typeof p.token === 'object' && p.token !== null ? p.token : {}) as Record<string, unknown>;
  return {
    number, event, inVoting,
    contestId: typeof p.contestId === 'string' ? p.contestId : undefined,
    trackingCode: typeof p.trackingCode === 'string' && HEX32.test(p.trackingCode) ? p.trackingCode : undefined,
    ballotPublicKey: typeof token.ballotPublicKey === 'string' && HEX32.test(token.ballotPublicKey) ? token.ballotPublicKey : undefined,
    signedBy: Array.isArray(token.signatures) ? token.signatures.flatMap((x: unknown) => {
      const keyId = typeof x === 'object' && x !== null ? (x as Record<string, unknown>).keyId : undefined;
      return typeof keyId === 'string' ? [keyId] : [];
    }) : [],
  };
}

/**
 * Checks 10–15 over the ballot events as the record is read: each ballot is {@link push}ed
 * as it comes, checked by `checker` in chunks (several in flight, so that worker threads
 * stay busy while the record is read), and the order-dependent checks — the chain of
 * tracking codes, one ballot per token, which ballots are counted and their sum — advance
 * chunk by chunk in board order. What stays in memory is a few chunks of ballots and, per
 * ballot key, one entry; never the record's ballots. Findings are gathered apart and
 * joined to the report's at {@link finish}, in the place of the ballot checks.
 */
export class BallotStage {
  readonly #checker: BallotChecker;
  readonly #onProgress: ((done: number, total: number) => void) | undefined;
  readonly #f = new Findings();
  readonly #names = new Names();
  /** undefined until the first manifest event; then its context, or null if it does not decode. */
  #context: BallotCheckContext | null | undefined;
  /** Ballots before the first manifest (only in a record out of order). */
  #early: BallotView[] = [];
  #chunk: BallotView[] = [];
  readonly #inFlight: { views: BallotView[]; batch: Promise<BallotBatch> }[] = [];
  #failed: string | undefined;
  #seen = 0;
  #done = 0;
  // Board-order state of checks 13 and 14.
  #previous: (Uint8Array | null)[] = [null];
  readonly #firstUse = new Map<string, { number: number; seq: number }>();
  readonly #firstValid = new Set<string>();
  readonly #tallies = new Map<string, { ballotsOnBoard: number; counted: number; countedByIssuer: Map<string, number> }>();
  readonly #sums = new Map<string, Ciphertext[] | undefined>();

  constructor(checker: BallotChecker, onProgress?: (done: number, total: number) => void) {
    this.#checker = checker;
    this.#onProgress = onProgress;
  }

  /** Ballot events pushed so far. */
  get seen(): number {
    return this.#seen;
  }

  /**
   * The first manifest event has been read: `context` is what every ballot is checked
   * against (ceremony.ts `ballotCheckContext`), null if that manifest does not decode.
   */
  open(context: BallotCheckContext | null): void {
    if (this.#context !== undefined) return;
    this.#context = context;
    if (context !== null) {
      for (const c of (context.manifest as { contests: { id: string; candidates: unknown[] }[] }).contests) {
        this.#tallies.set(c.id, { ballotsOnBoard: 0, counted: 0, countedByIssuer: new Map() });
        this.#sums.set(c.id, c.candidates.map(() => ZERO));
      }
      this.#chunk = this.#early;
    }
    this.#early = [];
  }

  /**
   * The next ballot event, `number` (1-based) among the ballots; `inVoting` when it lies
   * between the first manifest and the first close. Resolves when there is room for more.
   */
  async push(event: RecordEvent, number: number, inVoting: boolean): Promise<void> {
    this.#seen++;
    const view = viewOf(number, event, inVoting);
    if (this.#context === undefined) { this.#early.push(view); return; }
    if (this.#context === null || this.#failed !== undefined) return;
    this.#chunk.push(view);
    if (this.#chunk.length >= CHUNK) await this.#dispatch();
  }

  async #dispatch(): Promise<void> {
    const views = this.#chunk;
    this.#chunk = [];
    if (views.length === 0 || this.#context === null || this.#context === undefined || this.#failed !== undefined) return;
    const tasks: BallotTask[] = views.map((b) => ({ number: b.number, seq: b.event.seq, payload: b.event.payload }));
    const batch = Promise.resolve().then(() => this.#checker(this.#context!, tasks));
    batch.catch(() => undefined); // awaited in order below; a rejection must not go unhandled meanwhile
    this.#inFlight.push({ views, batch });
    while (this.#inFlight.length >= IN_FLIGHT) await this.#settle();
  }

  /** Take the oldest chunk's verdicts and advance the board-order checks over it. */
  async #settle(): Promise<void> {
    const { views, batch } = this.#inFlight.shift()!;
    let b: BallotBatch;
    try {
      b = await batch;
    } catch (e) {
      this.#failed ??= (e as Error).message;
      return;
    }
    if (this.#failed === undefined) this.#advance(views, b);
    this.#done += views.length;
    this.#onProgress?.(this.#done, this.#seen);
  }

  #advance(ballots: readonly BallotView[], batch: BallotBatch): void {
    const f = this.#f;
    const outcomes = new Map(batch.outcomes.map((o) => [o.number, o]));
    const item = (b: BallotView) => this.#names.ballot(b.number, b.event.seq, b.trackingCode);

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
    for (const b of ballots) {
      const digest = outcomes.get(b.number)?.digest;
      const recorded = b.trackingCode === undefined ? undefined : fromHex(b.trackingCode);
      if (digest === undefined || b.ballotPublicKey === undefined) {
        f.add('tracking_codes', item(b), text('no se puede recalcular: la papeleta no se decodifica', 'cannot be recomputed: the ballot does not decode'));
        if (recorded !== undefined) this.#previous = [recorded];
        continue;
      }
      const candidates = this.#previous.map((p) => toHex(trackingCode(p, fromHex(digest), fromHex(b.ballotPublicKey!))));
      if (b.trackingCode !== undefined && candidates.includes(b.trackingCode)) {
        this.#previous = [recorded!];
        continue;
      }
      f.add('tracking_codes', item(b), text(`el código de seguimiento no encadena con la papeleta anterior (recalculado: ${candidates[0]})`, `the tracking code does not chain from the previous ballot (recomputed: ${candidates[0]})`));
      this.#previous = recorded === undefined ? [fromHex(candidates[0]!)] : [recorded, fromHex(candidates[0]!)];
    }

    // 14. One ballot per token; and which ballots are counted.
    const excluded: BallotView[] = [];
    for (const b of ballots) {
      const ok = outcomes.get(b.number)?.ok === true;
      const t = b.contestId === undefined ? undefined : this.#tallies.get(b.contestId);
      if (t !== undefined && b.inVoting) t.ballotsOnBoard++;
      const key = b.contestId !== undefined && b.ballotPublicKey !== undefined ? `${b.contestId}\u0000${b.ballotPublicKey}` : undefined;
      if (key !== undefined) {
        const earlier = this.#firstUse.get(key);
        if (earlier !== undefined) {
          f.add('one_ballot_per_token', item(b), text(`usa la ficha (clave de papeleta) de la papeleta n.º ${earlier.number} (seq ${earlier.seq})`, `reuses the token (ballot key) of ballot #${earlier.number} (seq ${earlier.seq})`));
        } else {
          this.#firstUse.set(key, { number: b.number, seq: b.event.seq });
        }
      }
      if (!ok) continue;
      if (b.inVoting && key !== undefined && !this.#firstValid.has(key)) {
        this.#firstValid.add(key);
        t!.counted++;
        for (const keyId of new Set(b.signedBy)) t!.countedByIssuer.set(keyId, (t!.countedByIssuer.get(keyId) ?? 0) + 1);
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
    for (const [id, total] of this.#sums) {
      const part = sums.get(id);
      this.#sums.set(id, total === undefined || part === undefined || part.length !== total.length ? undefined : total.map((c, k) => addCiphertexts(c, part[k]!)));
    }
  }

  /** Stop: wait for the chunks being checked (so no worker is left busy) and drop everything. */
  async abandon(): Promise<void> {
    this.#failed ??= 'abandoned';
    this.#chunk = [];
    this.#early = [];
    while (this.#inFlight.length > 0) await this.#settle();
  }

  /**
   * After the last event: the ballots still queued are checked, the findings joined to
   * `s.f`, and check 15 (counts per contest) run. Fills `s.tallies` (per contest: tokens,
   * ballots, counted, the counted sum).
   */
  async finish(s: VerifyState, issued: Map<string, number>): Promise<void> {
    const { f } = s;
    const m = s.manifest;
    if (m === undefined || this.#context === null || this.#context === undefined) {
      if (m === undefined && this.#seen > 0) {
        for (const key of ['ballot_tokens', 'ballot_signatures', 'ballot_proofs', 'tracking_codes', 'one_ballot_per_token'] as const) {
          f.add(key, s.names.record(), text('no se puede comprobar: no hay un manifiesto válido', 'cannot be checked: there is no valid manifest'));
        }
      } else if (m !== undefined) {
        this.#failed ??= 'no context';
      }
      if (m === undefined) return;
    }
    await this.#dispatch();
    while (this.#inFlight.length > 0) await this.#settle();
    this.#onProgress?.(this.#seen, this.#seen);
    if (this.#failed !== undefined) {
      const why = this.#failed;
      f.add('ballot_proofs', s.names.record(), text(`el verificador de papeletas falló (${why})`, `the ballot checker failed (${why})`));
      return;
    }
    f.absorb(this.#f);

    // 15. Counts per contest.
    const close = firstOf(s, 'close');
    s.tallies = new Map<string, ContestTally>();
    for (const c of m.json.contests) {
      const t = this.#tallies.get(c.id) ?? { ballotsOnBoard: 0, counted: 0, countedByIssuer: new Map<string, number>() };
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
      s.tallies.set(c.id, { tokensIssued: tokens, ballotsOnBoard: t.ballotsOnBoard, counted: t.counted, countedByIssuer: t.countedByIssuer, sum: this.#sums.get(c.id) });
    }
  }
}
