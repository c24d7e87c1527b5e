/**
 * Sector issuers (issue 12; docs/voting-protocol.md §Tokens): committee members hold the
 * contests' issuing keys on their own machines and register the public keys here, on
 * the board, before the manifest freezes. The server keeps no issuing key: it only
 * publishes the registrations, lists them in the manifest, and relays (relay.service.ts).
 * @module
 */
import { verifyStrictSignatureNode } from '../crypto/ballot-signature-node.js';
import { issuanceKeyFromJSON, issuanceKeyToJSON } from '../crypto/voting-token.js';
import { DecodeError } from '../crypto/group.js';
import { checkIssuerKey, IssuerLogSchema, verifyIssuerLog } from '../record/issuer-statements.js';
import { appendToBoard } from './board.service.js';
import { DomainError } from './errors.js';
import { requireElection, requireMember, requirePhase } from './elections.service.js';
import { postedIssuerLogs, registeredIssuers, type RegisteredIssuer } from './issuers.js';
import type { Actor } from './model.js';
import type { Store } from './ports.js';

/**
 * A committee member registers its issuing key for one contest, during the key ceremony:
 * the key (RSA-3072, e = 65537), its proof of possession and the member's signature under
 * its account key (record/issuer-statements.ts). One key per member and contest, and a key
 * for one contest only (409 `issuer_key_reused` when another contest of the election has it).
 */
export async function registerIssuerKey(
  store: Store, actor: Actor, electionId: string, body: { contestId: string; issuanceKey: unknown; pop: string; signature: string },
): Promise<RegisteredIssuer> {
  let key;
  try {
    key = issuanceKeyFromJSON(body.issuanceKey);
  } catch (e) {
    if (e instanceof DecodeError) throw new DomainError('bad_encoding', { what: 'issuanceKey' });
    throw e;
  }
  const issuanceKey = issuanceKeyToJSON(key);
  return store.transaction(async (r) => {
    const e = await requireElection(r, electionId, true);
    requirePhase(e, 'key_ceremony');
    const member = await requireMember(r, actor, electionId);
    if (!(await r.contests.listByElection(electionId)).some((c) => c.id === body.contestId)) throw new DomainError('not_found', { what: 'contest' });
    const account = await r.accounts.byCommitteeMember(member.id);
    const accountKey = account?.status === 'active' ? account.signingKey : null;
    if (!accountKey) throw new DomainError('signature_invalid', { reason: 'no_key' });
    const statement = { electionId, contestId: body.contestId, memberId: member.id, keyId: issuanceKey.keyId };
    const bad = await checkIssuerKey(key, statement, body.pop, accountKey, body.signature);
    if (bad === 'possession' || bad === 'key_id') throw new DomainError('proof_rejected', { what: 'issuing key proof of possession' });
    if (bad) throw new DomainError('signature_invalid', { reason: 'bad', what: 'issuer key registration' });
    const existing = await registeredIssuers(r, electionId);
    if (existing.some((x) => x.contestId === body.contestId && (x.memberId === member.id || x.issuanceKey.keyId === issuanceKey.keyId))) {
      throw new DomainError('issuer_key_registered');
    }
    // The contest is inside the blinded message, which the issuer cannot see: a key of two
    // contests would sign a token of one for the other. By anyone, not only this member.
    if (existing.some((x) => x.contestId !== body.contestId && x.issuanceKey.keyId === issuanceKey.keyId)) throw new DomainError('issuer_key_reused');
    const registered = { contestId: body.contestId, memberId: member.id, sector: member.sector, issuanceKey };
    await appendToBoard(r, electionId, 'issuer_key', { ...registered, pop: body.pop, signature: body.signature });
    return registered;
  });
}


/** The registered issuers of an election (public: the board carries them). */
export async function listIssuers(store: Store, electionId: string): Promise<RegisteredIssuer[]> {
  await requireElection(store.read, electionId);
  return registeredIssuers(store.read, electionId);
}

/**
 * Whether the actor may post an issuer log of this election at all, checked before the
 * body is read (a log may be hundreds of megabytes): the election is in `voting` and the
 * actor is a member registered as an issuer of one of its contests. {@link postIssuerLog}
 * checks all of it again, with the log, in its transaction.
 */
export async function requireIssuerLogPoster(store: Store, actor: Actor, electionId: string): Promise<void> {
  const e = await requireElection(store.read, electionId);
  requirePhase(e, 'voting');
  const member = await requireMember(store.read, actor, electionId);
  if (!(await registeredIssuers(store.read, electionId)).some((i) => i.memberId === member.id)) {
    throw new DomainError('forbidden', { reason: 'not a registered issuer of this election' });
  }
}

/**
 * An issuer posts its signed issuance log of one contest while casting is open (phase
 * `voting`: with the token window, its signing is over): the requests it answered, signed
 * with its account key (record/issuer-statements.ts). One per member and contest; it goes
 * on the board as `issuer_log`, so that the verifier can hold the counted ballots to the
 * smallest log. The close waits for every issuer's log (phases.ts, `issuer_logs_missing`);
 * once its log is posted, the relay takes no more signatures from that issuer.
 */
export async function postIssuerLog(store: Store, actor: Actor, electionId: string, body: { log: unknown; signature: string }): Promise<void> {
  const parsed = IssuerLogSchema.safeParse(body.log);
  if (!parsed.success) throw new DomainError('validation_failed', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
  const log = parsed.data;
  await store.transaction(async (r) => {
    const e = await requireElection(r, electionId, true);
    requirePhase(e, 'voting');
    const member = await requireMember(r, actor, electionId);
    if (log.electionId !== electionId || log.memberId !== member.id) throw new DomainError('forbidden', { reason: 'the log names another election or member' });
    const mine = (await registeredIssuers(r, electionId)).some((i) => i.contestId === log.contestId && i.memberId === member.id && i.issuanceKey.keyId === log.keyId);
    if (!mine) throw new DomainError('forbidden', { reason: 'not your issuing key for this contest' });
    const account = await r.accounts.byCommitteeMember(member.id);
    const accountKey = account?.status === 'active' ? account.signingKey : null;
    if (!accountKey) throw new DomainError('signature_invalid', { reason: 'no_key' });
    if (!verifyIssuerLog(accountKey, log, body.signature, verifyStrictSignatureNode)) throw new DomainError('signature_invalid', { reason: 'bad', what: 'issuer log' });
    if ((await postedIssuerLogs(r, electionId)).has(`${log.contestId} ${member.id}`)) throw new DomainError('already_posted', { what: 'issuer log' });
    await appendToBoard(r, electionId, 'issuer_log', { log, signature: body.signature });
  });
}
