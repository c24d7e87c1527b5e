/**
 * The independent auditor's §7.14 (checks G1–G6 of docs/election-record.md): the
 * committee, the rule floors, the decisions' signatures, the decisions behind the record
 * and the signed token requests, written from the document alone (§6.8 for the messages,
 * §2.5 for the signatures, evaluated with libsodium through auditor.ts). Imports nothing
 * of src/.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { auditIssuers } from './auditor-issuers.js';
import { type Audit, PHASES, audit, canonicalJson, canonicalText, ed25519KeyValid, ed25519Valid, hex, statementShape } from './auditor.js';

type Bytes = Uint8Array;
type Json = Record<string, unknown>;
/** A board event whose payload passed O1 (`ok`). */
export interface AuditEvent { seq: number; kind: string; payload: Json; hash: string; ok: boolean }

const utf8 = (s: string): Bytes => new TextEncoder().encode(s);
const frame = (b: Bytes): Bytes => {
  const out = new Uint8Array(4 + b.length);
  new DataView(out.buffer).setUint32(0, b.length, false);
  out.set(b, 4);
  return out;
};
const cat = (...parts: Bytes[]): Bytes => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
};
const toHex = (b: Bytes) => Buffer.from(b).toString('hex');

/** §6.8: the message a member signs to cast `vote` on `statement`. */
export function decisionMessage(statement: Json, vote: string): Bytes {
  return cat(frame(utf8(`anfora/v1/decision/${String(statement.kind)}`)), frame(utf8(vote)), frame(canonicalJson(statement)));
}
/** §6.8: the message an association signed to ask the server for a token (before issue 12; the statements.json vector). */
export function tokenRequestMessage(request: { electionId: string; contestId: string; associationId: string; blindedMessageHash: string }): Bytes {
  return cat(frame(utf8('anfora/v1/token-request')), frame(canonicalJson(request)));
}
/** §6.9: the message an association signs to ask the contest's issuers for a token (issue 12). */
export function issuedTokenRequestMessage(request: Json): Bytes {
  return cat(frame(utf8('anfora/v1/issued-token-request')), frame(canonicalJson(request)));
}
/** §6.8: the message a member signs to register trustee key `publicKey` as trustee `trustee`. */
export function witnessMessage(electionId: string, seq: number, hash: string): Bytes {
  return cat(frame(utf8('anfora/v1/board-head-witness')), frame(canonicalJson({ electionId, hash, seq })));
}

export function trusteeKeyMessage(electionId: string, memberId: string, trustee: number, publicKey: Json): Bytes {
  const trusteeKeyHash = toHex(sha256(canonicalJson(publicKey)));
  return cat(frame(utf8('anfora/v1/trustee-key-registration')), frame(canonicalJson({ electionId, memberId, trustee, trusteeKeyHash })));
}
/** §6.8: SHA-256 of a blinded message, hex. */
export const blindedMessageHash = (blinded: Bytes): string => toHex(sha256(blinded));

/** §6.8 recusal: the organisations a decision is about, compared by this key. */
const orgKey = (name: string) => name.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
function subjects(s: Json): { orgs: string[]; member: string | null } {
  const k = s.kind;
  if (k === 'accreditation_decision' || k === 'appeal_decision') return { orgs: [orgKey((s.association as Json).legalName as string)], member: null };
  if (k === 'candidate_eligibility') {
    const employer = String(s.employer);
    return { orgs: [orgKey((s.nominatedBy as Json).legalName as string), ...(employer.trim() ? [orgKey(employer)] : [])], member: null };
  }
  if (k === 'credential_reset') return s.holder === 'association' ? { orgs: [orgKey(s.name as string)], member: null } : { orgs: [], member: s.holderId as string };
  return { orgs: [], member: null };
}

const intRule = (rules: Json | undefined, name: string) => (Number.isSafeInteger(rules?.[name]) ? rules![name] as number : undefined);

/** What the walk of §7.14 leaves for §7.18–7.20 (auditor-issuers.ts). */
export interface CommitteeAudit {
  decisions: number;
  verified: number;
  members: Map<string, Json>;
  /** The member's key in force at each issuer_key and issuer_log event (by seq). */
  keyAt: Map<number, string | null>;
  assocKeys: Map<string, { key: string; from: number; revoked?: number }[]>;
  /** Per `contestId\nassociationId`, whether G4's last decision before the manifest accredits it. */
  accredited: Map<string, boolean>;
}

