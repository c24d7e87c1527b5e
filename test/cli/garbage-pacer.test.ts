import { setTimeout as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { garbagePacer } from '../../src/cli/garbage-pacer.js';

describe('garbagePacer (full collections while npm run verify reads a large record)', () => {
  it('collects once per pace of bytes read, then once at each change of stage', () => {
    const p = garbagePacer(100);
    for (const done of [0, 50, 99]) p.see(done, 'read');
    expect(p.collections).toBe(0);
    p.see(100, 'read');
    p.see(150, 'read');
    expect(p.collections).toBe(1);
    p.see(260, 'read');
    expect(p.collections).toBe(2);
    p.see(1, 'format');
    p.see(1, 'format');
    p.see(1, 'chain');
    p.see(5, 'ballots');
    p.see(9, 'ballots');
    expect(p.collections).toBe(5);
  });

  it('runs a real full collection: an object no longer referenced is gone after it', async () => {
    const p = garbagePacer(1);
    let ref: WeakRef<object> | undefined;
    (() => { ref = new WeakRef({ held: new Array(1000).fill('x') }); })();
    // A WeakRef's target is kept until the end of the job that created it.
    await tick(0);
    p.see(1, 'read');
    await tick(0);
    expect(p.collections).toBe(1);
    expect(ref!.deref()).toBeUndefined();
  });
});
