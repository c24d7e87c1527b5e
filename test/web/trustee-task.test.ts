/**
 * The rule the trustees' page and the committee console share for a trustee's next task
 * (src/web/lib/trustee-task.ts), through the ceremony and the decryption.
 */
import { describe, expect, it } from 'vitest';
import { type CeremonyState, trusteeTask } from '../../src/web/lib/trustee-task.js';

const KEY = { key: 'k' };

function ceremony(over: Partial<CeremonyState> = {}): CeremonyState {
  return {
    n: 3, t: 2,
    trustees: [1, 2, 3].map((index) => ({ index, memberId: `m${index}`, fullName: `T${index}`, sector: 'ngo', publicKey: null })),
    dealings: [], complaints: [], verified: [], disqualified: [], jointPublicKey: null,
    ...over,
  };
}

const keys = (...posted: number[]) => ceremony().trustees.map((tr) => ({ ...tr, publicKey: posted.includes(tr.index) ? KEY : null }));

describe('a trustee\'s next task', () => {
  it('nothing before the key ceremony phase', () => {
    expect(trusteeTask('nominations', ceremony(), 1, null)).toBe('not_yet');
    expect(trusteeTask('key_ceremony', null, 1, null)).toBe('not_yet');
  });

  it('init, then wait for the others\' keys, then deal', () => {
    expect(trusteeTask('key_ceremony', ceremony(), 1, null)).toBe('init');
    expect(trusteeTask('key_ceremony', ceremony({ trustees: keys(1) }), 1, null)).toBe('wait_keys');
    expect(trusteeTask('key_ceremony', ceremony({ trustees: keys(1) }), 2, null)).toBe('init');
    expect(trusteeTask('key_ceremony', ceremony({ trustees: keys(1, 2, 3) }), 1, null)).toBe('deal');
  });

  it('deal, wait for the dealings, verify, wait for the verifications, then the ceremony is over', () => {
    const all = keys(1, 2, 3);
    expect(trusteeTask('key_ceremony', ceremony({ trustees: all, dealings: [{ dealer: 1 }] }), 1, null)).toBe('wait_dealings');
    expect(trusteeTask('key_ceremony', ceremony({ trustees: all, dealings: [{ dealer: 1 }] }), 2, null)).toBe('deal');
    const dealt = [{ dealer: 1 }, { dealer: 2 }, { dealer: 3 }];
    expect(trusteeTask('key_ceremony', ceremony({ trustees: all, dealings: dealt }), 2, null)).toBe('verify');
    expect(trusteeTask('key_ceremony', ceremony({ trustees: all, dealings: dealt, verified: [2] }), 2, null)).toBe('wait_ceremony');
    expect(trusteeTask('key_ceremony', ceremony({ trustees: all, dealings: dealt, verified: [1, 2, 3], jointPublicKey: 'ab' }), 2, null)).toBe('wait_close');
    expect(trusteeTask('voting', ceremony({ trustees: all, dealings: dealt, verified: [1, 2, 3], jointPublicKey: 'ab' }), 2, null)).toBe('wait_close');
  });

  it('a disqualified trustee has nothing to do', () => {
    expect(trusteeTask('key_ceremony', ceremony({ trustees: keys(1, 2, 3), disqualified: [3] }), 3, null)).toBe('disqualified');
  });

  it('after the close: decrypt, then wait for the threshold; nothing once tallied', () => {
    const over = ceremony({ trustees: keys(1, 2, 3), dealings: [{ dealer: 1 }, { dealer: 2 }, { dealer: 3 }], verified: [1, 2, 3], jointPublicKey: 'ab' });
    expect(trusteeTask('closed', over, 1, [])).toBe('decrypt');
    expect(trusteeTask('closed', over, 1, [1])).toBe('wait_shares');
    expect(trusteeTask('closed', over, 3, [1])).toBe('decrypt');
    expect(trusteeTask('tallied', over, 3, [1, 2])).toBe('done');
    expect(trusteeTask('published', over, 3, [1, 2])).toBe('done');
  });
});
