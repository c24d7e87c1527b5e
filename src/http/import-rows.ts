/**
 * A bulk request's rows checked one by one against the single request's schema, each
 * refused field turned into a reason in Spanish and English, so that a refused import
 * names every bad row rather than failing on the first (domain/association-import.ts).
 * @module
 */
import type { z } from 'zod';
import type { FieldProblem, ImportRow } from '../domain/association-import.js';

type Issue = z.core.$ZodIssue;

/** One schema issue as a field and a reason people read. */
function problemOf(issue: Issue, row: unknown): FieldProblem {
  const field = issue.path.length === 0 ? '(fila)' : String(issue.path[0]);
  // The refused value, found by the issue's path (zod leaves it out of the issue).
  const value = issue.path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined), row);
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined || value === null
        ? { field, es: 'falta el valor', en: 'the value is missing' }
        : { field, es: `tipo de valor no válido (${issue.expected})`, en: `wrong type of value (${issue.expected} expected)` };
    case 'too_small':
      return issue.origin === 'array'
        ? { field, es: `necesita al menos ${String(issue.minimum)}`, en: `needs at least ${String(issue.minimum)}` }
        : { field, es: 'está vacío', en: 'is empty' };
    case 'too_big':
      return { field, es: `es demasiado largo (máximo ${String(issue.maximum)})`, en: `is too long (at most ${String(issue.maximum)})` };
    case 'invalid_value':
      return { field, es: `«${shown}» no es un valor permitido`, en: `"${shown}" is not an allowed value` };
    case 'invalid_format':
      return issue.format === 'email'
        ? { field, es: `«${shown}» no es un correo electrónico válido`, en: `"${shown}" is not a valid e-mail address` }
        : { field, es: 'contiene caracteres no permitidos', en: 'contains characters that are not allowed' };
    case 'unrecognized_keys':
      return { field: issue.keys.join(', '), es: 'columna desconocida', en: 'unknown column' };
    default:
      return { field, es: `valor no válido: ${issue.message}`, en: `invalid value: ${issue.message}` };
  }
}

/** Each row parsed with `schema`: its value, or every problem of its fields. */
export function checkRows<S extends z.ZodType>(schema: S, rows: readonly unknown[]): ({ ok: true; value: z.output<S> } | { ok: false; problems: FieldProblem[] })[] {
  return rows.map((row) => {
    const r = schema.safeParse(row);
    return r.success ? { ok: true, value: r.data } : { ok: false, problems: r.error.issues.map((i) => problemOf(i, row)) };
  });
}

export type { ImportRow };
