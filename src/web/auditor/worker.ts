/**
 * The auditor page's Web Worker: downloads the election record (or takes a file's bytes),
 * reads and verifies it with the project's verifier as the command line does
 * (`verifyRecordText`: the bytes' SHA-256, a repeated member name fails the format check;
 * bytes that are not a JSON document are unusable input, as for `npm run verify`), off the
 * page's thread, reports progress, and answers with the report (turnout by region, small
 * regions already suppressed, and the complaint log are the verifier's), its text in both
 * languages (the CLI's formatter) and the exact bytes verified.
 * @module
 */
import { formatReport } from '../../verify/format.js';
import { type VerificationReport, type VerifyStage, readRecordText, verifyRecordText } from '../../verify/index.js';

export type ToWorker = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'bytes'; readonly bytes: ArrayBuffer };

export type FromWorker =
  | { readonly type: 'download'; readonly bytes: number; readonly total: number | null }
  | { readonly type: 'progress'; readonly stage: VerifyStage; readonly done: number; readonly total: number }
  | {
    readonly type: 'done';
    readonly report: VerificationReport;
    readonly lines: { readonly es: string[]; readonly en: string[] };
    /** The bytes verified (their SHA-256 is `report.recordSha256`), to save as they are. */
    readonly bytes: ArrayBuffer;
  }
  | { readonly type: 'error'; readonly reason: 'http' | 'not_json' | 'failed'; readonly detail: string };

const scope = self as unknown as { postMessage(m: FromWorker, transfer?: Transferable[]): void };
const post = (m: FromWorker, transfer: Transferable[] = []): void => scope.postMessage(m, transfer);

async function download(url: string): Promise<Uint8Array> {
  const res = await fetch(url, { credentials: 'omit', cache: 'no-store', headers: { accept: 'application/json' } });
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { reason: 'http' as const });
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (res.body === null) return new Uint8Array(await res.arrayBuffer());
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
  // The bytes as served, not re-encoded text: the SHA-256 must be that of the file.
  return new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer());
}

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  let bytes: Uint8Array;
  try {
    bytes = ev.data.kind === 'url' ? await download(ev.data.url) : new Uint8Array(ev.data.bytes);
  } catch (e) {
    post({ type: 'error', reason: (e as { reason?: 'http' }).reason ?? 'failed', detail: e instanceof Error ? e.message : String(e) });
    return;
  }
  const read = readRecordText(bytes);
  if (!read.ok) {
    post({ type: 'error', reason: 'not_json', detail: read.reason });
    return;
  }
  try {
    // Progress at most every 50 ms: one message per ballot would flood the page.
    let last = 0;
    const report = await verifyRecordText(read, {
      onProgress: (done, total, stage) => {
        const now = Date.now();
        if (done < total && now - last < 50) return;
        last = now;
        post({ type: 'progress', stage, done, total });
      },
    });
    const copy = bytes.slice().buffer;
    post({ type: 'done', report, lines: { es: formatReport(report, 'es'), en: formatReport(report, 'en') }, bytes: copy }, [copy]);
  } catch (e) {
    post({ type: 'error', reason: 'failed', detail: e instanceof Error ? e.message : String(e) });
  }
};
