/**
 * Checks 43–45 in one call, for the driver (verify-record.ts): the sector issuers' keys
 * (issuer-keys.ts), their signed logs (issuer-logs.ts) and the counted ballots against
 * the smallest log (issuer-counts.ts). Runs after the ballot checks (check 45 reads the
 * counted ballots) and the governance walk (the members' keys in force, the
 * associations' keys and accreditations).
 * @module
 */
import type { PssVerifier } from '../crypto/issued-token.js';
import type { Governance } from './governance.js';
import { checkCountedWithinIssuerLogs } from './issuer-counts.js';
import { type RegisteredIssuerKeys, checkIssuerKeys } from './issuer-keys.js';
import { type IssuerLogs, checkIssuerLogs } from './issuer-logs.js';
import type { CheckKey } from './report.js';
import type { VerifyState } from './state.js';

type Guard = (s: VerifyState, key: CheckKey, f: () => void) => void;
type GuardAsync = (s: VerifyState, key: CheckKey, f: () => Promise<void>) => Promise<void>;

/** Run checks 43–45 over what the governance walk gathered; each guard turns an internal error into a failure of its check. */
export async function checkIssuers(s: VerifyState, g: Governance, guard: Guard, guardAsync: GuardAsync, verify?: PssVerifier): Promise<void> {
  let registered: RegisteredIssuerKeys = new Map();
  await guardAsync(s, 'issuer_keys', async () => { registered = await checkIssuerKeys(s, g, verify); });
  let logs: IssuerLogs = new Map();
  guard(s, 'issuer_logs', () => { logs = checkIssuerLogs(s, g, registered); });
  guard(s, 'counted_within_issuer_logs', () => checkCountedWithinIssuerLogs(s, logs));
}
