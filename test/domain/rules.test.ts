import { issuerBlockers } from '../../src/domain/issuers.js';
import { describe, expect, it } from 'vitest';
import { quorumReached } from '../../src/domain/approvals.js';
import { assessEligibility } from '../../src/domain/candidates.js';
import { checkComposition, checkDecisionFloors, type MemberSummary } from '../../src/domain/committee.js';
import { DomainError } from '../../src/domain/errors.js';
import { checkTransition, issuanceOpen, nextPhase, requireCastingPhase, requireIssuancePhase, type PhaseFacts } from '../../src/domain/phases.js';
import { PHASES } from '../../src/domain/reference.js';
import { checkTimeline, parseRules } from '../../src/domain/rules.js';

const rules = parseRules({});
const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

describe('committee composition rule (model case default)', () => {
  const model: MemberSummary[] = [
    { sector: 'government', role: 'chair' },
    { sector: 'civil_society', role: 'vice_chair' },
    { sector: 'international_cooperation', role: 'member' },
  ];
  it('accepts the model committee: government, civil society, international cooperation', () => {
    expect(checkComposition(rules.composition, model)).toEqual([]);
  });
  it('refuses fewer than three members', () => {
    expect(codes(checkComposition(rules.composition, model.slice(0, 2)))).toContain('committee_too_small');
  });
  it('refuses a committee without the required sectors, naming them', () => {
    const f = checkComposition(rules.composition, [
      { sector: 'government', role: 'chair' }, { sector: 'ngo', role: 'vice_chair' }, { sector: 'academia', role: 'member' },
    ]);
    expect(codes(f)).toEqual(['committee_missing_sectors']);
    expect(f[0]!.en).toContain('civil_society');
    expect(f[0]!.en).toContain('international_cooperation');
  });
  it('refuses a chair and vice-chair from the same sector', () => {
    const f = checkComposition(rules.composition, [
      { sector: 'government', role: 'chair' }, { sector: 'government', role: 'vice_chair' },
      { sector: 'civil_society', role: 'member' }, { sector: 'international_cooperation', role: 'member' },
    ]);
    expect(codes(f)).toEqual(['committee_chair_same_sector']);
  });
  it('refuses a committee with no chair or no vice-chair', () => {
    const f = checkComposition(rules.composition, model.map((m) => ({ ...m, role: 'member' as const })));
    expect(codes(f)).toEqual(['committee_chair', 'committee_vice_chair']);
  });
  it('refuses too few distinct sectors under a configured rule', () => {
    const r = parseRules({ composition: { minDistinctSectors: 4 } });
    expect(codes(checkComposition(r.composition, model))).toEqual(['committee_too_few_sectors']);
  });
});

describe('multi-sector approval quorum', () => {
  it('one sector is not enough, however many members approve', () => {
    expect(quorumReached(2, [{ memberId: 'a', sector: 'government' }, { memberId: 'b', sector: 'government' }])).toBe(false);
  });
  it('two distinct sectors reach the default quorum', () => {
    expect(quorumReached(2, [{ memberId: 'a', sector: 'government' }, { memberId: 'b', sector: 'civil_society' }])).toBe(true);
  });
  it('a configured quorum of three needs three sectors', () => {
    expect(quorumReached(3, [{ memberId: 'a', sector: 'government' }, { memberId: 'b', sector: 'civil_society' }])).toBe(false);
  });
});

