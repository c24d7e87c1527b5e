/**
 * A verified record that is not the page's election (issue 13): the auditor page may be
 * given any file, and a server may serve another election's record, or one whose manifest
 * is not the one it publishes for the election. The record is still verified and shown,
 * but after a prominent warning, in the words of the verifier's HTML report
 * (src/verify/expected.ts), naming both elections by title and id.
 * @module
 */
import { fetchManifest } from '../../client/manifest.js';
import { toHex } from '../../crypto/group.js';
import { type ExpectedElection, type VerificationReport, foreignRecord } from '../../verify/index.js';
import { publicApi } from './api.js';
import { h } from './dom.js';
import { lang } from './i18n.js';

/**
 * The hash (hex) of the manifest the server publishes for election `id`, as the booth checks
 * it (parsed, of that election, hashed here); null before voting opens or if it is refused.
 */
export async function publishedManifestHash(id: string): Promise<string | null> {
  const m = await fetchManifest(publicApi(), id).catch(() => null);
  return m?.ok === true ? toHex(m.hash) : null;
}

/** The page's election as the pages expect it: its id, its title, the manifest the server publishes. */
export function pageElection(id: string, title: string | null, manifestHash: string | null): ExpectedElection {
  return { electionId: id, title, manifestHash, manifestFrom: 'server' };
}

/** The warning (role alert) for a record of another election or manifest, or null when it is the page's own. */
export function foreignRecordNotice(report: VerificationReport, expected: ExpectedElection): HTMLElement | null {
  const f = foreignRecord(report, expected);
  if (f === null) return null;
  const l = lang();
  return h('div', { class: 'notice warn foreign-record', role: 'alert', 'data-testid': 'foreign-record', 'data-kind': f.kind },
    h('p', { class: 'big' }, `⚠ ${f.heading[l]}`),
    h('p', null, f.detail[l]));
}
