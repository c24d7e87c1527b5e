/**
 * The threshold key ceremony over the API (DESIGN.md §3): the server relays and stores
 * public material and sealed shares, checks every proof it can, judges complaints, and
 * computes the joint key once every trustee has verified its shares. It never sees a
 * trustee secret.
 * @module
 */
import {
  checkComplaint, checkDealing, checkTrusteeKey, complaintFromJSON, dealingFromJSON, jointPublicKey, qualifiedDealers,
  trusteePublicKeyFromJSON, trusteePublicKeyToJSON, verificationKey, type Complaint, type Dealing, type TrusteePublicKey,
} from '../crypto/key-ceremony.js';
import { pointToHex, toHex } from '../crypto/group.js';
import { ceremonyContext } from '../record/contexts.js';
import { verifyTrusteeKey } from '../record/trustee-key-statement.js';
import { appendToBoard } from './board.service.js';
import { DomainError } from './errors.js';
import { requireElection, requireMember, requirePhase } from './elections.service.js';
import type { Actor, CommitteeMember, Election } from './model.js';
import type { Repos, Store } from './ports.js';

export interface CeremonyResult {
  readonly qualified: number[];
  readonly jointPublicKey: string;
  readonly verificationKeys: { index: number; key: string }[];
}

const stepError = (reasonEs: string, reasonEn: string) => new DomainError('ceremony_step', { reasonEs, reasonEn });

/** Trustees are the committee members, numbered 1..n in committee order. */
export async function trustees(r: Repos, electionId: string): Promise<CommitteeMember[]> {
  return r.committee.listByElection(electionId);
}

export function ceremonyParams(e: Election, n: number): { n: number; t: number } {
  return { n, t: Math.min(e.rules.threshold, n) };
}

async function actingTrustee(r: Repos, actor: Actor, e: Election): Promise<{ index: number; members: CommitteeMember[] }> {
  const member = await requireMember(r, actor, e.id).catch(() => { throw new DomainError('not_trustee'); });
  const members = await trustees(r, e.id);
  return { index: members.findIndex((m) => m.id === member.id) + 1, members };
}

async function loadKeys(r: Repos, electionId: string): Promise<TrusteePublicKey[]> {
  return (await r.ceremony.keys(electionId)).map((k) => trusteePublicKeyFromJSON(k.publicKey as never));
}
async function loadDealings(r: Repos, electionId: string): Promise<Dealing[]> {
  return (await r.ceremony.dealings(electionId)).map((d) => dealingFromJSON(d.dealing as never));
}
async function loadComplaints(r: Repos, electionId: string): Promise<Complaint[]> {
  return (await r.ceremony.verifications(electionId)).flatMap((v) => (v.complaints as never[]).map((c) => complaintFromJSON(c)));
}

/** The public state of the ceremony. */
export async function getCeremony(store: Store, electionId: string) {
  const e = await requireElection(store.read, electionId);
  const r = store.read;
  const members = await trustees(r, electionId);
  const params = ceremonyParams(e, members.length);
  const keys = await r.ceremony.keys(electionId);
  const verifications = await r.ceremony.verifications(electionId);
  const state = await r.voting.state(electionId);
  const result = state.ceremonyResult as CeremonyResult | null;
  return {
    ...params,
    context: toHex(ceremonyContext(electionId, params.n, params.t)),
    trustees: members.map((m, i) => ({
      index: i + 1, memberId: m.id, fullName: m.fullName, sector: m.sector,
      publicKey: (keys.find((k) => k.trustee === i + 1)?.publicKey ?? null) as unknown,
    })),
    dealings: (await r.ceremony.dealings(electionId)).map((d) => d.dealing),
    complaints: verifications.flatMap((v) => v.complaints as unknown[]),
    verified: verifications.map((v) => v.trustee),
    disqualified: result ? members.map((_, i) => i + 1).filter((i) => !result.qualified.includes(i)) : [],
    jointPublicKey: result?.jointPublicKey ?? null,
    verificationKeys: result?.verificationKeys ?? null,
  };
}

/**
 * A trustee publishes its public key with its proof of possession and the member's
 * signature of the registration under its account key (so that a server holding the
 * session cannot choose the key). Refused with `signature_invalid` otherwise.
 */