/**
 * §7.14 G1–G6 over the events in board order. `manifest` and its event seq when there is
 * one; `counted` per contest (B8) when the ballots were checked. Calls `fail(check, message, seq)`.
 */
export function auditCommittee(
  events: AuditEvent[], electionId: string, manifest: { json: Json; seq: number } | undefined, counted: Map<string, number> | undefined,
  fail: (check: string, message: string, seq?: number) => void,
): CommitteeAudit {
  const committeeEvents = events.filter((e) => e.kind === 'committee');
  const committee = committeeEvents.find((e) => e.ok);
  if (events.length > 0 && (committee === undefined || events[0] !== committee)) fail('G1', 'the committee event is not the first event', committee?.seq);
  if (committeeEvents.length > 1) fail('G1', 'a second committee event', committeeEvents[1]!.seq);
  const members = new Map<string, Json>();
  const keyOf = new Map<string, string | null>();
  const revokedAt = new Map<string, number>(); // `${memberId}\n${key}` → seq
  const assocKeys = new Map<string, { key: string; from: number; revoked?: number }[]>();
  const owner = new Map<string, string>();
  const claim = (key: string, who: string, seq: number) => {
    if (!ed25519KeyValid(hex(key, 32)!)) fail('G1', `${who}: key not strict`, seq);
    if (owner.has(key) && owner.get(key) !== who) fail('G1', `${who}: key held by ${owner.get(key)}`, seq);
    owner.set(key, who);
  };
  let rules: Json | undefined;
  const rulesSeen: { seq: number; rules: Json }[] = [];
  let phase = 'draft';
  const phaseAt = new Map<number, string>();
  const decisions: { seq: number; proposalId: string; s: Json; phase: string }[] = [];
  let verified = 0;
  const keyAt = new Map<number, string | null>();
  for (const e of events) {
    phaseAt.set(e.seq, phase);
    if (e.kind === 'result' && phase === 'closed') phase = 'tallied';
    if (!e.ok) continue;
    const p = e.payload;
    if (e === committee) {
      for (const m of p.members as Json[]) {
        if (members.has(m.memberId as string)) { fail('G1', `member ${String(m.memberId)} twice`, e.seq); continue; }
        members.set(m.memberId as string, m);
        keyOf.set(m.memberId as string, m.publicKey as string | null);
        if (m.publicKey !== null) claim(m.publicKey as string, `member ${String(m.memberId)}`, e.seq);
      }
      rules = p.rules as Json;
      rulesSeen.push({ seq: e.seq, rules });
    } else if (e.kind === 'key_registered') {
      const id = p.holderId as string;
      if (p.holder === 'member') {
        if (!members.has(id) || keyOf.get(id) !== null) { fail('G1', `member ${id}: not a member without a key in force`, e.seq); continue; }
        keyOf.set(id, p.publicKey as string);
      } else {
        const list = assocKeys.get(id);
        if (list === undefined || list.some((k) => k.revoked === undefined)) { fail('G1', `association ${id}: no published key, or one in force`, e.seq); continue; }
        list.push({ key: p.publicKey as string, from: e.seq });
      }
      claim(p.publicKey as string, `${String(p.holder)} ${id}`, e.seq);
    } else if (e.kind === 'trustee_key') {
      // G6: the trustee's member (the manifest's, else committee order) signed it with the key in force now.
      const trustee = p.trustee as number;
      const expected = manifest !== undefined
        ? ((manifest.json.trustees as Json[]).find((t) => t.index === trustee)?.memberId as string | undefined)
        : [...members.keys()][trustee - 1];
      const key = keyOf.get(p.memberId as string) ?? null;
      if (expected !== p.memberId || key === null
        || !ed25519Valid(hex(key, 32)!, trusteeKeyMessage(electionId, p.memberId as string, trustee, p.publicKey as Json), hex(p.signature, 64)!)) {
        fail('G6', `trustee ${trustee}'s key registration`, e.seq);
      }
    } else if (e.kind === 'issuer_key' || e.kind === 'issuer_log') {
      keyAt.set(e.seq, keyOf.get((e.kind === 'issuer_key' ? p : p.log as Json).memberId as string) ?? null);
    } else if (e.kind === 'head_witnessed') {
      // X1–X3: a member's signature, under its key in force, over an earlier head of this board.
      const key = keyOf.get(p.memberId as string) ?? null;
      const seq = p.seq as number;
      if (!members.has(p.memberId as string) || key === null
        || !ed25519Valid(hex(key, 32)!, witnessMessage(electionId, seq, p.hash as string), hex(p.signature, 64)!)
        || seq >= e.seq || events[seq]?.hash !== p.hash) {
        fail('X1', `witness by member ${String(p.memberId)} of head seq ${seq}`, e.seq);
      }
    } else if (e.kind === 'decision') {
      const s = p.statement as Json;
      if (!statementShape(s)) { fail('O1', 'decision statement', e.seq); continue; }
      let good = s.electionId === electionId && committee !== undefined && committee.seq < e.seq;
      if (!good) fail('G3', 'statement of another election, or no committee before it', e.seq);
      const { orgs, member } = subjects(s);
      const signers = new Set<string>();
      const sectors = new Set<string>();
      const vote = (a: Json, v: string): boolean => {
        const id = a.memberId as string;
        const m = members.get(id);
        if (m === undefined || signers.has(id)) return (fail('G3', `${v} by ${id}: not a member, or twice`, e.seq), false);
        signers.add(id);
        if (keyOf.get(id) !== a.publicKey) return (fail('G3', `${v} by ${id}: not the key in force${revokedAt.has(`${id}\n${String(a.publicKey)}`) ? ' (revoked)' : ''}`, e.seq), false);
        if (!ed25519Valid(hex(a.publicKey, 32)!, decisionMessage(s, v), hex(a.signature, 64)!)) return (fail('G3', `${v} by ${id}: signature`, e.seq), false);
        if (member === id || orgs.includes(orgKey(m.organisation as string))) return (fail('G3', `${v} by ${id}: recused`, e.seq), false);
        return true;
      };
      for (const a of p.approvals as Json[]) if (vote(a, 'approve')) sectors.add(members.get(a.memberId as string)!.sector as string); else good = false;
      for (const a of p.against as Json[]) if (!vote(a, 'against')) good = false;
      if (sectors.size < Math.max(2, intRule(rules, 'approvalSectors') ?? 2)) { fail('G3', `approved by ${sectors.size} sector(s)`, e.seq); good = false; }
      if (good) verified++;
      decisions.push({ seq: e.seq, proposalId: p.proposalId as string, s, phase });
      if (s.kind === 'phase_change' && s.from === phase) phase = s.to as string;
      if (s.kind === 'rule_change') { rules = s.rules as Json; rulesSeen.push({ seq: e.seq, rules }); }
      const accredits = (s.kind === 'accreditation_decision' && s.decision === 'accredit') || (s.kind === 'appeal_decision' && s.decision === 'overturn');
      if (accredits) {
        const a = s.association as Json;
        const list = assocKeys.get(a.associationId as string) ?? [];
        if (!list.some((k) => k.key === a.publicKey && k.revoked === undefined)) list.push({ key: a.publicKey as string, from: e.seq });
        assocKeys.set(a.associationId as string, list);
        claim(a.publicKey as string, `association ${String(a.associationId)}`, e.seq);
      }
      if (s.kind === 'credential_reset') {
        if (s.holder === 'member') {
          const id = s.holderId as string;
          if (!members.has(id) || keyOf.get(id) !== s.revokedKey) fail('G4', 'revokes a key not in force', e.seq);
          else if (s.revokedKey !== null) { revokedAt.set(`${id}\n${String(s.revokedKey)}`, e.seq); keyOf.set(id, null); }
        } else {
          const current = (assocKeys.get(s.holderId as string) ?? []).find((k) => k.revoked === undefined);
          if ((current?.key ?? null) !== s.revokedKey) fail('G4', 'revokes a key not in force', e.seq);
          else if (current !== undefined) current.revoked = e.seq;
        }
      }
    }
  }

  // G2 floors
  for (const r of rulesSeen) {
    if ((intRule(r.rules, 'approvalSectors') ?? 0) < 2) fail('G2', 'approvalSectors below 2', r.seq);
    if ((intRule(r.rules, 'threshold') ?? 0) < 2) fail('G2', 'threshold below 2', r.seq);
  }
  if (committee !== undefined && new Set([...members.values()].map((m) => m.sector)).size < 2) fail('G2', 'committee of one sector', committee.seq);

  // G4 phases and windows
  const window: Record<string, string[]> = {
    accreditation_decision: ['accreditation'], appeal_decision: ['accreditation'], candidate_eligibility: ['nominations'],
    rule_change: ['accreditation', 'nominations'], small_roll_acknowledgement: ['nominations', 'key_ceremony'],
  };
  for (const d of decisions) {
    if (d.s.kind === 'phase_change') {
      // No `tokens` step unless the rules in force have the token window on.
      const inForce = [...rulesSeen].reverse().find((r) => r.seq < d.seq)?.rules;
      const after = PHASES[PHASES.indexOf(d.s.from as string) + 1];
      const next = after === 'tokens' && inForce?.['tokenWindow'] !== true ? 'voting' : after;
      if (d.s.from !== d.phase || d.s.to !== next || d.s.to === 'tallied') fail('G4', 'phase step', d.seq);
    }
    if (window[d.s.kind as string] !== undefined && !window[d.s.kind as string]!.includes(d.phase)) fail('G4', `${String(d.s.kind)} in phase ${d.phase}`, d.seq);
  }
  const eventPhase: Record<string, string[]> = {
    trustee_key: ['key_ceremony'], dealing: ['key_ceremony'], ceremony_verification: ['key_ceremony'], ceremony_result: ['key_ceremony'],
    manifest: ['tokens', 'voting'], ballot: ['voting'], token_issued: ['voting', 'closed'], close: ['closed'], encrypted_tally: ['closed'],
    decryption_share: ['closed'], result: ['closed'], published: ['published'], report: ['published'], token_window: ['voting'],
  };
  if (committee !== undefined) {
    for (const e of events) if (eventPhase[e.kind] && !eventPhase[e.kind]!.includes(phaseAt.get(e.seq)!)) fail('G4', `${e.kind} in phase ${phaseAt.get(e.seq)}`, e.seq);
  }
  // complaint answers
  for (const e of events.filter((x) => x.kind === 'complaint_answer' && x.ok)) {
    const a = e.payload;
    const said = decisions.some((d) => d.seq < e.seq && d.proposalId === a.proposalId && d.s.kind === 'complaint_answer' && d.s.complaintId === a.complaintId
      && d.s.complaintEvent === a.complaintEvent && d.s.decision === a.decision && d.s.reasoning === a.reasoning);
    if (!said) fail('G4', 'complaint answer without its decision', e.seq);
  }
  const last = new Map<string, { d: (typeof decisions)[number]; accredited: boolean }>();
  if (manifest !== undefined) {
    const m = manifest.json;
    for (const d of decisions) {
      if (d.seq > manifest.seq) break;
      if (d.s.kind !== 'accreditation_decision' && d.s.kind !== 'appeal_decision') continue;
      last.set(`${String(d.s.contestId)}\n${String((d.s.association as Json).associationId)}`, { d, accredited: d.s.decision === 'accredit' || d.s.decision === 'overturn' });
    }
    const inForce = [...rulesSeen].reverse().find((r) => r.seq < manifest.seq)?.rules;
    if (inForce !== undefined && canonicalText(inForce) !== canonicalText(m.rules)) fail('G4', 'manifest rules are not those in force', manifest.seq);
    const onRoll = new Set<string>();
    const eligible = new Map<string, Json>();
    for (const d of decisions) {
      if (d.seq > manifest.seq || d.s.kind !== 'candidate_eligibility') continue;
      if (d.s.eligible === true) eligible.set(d.s.candidateId as string, d.s); else eligible.delete(d.s.candidateId as string);
    }
    const listed = new Set<string>();
    for (const c of m.contests as Json[]) {
      for (const r of c.roll as Json[]) {
        const key = `${String(c.id)}\n${String(r.associationId)}`;
        onRoll.add(key);
        const a = last.get(key);
        const facts = a?.d.s.association as Json | undefined;
        if (!a?.accredited || facts?.legalName !== r.legalName || facts?.region !== r.region) fail('G4', `roll entry ${String(r.associationId)} of ${String(c.id)}`, manifest.seq);
      }
      for (const k of c.candidates as Json[]) {
        listed.add(k.id as string);
        const s = eligible.get(k.id as string);
        if (s === undefined || s.contestId !== c.id || s.fullName !== k.fullName) fail('G4', `candidate ${String(k.id)}`, manifest.seq);
      }
      const ack = c.smallRoll as Json | null | undefined;
      if (ack) {
        const d = decisions.find((x) => x.seq < manifest.seq && x.proposalId === ack.proposalId);
        if (d?.s.kind !== 'small_roll_acknowledgement' || d.s.contestId !== c.id || d.s.reason !== ack.reason) fail('G4', `smallRoll of ${String(c.id)}`, manifest.seq);
      }
    }
    for (const [key, a] of last) if (a.accredited && !onRoll.has(key)) fail('G4', 'accredited but not on the roll', a.d.seq);
    for (const id of eligible.keys()) if (!listed.has(id)) fail('G4', `eligible candidate ${id} not in the manifest`, manifest.seq);
    // G1: trustees are members in their sectors; G2: t ≥ 2 and no sector holds t trustees.
    const per = new Map<string, number>();
    for (const tr of m.trustees as Json[]) {
      const member = members.get(tr.memberId as string);
      if (committee !== undefined && (member === undefined || member.sector !== tr.sector)) fail('G1', `trustee ${String(tr.index)}`, manifest.seq);
      per.set(tr.sector as string, (per.get(tr.sector as string) ?? 0) + 1);
    }
    const t = m.threshold as number;
    if (t < 2) fail('G2', 'threshold below 2', manifest.seq);
    for (const [sector, count] of per) if (count >= t) fail('G2', `${count} trustees of ${sector} reach t`, manifest.seq);
  }

  // G5 token requests
  const closeEvent = events.find((e) => e.kind === 'close');
  const valid = new Map<string, number>();
  const seenPairs = new Set<string>();
  for (const e of events.filter((x) => x.kind === 'token_issued' && x.ok)) {
    const p = e.payload as { contestId: string; associationId: string; request?: { request: { electionId: string; contestId: string; associationId: string }; publicKey: string; signature: string } };
    const pair = `${p.contestId}\n${p.associationId}`;
    const r = p.request;
    const named = r !== undefined && r.request.electionId === electionId && r.request.contestId === p.contestId && r.request.associationId === p.associationId;
    const key = r && (assocKeys.get(p.associationId) ?? []).find((k) => k.key === r.publicKey);
    const bad = !r || !last.get(pair)?.accredited || key === undefined
      || (manifest !== undefined && key.revoked !== undefined && key.revoked < manifest.seq) || (closeEvent !== undefined && key.from > closeEvent.seq)
      || !named || !ed25519Valid(hex(r.publicKey, 32)!, issuedTokenRequestMessage(r.request as unknown as Json), hex(r.signature, 64)!)
      || seenPairs.has(pair);
    if (bad) { fail('G5', `issuance entry of ${p.associationId}`, e.seq); continue; }
    seenPairs.add(pair);
    valid.set(p.contestId, (valid.get(p.contestId) ?? 0) + 1);
  }
  if (closeEvent !== undefined && counted !== undefined) {
    for (const [contestId, n] of counted) if (n > (valid.get(contestId) ?? 0)) fail('G5', `contest ${contestId}: counted ballots above valid requests`, closeEvent.seq);
  }
  return { decisions: decisions.length, verified, members, keyAt, assocKeys, accredited: new Map([...last].map(([k, v]) => [k, v.accredited])) };
}

