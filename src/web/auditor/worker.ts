/**
 * The auditor page's Web Worker: verifies the election record as it downloads (or as a
 * chosen file is read), with the project's verifier as the command line does
 * (`verifyRecordStream`: one event at a time, so a record of any size fits in the page's
 * memory; the bytes' SHA-256; a repeated member name fails the format check; bytes that
 * are not a JSON document are unusable input, as for `npm run verify`), off the page's
 * thread, reports progress, and answers with the report (turnout by region, small
 * regions already suppressed, and the complaint log are the verifier's), its text in both
 * languages (the CLI's formatter) and the exact bytes verified, as a Blob (which the
 * browser may keep out of the page's memory) to save as they are.
 * @module
 */
import { formatReport } from '../../verify/format.js';
import { type VerificationReport, type VerifyStage, verifyRecordStream } from '../../verify/index.js';

/** What to verify; `partial` accepts a record that ends before the results (an election in progress). */
export type ToWorker = ({ readonly kind: 'url'; readonly url: string } | { readonly kind: 'file'; readonly file: Blob }) & { readonly partial?: boolean };

export type FromWorker =
  | { readonly type: 'download'; readonly bytes: number; readonly total: number | null }
  | { readonly type: 'progress'; readonly stage: VerifyStage; readonly done: number; readonly total: number }
  | {
    readonly type: 'done';
    readonly report: VerificationReport;
    readonly lines: { readonly es: string[]; readonly en: string[] };
    /** The bytes verified (their SHA-256 is `report.recordSha256`), to save as they are. */
    readonly bytes: Blob;
  }
  | { readonly type: 'error'; readonly reason: 'http' | 'not_json' | 'failed'; readonly detail: string };

const scope = self as unknown as { postMessage(m: FromWorker): void };
const post = (m: FromWorker): void => scope.postMessage(m);

/** Bytes gathered into the Blob at a time: the rest of the record lives in the Blob, not in the worker's heap. */
const BLOB_STEP = 8 << 20;

/** The chunks of a stream, kept aside into a Blob as they pass (the bytes as served, not re-encoded text). */
async function* keeping(body: ReadableStream<Uint8Array>, kept: { blob: Blob }): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let pending: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pending.push(value);
    size += value.length;
    if (size >= BLOB_STEP) {
      kept.blob = new Blob([kept.blob, ...pending as BlobPart[]]);
      pending = [];
      size = 0;
    }
    yield value;
  }
  kept.blob = new Blob([kept.blob, ...pending as BlobPart[]]);
}

async function* chunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  const source = ev.data;
  let stream: AsyncIterable<Uint8Array>;
  let total: number | null = null;
  const kept = { blob: new Blob([]) };
  if (source.kind === 'url') {
    let res: Response;
    try {
      res = await fetch(source.url, { credentials: 'omit', cache: 'no-store', headers: { accept: 'application/json' } });
    } catch (e) {
      post({ type: 'error', reason: 'failed', detail: e instanceof Error ? e.message : String(e) });
      return;
    }
    if (!res.ok) {
      post({ type: 'error', reason: 'http', detail: `HTTP ${res.status}` });
      return;
    }
    const length = Number(res.headers.get('content-length'));
    total = Number.isFinite(length) && length > 0 ? length : null;
    stream = keeping(res.body ?? new Blob([]).stream(), kept);
  } else {
    kept.blob = source.file;
    total = source.file.size;
    stream = chunks(source.file.stream());
  }
  try {
    // Progress at most every 50 ms: one message per ballot would flood the page. While the
    // record comes in (its ballots checked meanwhile), progress is the bytes read.
    let last = 0;
    const { report, unreadable } = await verifyRecordStream(stream, {
      ...(total === null ? {} : { size: total }),
      partial: source.partial === true,
      onProgress: (done, of, stage) => {
        const now = Date.now();
        if (done < of && now - last < 50) return;
        last = now;
        if (stage === 'read' && source.kind === 'url') post({ type: 'download', bytes: done, total });
        else post({ type: 'progress', stage, done, total: of });
      },
    });
    if (unreadable !== undefined) {
      post({ type: 'error', reason: 'not_json', detail: unreadable });
      return;
    }
    post({ type: 'done', report, lines: { es: formatReport(report, 'es'), en: formatReport(report, 'en') }, bytes: kept.blob });
  } catch (e) {
    post({ type: 'error', reason: 'failed', detail: e instanceof Error ? e.message : String(e) });
  }
};
