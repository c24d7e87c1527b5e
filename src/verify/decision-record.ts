/**
 * Check 27 (issue 11; docs/election-record.md §7.15): what the record shows happened was
 * decided by the committee. Every phase step is a decision from the phase in force to the
 * next (`tallied` alone follows from the result); each protocol event lies in its phase;
 * each decision lies in the phase its kind belongs to; the manifest's rolls are exactly
 * the associations accredited (or reinstated on appeal) for each contest, with the name
 * and region the decision published; its candidates exactly those found eligible; its
 * small-roll acknowledgements and every complaint answer name an executed decision that
 * says the same; its rules are the rules in force.
 * @module
 */
import { sameCanonicalJson } from '../record/canonical-json.js';
import { RECORD_PHASES, type Statement, type StatementOf } from '../record/statements.js';
import { type DecisionSeen, type Governance, decisionItem } from './governance.js';
import { text } from './report.js';
import type { VerifyState } from './state.js';

/** The phase each protocol event belongs to. */
const EVENT_PHASE: Readonly<Record<string, readonly string[]>> = {
  trustee_key: ['key_ceremony'], dealing: ['key_ceremony'], ceremony_verification: ['key_ceremony'], ceremony_result: ['key_ceremony'],
  ballot: ['voting'], token_issued: ['voting', 'closed'], close: ['closed'], encrypted_tally: ['closed'],
  decryption_share: ['closed'], result: ['closed'], published: ['published'], report: ['published'], token_window: ['voting'],
};

/** The rule `tokenWindow` in `rules`: only `true` turns it on (records without it ran without the window). */
export const tokenWindowOn = (rules: Readonly<Record<string, unknown>> | undefined): boolean => rules?.['tokenWindow'] === true;

/** The phases in which each decision kind may be executed. */
const DECISION_PHASE: Readonly<Record<string, readonly string[] | undefined>> = {
  accreditation_decision: ['accreditation'], appeal_decision: ['accreditation'], candidate_eligibility: ['nominations'],
  rule_change: ['accreditation', 'nominations'], small_roll_acknowledgement: ['nominations', 'key_ceremony'],
};

type Accreditation = StatementOf<'accreditation_decision'> | StatementOf<'appeal_decision'>;

/** Per `contestId\0associationId`, the last accreditation or appeal decision on it. */
export function accreditations(g: Governance, beforeIndex = Infinity): Map<string, { decision: DecisionSeen; accredited: boolean }> {
  const out = new Map<string, { decision: DecisionSeen; accredited: boolean }>();
  for (const d of g.decisions) {
    if (d.event.index >= beforeIndex) break;
    const st = d.statement;
    if (st.kind !== 'accreditation_decision' && st.kind !== 'appeal_decision') continue;
    const accredited = st.kind === 'accreditation_decision' ? st.decision === 'accredit' : st.decision === 'overturn';
    out.set(`${st.contestId}\u0000${st.association.associationId}`, { decision: d, accredited });
  }
  return out;
}

