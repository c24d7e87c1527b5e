/**
 * The independent verifier's command line (DESIGN §4):
 *
 * ```
 * npm run verify -- <record.json | http(s)://…/elections/:id/record> [--lang es|en] [--json] [--workers N] [--partial] [--expect-manifest HASH] [--report informe.html]
 * ```
 *
 * Prints every numbered check (pass or fail, each failure naming its item), the counts
 * per contest and the results with seats; exit code 0 if every check passes, 1 if any
 * fails, 2 if the input cannot be used (a missing file, an HTTP error, text that is not
 * JSON, bad options). The record is verified from its bytes as they stream in
 * (verify/verify-record.ts `verifyRecordStream`: one event at a time, so memory does not
 * grow with the record), so a repeated member name fails and the report carries the
 * file's SHA-256. `--report` also writes the
 * plain-language HTML report (verify/html.ts) in the chosen language. Ballots are checked
 * in worker threads when there are many (more than {@link WORKER_THRESHOLD}, judged from
 * the file's size, or `--workers N` with N ≥ 2); a progress bar goes to stderr on a
 * terminal.
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SingleBar } from 'cli-progress';
import { Command, CommanderError, Option } from 'commander';
import { sodiumProofBackend, sodiumReady, verifyBallotSignatureSodium } from '../crypto/sodium-ballots.js';
import { verifyRsaPssNode } from '../crypto/token-issuer.js';
import { formatReport } from '../verify/format.js';
import { reportHtml } from '../verify/html.js';
import { type Lang, type VerificationReport, type VerifyStage, readRecordText, verifyRecordStream } from '../verify/index.js';
import { COLLECT_EVERY_BYTES, garbagePacer } from './garbage-pacer.js';
import { verifyStatement } from './statement-verifier.js';
import { workerBallotChecker } from './verify-pool.js';

/**
 * Above this many ballots, the default is to use worker threads. A worker costs
 * ≈ 0.4–0.8 s to start under tsx and a ballot ≈ 7 ms to check (measured here, 2 cores),
 * so on two cores the pool pays off from a few hundred ballots.
 */
export const WORKER_THRESHOLD = 500;
/** Ballots per worker below which another worker is not worth starting. */
const BALLOTS_PER_WORKER = 250;
/** About the bytes of one ballot event in a record (5 candidates: ≈ 7 kB), to judge the ballots from a file's size. */
const BALLOT_BYTES = 6000;

/** The report as lines of text (shared with the auditor page). */
export { formatReport };

const MESSAGES = {
  es: {
    unusable: (what: string) => `No se puede usar la entrada: ${what}`,
    workers: (n: number) => `Papeletas en ${n} hilos de trabajo.`,
    reportWritten: (path: string) => `Informe escrito en ${path}`,
    noPdf: (path: string) => `--report ${path}: el informe solo se escribe en HTML (un archivo .html, autocontenido). Para un PDF, ábralo en un navegador e imprímalo como PDF.`,
    notHtml: (path: string) => `--report ${path}: el nombre del informe debe terminar en .html`,
    cannotWrite: (path: string, why: string) => `--report ${path}: no se puede escribir (${why})`,
    stages: { read: 'leyendo (bytes)', format: 'formato', chain: 'cadena', ceremony: 'ceremonia', ballots: 'papeletas', tally: 'escrutinio' },
  },
  en: {
    unusable: (what: string) => `Cannot use the input: ${what}`,
    workers: (n: number) => `Ballots in ${n} worker threads.`,
    reportWritten: (path: string) => `Report written to ${path}`,
    noPdf: (path: string) => `--report ${path}: the report is written in HTML only (one self-contained .html file). For a PDF, open it in a browser and print it to PDF.`,
    notHtml: (path: string) => `--report ${path}: the report's file name must end in .html`,
    cannotWrite: (path: string, why: string) => `--report ${path}: cannot be written (${why})`,
    stages: { read: 'reading (bytes)', format: 'format', chain: 'chain', ceremony: 'ceremony', ballots: 'ballots', tally: 'tally' },
  },
} as const;

/** node:crypto's SHA-256 or SHA-512 (the same digests as noble's, ≈ 10× faster over a record's hundreds of megabytes). */
function nodeHash(algorithm: 'sha256' | 'sha512') {
  return () => {
    const h = createHash(algorithm);
    return { update: (bytes: Uint8Array) => h.update(bytes), digest: () => new Uint8Array(h.digest()) };
  };
}

/** Input that cannot be verified at all (exit code 2). */
class Unusable extends Error {}

