/**
 * Checks 24–29 in one call, for the driver (verify-record.ts): the committee and its
 * keys, the rule floors, the decisions' signatures, the decisions behind the record and
 * the signed token requests; check 29, the members' signatures on their trustee keys;
 * and `witnessed_heads`, the members' signatures on board heads, against every event's
 * hash (`hashes`). Runs after the ballot checks (check 28 compares counted ballots with
 * valid requests).
 * @module
 */
import { checkDecisionRecord } from './decision-record.js';
import { type Governance, checkRuleFloors, governanceSummary, walkGovernance } from './governance.js';
import type { CheckKey, GovernanceSummary } from './report.js';
import { checkTokenRequests } from './requests.js';
import { checkTrusteeKeySignatures } from './trustee-key-signatures.js';
import type { VerifyState } from './state.js';
import { type BoardHashes, checkWitnessedHeads } from './witnessed-heads.js';

/**
 * Run checks 24–29 and 42; `guard` turns an internal error into a failure of the named
 * check. Returns the report's summary and the walk (issuers.ts reads it), or nulls.
 */
export function checkGovernance(
  s: VerifyState, guard: (s: VerifyState, key: CheckKey, f: () => void) => void, hashes: BoardHashes,
): { summary: GovernanceSummary | null; walked: Governance | null } {
  let g: Governance | undefined;
  guard(s, 'committee', () => { g = walkGovernance(s); });
  if (g === undefined) return { summary: null, walked: null };
  const walked = g;
  let requests = { entries: 0, valid: 0 };
  guard(s, 'rule_floors', () => checkRuleFloors(s, walked));
  guard(s, 'decision_record', () => checkDecisionRecord(s, walked));
  guard(s, 'token_requests', () => { requests = checkTokenRequests(s, walked); });
  guard(s, 'trustee_key_signatures', () => checkTrusteeKeySignatures(s, walked));
  let witnesses = { total: 0, valid: 0 };
  guard(s, 'witnessed_heads', () => { witnesses = checkWitnessedHeads(s, walked, hashes); });
  let summary: GovernanceSummary | null = null;
  guard(s, 'committee', () => { summary = { ...governanceSummary(s, walked), tokenRequests: requests.entries, tokenRequestsVerified: requests.valid,
    witnessedHeads: witnesses.total, witnessedHeadsVerified: witnesses.valid }; });
  return { summary, walked };
}