export async function postTrusteeKey(store: Store, actor: Actor, electionId: string, json: unknown, signature: unknown): Promise<void> {
  await store.transaction(async (r) => {
    const e = await requireElection(r, electionId, true);
    requirePhase(e, 'key_ceremony');
    const { index, members } = await actingTrustee(r, actor, e);
    const params = ceremonyParams(e, members.length);
    const key = trusteePublicKeyFromJSON(json as never);
    if (key.index !== index) throw stepError(`la clave lleva el índice ${key.index}, y usted es el custodio ${index}`, `the key carries index ${key.index}, and you are trustee ${index}`);
    if ((await r.ceremony.keys(electionId)).some((k) => k.trustee === index)) throw new DomainError('already_posted', { what: 'key' });
    if (!checkTrusteeKey(ceremonyContext(electionId, params.n, params.t), key)) throw new DomainError('proof_rejected', { what: 'trustee key proof of possession' });
    const publicKey = trusteePublicKeyToJSON(key);
    const memberId = members[index - 1]!.id;
    const account = await r.accounts.byCommitteeMember(memberId);
    const accountKey = account?.status === 'active' ? account.signingKey : null;
    if (!accountKey) throw new DomainError('signature_invalid', { reason: 'no_key' });
    if (typeof signature !== 'string' || !/^[0-9a-f]{128}$/.test(signature)) throw new DomainError('signature_invalid', { reason: 'malformed' });
    if (!verifyTrusteeKey(accountKey, { electionId, memberId, trustee: index, publicKey }, signature)) {
      throw new DomainError('signature_invalid', { reason: 'bad', what: 'trustee_key' });
    }
    await r.ceremony.addKey(electionId, index, publicKey);
    await appendToBoard(r, electionId, 'trustee_key', { trustee: index, publicKey, memberId, signature });
  });
}

/** A trustee publishes its dealing: commitments with proofs and the sealed shares. */
export async function postDealing(store: Store, actor: Actor, electionId: string, json: unknown): Promise<void> {
  await store.transaction(async (r) => {
    const e = await requireElection(r, electionId, true);
    requirePhase(e, 'key_ceremony');
    const { index, members } = await actingTrustee(r, actor, e);
    const params = ceremonyParams(e, members.length);
    if ((await r.ceremony.keys(electionId)).length < params.n) throw stepError('faltan claves de custodios', 'trustee keys are missing');
    if ((await r.ceremony.dealings(electionId)).some((d) => d.dealer === index)) throw new DomainError('already_posted', { what: 'dealing' });
    const dealing = dealingFromJSON(json as never);
    if (dealing.dealer !== index) throw stepError(`el reparto es del custodio ${dealing.dealer}`, `the dealing is trustee ${dealing.dealer}'s`);
    const check = checkDealing(ceremonyContext(electionId, params.n, params.t), params, dealing);
    if (!check.ok) throw new DomainError('proof_rejected', { what: `dealing (${check.reason})` });
    await r.ceremony.addDealing(electionId, index, json);
    await appendToBoard(r, electionId, 'dealing', { dealer: index, dealing: json });
  });
}

/**
 * A trustee reports on the shares it received: no complaints, or complaints that anyone
 * can check. When the last trustee has reported, the joint key is computed over the
 * qualified dealers.
 */
export async function postVerification(store: Store, actor: Actor, electionId: string, complaintsJson: unknown[]): Promise<void> {
  await store.transaction(async (r) => {
    const e = await requireElection(r, electionId, true);
    requirePhase(e, 'key_ceremony');
    const { index, members } = await actingTrustee(r, actor, e);
    const params = ceremonyParams(e, members.length);
    const ctx = ceremonyContext(electionId, params.n, params.t);
    const dealings = await loadDealings(r, electionId);
    if (dealings.length < params.n) throw stepError('faltan repartos', 'dealings are missing');
    if ((await r.ceremony.verifications(electionId)).some((v) => v.trustee === index)) throw new DomainError('already_posted', { what: 'verification' });
    const keys = await loadKeys(r, electionId);
    const complaints = complaintsJson.map((c) => complaintFromJSON(c as never));
    for (const c of complaints) {
      const dealing = dealings.find((d) => d.dealer === c.dealer);
      if (c.complainer !== index || !dealing) throw stepError('reclamo con índices ajenos', 'complaint with foreign indices');
      const verdict = checkComplaint(ctx, params, keys, dealing, c);
      if (verdict.status === 'invalid') throw new DomainError('proof_rejected', { what: `complaint against trustee ${c.dealer} (${verdict.reason})` });
    }
    await r.ceremony.addVerification(electionId, index, complaintsJson);
    await appendToBoard(r, electionId, 'ceremony_verification', { trustee: index, complaints: complaintsJson });

    if ((await r.ceremony.verifications(electionId)).length < params.n) return;
    const qualified = qualifiedDealers(ctx, params, keys, dealings, await loadComplaints(r, electionId));
    if (qualified.length < params.t) return; // the ceremony failed; opening the vote stays blocked
    const good = dealings.filter((d) => qualified.includes(d.dealer));
    const result: CeremonyResult = {
      qualified,
      jointPublicKey: pointToHex(jointPublicKey(good)),
      verificationKeys: members.map((_, i) => ({ index: i + 1, key: pointToHex(verificationKey(good, i + 1)) })),
    };
    await r.voting.setCeremonyResult(electionId, result.jointPublicKey, result);
    await appendToBoard(r, electionId, 'ceremony_result', result);
  });
}
