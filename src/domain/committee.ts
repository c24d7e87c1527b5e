/**
 * The electoral committee's composition rule (DESIGN.md §2): enough members, enough
 * distinct sectors, the required sectors present, one chair and one vice-chair from
 * different sectors. Pure: returns every rule that does not hold.
 * @module
 */
import { failure, type Failure } from './failure.js';
import type { CommitteeRole, Sector } from './reference.js';
import type { CompositionRule } from './rules.js';

export interface MemberSummary {
  readonly sector: Sector;
  readonly role: CommitteeRole;
}

/** Every way in which `members` breaks `rule`; empty when the committee is valid. */
export function checkComposition(rule: CompositionRule, members: readonly MemberSummary[]): Failure[] {
  const out: Failure[] = [];
  if (members.length < rule.minMembers) {
    out.push(failure('committee_too_small',
      `el comité tiene ${members.length} miembros y necesita al menos ${rule.minMembers}`,
      `the committee has ${members.length} members and needs at least ${rule.minMembers}`));
  }
  const sectors = new Set(members.map((m) => m.sector));
  if (sectors.size < rule.minDistinctSectors) {
    out.push(failure('committee_too_few_sectors',
      `el comité representa ${sectors.size} sectores y necesita al menos ${rule.minDistinctSectors}`,
      `the committee represents ${sectors.size} sectors and needs at least ${rule.minDistinctSectors}`));
  }
  const missing = rule.requiredSectors.filter((s) => !sectors.has(s));
  if (missing.length > 0) {
    out.push(failure('committee_missing_sectors',
      `faltan miembros de los sectores: ${missing.join(', ')}`,
      `members from these sectors are missing: ${missing.join(', ')}`));
  }
  const chairs = members.filter((m) => m.role === 'chair');
  const vices = members.filter((m) => m.role === 'vice_chair');
  if (chairs.length !== 1) {
    out.push(failure('committee_chair', 'el comité necesita exactamente un presidente', 'the committee needs exactly one chair'));
  }
  if (vices.length !== 1) {
    out.push(failure('committee_vice_chair', 'el comité necesita exactamente un vicepresidente', 'the committee needs exactly one vice-chair'));
  }
  if (rule.chairAndViceChairDistinctSectors && chairs.length === 1 && vices.length === 1 && chairs[0]!.sector === vices[0]!.sector) {
    out.push(failure('committee_chair_same_sector',
      'el presidente y el vicepresidente son del mismo sector',
      'the chair and the vice-chair come from the same sector'));
  }
  return out;
}
