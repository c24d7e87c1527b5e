/**
 * What the checks share while one record is verified: the findings, the item names, the
 * well-formed events (all but the ballots, which stream past), the manifest once checked,
 * and the ballot tallies.
 * @module
 */
import type { Ciphertext } from '../crypto/elgamal.js';
import type { PayloadOf, EventKind } from '../record/board.js';
import type { DecodedManifest, Manifest } from '../record/manifest.js';
import type { CheckedDecision, CheckedIssuerLog, CheckedTokenIssued } from './checked-events.js';
import type { RecordEvent } from './events.js';
import type { Findings, Names } from './findings.js';

/** The manifest once checked: JSON, decoded keys, recomputed hash. */
export interface ManifestInfo {
  readonly json: Manifest;
  readonly decoded: DecodedManifest;
  readonly hash: Uint8Array;
  readonly hashHex: string;
  readonly event: RecordEvent;
}

/**
 * What is kept of a parsed payload of kind K: the payload, except for the kinds that grow
 * with the roll, which are checked as they stream past and kept as checked-events.ts has them.
 */
export type KeptOf<K extends EventKind> =
  K extends 'token_issued' ? CheckedTokenIssued : K extends 'decision' ? CheckedDecision : K extends 'issuer_log' ? CheckedIssuerLog : PayloadOf<K>;

/** A well-formed event of kind K whose payload parsed. */
export interface Parsed<K extends EventKind> {
  readonly event: RecordEvent;
  readonly data: KeptOf<K>;
}

/** Per contest, what the ballots checks found. */
export interface ContestTally {
  readonly tokensIssued: number;
  readonly ballotsOnBoard: number;
  readonly counted: number;
  /** Counted ballots per issuer key id whose signature their token carries. */
  readonly countedByIssuer: ReadonlyMap<string, number>;
  /** Homomorphic sum of the counted ballots, per candidate; undefined if it could not be formed. */
  readonly sum: readonly Ciphertext[] | undefined;
}

/** A strict Ed25519 check (crypto/ballot-signature.ts `verifyStrictSignature`, or one with its verdicts). */
export type StrictVerifier = (publicKey: Uint8Array, msg: Uint8Array, signature: Uint8Array) => boolean;

/** The shared state of one verification. */
export interface VerifyState {
  readonly f: Findings;
  names: Names;
  readonly electionId: string | null;
  /**
   * The well-formed events of known kinds, in record order, except the ballots: those are
   * checked as they stream past (voting.ts `BallotStage`) and not kept. The data of a
   * decision, token_issued or issuer_log event is its {@link KeptOf} (checked-events.ts).
   */
  readonly events: readonly RecordEvent[];
  /** Well-formed events of known kinds per kind, ballots included, and their total. */
  readonly byKind: Readonly<Partial<Record<EventKind, number>>>;
  readonly eventCount: number;
  readonly partial: boolean;
  /** The members' and associations' statement signatures are checked with it (default noble's). */
  readonly ed25519?: StrictVerifier;
  manifest?: ManifestInfo;
  /** By contest id, filled by the ballot checks. */
  tallies?: Map<string, ContestTally>;
}

/** The events of kind `kind` whose payload parsed, in record order. */
export function parsedOf<K extends EventKind>(s: VerifyState, kind: K): Parsed<K>[] {
  return s.events.filter((e) => e.kind === kind && e.data !== undefined).map((event) => ({ event, data: event.data as KeptOf<K> }));
}

/** The first event of `kind` (parsed or not). */
export function firstOf(s: VerifyState, kind: EventKind): RecordEvent | undefined {
  return s.events.find((e) => e.kind === kind);
}
