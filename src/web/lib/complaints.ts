/**
 * Complaints in words (docs/voting-protocol.md "Complaints"): the names of their
 * categories, windows, decisions and complainant roles, shared by the committee console
 * and the auditor page.
 * @module
 */
import type { Bilingual } from './i18n.js';

export interface ComplaintWords {
  categories: Record<string, string>;
  windows: Record<string, string>;
  /** What the committee decided: the complaint is upheld (founded) or dismissed. */
  decisions: Record<string, string>;
  roles: Record<string, string>;
  status: Record<string, string>;
  /** The complainant chose not to show their identity. */
  anonymous: string;
}

export const COMPLAINT_WORDS: Bilingual<ComplaintWords> = {
  es: {
    categories: {
      accreditation: 'acreditación', candidate: 'candidatura', voting_conduct: 'desarrollo de la votación',
      missing_tracking_code: 'código de seguimiento que no aparece', other: 'otro asunto',
    },
    windows: {
      roll: 'padrón publicado (antes de abrir la votación)',
      post_close: 'tras el cierre (antes de publicar los resultados)',
    },
    decisions: { upheld: 'fundado', dismissed: 'infundado' },
    roles: { association: 'asociación', committee: 'miembro del comité', auditor: 'auditoría' },
    status: { open: 'sin respuesta', answered: 'respondido' },
    anonymous: 'identidad reservada (el reclamante eligió no mostrarla)',
  },
  en: {
    categories: {
      accreditation: 'accreditation', candidate: 'candidacy', voting_conduct: 'conduct of voting',
      missing_tracking_code: 'missing tracking code', other: 'other matter',
    },
    windows: {
      roll: 'roll published (before voting opens)',
      post_close: 'after the close (before results are published)',
    },
    decisions: { upheld: 'upheld', dismissed: 'dismissed' },
    roles: { association: 'association', committee: 'committee member', auditor: 'auditor' },
    status: { open: 'not answered', answered: 'answered' },
    anonymous: 'identity withheld (the complainant chose not to show it)',
  },
};

/**
 * Who filed, as published: name and role, the role alone (auditor accounts carry no
 * name), or that the identity is withheld.
 */
export function complainantText(w: ComplaintWords, c: { role: string; name: string | null } | null): string {
  if (c === null) return w.anonymous;
  const role = w.roles[c.role] ?? c.role;
  return c.name === null ? role : `${c.name} (${role})`;
}
