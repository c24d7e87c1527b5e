/**
 * One rule for numbers in every page and report (src/record/number-format.ts): Spanish
 * writes a decimal comma, groups thousands with "." from five digits on and puts a space
 * before the percent sign ("66,7 %"); English writes "12,345" and "66.7%". A Spanish
 * sentence never mixes the two (the pages once wrote "12,345 … 66,7 %").
 */
import { describe, expect, it } from 'vitest';
import { formatCount, formatShare } from '../../src/record/number-format.js';

const NBSP = '\u00a0';

describe('numbers as each language writes them', () => {
  it('counts: Spanish groups with "." from five digits, English with "," from four', () => {
    expect([7, 1234, 12_345, 1_234_567].map((n) => formatCount(n, 'es'))).toEqual(['7', '1234', '12.345', '1.234.567']);
    expect([7, 1234, 12_345, 1_234_567].map((n) => formatCount(n, 'en'))).toEqual(['7', '1,234', '12,345', '1,234,567']);
  });

  it('percentages with one decimal: "66,7 %" in Spanish, "66.7%" in English; 0 of 0 is 0', () => {
    expect(formatShare(2, 3, 'es')).toBe(`66,7${NBSP}%`);
    expect(formatShare(2, 3, 'en')).toBe('66.7%');
    expect(formatShare(7, 9, 'es')).toBe(`77,8${NBSP}%`);
    expect(formatShare(0, 0, 'es')).toBe(`0,0${NBSP}%`);
    expect(formatShare(12_345, 12_345, 'en')).toBe('100.0%');
  });

  it('a Spanish sentence with a count and a percentage uses one decimal mark', () => {
    const sentence = `${formatCount(12_345, 'es')} de ${formatCount(18_518, 'es')} (${formatShare(12_345, 18_518, 'es')})`;
    expect(sentence).toBe(`12.345 de 18.518 (66,7${NBSP}%)`);
    // "." only groups thousands, "," only marks decimals.
    expect(sentence).not.toMatch(/\d,\d{3}\b/);
  });
});
