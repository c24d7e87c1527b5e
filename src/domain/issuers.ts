/**
 * The issuance rule and the registered issuers (issue 12), read from the board: what the
 * opening's preconditions, the manifest and the relay share.
 * @module
 */
import type { IssuanceKeyJSON } from '../crypto/voting-token.js';
import { meetsIssuanceRule } from '../crypto/issued-token.js';
import type { PayloadOf } from '../record/board.js';
import { ISSUER_SECTORS } from '../record/manifest.js';
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

export { ISSUER_SECTORS };

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

/** The (contest, member) pairs whose issuer log is on the board, as `contestId member`. */
export async function postedIssuerLogs(r: Repos, electionId: string): Promise<Set<string>> {
  return new Set((await r.board.issuerLogAuthors(electionId)).map((a) => `${a.contestId} ${a.memberId}`));
}

/**
 * Per contest, the registered issuers that have not posted their signed issuance log (a
 * blocker of the close, `issuer_logs_missing`): the verifier holds the counted ballots to
 * the logs, so the close waits for every one of them. An issuer who never posts delays
 * the close (docs/voting-protocol.md, the collusion table's "stop the election" row).
 */
export function issuerLogBlockers(
  contests: readonly { id: string; title: string }[], issuers: readonly RegisteredIssuer[], posted: ReadonlySet<string>,
): Failure[] {
  const out: Failure[] = [];
  for (const c of contests) {
    const missing = issuers.filter((i) => i.contestId === c.id && !posted.has(`${c.id} ${i.memberId}`)).map((i) => i.memberId);
    if (missing.length > 0) {
      out.push(failure('issuer_logs_missing',
        `la contienda «${c.title}» espera el registro de emisión firmado de ${missing.length} emisores de fichas`,
        `contest "${c.title}" is waiting for the signed issuance log of ${missing.length} token issuers`,
        { contestId: c.id }));
    }
  }
  return out;
}