/** The record's bytes, as a stream, from a file path or an http(s) URL; its size when known. */
async function openSource(source: string): Promise<{ stream: AsyncIterable<Uint8Array>; size: number | undefined }> {
  if (/^https?:\/\//i.test(source)) {
    let res: Response;
    try {
      res = await fetch(source, { headers: { accept: 'application/json' } });
    } catch (e) {
      throw new Unusable(`${source}: ${(e as Error).message}`);
    }
    if (!res.ok) throw new Unusable(`${source}: HTTP ${res.status}`);
    const length = Number(res.headers.get('content-length'));
    const body = res.body ?? new Response(new Uint8Array(0)).body!;
    return { stream: body as unknown as AsyncIterable<Uint8Array>, size: Number.isFinite(length) && length > 0 ? length : undefined };
  }
  let size: number;
  try {
    const st = await stat(source);
    if (st.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw new Unusable(`${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { stream: createReadStream(source, { highWaterMark: 1 << 20 }), size };
}

/** The record from a file path or an http(s) URL, parsed as JSON (whole: for small records and tests). */
export async function loadRecord(source: string): Promise<unknown> {
  const { stream } = await openSource(source);
  const chunks: Uint8Array[] = [];
  for await (const c of stream) chunks.push(c);
  const read = readRecordText(Buffer.concat(chunks));
  if (!read.ok) throw new Unusable(`${source}: not JSON (${read.reason})`);
  return read.record;
}

/** Why `path` cannot be the HTML report (null if it can): only `.html` is written. */
export function reportPathProblem(path: string, lang: Lang): string | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.pdf') return MESSAGES[lang].noPdf(path);
  if (ext !== '.html' && ext !== '.htm') return MESSAGES[lang].notHtml(path);
  return null;
}

/** Options of {@link runVerification}. */
export interface RunOptions {
  readonly lang?: Lang;
  /** Where report lines go (default stdout). */
  readonly print?: (line: string) => void;
  /** Worker threads for ballots: ≥ 2 forces the pool, 0 or 1 none; default automatic. */
  readonly workers?: number;
  readonly json?: boolean;
  readonly partial?: boolean;
  /** The manifest hash pinned out of band (`--expect-manifest`). */
  readonly expectManifest?: string;
  /** Show a progress bar on stderr (default: when stderr is a terminal). */
  readonly progress?: boolean;
  /** Also write the plain-language HTML report (verify/html.ts) to this `.html` file. */
  readonly report?: string;
}

/** Verify and print; the report, or an Unusable error for input that cannot be read. */
async function verifySource(source: string, o: RunOptions): Promise<VerificationReport> {
  const lang = o.lang ?? 'es';
  const print = o.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const problem = o.report === undefined ? null : reportPathProblem(o.report, lang);
  if (problem !== null) throw new Unusable(problem);
  const { stream, size } = await openSource(source);
  // The number of ballots is known only at the end: judged from the size (a ballot is ≈ 7 kB of JSON).
  const ballots = size === undefined ? Infinity : size / BALLOT_BYTES;
  const workers = o.workers ?? (ballots > WORKER_THRESHOLD ? Math.max(1, Math.min(availableParallelism(), Math.ceil(ballots / BALLOTS_PER_WORKER))) : 1);
  const showBar = o.progress ?? (process.stderr.isTTY === true && !o.json && ballots > 50);
  const bar = showBar ? new SingleBar({ format: '{stage} [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true, clearOnComplete: true }) : undefined;
  let current: VerifyStage | undefined;
  // Only a record of more than one pace of bytes is worth collecting for (garbage-pacer.ts).
  const pacer = size !== undefined && size > COLLECT_EVERY_BYTES ? garbagePacer() : undefined;
  const onProgress = (done: number, total: number, stage: VerifyStage) => {
    pacer?.see(done, stage);
    if (bar === undefined) return;
    // Bytes read while the record streams in (its ballots checked meanwhile), then the other stages.
    const label = MESSAGES[lang].stages[stage];
    if (stage !== current) {
      if (current === undefined) bar.start(total, done, { stage: label });
      else bar.setTotal(total);
      current = stage;
    }
    bar.update(done, { stage: label });
  };
  if (workers >= 2 && !o.json) process.stderr.write(`${MESSAGES[lang].workers(workers)}\n`);
  const pool = workers >= 2 ? workerBallotChecker(workers) : undefined;
  await sodiumReady;
  try {
    const { report, unreadable } = await verifyRecordStream(stream, {
      onProgress,
      tokenVerifier: verifyRsaPssNode,
      signatureVerifier: verifyBallotSignatureSodium,
      proofBackend: sodiumProofBackend,
      statementVerifier: verifyStatement,
      sha256: nodeHash('sha256'),
      sha512: nodeHash('sha512'),
      ...(pool ? { ballotChecker: pool } : {}),
      ...(size === undefined ? {} : { size }),
      partial: o.partial === true,
      ...(o.expectManifest === undefined ? {} : { expectManifest: o.expectManifest }),
    });
    bar?.stop();
    if (unreadable !== undefined) throw new Unusable(`${source}: not JSON (${unreadable})`);
    if (o.json) print(JSON.stringify(report, null, 2));
    else for (const line of formatReport(report, lang)) print(line);
    if (o.report !== undefined) {
      try {
        // A pinned manifest that differs also opens the HTML report with a warning naming both (the check fails as well).
        const expected = o.expectManifest === undefined ? {} : { expected: { manifestHash: o.expectManifest, manifestFrom: 'pinned' as const } };
        await writeFile(o.report, reportHtml(report, lang, { source, ...expected }), 'utf8');
      } catch (e) {
        throw new Unusable(MESSAGES[lang].cannotWrite(o.report, (e as NodeJS.ErrnoException).code ?? (e as Error).message));
      }
    }
    return report;
  } catch (e) {
    if (e instanceof Unusable) throw e;
    // A download cut short or a file that cannot be read on: not a verdict on the record.
    throw new Unusable(`${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    bar?.stop();
    await pool?.close();
  }
}

/**
 * Verify the record at `source` (file or URL) and print the report; true iff every check
 * passes. Unusable input is printed as such and gives false.
 * @example const ok = await runVerification('record.json', { lang: 'en', print: (l) => console.log(l) });
 */
export async function runVerification(source: string, o: RunOptions = {}): Promise<boolean> {
  try {
    return (await verifySource(source, o)).ok;
  } catch (e) {
    if (!(e instanceof Unusable)) throw e;
    (o.print ?? ((line: string) => process.stderr.write(`${line}\n`)))(MESSAGES[o.lang ?? 'es'].unusable(e.message));
    return false;
  }
}

function program(): Command {
  return new Command()
    .name('verify')
    .description('Ánfora: verificador independiente del registro electoral / independent election record verifier')
    .argument('<record>', 'registro (archivo JSON o URL http(s) de /elections/:id/record) / record (JSON file or http(s) URL)')
    .addOption(new Option('--lang <lang>', 'idioma / language').choices(['es', 'en']).default('es'))
    .option('--json', 'el informe en JSON / the report as JSON')
    .option('--workers <n>', 'hilos de trabajo para las papeletas (0/1: ninguno) / worker threads for ballots (0/1: none)')
    .option('--partial', 'aceptar un registro que termina antes de los resultados / accept a record that ends before the results')
    .option('--expect-manifest <hash>', 'el hash del manifiesto fijado por otra vía; si difiere, falla / the manifest hash pinned out of band; fails if it differs')
    .option('--report <file.html>', 'escribir además el informe en HTML, en lenguaje llano / also write the plain-language HTML report')
    .option('--no-progress', 'sin barra de progreso / no progress bar')
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** Run the CLI; resolves to the exit code (0 valid, 1 invalid, 2 unusable input). */
export async function main(argv: readonly string[]): Promise<number> {
  const cmd = program();
  try {
    cmd.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  const o = cmd.opts<{ lang: Lang; json?: boolean; workers?: string; partial?: boolean; progress: boolean; report?: string; expectManifest?: string }>();
  if (o.expectManifest !== undefined && !/^[0-9a-fA-F]{64}$/.test(o.expectManifest.trim())) {
    process.stderr.write(`${MESSAGES[o.lang].unusable(`--expect-manifest ${o.expectManifest}: se esperan 64 dígitos hexadecimales / expected 64 hex digits`)}\n`);
    return 2;
  }
  const problem = o.report === undefined ? null : reportPathProblem(o.report, o.lang);
  if (problem !== null) {
    process.stderr.write(`${problem}\n`);
    return 2;
  }
  let workers: number | undefined;
  if (o.workers !== undefined) {
    workers = Number(o.workers);
    if (!Number.isInteger(workers) || workers < 0 || workers > 256) {
      process.stderr.write(`${MESSAGES[o.lang].unusable(`--workers ${o.workers}`)}\n`);
      return 2;
    }
  }
  try {
    const report = await verifySource(cmd.args[0]!, {
      lang: o.lang, json: o.json === true, partial: o.partial === true, ...(o.expectManifest === undefined ? {} : { expectManifest: o.expectManifest }), ...(workers === undefined ? {} : { workers }), ...(o.progress ? {} : { progress: false }),
      ...(o.report === undefined ? {} : { report: o.report }),
    });
    if (o.report !== undefined) process.stderr.write(`${MESSAGES[o.lang].reportWritten(resolve(o.report))}\n`);
    return report.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof Unusable) {
      process.stderr.write(`${MESSAGES[o.lang].unusable(e.message)}\n`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
