/**
 * The response language from `Accept-Language`: Spanish unless English is preferred.
 * @module
 */
export type Lang = 'es' | 'en';

export function negotiateLanguage(header: string | undefined): Lang {
  if (!header) return 'es';
  const ranked = header.split(',').map((part, i) => {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    return { base: (tag ?? '').split('-')[0], q: q ? Number(q) : 1, i };
  }).filter((x) => x.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) if (r.base === 'es' || r.base === 'en') return r.base;
  return 'es';
}