describe('rule floors: no sector acts alone, whatever is configured', () => {
  it('refuses approvalSectors, threshold or committee sectors below 2', () => {
    expect(() => parseRules({ approvalSectors: 1 })).toThrow(/approvalSectors/);
    expect(() => parseRules({ threshold: 1 })).toThrow(/threshold/);
    expect(() => parseRules({ composition: { minDistinctSectors: 1 } })).toThrow(/minDistinctSectors/);
    expect(() => parseRules({ composition: { minMembers: 1 } })).toThrow(/minMembers/);
    expect(parseRules({ approvalSectors: 2, threshold: 2 })).toMatchObject({ approvalSectors: 2, threshold: 2 });
  });
  it('a quorum configured (or stored) as 1 still needs two sectors', () => {
    expect(quorumReached(1, [{ memberId: 'a', sector: 'government' }])).toBe(false);
    expect(quorumReached(1, [{ memberId: 'a', sector: 'government' }, { memberId: 'b', sector: 'ngo' }])).toBe(true);
  });
  it('a committee of one sector fails even under a rule asking for one', () => {
    const lax = { ...rules.composition, minDistinctSectors: 1, requiredSectors: [] };
    const f = checkComposition(lax, [{ sector: 'government', role: 'chair' }, { sector: 'government', role: 'vice_chair' }].map((m) => ({ ...m } as MemberSummary)));
    expect(codes(f)).toContain('committee_too_few_sectors');
  });
  const model: MemberSummary[] = [
    { sector: 'government', role: 'chair' }, { sector: 'civil_society', role: 'vice_chair' }, { sector: 'international_cooperation', role: 'member' },
  ];
  it('accepts the model committee with threshold 2 of 3', () => {
    expect(checkDecisionFloors(rules, model)).toEqual([]);
  });
  it('refuses a threshold that t members of one sector reach alone, naming the sector', () => {
    const four = [...model, { sector: 'government', role: 'member' } as MemberSummary];
    const f = checkDecisionFloors(rules, four);
    expect(codes(f)).toEqual(['threshold_single_sector']);
    expect(f[0]!.en).toContain('government');
    expect(checkDecisionFloors({ ...rules, threshold: 3 }, four)).toEqual([]);
  });
  it('refuses a threshold above the number of trustees, and a quorum the committee cannot reach', () => {
    expect(codes(checkDecisionFloors({ ...rules, threshold: 4 }, model))).toEqual(['threshold_above_members']);
    expect(codes(checkDecisionFloors({ ...rules, approvalSectors: 4 }, model))).toEqual(['approval_sectors_unreachable']);
    expect(codes(checkDecisionFloors({ ...rules, threshold: 1 }, model))).toContain('threshold_floor');
  });
  it('checks the timeline for order', () => {
    expect(checkTimeline({})).toEqual([]);
    expect(checkTimeline({ accreditationOpens: '2026-01-01T00:00:00Z', votingCloses: '2026-06-01T00:00:00Z' })).toEqual([]);
    expect(codes(checkTimeline({ accreditationOpens: '2026-02-01T00:00:00Z', accreditationCloses: '2026-01-01T00:00:00Z' }))).toEqual(['timeline_order']);
    expect(codes(checkTimeline({ votingOpens: '2026-05-01T00:00:00Z', votingCloses: '2026-05-01T00:00:00Z' }))).toEqual(['timeline_order']);
    expect(codes(checkTimeline({ nominationsClose: '2026-04-01T00:00:00Z', votingOpens: '2026-04-01T00:00:00Z' }))).toEqual([]);
    // The token window needs time of its own before voting opens.
    expect(codes(checkTimeline({ tokensOpen: '2026-04-10T00:00:00Z', votingOpens: '2026-04-10T00:00:00Z' }))).toEqual(['timeline_order']);
    expect(codes(checkTimeline({ nominationsClose: '2026-04-01T00:00:00Z', tokensOpen: '2026-04-03T00:00:00Z', votingOpens: '2026-04-10T00:00:00Z' }))).toEqual([]);
    const f = checkTimeline({ accreditationCloses: '2026-03-01T00:00:00Z', nominationsClose: '2026-02-01T00:00:00-05:00' });
    expect(f[0]!.en).toBe('nominationsClose must come after accreditationCloses');
  });
});

describe('conflict of interest and rotation', () => {
  const c = { employer: 'ONG Salud', implementsGlobalFund: false, consecutiveTerms: 0 };
  it('bars employees of Global Fund implementers', () => {
    expect(codes(assessEligibility(rules, { ...c, implementsGlobalFund: true }))).toEqual(['coi_global_fund']);
  });
  it('admits a candidate without conflicts', () => {
    expect(assessEligibility(rules, c)).toEqual([]);
  });
  it('does not bar when the rule is switched off', () => {
    expect(assessEligibility(parseRules({ barGlobalFundImplementers: false }), { ...c, implementsGlobalFund: true })).toEqual([]);
  });
  it('applies the optional limit of consecutive terms', () => {
    const r = parseRules({ maxConsecutiveTerms: 2 });
    expect(assessEligibility(r, { ...c, consecutiveTerms: 1 })).toEqual([]);
    expect(codes(assessEligibility(r, { ...c, consecutiveTerms: 2 }))).toEqual(['rotation_limit']);
  });
});

