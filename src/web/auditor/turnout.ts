/**
 * Turnout by region from an election record. Ballots are anonymous and carry no region, so
 * the only per-region figure a record can give is who obtained a voting token (the public
 * issuance log, `token_issued` events) against the roll (the manifest).
 *
 * Small-electorate safeguard (docs/voting-protocol.md): a region with fewer roll entries,
 * all contests together, than the manifest's `rules.minRollSize` (5 when a version 1
 * manifest has none) is suppressed here, before anything reaches the page: its figures are
 * not kept, only that it is below the minimum. Pure; never throws on a malformed record
 * (it then gives what it could read).
 * @module
 */
import { regionName } from '../lib/regions.js';

/** One region: its figures, or only that its roll is below the minimum. */
export type RegionTurnout =
  | {
    readonly region: string;
    readonly suppressed: false;
    /** Roll entries over all contests (an association on two contests' rolls counts twice). */
    readonly roll: number;
    readonly tokens: number;
  }
  | { readonly region: string; readonly suppressed: true };

export interface TurnoutByRegion {
  /** The minimum roll below which a region's figures are withheld. */
  readonly minRollSize: number;
  /** Ordered by region name. */
  readonly regions: readonly RegionTurnout[];
}

/** The default of `rules.minRollSize` (docs/voting-protocol.md "Small-electorate safeguard"). */
export const DEFAULT_MIN_ROLL_SIZE = 5;

interface Ev { kind?: unknown; payload?: unknown }

/** The manifest's `rules.minRollSize`, or the default when it has none usable. */
function minRollOf(manifest: unknown): number {
  const min = (manifest as { rules?: { minRollSize?: unknown } } | null)?.rules?.minRollSize;
  return typeof min === 'number' && Number.isSafeInteger(min) && min >= 1 ? min : DEFAULT_MIN_ROLL_SIZE;
}

/** Per region, roll entries and tokens issued (all contests together), small regions suppressed. */
export function regionTurnout(record: unknown): TurnoutByRegion {
  const events = (record as { events?: unknown } | null)?.events;
  let minRollSize = DEFAULT_MIN_ROLL_SIZE;
  if (!Array.isArray(events)) return { minRollSize, regions: [] };
  const regionOf = new Map<string, string>();
  const roll = new Map<string, number>();
  const tokens = new Map<string, number>();
  for (const e of events as Ev[]) {
    if (e?.kind === 'manifest') {
      const manifest = (e.payload as { manifest?: unknown } | null)?.manifest;
      minRollSize = minRollOf(manifest);
      const contests = (manifest as { contests?: unknown } | null | undefined)?.contests;
      if (!Array.isArray(contests)) continue;
      for (const c of contests as { id?: unknown; roll?: unknown }[]) {
        if (!Array.isArray(c?.roll)) continue;
        for (const r of c.roll as { associationId?: unknown; region?: unknown }[]) {
          if (typeof r?.associationId !== 'string' || typeof r.region !== 'string') continue;
          regionOf.set(`${String(c.id)}/${r.associationId}`, r.region);
          roll.set(r.region, (roll.get(r.region) ?? 0) + 1);
        }
      }
    } else if (e?.kind === 'token_issued') {
      const p = e.payload as { contestId?: unknown; associationId?: unknown } | null;
      const region = regionOf.get(`${String(p?.contestId)}/${String(p?.associationId)}`);
      if (region !== undefined) tokens.set(region, (tokens.get(region) ?? 0) + 1);
    }
  }
  const regions = [...roll.entries()].map(([region, n]): RegionTurnout => (n < minRollSize
    ? { region, suppressed: true }
    : { region, suppressed: false, roll: n, tokens: tokens.get(region) ?? 0 }))
    .sort((a, b) => regionName(a.region).localeCompare(regionName(b.region), 'es'));
  return { minRollSize, regions };
}

export { regionName };
