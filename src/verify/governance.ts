/**
 * Checks 24–26 (issue 11; docs/election-record.md §7.14): the committee on the board,
 * the rule floors, and the members' signatures on every executed decision. One walk over
 * the board in order keeps, at each event, the committee's registered keys (a key counts
 * from its registration until a credential-reset decision revokes it), the rules in force
 * (committee event, then rule changes) and the phase; decision-record.ts and requests.ts
 * read what the walk gathered ({@link Governance}).
 * @module
 */
import {
  type Statement, type Vote, organisationKey, recusedMemberId, subjectOrganisations, isSigningKey,
} from '../record/statements.js';
import type { PayloadOf } from '../record/board.js';
import type { CheckedDecision, CheckedIssuerLog, CheckedSignature } from './checked-events.js';
import type { RecordEvent } from './events.js';
import { type Item, short } from './findings.js';
import { type GovernanceSummary, text } from './report.js';
import type { VerifyState } from './state.js';

/** A committee member as the committee event lists them. */
export interface MemberFacts {
  readonly memberId: string;
  readonly fullName: string;
  readonly sector: string;
  readonly organisation: string;
  readonly role: string;
}

/** An executed decision as the walk saw it. */
export interface DecisionSeen {
  readonly event: RecordEvent;
  readonly proposalId: string;
  readonly statement: Statement;
  /** Phase in force when it was executed. */
  readonly phase: string;
  /** True if every signature on it is valid and its approvals reach the quorum. */
  readonly verified: boolean;
}

/** A key an association signed with, and when it stopped counting. */
export interface AssociationKey {
  readonly publicKey: string;
  /** Index in the record of the event that registered it (its accreditation or a registration). */
  readonly from: number;
  /** Index of the decision that revoked it, or undefined. */
  revokedAt?: number;
}

/** What the walk over the board gathered. */
export interface Governance {
  readonly committee: RecordEvent | undefined;
  readonly members: ReadonlyMap<string, MemberFacts>;
  /** The rules of the committee event, then of each rule change, in order. */
  readonly rules: { readonly event: RecordEvent; readonly rules: Readonly<Record<string, unknown>> }[];
  readonly decisions: DecisionSeen[];
  /** Per association id, every key it held. */
  readonly associationKeys: Map<string, AssociationKey[]>;
  /** Phase in force at each event (by record index). */
  readonly phaseAt: string[];
  /** Each trustee_key event with the account key in force then of the member it names (check 29). */
  readonly trusteeKeys: { readonly event: RecordEvent; readonly memberKey: string | null }[];
  /** Each head_witnessed event with the account key in force then of the member it names (witnessed-heads.ts). */
  readonly witnesses: { readonly event: RecordEvent; readonly memberKey: string | null }[];
  /** Each issuer_key and issuer_log event with the account key in force then of the member it names (issuer-keys.ts, issuer-logs.ts). */
  readonly issuers: { readonly event: RecordEvent; readonly memberKey: string | null }[];
}

/** Naming a decision: `decision seq 7 (phase_change, proposal p-1)`. */
export function decisionItem(e: RecordEvent, kind: string, proposalId: string): Item {
  return {
    item: `decision seq ${e.seq} (${kind}, proposal ${proposalId})`,
    itemText: text(`decisión seq ${e.seq} (${kind}, propuesta ${proposalId})`, `decision seq ${e.seq} (${kind}, proposal ${proposalId})`),
    where: { seq: e.seq },
  };
}

function signatureItem(e: RecordEvent, kind: string, vote: Vote, memberId: string): Item {
  const en = `${vote === 'approve' ? 'approval' : 'vote against'} by member ${memberId} of decision seq ${e.seq} (${kind})`;
  const es = `${vote === 'approve' ? 'aprobación' : 'voto en contra'} del miembro ${memberId} en la decisión seq ${e.seq} (${kind})`;
  return { item: en, itemText: text(es, en), where: { seq: e.seq } };
}

