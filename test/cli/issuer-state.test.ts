/**
 * When `npm run issuer -- serve` signs, waits or stops: it signs in the phase that issues
 * tokens (the token window under the rule `tokenWindow`, else voting), waits before it,
 * and stops after it. Before, it signed only in `voting` and so stopped at once in the
 * token window, the default.
 */
import { describe, expect, it } from 'vitest';
import { issuanceState } from '../../src/cli/issuer.js';
import { logsDue } from '../../src/client/issuer.js';

describe('issuanceState', () => {
  it('with the token window, signs in `tokens`, waits before, stops once voting opens', () => {
    const rules = { tokenWindow: true };
    expect(issuanceState({ phase: 'key_ceremony', rules })).toBe('not_yet');
    expect(issuanceState({ phase: 'tokens', rules })).toBe('open');
    expect(issuanceState({ phase: 'voting', rules })).toBe('over');
    expect(issuanceState({ phase: 'closed', rules })).toBe('over');
  });

  it('without it, signs in `voting`, waits before, stops after', () => {
    const rules = { tokenWindow: false };
    expect(issuanceState({ phase: 'accreditation', rules })).toBe('not_yet');
    expect(issuanceState({ phase: 'voting', rules })).toBe('open');
    expect(issuanceState({ phase: 'closed', rules })).toBe('over');
    expect(issuanceState({ phase: 'voting' })).toBe('open');
  });

  it('without it, stops at the timeline\'s end of voting (by its own clock), its logs then due', () => {
    const e = { phase: 'voting', rules: { tokenWindow: false }, timeline: { votingCloses: '2027-03-02T20:00:00.000Z' } };
    const at = Date.parse('2027-03-02T20:00:00.000Z');
    expect(issuanceState(e, at - 1)).toBe('open');
    expect(logsDue(e, at - 1)).toBe(false);
    expect(issuanceState(e, at)).toBe('over');
    expect(logsDue(e, at)).toBe(true);
    // No end announced: it signs until the member ends it (`issuer logs`).
    expect(logsDue({ phase: 'voting', rules: { tokenWindow: false } }, at)).toBe(false);
    // Only while voting is open: the server takes logs then.
    expect(logsDue({ ...e, phase: 'closed' }, at)).toBe(false);
    // With the window, due as soon as voting opens, whatever the timeline says.
    expect(logsDue({ ...e, rules: { tokenWindow: true } }, at - 1)).toBe(true);
    expect(logsDue({ phase: 'tokens', rules: { tokenWindow: true } }, at)).toBe(false);
  });

  it('an unknown phase stops it', () => {
    expect(issuanceState({ phase: 'nonsense', rules: { tokenWindow: true } })).toBe('over');
    expect(issuanceState({})).toBe('over');
  });
});
