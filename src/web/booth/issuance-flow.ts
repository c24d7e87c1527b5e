/**
 * The booth obtains a contest's token from the committee's issuers (issue 12) through the
 * relay: it keeps the signed request (one blinded message per issuer) in this tab's
 * storage BEFORE sending it, sends it, and waits for the blind signatures with a live
 * count, then unblinds them and assembles the token. A reload, a lost answer or a later
 * day (with the token file) sends the same request again, never a new one: the relay
 * answers it with the signatures it holds, so nothing is lost and nothing is asked twice.
 * @module
 */
import type { ApiClient } from '../../client/api.js';
import { issuanceAttemptFromJSON, issuanceAttemptToJSON } from '../../client/issuance-json.js';
import { type AssociationSigner, type IssuanceAttempt, beginIssuedToken, collectIssuedToken, issuanceRule } from '../../client/voter.js';
import { render, setBusy } from './page.js';
import { remember, state } from './state.js';
import { putCredentials } from './storage.js';

/**
 * How the booth waits for the signatures: asks the relay holds up to 25 s each (answered
 * as soon as one arrives; client/voter.ts), 24 of them (about 10 minutes) before it says to
 * come back later, never two within 2 s when one brought nothing new.
 */
const POLL_MS = 2000;
const POLLS = 24;

/** How collecting ended: the token assembled and kept, or still too few signatures (the request stays kept). */
export type IssuanceOutcome = { ok: true } | { ok: false; received: number; needed: number };

/** The contest's kept request, or a new one, kept before anything is sent. */
function keptOrNewRequest(contestId: string, signer: AssociationSigner): IssuanceAttempt {
  const mem = state.memory!;
  const kept = mem.requests?.[contestId];
  if (kept !== undefined) {
    try {
      return issuanceAttemptFromJSON(kept);
    } catch {
      // A damaged entry: a new request, which the relay refuses if it holds another (409).
    }
  }
  const attempt = beginIssuedToken(state.manifest!.decoded, contestId, signer);
  (mem.requests ??= {})[contestId] = issuanceAttemptToJSON(attempt);
  remember();
  return attempt;
}

/**
 * Send the contest's request (the kept one, if any) and wait for the issuers' signatures,
 * showing "n of k" as they arrive; the token file may be saved meanwhile.
 * @throws ApiError on an HTTP failure (the request stays kept: trying again resends it)
 */
export async function tokenFromIssuers(api: ApiClient, contestId: string, signer: AssociationSigner): Promise<IssuanceOutcome> {
  const m = state.manifest!;
  const mem = state.memory!;
  const attempt = keptOrNewRequest(contestId, signer);
  const needed = issuanceRule(m.decoded).threshold;
  let received = 0;
  // The contest now shows its request as sent, and the token file (with the request) may be saved.
  render();
  setBusy((t) => `${t.sendingRequest} ${t.waitingHelp}`, 'save-token');
  const r = await collectIssuedToken(api, m.decoded, attempt, {
    pollMs: POLL_MS, attempts: POLLS,
    onProgress: (p) => {
      received = p.received;
      setBusy((t) => `${t.waitingIssuers(p.received, p.needed)} ${t.waitingHelp}`, 'save-token');
    },
  });
  if (!r.ok) return { ok: false, received, needed };
  putCredentials(mem, contestId, { token: r.token, ballotKeys: r.ballotKeys });
  delete mem.requests?.[contestId];
  remember();
  return { ok: true };
}