describe('phase machine', () => {
  const ready: PhaseFacts = {
    compositionFailures: [], contests: [{ id: 'c-pvvs', title: 'PVVS', accredited: 66, eligibleCandidates: 3, seats: 2, smallRollAcknowledged: false }],
    pendingApplications: 0, pendingAppeals: 0, pendingCandidates: 0, jointKeyReady: true, tallyReady: true, resultsReady: true,
    minRollSize: 5, openPostCloseComplaints: 0, tokenWindow: false, issuerFailures: [], issuerLogFailures: [],
  };
  it('moves forward one step at a time only; with the token window off there is no tokens phase', () => {
    const order = PHASES.filter((p) => p !== 'tokens');
    for (const [i, from] of order.entries()) {
      for (const to of PHASES) expect(checkTransition(from, to, ready).ok, `${from} → ${to}`).toBe(to === order[i + 1]);
    }
    expect(nextPhase('key_ceremony', false)).toBe('voting');
    expect(nextPhase('published', false)).toBeNull();
  });
  it('with the token window on, the key ceremony leads to tokens and tokens to voting', () => {
    const on = { ...ready, tokenWindow: true };
    for (const [i, from] of PHASES.entries()) {
      for (const [j, to] of PHASES.entries()) {
        expect(checkTransition(from, to, on).ok, `${from} → ${to}`).toBe(j === i + 1);
      }
    }
    expect(checkTransition('key_ceremony', 'voting', on)).toEqual({ ok: false, reason: 'order', next: 'tokens' });
    expect(checkTransition('key_ceremony', 'tokens', ready)).toEqual({ ok: false, reason: 'order', next: 'voting' });
    // Opening the window has the opening's preconditions.
    const r = checkTransition('key_ceremony', 'tokens', { ...on, jointKeyReady: false });
    expect(!r.ok && r.reason === 'preconditions' && codes(r.failures)).toEqual(['joint_key_missing']);
  });
  it('issues tokens only in the token window when the rule is on, and while voting when it is off; casts only while voting', () => {
    const on = parseRules({});
    const off = parseRules({ tokenWindow: false });
    expect(on.tokenWindow).toBe(true);
    expect(PHASES.filter((phase) => issuanceOpen({ phase, rules: on }))).toEqual(['tokens']);
    expect(PHASES.filter((phase) => issuanceOpen({ phase, rules: off }))).toEqual(['voting']);
    const code = (f: () => void) => { try { f(); return null; } catch (e) { return e instanceof DomainError ? e.code : String(e); } };
    expect(code(() => requireIssuancePhase({ phase: 'voting', rules: on }))).toBe('token_window_closed');
    expect(code(() => requireIssuancePhase({ phase: 'key_ceremony', rules: on }))).toBe('wrong_phase');
    expect(code(() => requireIssuancePhase({ phase: 'tokens', rules: on }))).toBeNull();
    expect(code(() => requireCastingPhase({ phase: 'tokens' }))).toBe('casting_not_open');
    expect(code(() => requireCastingPhase({ phase: 'closed' }))).toBe('wrong_phase');
    expect(code(() => requireCastingPhase({ phase: 'voting' }))).toBeNull();
  });
  it('names the next phase when a step is out of order', () => {
    expect(checkTransition('draft', 'nominations', ready)).toEqual({ ok: false, reason: 'order', next: 'accreditation' });
  });
  it('marks every phase the committee moves to as consequential (issue 11); tallied follows from the shares', () => {
    const consequential = PHASES.slice(1).filter((to) => {
      const r = checkTransition(PHASES[PHASES.indexOf(to) - 1]!, to, { ...ready, tokenWindow: true });
      return r.ok && r.consequential;
    });
    expect(consequential).toEqual(['accreditation', 'nominations', 'key_ceremony', 'tokens', 'voting', 'closed', 'published']);
  });
  it('cannot leave draft with an invalid committee', () => {
    const r = checkTransition('draft', 'accreditation', { ...ready, compositionFailures: [{ code: 'committee_missing_sectors', es: '', en: '' }] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason === 'preconditions' && codes(r.failures)).toEqual(['committee_missing_sectors']);
  });
  it('cannot open nominations with undecided applications, appeals or an empty roll', () => {
    const r = checkTransition('accreditation', 'nominations', {
      ...ready, pendingApplications: 2, pendingAppeals: 1, contests: [{ id: 'c-tb', title: 'TB', accredited: 0, eligibleCandidates: 0, seats: 1, smallRollAcknowledged: false }],
    });
    expect(!r.ok && r.reason === 'preconditions' && codes(r.failures)).toEqual(['applications_pending', 'appeals_pending', 'empty_roll']);
  });
  it('cannot start the key ceremony with candidacies not vetted', () => {
    const r = checkTransition('nominations', 'key_ceremony', { ...ready, pendingCandidates: 1 });
    expect(!r.ok && r.reason === 'preconditions' && codes(r.failures)).toEqual(['candidates_pending']);
  });
  it('cannot open voting without the joint key', () => {
    const r = checkTransition('key_ceremony', 'voting', { ...ready, jointKeyReady: false });
    expect(!r.ok && r.reason === 'preconditions' && codes(r.failures)).toEqual(['joint_key_missing']);
  });
  it('cannot open voting with a roll below minRollSize unless the committee acknowledged it', () => {
    const tb = { id: 'c-tb', title: 'TB', accredited: 4, eligibleCandidates: 2, seats: 1, smallRollAcknowledged: false };
    const r = checkTransition('key_ceremony', 'voting', { ...ready, contests: [...ready.contests, tb] });
    expect(!r.ok && r.reason === 'preconditions' && codes(r.failures)).toEqual(['small_roll_unacknowledged']);
    expect(!r.ok && r.reason === 'preconditions' && r.failures[0]!.contestId).toBe('c-tb');
    expect(!r.ok && r.reason === 'preconditions' && r.failures[0]!.en).toContain('"TB" has 4 accredited associations (minimum 5)');
    expect(checkTransition('key_ceremony', 'voting', { ...ready, contests: [{ ...tb, smallRollAcknowledged: true }] }).ok).toBe(true);
    expect(checkTransition('key_ceremony', 'voting', { ...ready, contests: [{ ...tb, accredited: 5 }] }).ok).toBe(true);
    expect(checkTransition('key_ceremony', 'voting', { ...ready, contests: [tb], minRollSize: 4 }).ok).toBe(true);
  });
  it('cannot publish results while a post-close complaint is unanswered', () => {
    const r = checkTransition('tallied', 'published', { ...ready, openPostCloseComplaints: 1 });
    expect(!r.ok && r.reason === 'preconditions' && codes(r.failures)).toEqual(['complaints_unanswered']);
    expect(checkTransition('tallied', 'published', ready).ok).toBe(true);
  });
});

describe('small-electorate rule', () => {
  it('defaults minRollSize to 5 and refuses a minimum below 1', () => {
    expect(rules.minRollSize).toBe(5);
    expect(parseRules({ minRollSize: 3 }).minRollSize).toBe(3);
    expect(() => parseRules({ minRollSize: 0 })).toThrow();
    expect(() => parseRules({ minRollSize: 2.5 })).toThrow();
  });
});

describe('issuance rule (issue 12)', () => {
  const key = (n: number) => ({ suite: 'RSABSSA-SHA384-PSS-Randomized' as const, spki: '00', keyId: String(n).padStart(64, '0') });
  const contests = [{ id: 'c1', title: 'PVVS' }];
  const issuer = (memberId: string, sector: string, n: number) => ({ contestId: 'c1', memberId, sector, issuanceKey: key(n) });
  it('issuerThreshold defaults to 2 and never goes below 2', () => {
    expect(parseRules({}).issuerThreshold).toBe(2);
    expect(() => parseRules({ issuerThreshold: 1 })).toThrow();
    expect(parseRules({ issuerThreshold: 3 }).issuerThreshold).toBe(3);
  });
  it('blocks a contest until k issuers of 2 sectors are registered', () => {
    const rules = parseRules({});
    expect(issuerBlockers({ rules }, contests, []).map((f) => f.code)).toEqual(['issuers_missing']);
    expect(issuerBlockers({ rules }, contests, [issuer('a', 'government', 1), issuer('b', 'government', 2)])).toHaveLength(1);
    expect(issuerBlockers({ rules }, contests, [issuer('a', 'government', 1), issuer('b', 'civil_society', 2)])).toEqual([]);
    const three = parseRules({ issuerThreshold: 3 });
    expect(issuerBlockers({ rules: three }, contests, [issuer('a', 'government', 1), issuer('b', 'civil_society', 2)])[0]!.en)
      .toContain('2 token issuers of 2 sectors: 3 of at least 2 sectors are needed');
  });
});
