/**
 * The auditor page's Web Worker: downloads the election record (or takes a file's text),
 * runs the verifier (src/verify, the same code as `npm run verify`) off the page's thread,
 * reports progress, and answers with the report, its text in both languages (the CLI's
 * formatter), the turnout by region (small regions already suppressed) and the
 * complaint log.
 * @module
 */
import { formatReport } from '../../verify/format.js';
import { type VerificationReport, type VerifyStage, verifyRecord } from '../../verify/index.js';
import { type ComplaintEntry, complaintLog } from './complaints.js';
import { type TurnoutByRegion, regionTurnout } from './turnout.js';

export type ToWorker = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'text'; readonly text: string };

export type FromWorker =
  | { readonly type: 'download'; readonly bytes: number; readonly total: number | null }
  | { readonly type: 'progress'; readonly stage: VerifyStage; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly report: VerificationReport; readonly lines: { readonly es: string[]; readonly en: string[] }; readonly regions: TurnoutByRegion; readonly complaints: ComplaintEntry[] }
  | { readonly type: 'error'; readonly reason: 'http' | 'not_json' | 'failed'; readonly detail: string };

const post = (m: FromWorker): void => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(m);

async function download(url: string): Promise<string> {
  const res = await fetch(url, { credentials: 'omit', cache: 'no-store', headers: { accept: 'application/json' } });
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { reason: 'http' as const });
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (res.body === null) return res.text();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.length;
    post({ type: 'download', bytes, total });
  }
  return new TextDecoder().decode(await new Blob(chunks as BlobPart[]).arrayBuffer());
}

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  let text: string;
  try {
    text = ev.data.kind === 'url' ? await download(ev.data.url) : ev.data.text;
  } catch (e) {
    post({ type: 'error', reason: (e as { reason?: 'http' }).reason ?? 'failed', detail: e instanceof Error ? e.message : String(e) });
    return;
  }
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (e) {
    post({ type: 'error', reason: 'not_json', detail: e instanceof Error ? e.message : String(e) });
    return;
  }
  try {
    // Progress at most every 50 ms: one message per ballot would flood the page.
    let last = 0;
    const report = await verifyRecord(record, {
      onProgress: (done, total, stage) => {
        const now = Date.now();
        if (done < total && now - last < 50) return;
        last = now;
        post({ type: 'progress', stage, done, total });
      },
    });
    post({ type: 'done', report, lines: { es: formatReport(report, 'es'), en: formatReport(report, 'en') }, regions: regionTurnout(record), complaints: complaintLog(record) });
  } catch (e) {
    post({ type: 'error', reason: 'failed', detail: e instanceof Error ? e.message : String(e) });
  }
};
