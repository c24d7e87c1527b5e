/**
 * When `npm run issuer -- serve` signs, waits or stops: it signs in the phase that issues
 * tokens (the token window under the rule `tokenWindow`, else voting), waits before it,
 * and stops after it. Before, it signed only in `voting` and so stopped at once in the
 * token window, the default.
 */
import { describe, expect, it } from 'vitest';
import { issuanceState } from '../../src/cli/issuer.js';

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

  it('an unknown phase stops it', () => {
    expect(issuanceState({ phase: 'nonsense', rules: { tokenWindow: true } })).toBe('over');
    expect(issuanceState({})).toBe('over');
  });
});