/**
 * The whole of §7: auditor.ts's checks, then G1–G6 over the same text (the events whose
 * payload passed O1, the manifest, the counted ballots of B8). Never throws.
 */
export function auditRecord(text: string, options: { partial?: boolean } = {}): Audit {
  const base = audit(text, options);
  if (base.findings.some((f) => ['R1', 'C1', 'C2', 'C3', 'C4'].includes(f.check))) return base;
  const doc = JSON.parse(text) as { electionId: string; events: { seq: number; kind: string; payload: Json; hash: string }[] };
  const bad = new Set(base.findings.filter((f) => f.check === 'O1').map((f) => f.seq));
  const events: AuditEvent[] = doc.events.map((e) => ({ ...e, ok: !bad.has(e.seq) }));
  const mEvent = events.find((e) => e.kind === 'manifest' && e.ok);
  const manifest = mEvent && { json: mEvent.payload.manifest as Json, seq: mEvent.seq };
  const electionId = (manifest?.json.electionId as string | undefined) ?? doc.electionId;
  const counted = events.some((e) => e.kind === 'close') ? new Map(Object.entries(base.computed.counted)) : undefined;
  const findings = [...base.findings];
  const fail = (check: string, message: string, seq?: number) => { findings.push(seq === undefined ? { check, message } : { check, seq, message }); };
  const walked = auditCommittee(events, electionId, manifest, counted, fail);
  auditIssuers(events, electionId, manifest, counted && base.computed.countedByIssuer, walked, fail);
  return { ...base, valid: findings.length === 0, findings };
}