/** Check 27 (see the module comment). */
export function checkDecisionRecord(s: VerifyState, g: Governance): void {
  const { f, names } = s;
  const add = (item: ReturnType<typeof decisionItem>, es: string, en: string) => f.add('decision_record', item, text(es, en));
  // The phase after `p` under the rules in force before record index `at`: no `tokens`
  // without the token window.
  const next = (p: string, at: number) => {
    const n = RECORD_PHASES[RECORD_PHASES.indexOf(p as never) + 1];
    const rules = g.rules.filter((r) => r.event.index < at).at(-1)?.rules;
    return n === 'tokens' && !tokenWindowOn(rules) ? 'voting' : n;
  };

  // Phase steps and decision windows.
  for (const d of g.decisions) {
    const st = d.statement;
    const item = decisionItem(d.event, st.kind, d.proposalId);
    if (st.kind === 'phase_change') {
      if (st.from !== d.phase) add(item, `cambia de ${st.from} pero la elección está en ${d.phase}`, `changes from ${st.from} but the election is in ${d.phase}`);
      else if (st.to !== next(st.from, d.event.index) || st.to === 'tallied') {
        const n = next(st.from, d.event.index) ?? '—';
        add(item, `de ${st.from} solo se pasa a ${n} por decisión`, `from ${st.from} the only decided step is to ${n}`);
      }
    }
    const window = DECISION_PHASE[st.kind];
    if (window !== undefined && !window.includes(d.phase)) add(item, `ejecutada en la fase ${d.phase}; corresponde a ${window.join(' o ')}`, `executed in phase ${d.phase}; it belongs to ${window.join(' or ')}`);
  }
  if (g.committee === undefined) return;
  for (const e of s.events) {
    // The manifest opens the election: in the token window under the rule, else in voting.
    const want = e.kind === 'manifest' ? [next('key_ceremony', e.index)!] : EVENT_PHASE[e.kind];
    const phase = g.phaseAt[e.index];
    if (want !== undefined && phase !== undefined && !want.includes(phase)) {
      f.add('decision_record', names.event(e.seq, e.kind), text(
        `ocurre en la fase ${phase}, sin una decisión que pase a ${want[0]}`, `happens in phase ${phase}, with no decision moving to ${want[0]}`));
    }
  }

  const mInfo = s.manifest;
  if (mInfo === undefined) return;
  const m = mInfo.json;
  const atManifest = mInfo.event.index;

  // Rules in force at the opening.
  const inForce = [...g.rules].reverse().find((r) => r.event.index < atManifest)?.rules;
  if (inForce !== undefined && !sameCanonicalJson(inForce, m.rules)) {
    f.add('decision_record', names.manifest('rules'), text('las reglas del manifiesto no son las vigentes según el comité y sus decisiones', 'the manifest\'s rules are not those in force by the committee event and its decisions'));
  }

  // Rolls.
  const acc = accreditations(g, atManifest);
  const onRoll = new Set<string>();
  for (const c of m.contests) {
    for (const r of c.roll) {
      const key = `${c.id}\u0000${r.associationId}`;
      onRoll.add(key);
      const item = names.contest(c.id, undefined, { es: `padrón: asociación ${r.associationId}`, en: `roll entry of association ${r.associationId}` }, { associationId: r.associationId });
      const a = acc.get(key);
      if (a === undefined || !a.accredited) {
        f.add('decision_record', item, text('ninguna decisión del comité la acreditó para esta contienda', 'no committee decision accredited it for this contest'));
        continue;
      }
      const facts = (a.decision.statement as Accreditation).association;
      if (facts.legalName !== r.legalName || facts.region !== r.region) {
        f.add('decision_record', item, text(`nombre o región distintos de los de la decisión seq ${a.decision.event.seq}`, `name or region differ from those of decision seq ${a.decision.event.seq}`));
      }
    }
  }
  for (const [key, a] of acc) {
    if (!a.accredited || onRoll.has(key)) continue;
    const st = a.decision.statement as Accreditation;
    add(decisionItem(a.decision.event, st.kind, a.decision.proposalId), `acreditó a la asociación ${st.association.associationId} pero no está en el padrón de la contienda`, `accredited association ${st.association.associationId} but it is not on the contest's roll`);
  }

  // Candidates.
  const eligible = new Map<string, DecisionSeen>();
  for (const d of g.decisions) {
    if (d.event.index > atManifest || d.statement.kind !== 'candidate_eligibility') continue;
    if (d.statement.eligible) eligible.set(d.statement.candidateId, d);
    else eligible.delete(d.statement.candidateId);
  }
  const listed = new Set<string>();
  for (const c of m.contests) {
    c.candidates.forEach((k, i) => {
      listed.add(k.id);
      const d = eligible.get(k.id);
      const st = d?.statement as StatementOf<'candidate_eligibility'> | undefined;
      if (st === undefined) f.add('decision_record', names.contest(c.id, i), text('ninguna decisión del comité la declaró apta', 'no committee decision found the candidacy eligible'));
      else if (st.contestId !== c.id || st.fullName !== k.fullName) f.add('decision_record', names.contest(c.id, i), text(`contienda o nombre distintos de los de la decisión seq ${d!.event.seq}`, `contest or name differ from those of decision seq ${d!.event.seq}`));
    });
  }
  for (const [id, d] of eligible) {
    if (!listed.has(id)) add(decisionItem(d.event, 'candidate_eligibility', d.proposalId), `declaró apta la candidatura ${id} pero no está en el manifiesto`, `found candidacy ${id} eligible but it is not in the manifest`);
  }

  // Small-roll acknowledgements.
  for (const c of m.contests) {
    const ack = c.smallRoll;
    if (ack === undefined || ack === null) continue;
    const d = g.decisions.find((x) => x.proposalId === ack.proposalId && x.event.index < atManifest);
    const st = d?.statement as Statement | undefined;
    if (st?.kind !== 'small_roll_acknowledgement' || st.contestId !== c.id || st.reason !== ack.reason) {
      f.add('decision_record', names.manifest(`contests[${c.id}].smallRoll`), text(`no hay una decisión ${ack.proposalId} que reconozca el riesgo de esta contienda con ese motivo`, `there is no decision ${ack.proposalId} acknowledging this contest's risk with that reason`));
    }
  }

  // Complaint answers.
  for (const e of s.events) {
    if (e.kind !== 'complaint_answer' || e.data === undefined) continue;
    const a = e.data as { proposalId: string; complaintId: string; complaintEvent: string; decision: string; reasoning: string };
    const states = (st: Statement) => st.kind === 'complaint_answer' && st.complaintId === a.complaintId && st.complaintEvent === a.complaintEvent
      && st.decision === a.decision && st.reasoning === a.reasoning;
    if (!g.decisions.some((x) => x.proposalId === a.proposalId && x.event.index < e.index && states(x.statement))) {
      f.add('decision_record', names.event(e.seq, 'complaint_answer'), text(`no hay antes una decisión ${a.proposalId} que diga esta respuesta`, `no earlier decision ${a.proposalId} states this answer`));
    }
  }
}
