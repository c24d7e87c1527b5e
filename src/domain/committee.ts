/**
 * The electoral committee's composition rule (DESIGN.md §2): enough members, enough
 * distinct sectors, the required sectors present, one chair and one vice-chair from
 * different sectors. Pure: returns every rule that does not hold.
 * @module
 */
import { failure, type Failure } from './failure.js';
import type { CommitteeRole, Sector } from './reference.js';
import { FLOORS, type CompositionRule, type Rules } from './rules.js';

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
  // The floor holds even for rules stored before it existed.
  if (sectors.size < Math.max(FLOORS.committeeSectors, rule.minDistinctSectors)) {
    out.push(failure('committee_too_few_sectors',
      `el comité representa ${sectors.size} sectores y necesita al menos ${Math.max(FLOORS.committeeSectors, rule.minDistinctSectors)}`,
      `the committee represents ${sectors.size} sectors and needs at least ${Math.max(FLOORS.committeeSectors, rule.minDistinctSectors)}`));
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

/**
 * The floors that make the committee's two powers multi-sector (issue 11): the threshold
 * t is at least 2 and at most the number of trustees (the members), no sector has t
 * members (any t trustees able to decrypt then span at least two sectors), and the
 * committee has at least as many sectors as a decision needs.
 */
export function checkDecisionFloors(rules: Pick<Rules, 'threshold' | 'approvalSectors'>, members: readonly MemberSummary[]): Failure[] {
  const out: Failure[] = [];
  const t = rules.threshold;
  if (t < FLOORS.threshold) {
    out.push(failure('threshold_floor', `el umbral de descifrado es ${t}; el mínimo es ${FLOORS.threshold}`,
      `the decryption threshold is ${t}; the minimum is ${FLOORS.threshold}`));
  }
  if (members.length < t) {
    out.push(failure('threshold_above_members', `el umbral de descifrado (${t}) supera el número de custodios (${members.length})`,
      `the decryption threshold (${t}) exceeds the number of trustees (${members.length})`));
  }
  const perSector = new Map<string, number>();
  for (const m of members) perSector.set(m.sector, (perSector.get(m.sector) ?? 0) + 1);
  const alone = [...perSector].filter(([, n]) => n >= t).map(([s]) => s).sort();
  if (alone.length > 0) {
    out.push(failure('threshold_single_sector',
      `${t} custodios de un solo sector podrían descifrar sin los demás: ${alone.join(', ')}; suba el umbral o cambie la composición`,
      `${t} trustees of a single sector could decrypt without the others: ${alone.join(', ')}; raise the threshold or change the composition`));
  }
  const need = Math.max(FLOORS.approvalSectors, rules.approvalSectors);
  if (perSector.size < need) {
    out.push(failure('approval_sectors_unreachable',
      `las decisiones necesitan ${need} sectores y el comité tiene ${perSector.size}`,
      `decisions need ${need} sectors and the committee has ${perSector.size}`));
  }
  return out;
}
