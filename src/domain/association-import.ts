/**
 * Associations registered in bulk (a CSV the administrator uploads): all of them with
 * their accounts and invitations in one transaction, or none. Every bad row is named —
 * its number, the field and the reason in Spanish and English — so that the file can be
 * corrected in one pass: a row the request's schema refused, a registration number or
 * account e-mail repeated in the file, or one already registered.
 * @module
 */
import { insertAssociation, type RegisterAssociation } from './associations.service.js';
import { DomainError } from './errors.js';
import type { IssuedInvitation } from './invitations.js';
import type { Actor, Association } from './model.js';
import type { Store } from './ports.js';

/** Why a field of a row is refused, in both languages. */
export interface FieldProblem {
  readonly field: string;
  readonly es: string;
  readonly en: string;
}

/** A refused row: `row` counts data rows from 1, as the file's rows after its header. */
export interface RowProblem extends FieldProblem {
  readonly row: number;
}

/** A row as the request delivered it: checked and typed, or refused with its problems. */
export type ImportRow = { readonly ok: true; readonly value: RegisterAssociation } | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** At most this many rows in one import (a coordinating body has a few hundred associations). */
export const IMPORT_MAX_ROWS = 1000;

/** Problems of repeated keys inside the file: the second and later rows name the first. */
function repeatsInFile(rows: readonly ImportRow[]): RowProblem[] {
  const out: RowProblem[] = [];
  const seen = { registrationNumber: new Map<string, number>(), accountEmail: new Map<string, number>() };
  rows.forEach((r, i) => {
    if (!r.ok) return;
    const keys = { registrationNumber: r.value.registrationNumber, accountEmail: r.value.accountEmail.toLowerCase() };
    for (const field of ['registrationNumber', 'accountEmail'] as const) {
      const first = seen[field].get(keys[field]);
      if (first === undefined) seen[field].set(keys[field], i + 1);
      else out.push({ row: i + 1, field, es: `repite el valor de la fila ${first} («${keys[field]}»)`, en: `repeats the value of row ${first} ("${keys[field]}")` });
    }
  });
  return out;
}

/**
 * Register every row's association, account and invitation in one transaction; if any row
 * is bad nothing is created and `import_rejected` lists every problem found, by row.
 */
export async function importAssociations(
  store: Store, actor: Actor, rows: readonly ImportRow[], policy: { invitationSeconds: number },
): Promise<{ association: Association; invitation: IssuedInvitation }[]> {
  if (rows.length === 0 || rows.length > IMPORT_MAX_ROWS) {
    throw new DomainError('validation_failed', { issues: [`rows: 1–${IMPORT_MAX_ROWS}`] });
  }
  const inRequest: RowProblem[] = [...rows.flatMap((r, i) => (r.ok ? [] : r.problems.map((p) => ({ row: i + 1, ...p })))), ...repeatsInFile(rows)];
  return store.transaction(async (r) => {
    // Collected afresh on each attempt: the store may run this callback again after a serialization failure.
    const problems = [...inRequest];
    for (const [i, row] of rows.entries()) {
      if (!row.ok) continue;
      if (await r.associations.byRegistrationNumber(row.value.registrationNumber)) {
        problems.push({ row: i + 1, field: 'registrationNumber', es: `ya hay una asociación registrada con el número «${row.value.registrationNumber}»`,
          en: `an association with number "${row.value.registrationNumber}" is already registered` });
      }
      if (await r.accounts.byEmail(row.value.accountEmail)) {
        problems.push({ row: i + 1, field: 'accountEmail', es: `ya existe una cuenta con el correo «${row.value.accountEmail}»`,
          en: `an account with e-mail "${row.value.accountEmail}" already exists` });
      }
    }
    if (problems.length > 0) {
      problems.sort((a, b) => a.row - b.row);
      throw new DomainError('import_rejected', { rows: problems });
    }
    const created = [];
    for (const row of rows) created.push(await insertAssociation(r, actor, (row as Extract<ImportRow, { ok: true }>).value, policy));
    return created;
  });
}
