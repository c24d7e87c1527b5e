/**
 * The issuance rule and the registered issuers (issue 12), read from the board: what the
 * opening's preconditions, the manifest and the relay share.
 * @module
 */
import type { IssuanceKeyJSON } from '../crypto/voting-token.js';
import { meetsIssuanceRule } from '../crypto/issued-token.js';
import type { PayloadOf } from '../record/board.js';
import { failure, type Failure } from './failure.js';
import type { Election } from './model.js';
import type { Repos } from './ports.js';

/** A registered issuer of one contest, as the board and the manifest carry it. */
export interface RegisteredIssuer {
  readonly contestId: string;
  readonly memberId: string;
  readonly sector: string;
  readonly issuanceKey: IssuanceKeyJSON;
}

/** The sectors a valid token's issuers must span (the floor of the issuance rule). */
export const ISSUER_SECTORS = 2;

/** The election's issuance rule: `rules.issuerThreshold` distinct issuers of ≥ 2 sectors. */
export function issuanceRuleOf(e: Pick<Election, 'rules'>): { threshold: number; sectors: number } {
  return { threshold: e.rules.issuerThreshold, sectors: ISSUER_SECTORS };
}

/** Every issuer registered on the board, in board order. */
export async function registeredIssuers(r: Repos, electionId: string): Promise<RegisteredIssuer[]> {
  return (await r.board.byKind(electionId, 'issuer_key')).map((ev) => {
    const p = ev.payload as PayloadOf<'issuer_key'>;
    return { contestId: p.contestId, memberId: p.memberId, sector: p.sector, issuanceKey: p.issuanceKey };
  });
}

/**
 * Per contest, why its registered issuers cannot meet the issuance rule (a blocker of
 * the opening): fewer than `issuerThreshold` members, or fewer than 2 sectors.
 */
export function issuerBlockers(
  e: Pick<Election, 'rules'>, contests: readonly { id: string; title: string }[], issuers: readonly RegisteredIssuer[],
): Failure[] {
  const rule = issuanceRuleOf(e);
  const out: Failure[] = [];
  for (const c of contests) {
    const own = issuers.filter((i) => i.contestId === c.id);
    if (!meetsIssuanceRule(own, rule).ok) {
      out.push(failure('issuers_missing',
        `la contienda «${c.title}» tiene ${own.length} emisores de fichas de ${new Set(own.map((i) => i.sector)).size} sectores: hacen falta ${rule.threshold} de al menos ${rule.sectors} sectores`,
        `contest "${c.title}" has ${own.length} token issuers of ${new Set(own.map((i) => i.sector)).size} sectors: ${rule.threshold} of at least ${rule.sectors} sectors are needed`,
        { contestId: c.id }));
    }
  }
  return out;
}
