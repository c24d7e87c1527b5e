/**
 * Turnout by region from an election record. Ballots are anonymous and carry no region, so
 * the only per-region figure a record can give is who obtained a voting token (the public
 * issuance log, `token_issued` events) against the roll (the manifest). Pure; never throws
 * on a malformed record (it then gives what it could read).
 * @module
 */

export interface RegionTurnout {
  readonly region: string;
  /** Roll entries (an association on two contests' rolls counts twice). */
  readonly roll: number;
  readonly tokens: number;
}

interface Ev { kind?: unknown; payload?: unknown }

/** Per region, roll entries and tokens issued, ordered by region name. */
export function regionTurnout(record: unknown): RegionTurnout[] {
  const events = (record as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) return [];
  const regionOf = new Map<string, string>();
  const roll = new Map<string, number>();
  const tokens = new Map<string, number>();
  for (const e of events as Ev[]) {
    if (e?.kind === 'manifest') {
      const contests = (e.payload as { manifest?: { contests?: unknown } } | null)?.manifest?.contests;
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
  return [...roll.entries()].map(([region, n]) => ({ region, roll: n, tokens: tokens.get(region) ?? 0 }))
    .sort((a, b) => regionName(a.region).localeCompare(regionName(b.region), 'es'));
}

const NAMES: Record<string, string> = {
  amazonas: 'Amazonas', ancash: 'Áncash', apurimac: 'Apurímac', arequipa: 'Arequipa', ayacucho: 'Ayacucho',
  cajamarca: 'Cajamarca', callao: 'Callao', cusco: 'Cusco', huancavelica: 'Huancavelica', huanuco: 'Huánuco', ica: 'Ica',
  junin: 'Junín', la_libertad: 'La Libertad', lambayeque: 'Lambayeque', lima_metropolitana: 'Lima Metropolitana',
  lima_provincias: 'Lima Provincias', loreto: 'Loreto', madre_de_dios: 'Madre de Dios', moquegua: 'Moquegua', pasco: 'Pasco',
  piura: 'Piura', puno: 'Puno', san_martin: 'San Martín', tacna: 'Tacna', tumbes: 'Tumbes', ucayali: 'Ucayali',
};

/** A region's name as written in Peru (the same in both languages). */
export function regionName(id: string): string {
  return NAMES[id] ?? id;
}
