/**
 * The election record's text as the export streams it (domain/board.service.ts
 * `recordText`): the same JSON as one string would be, handed over in few large pieces.
 * One piece per event made Node's fetch quadratic in the record's length (its comment has
 * the figures), so the piece count is what is checked here, not a time.
 */
import { describe, expect, it } from 'vitest';
import { recordText } from '../../src/domain/board.service.js';
import type { StoredEvent } from '../../src/domain/ports.js';

const header = { format: 'anfora-election-record', version: 1, electionId: 'e', exportedAt: '2026-12-06T00:00:00.000Z', committee: [{ index: 1, fullName: 'Ñandú "Ana"' }] };
const event = (seq: number, bytes: number): StoredEvent => ({
  seq, kind: 'ballot', at: '2026-12-06T00:00:00.000Z', prevHash: 'a'.repeat(64), hash: 'b'.repeat(64), payload: { n: seq, x: 'é'.repeat(bytes) },
});

async function* pagesOf(events: StoredEvent[], size: number): AsyncGenerator<StoredEvent[]> {
  for (let i = 0; i < events.length; i += size) yield events.slice(i, i + size);
}

async function pieces(events: StoredEvent[], pieceChars: number): Promise<string[]> {
  const out: string[] = [];
  for await (const p of recordText(header, pagesOf(events, 7), pieceChars)) out.push(p);
  return out;
}

describe('recordText', () => {
  it('is the header with the events as one JSON document, whatever the piece size', async () => {
    const events = Array.from({ length: 50 }, (_, i) => event(i, 10 + (i * 37) % 300));
    const whole = JSON.stringify({ ...header, events });
    for (const size of [1, 100, 1000, 1e6]) expect((await pieces(events, size)).join('')).toBe(whole);
  });

  it('hands over pieces of at least the piece size, not one per event', async () => {
    const events = Array.from({ length: 2000 }, (_, i) => event(i, 200));
    const out = await pieces(events, 64 * 1024);
    const total = out.join('').length;
    expect(out.length).toBeLessThanOrEqual(Math.ceil(total / (64 * 1024)) + 1);
    expect(out.slice(0, -1).every((p) => p.length >= 64 * 1024)).toBe(true);
  });

  it('with no events, is the header and an empty list', async () => {
    expect(JSON.parse((await pieces([], 1024)).join(''))).toEqual({ ...header, events: [] });
  });
});