/** An integer rule, or undefined. */
export function intRule(rules: Readonly<Record<string, unknown>> | undefined, name: string): number | undefined {
  const v = rules?.[name];
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

interface MemberKeys { active: string | null; revoked: Map<string, number> }

/**
 * Walk the board (check 24 on the committee and key registrations, check 26 on every
 * decision's signatures) and return what later checks need.
 */
export function walkGovernance(s: VerifyState): Governance {
  const { f, names } = s;
  const g: Governance = { committee: undefined, members: new Map(), rules: [], decisions: [], associationKeys: new Map(), phaseAt: [], trusteeKeys: [], witnesses: [], issuers: [] };
  const members = g.members as Map<string, MemberFacts>;
  const keys = new Map<string, MemberKeys>();
  const keyOwner = new Map<string, string>();
  let phase = 'draft';
  let rules: Readonly<Record<string, unknown>> | undefined;

  const claimKey = (key: string, owner: string, item: Item): void => {
    if (!isSigningKey(key)) f.add('committee', item, text('la clave no es una clave Ed25519 estricta', 'the key is not a strict Ed25519 key'));
    const other = keyOwner.get(key);
    if (other !== undefined && other !== owner) f.add('committee', item, text(`la misma clave ya es de ${other}`, `the same key already belongs to ${other}`));
    keyOwner.set(key, owner);
  };

  for (const e of s.events) {
    g.phaseAt[e.index] = phase;
    // The result moves a closed election to tallied by itself (t trustees' shares, not a decision).
    if (e.kind === 'result' && phase === 'closed') phase = 'tallied';
    if (e.data === undefined) continue;
    if (e.kind === 'committee') {
      const item = names.event(e.seq, 'committee');
      if (g.committee !== undefined) { f.add('committee', item, text(`un segundo evento committee (el primero es seq ${g.committee.seq})`, `a second committee event (the first is seq ${g.committee.seq})`)); continue; }
      (g as { committee: RecordEvent }).committee = e;
      if (e.index !== 0) f.add('committee', item, text('el comité no abre el tablero (no es el primer evento)', 'the committee does not open the board (not the first event)'));
      const data = e.data as PayloadOf<'committee'>;
      for (const m of data.members) {
        const mItem = { ...item, item: `${item.item} member ${m.memberId}`, itemText: text(`${item.itemText.es} miembro ${m.memberId}`, `${item.itemText.en} member ${m.memberId}`) };
        if (members.has(m.memberId)) { f.add('committee', mItem, text('miembro repetido', 'repeated member')); continue; }
        members.set(m.memberId, { memberId: m.memberId, fullName: m.fullName, sector: m.sector, organisation: m.organisation, role: m.role });
        keys.set(m.memberId, { active: m.publicKey, revoked: new Map() });
        if (m.publicKey !== null) claimKey(m.publicKey, `member ${m.memberId}`, mItem);
      }
      rules = data.rules;
      g.rules.push({ event: e, rules });
      continue;
    }
    if (e.kind === 'key_registered') {
      const data = e.data as PayloadOf<'key_registered'>;
      const item = names.event(e.seq, 'key_registered');
      if (data.holder === 'member') {
        const k = keys.get(data.holderId);
        if (k === undefined) { f.add('committee', item, text(`el miembro ${data.holderId} no está en el comité`, `member ${data.holderId} is not on the committee`)); continue; }
        if (k.active !== null) { f.add('committee', item, text(`el miembro ${data.holderId} ya tiene una clave vigente (${short(k.active)}) sin decisión de restablecimiento`, `member ${data.holderId} already holds a key in force (${short(k.active)}) with no reset decision`)); continue; }
        claimKey(data.publicKey, `member ${data.holderId}`, item);
        k.active = data.publicKey;
      } else {
        const list = g.associationKeys.get(data.holderId);
        if (list === undefined) { f.add('committee', item, text(`la asociación ${data.holderId} no tiene clave publicada por una acreditación`, `association ${data.holderId} has no key published by an accreditation`)); continue; }
        if (list.some((x) => x.revokedAt === undefined)) { f.add('committee', item, text(`la asociación ${data.holderId} ya tiene una clave vigente sin decisión de restablecimiento`, `association ${data.holderId} already holds a key in force with no reset decision`)); continue; }
        claimKey(data.publicKey, `association ${data.holderId}`, item);
        list.push({ publicKey: data.publicKey, from: e.index });
      }
      continue;
    }
    // Statements a member signs with their account key: kept with the key in force here.
    if (e.kind === 'trustee_key' || e.kind === 'head_witnessed' || e.kind === 'issuer_key' || e.kind === 'issuer_log') {
      const memberId = e.kind === 'issuer_log' ? (e.data as CheckedIssuerLog).log.memberId : (e.data as { memberId: string }).memberId;
      const list = e.kind === 'trustee_key' ? g.trusteeKeys : e.kind === 'head_witnessed' ? g.witnesses : g.issuers;
      list.push({ event: e, memberKey: keys.get(memberId)?.active ?? null });
      continue;
    }
    if (e.kind !== 'decision') continue;
    const data = e.data as CheckedDecision;
    const st = data.statement as Statement;
    const item = decisionItem(e, st.kind, data.proposalId);
    let verified = true;
    if (s.electionId !== null && st.electionId !== s.electionId) {
      f.add('decision_signatures', item, text(`la declaración es de otra elección (${st.electionId})`, `the statement is about another election (${st.electionId})`));
      verified = false;
    }
    if (g.committee === undefined) {
      f.add('decision_signatures', item, text('no hay comité en el tablero antes de la decisión', 'there is no committee on the board before the decision'));
      verified = false;
    }
    const recusedOrgs = new Set(subjectOrganisations(st));
    const recusedMember = recusedMemberId(st);
    const seen = new Set<string>();
    const sectors = new Set<string>();
    const check = (sig: CheckedSignature, vote: Vote): boolean => {
      const sItem = signatureItem(e, st.kind, vote, sig.memberId);
      const m = members.get(sig.memberId);
      const bad = (es: string, en: string) => { f.add('decision_signatures', sItem, text(es, en)); return false; };
      if (m === undefined) return bad('no es miembro del comité', 'is not a committee member');
      if (seen.has(sig.memberId)) return bad('el mismo miembro firma dos veces', 'the same member signs twice');
      seen.add(sig.memberId);
      const k = keys.get(sig.memberId)!;
      if (k.active !== sig.publicKey) {
        const revokedAt = k.revoked.get(sig.publicKey);
        if (revokedAt !== undefined) return bad(`la clave ${short(sig.publicKey)} fue revocada (seq ${revokedAt})`, `the key ${short(sig.publicKey)} was revoked (seq ${revokedAt})`);
        return bad(`la clave ${short(sig.publicKey)} no es la clave registrada del miembro`, `the key ${short(sig.publicKey)} is not the member's registered key`);
      }
      if (!sig.valid) return bad('la firma no es válida', 'the signature is not valid');
      if (recusedMember === sig.memberId || recusedOrgs.has(organisationKey(m.organisation))) {
        return bad(`el miembro debía abstenerse: su organización (${m.organisation}) o él mismo es objeto de la decisión`, `the member had to recuse: their organisation (${m.organisation}) or they themselves are the subject of the decision`);
      }
      return true;
    };
    for (const a of data.approvals) {
      if (check(a, 'approve')) sectors.add(members.get(a.memberId)!.sector);
      else verified = false;
    }
    for (const a of data.against) if (!check(a, 'against')) verified = false;
    // The floor, whatever the rules say: a lowered rule is check 25's failure, not a pass here.
    const quorum = Math.max(2, intRule(rules, 'approvalSectors') ?? 2);
    if (sectors.size < quorum) {
      f.add('decision_signatures', item, text(
        `aprobada por miembros de ${sectors.size} sector(es) con firma válida (${[...sectors].join(', ') || '—'}); se necesitan ${quorum}`,
        `approved by members of ${sectors.size} sector(s) with a valid signature (${[...sectors].join(', ') || '—'}); ${quorum} are needed`));
      verified = false;
    }
    g.decisions.push({ event: e, proposalId: data.proposalId, statement: st, phase, verified });
    // Effects on what later events are checked against.
    if (st.kind === 'phase_change' && st.from === phase) phase = st.to;
    if (st.kind === 'rule_change') { rules = st.rules; g.rules.push({ event: e, rules }); }
    if ((st.kind === 'accreditation_decision' && st.decision === 'accredit') || (st.kind === 'appeal_decision' && st.decision === 'overturn')) {
      const list = g.associationKeys.get(st.association.associationId) ?? [];
      if (!list.some((x) => x.publicKey === st.association.publicKey && x.revokedAt === undefined)) list.push({ publicKey: st.association.publicKey, from: e.index });
      g.associationKeys.set(st.association.associationId, list);
      claimKey(st.association.publicKey, `association ${st.association.associationId}`, item);
    }
    if (st.kind === 'credential_reset') {
      if (st.holder === 'member') {
        const k = keys.get(st.holderId);
        if (k === undefined) f.add('decision_record', item, text(`el miembro ${st.holderId} no está en el comité`, `member ${st.holderId} is not on the committee`));
        else if (k.active !== st.revokedKey) f.add('decision_record', item, text('revoca una clave que no es la vigente del miembro', 'revokes a key that is not the member\'s key in force'));
        else if (k.active !== null) { k.revoked.set(k.active, e.seq); k.active = null; }
      } else {
        const list = g.associationKeys.get(st.holderId) ?? [];
        const current = list.find((x) => x.revokedAt === undefined);
        if ((current?.publicKey ?? null) !== st.revokedKey) f.add('decision_record', item, text('revoca una clave que no es la vigente de la asociación', 'revokes a key that is not the association\'s key in force'));
        else if (current !== undefined) current.revokedAt = e.index;
      }
    }
  }
  if (g.committee === undefined) {
    if (s.events.length > 0) f.add('committee', names.record(), text('no hay evento committee: el comité y sus claves no están en el tablero', 'there is no committee event: the committee and its keys are not on the board'));
  }
  // The manifest's trustees are the committee's members, in the sectors it published.
  const m = s.manifest?.json;
  if (m !== undefined && g.committee !== undefined) {
    for (const t of m.trustees) {
      const member = members.get(t.memberId);
      const tItem = names.trustee(t.index);
      if (member === undefined) f.add('committee', tItem, text(`el miembro ${t.memberId} no está en el comité publicado`, `member ${t.memberId} is not on the published committee`));
      else if (member.sector !== t.sector) f.add('committee', tItem, text(`sector ${t.sector} en el manifiesto, ${member.sector} en el comité`, `sector ${t.sector} in the manifest, ${member.sector} on the committee`));
    }
  }
  return g;
}

/** Check 25: the floors no configuration may lower. */
export function checkRuleFloors(s: VerifyState, g: Governance): void {
  const { f, names } = s;
  for (const { event, rules } of g.rules) {
    const item = event.kind === 'committee' ? names.event(event.seq, 'committee') : decisionItem(event, 'rule_change', (event.data as { proposalId: string }).proposalId);
    const approval = intRule(rules, 'approvalSectors');
    if (approval === undefined || approval < 2) f.add('rule_floors', item, text(`approvalSectors = ${String(rules.approvalSectors)}; el mínimo es 2`, `approvalSectors = ${String(rules.approvalSectors)}; the floor is 2`));
    const t = intRule(rules, 'threshold');
    if (t === undefined || t < 2) f.add('rule_floors', item, text(`threshold = ${String(rules.threshold)}; el mínimo es 2`, `threshold = ${String(rules.threshold)}; the floor is 2`));
  }
  if (g.committee !== undefined) {
    const sectors = new Set([...g.members.values()].map((m) => m.sector));
    if (sectors.size < 2) f.add('rule_floors', names.event(g.committee.seq, 'committee'), text(`el comité tiene miembros de ${sectors.size} sector; el mínimo es 2`, `the committee has members of ${sectors.size} sector; the floor is 2`));
  }
  const m = s.manifest?.json;
  if (m === undefined) return;
  if (m.threshold < 2) f.add('rule_floors', names.manifest('threshold'), text(`t = ${m.threshold}; el mínimo es 2`, `t = ${m.threshold}; the floor is 2`));
  const perSector = new Map<string, number>();
  for (const t of m.trustees) perSector.set(t.sector, (perSector.get(t.sector) ?? 0) + 1);
  for (const [sector, n] of perSector) {
    if (n >= m.threshold) {
      f.add('rule_floors', names.manifest('trustees'), text(
        `${n} custodios del sector ${sector} alcanzan el umbral t = ${m.threshold} solos: t custodios deben abarcar al menos 2 sectores`,
        `${n} trustees of sector ${sector} reach the threshold t = ${m.threshold} alone: t trustees must span at least 2 sectors`));
    }
  }
}

/** The rules, the committee and the decisions as the report shows them. */
export function governanceSummary(s: VerifyState, g: Governance): GovernanceSummary {
  const rules = g.rules[g.rules.length - 1]?.rules;
  const m = s.manifest?.json;
  return {
    rules: rules === undefined ? null : {
      approvalSectors: intRule(rules, 'approvalSectors') ?? null,
      threshold: intRule(rules, 'threshold') ?? null,
      minRollSize: intRule(rules, 'minRollSize') ?? null,
    },
    threshold: m?.threshold ?? null,
    committee: [...g.members.values()].map((x) => ({ ...x })),
    trustees: (m?.trustees ?? []).map((t) => ({ index: t.index, memberId: t.memberId, sector: t.sector })),
    decisions: g.decisions.length,
    decisionsVerified: g.decisions.filter((d) => d.verified).length,
    tokenRequests: 0,
    tokenRequestsVerified: 0,
    witnessedHeads: 0,
    witnessedHeadsVerified: 0,
  };
}
