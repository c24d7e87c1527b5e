/**
 * Gathering failures check by check, and naming the items they point at in both
 * languages (`ballot #12 (seq 57, tracking code ab12cd34ef56ab78…)`, `decryption share of
 * trustee 3, contest plwha, candidate 2`), so that every message of the report says which
 * event, ballot, trustee, contest or candidate failed.
 * @module
 */
import type { Manifest } from '../record/manifest.js';
import { CHECK_KEYS, CHECK_TEXTS, type Check, checkNumber, type CheckKey, type Failure, type ItemRef, type Text, text } from './report.js';

/** A named item: what a failure is about. */
export interface Item {
  readonly item: string;
  readonly itemText: Text;
  readonly where?: ItemRef;
}

/** Shortened hex for display: the first 16 digits and an ellipsis. */
export function short(hex: string): string {
  return typeof hex === 'string' && hex.length > 16 ? `${hex.slice(0, 16)}…` : String(hex);
}

/** Failures per check, in the order they were found. */
export class Findings {
  readonly #failures = new Map<CheckKey, Failure[]>();
  readonly #notes = new Map<CheckKey, Text>();
  readonly #pending = new Set<CheckKey>();

  /** Record that `item` fails check `key` because of `detail`. */
  add(key: CheckKey, item: Item, detail: Text): void {
    let list = this.#failures.get(key);
    if (list === undefined) this.#failures.set(key, (list = []));
    const failure: Failure = item.where === undefined
      ? { item: item.item, itemText: item.itemText, detail }
      : { item: item.item, itemText: item.itemText, detail, where: item.where };
    list.push(failure);
  }

  /** A note on a check, e.g. why it did not apply. */
  note(key: CheckKey, note: Text): void {
    this.#notes.set(key, note);
  }

  /**
   * A check the record does not reach yet (it ends before the close, the tally or the
   * publication): pending, not passed, unless it also has failures.
   */
  pending(key: CheckKey, note: Text): void {
    this.#notes.set(key, note);
    this.#pending.add(key);
  }

  /**
   * Append `other`'s failures (and notes) to this one's, check by check: a part of the
   * verification that runs early (as the record streams in) gathers apart and is joined
   * here in its place among the checks, so that the report does not depend on when it ran.
   */
  absorb(other: Findings): void {
    for (const [key, list] of other.#failures) for (const x of list) this.add(key, { item: x.item, itemText: x.itemText, ...(x.where ? { where: x.where } : {}) }, x.detail);
    for (const [key, note] of other.#notes) this.note(key, note);
    for (const key of other.#pending) this.#pending.add(key);
  }

  /** The number of failures of check `key` so far. */
  count(key: CheckKey): number {
    return this.#failures.get(key)?.length ?? 0;
  }

  /** The numbered checks. */
  checks(): Check[] {
    return CHECK_KEYS.map((key) => {
      const failures = this.#failures.get(key) ?? [];
      const note = this.#notes.get(key);
      const base = { id: checkNumber(key), key, ...CHECK_TEXTS[key], ok: failures.length === 0, failures };
      if (note === undefined) return base;
      return failures.length === 0 && this.#pending.has(key) ? { ...base, note, pending: true as const } : { ...base, note };
    });
  }
}

/** Names of the record's items, with the manifest's contests and candidates when known. */
export class Names {
  readonly #contests = new Map<string, { label: string; candidates: readonly { id: string; fullName: string }[] }>();

  constructor(manifest?: Manifest) {
    if (manifest === undefined) return;
    const constituencies = manifest.contests.map((c) => c.constituency);
    for (const c of manifest.contests) {
      // The constituency reads best; the id when two contests share one.
      const unique = constituencies.filter((x) => x === c.constituency).length === 1;
      this.#contests.set(c.id, { label: unique ? c.constituency : c.id, candidates: c.candidates });
    }
  }

  /** How a contest is named in items: its constituency, or its id. */
  contestLabel(contestId: string): string {
    return this.#contests.get(contestId)?.label ?? String(contestId);
  }

  /** The whole record. */
  record(path = ''): Item {
    return { item: path ? `record ${path}` : 'record', itemText: text(path ? `registro ${path}` : 'registro', path ? `record ${path}` : 'record'), ...(path ? { where: { path } } : {}) };
  }

  /** Board event `seq` of kind `kind`. */
  event(seq: number, kind: string): Item {
    return { item: `event seq ${seq} (${kind})`, itemText: text(`evento seq ${seq} (${kind})`, `event seq ${seq} (${kind})`), where: { seq } };
  }

  /** The manifest (or a path in it). */
  manifest(path = ''): Item {
    const p = path ? ` ${path}` : '';
    return { item: `manifest${p}`, itemText: text(`manifiesto${p}`, `manifest${p}`), ...(path ? { where: { path: `manifest.${path}` } } : {}) };
  }

  /** Ballot number `n` (1-based among ballot events), at `seq`, with its tracking code. */
  ballot(n: number, seq: number, trackingCode?: string): Item {
    const code = typeof trackingCode === 'string' ? `, tracking code ${short(trackingCode)}` : '';
    const codeEs = typeof trackingCode === 'string' ? `, código de seguimiento ${short(trackingCode)}` : '';
    return {
      item: `ballot #${n} (seq ${seq}${code})`,
      itemText: text(`papeleta n.º ${n} (seq ${seq}${codeEs})`, `ballot #${n} (seq ${seq}${code})`),
      where: typeof trackingCode === 'string' ? { ballot: n, seq, trackingCode } : { ballot: n, seq },
    };
  }

  /** Trustee `j` (with what of theirs, e.g. "key", "dealing"). */
  trustee(j: number, what?: { es: string; en: string }, seq?: number): Item {
    const en = what ? `${what.en} of trustee ${j}` : `trustee ${j}`;
    const es = what ? `${what.es} del custodio ${j}` : `custodio ${j}`;
    return { item: en, itemText: text(es, en), where: seq === undefined ? { trustee: j } : { trustee: j, seq } };
  }

  /** Contest `contestId`, optionally one of its candidates (0-based index `k`) and a prefix. */
  contest(contestId: string, k?: number, prefix?: { es: string; en: string }, extra: ItemRef = {}): Item {
    const label = this.contestLabel(contestId);
    const cand = k === undefined ? undefined : this.#contests.get(contestId)?.candidates[k];
    const candEn = k === undefined ? '' : `, candidate ${k + 1}${cand ? ` (${cand.fullName})` : ''}`;
    const candEs = k === undefined ? '' : `, candidato ${k + 1}${cand ? ` (${cand.fullName})` : ''}`;
    const en = `${prefix ? `${prefix.en}, ` : ''}contest ${label}${candEn}`;
    const es = `${prefix ? `${prefix.es}, ` : ''}contienda ${label}${candEs}`;
    return { item: en, itemText: text(es, en), where: { ...extra, contestId, ...(k === undefined ? {} : { candidate: k + 1 }) } };
  }

  /** Trustee `j`'s decryption share of contest `contestId`, candidate index `k` (0-based). */
  share(j: number, contestId: string, k?: number, seq?: number): Item {
    return this.contest(contestId, k, { es: `descifrado parcial del custodio ${j}`, en: `decryption share of trustee ${j}` }, {
      trustee: j, ...(seq === undefined ? {} : { seq }),
    });
  }
}
