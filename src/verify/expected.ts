/**
 * Whether a verified record is the election its reader expected (issue 13: "pages and the
 * HTML report accept another election's record only with a clear warning"). A record of
 * another election, or one whose manifest is not the one published or pinned for the
 * election, still verifies — its checks say whether it is sound — but what it proves is
 * about that other election; the auditor page, the results page and the HTML report say
 * so with these same words, naming both elections by title and id. The command line's
 * `--expect-manifest` still fails the manifest check as well (verify-record.ts).
 * Browser-safe.
 * @module
 */
import { type Lang, type Text, type VerificationReport, text } from './report.js';

/** What the reader expected: the election asked for and the manifest hash (hex) it has. */
export interface ExpectedElection {
  readonly electionId?: string | null;
  readonly title?: string | null;
  readonly manifestHash?: string | null;
  /** Where the manifest hash comes from: what the server publishes for the election, or pinned out of band (`--expect-manifest`). */
  readonly manifestFrom?: 'server' | 'pinned';
}

/** A record that is not the expected election, in both languages. */
export interface ForeignRecord {
  /** `election`: its election id differs; `manifest`: same (or unknown) id, another manifest. */
  readonly kind: 'election' | 'manifest';
  readonly heading: Text;
  readonly detail: Text;
}

/** An election as people name it: «title» (id), or whichever of the two is known. */
function named(title: string | null | undefined, id: string | null | undefined, lang: Lang): string | null {
  const t = title === null || title === undefined || title === '' ? null : lang === 'es' ? `«${title}»` : `"${title}"`;
  const i = id === null || id === undefined || id === '' ? null : id;
  if (t !== null && i !== null) return `${t} (${i})`;
  return t ?? i;
}

/**
 * Null when the record is the expected election (or nothing was expected); else what
 * differs, in words naming both elections.
 * @example foreignRecord(report, { electionId: 'e-1', title: 'Elección 2026', manifestHash: 'ab…', manifestFrom: 'server' })
 */
export function foreignRecord(report: VerificationReport, expected: ExpectedElection): ForeignRecord | null {
  const otherElection = expected.electionId != null && report.electionId !== null && report.electionId !== expected.electionId;
  const wantHash = expected.manifestHash?.trim().toLowerCase();
  const otherManifest = wantHash != null && wantHash !== '' && report.manifestHash !== null && report.manifestHash !== wantHash;
  if (!otherElection && !otherManifest) return null;
  const rec = (l: Lang) => named(report.title, report.electionId, l) ?? (l === 'es' ? 'una elección sin identificar' : 'an unidentified election');
  const exp = (l: Lang) => named(expected.title, expected.electionId, l) ?? (l === 'es' ? 'la elección fijada' : 'the pinned election');
  if (otherElection) {
    return {
      kind: 'election',
      heading: text('Este registro es de otra elección', 'This record is of another election'),
      detail: text(
        `El registro abierto es de ${rec('es')}, no de ${exp('es')}, la elección que usted pidió. Se verificó igual, pero el veredicto, la participación y los resultados que siguen son de ${rec('es')}: no dicen nada de ${exp('es')}.`,
        `The record opened is of ${rec('en')}, not of ${exp('en')}, the election you asked for. It was verified all the same, but the verdict, turnout and results below are those of ${rec('en')}: they say nothing about ${exp('en')}.`),
    };
  }
  const got = report.manifestHash!;
  const pinned = expected.manifestFrom === 'pinned';
  return {
    kind: 'manifest',
    heading: text('El manifiesto de este registro no es el esperado', 'This record\'s manifest is not the one expected'),
    detail: text(
      `El registro de ${rec('es')} fija el manifiesto ${got}, pero ${pinned ? `el fijado con --expect-manifest para ${exp('es')}` : `el que el servidor publica para ${exp('es')}`} es ${wantHash}. Es otra versión de la elección, u otra elección: se verificó igual, pero lo que sigue es de ese registro, no de ${exp('es')}.`,
      `The record of ${rec('en')} fixes the manifest ${got}, but ${pinned ? `the one pinned with --expect-manifest for ${exp('en')}` : `the one the server publishes for ${exp('en')}`} is ${wantHash}. It is another version of the election, or another election: it was verified all the same, but what follows is about that record, not about ${exp('en')}.`),
  };
}
