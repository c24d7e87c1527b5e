import { describe, expect, it } from 'vitest';
import { complaintWindow, hexMentions, WINDOW_PHASES } from '../../src/domain/complaints.js';
import { PHASES } from '../../src/domain/reference.js';

describe('complaint windows', () => {
  it('roll is open in nominations and key_ceremony, post_close in closed and tallied, none otherwise', () => {
    expect(Object.fromEntries(PHASES.map((p) => [p, complaintWindow(p)]))).toEqual({
      draft: null, accreditation: null, nominations: 'roll', key_ceremony: 'roll',
      tokens: null, voting: null, closed: 'post_close', tallied: 'post_close', published: null,
    });
    expect(WINDOW_PHASES.post_close).not.toContain('published');
  });
});

describe('hex mentions', () => {
  it('finds every 32-byte hex string, lower-cased and once', () => {
    const code = 'ab'.repeat(32);
    expect(hexMentions([`mi código ${code.toUpperCase()} no aparece`, `${code}.pdf`, 'sin códigos'])).toEqual([code]);
    expect(hexMentions(['abcd', 'ab'.repeat(31)])).toEqual([]);
  });
});
