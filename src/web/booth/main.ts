/**
 * The voting booth (issue 6): an accredited association signs in only to obtain its blind
 * voting token, then chooses, reviews, encrypts and proves its ballot in this page with the
 * same client library as the CLI (src/client/voter.ts), may audit the encrypted ballot
 * (Benaloh) as often as it likes, casts it without any credential, and keeps the receipt.
 * When the cast's answer is lost (network drop, closed tab, timeout) the ballot that was
 * sent, kept in the tab's storage before sending, is looked for on the public board: found,
 * its board event stands in for the receipt; not found, the same ballot may be sent again.
 * @module
 */
import { importAccountKeyfileAsync } from '../../crypto/account-keyfile.js';
import { unlockStoredAccountKey } from '../lib/account-key.js';
import {
  type CastRequest, type CastResult, type PreparedBallot, type ReceiptFromBoard, auditBallot, castBallot, fetchManifest,
  findTrackingCode, beginIssuedToken, collectIssuedToken, prepareBallot, receiptFromBoard, recoverCast,
} from '../../client/voter.js';
import type { LoadedManifest } from '../../client/manifest.js';
import { ciphertextToJSON, encrypt } from '../../crypto/elgamal.js';
import { scalarToHex, toHex } from '../../crypto/group.js';
import { type ManifestContest, manifestConstituencies } from '../../record/manifest.js';
import type { Receipt } from '../../record/tracking.js';
import { ApiError, errorText, publicApi, signedApi } from '../lib/api.js';
import { type Child, download, groupHex, h, nextFrame, replace } from '../lib/dom.js';
import { constituencyLabel } from '../lib/constituencies.js';
import { renderElectionChooser } from '../lib/elections.js';
import { PHASE_NAMES, formatTime, lang, texts } from '../lib/i18n.js';
import { electionParam, focusHeading, mountShell, pageUrl } from '../lib/shell.js';
import { BOOTH, type BoothTexts } from './strings.js';
import { deadlineNotice, fetchVotingWindow, renderClosed } from './window.js';
import { inTokenWindow, tokenWindowIntro, tokenWindowKeep } from './token-window.js';
import { type BoothMemory, credentialsOf, loadMemory, loadReceipts, putCredentials, readTokenFile, saveMemory, tokenFile } from './storage.js';
import { type Recheck, recheckAll, renderRecheck } from './recheck.js';

type Step = 'loading' | 'fatal' | 'closed' | 'start' | 'token' | 'choose' | 'review' | 'sealed' | 'audit' | 'receipt' | 'lost';

/**
 * A ballot sent without a usable answer: being looked for on the board, not on it (not
 * recorded), of unknown fate (the board could not be read either), or refused by what the
 * board shows (another ballot of the token, a broken board).
 */
interface Lost {
  contestId: string;
  body: CastRequest;
  status: 'checking' | 'not_found' | { unknown: string } | { refused: 'other' | 'board'; detail: string };
}

interface AuditRow { candidate: string; choice: number; r: string; published: string[]; recomputed: string[]; same: boolean }

const state = {
  step: 'loading' as Step,
  electionId: electionParam(),
  manifest: null as LoadedManifest | null,
  /** Texts are functions of the language, so that a switch re-renders them. */
  fatal: null as ((t: BoothTexts) => string) | null,
  /** The association's access token, held only until its voting tokens are obtained. */
  accessToken: null as string | null,
  /** The association's signing key, unlocked from its key file for the token requests only; never stored. */
  signingKey: null as Uint8Array | null,
  memory: null as BoothMemory | null,
  contestId: null as string | null,
  chosen: new Set<string>(),
  prepared: null as PreparedBallot | null,
  audits: 0,
  audit: null as { ok: boolean; detail: string; rows: AuditRow[]; json: string } | null,
  receipt: null as Receipt | ReceiptFromBoard | null,
  lost: null as Lost | null,
  board: 'pending' as 'pending' | 'ok' | { detail: string },
  message: null as ((t: BoothTexts) => string) | null,
  busy: null as ((t: BoothTexts) => string) | null,
  tokenJustObtained: false,
  /** After the close: each receipt this browser kept, re-checked against the board. */
  rechecks: [] as Recheck[],
};

const shell = mountShell('booth', { es: BOOTH.es.title, en: BOOTH.en.title }, () => render());
const main = shell.main;

// ---- helpers ----

function myContests(): ManifestContest[] {
  const m = state.manifest;
  const mem = state.memory;
  if (m === null || mem === null) return [];
  return m.manifest.contests.filter((c) => c.roll.some((r) => r.associationId === mem.associationId));
}

function currentContest(): ManifestContest {
  const c = state.manifest?.manifest.contests.find((x) => x.id === state.contestId);
  if (c === undefined) throw new Error('no contest selected');
  return c;
}

/** The next contest this browser can vote in: credentials held, no receipt yet. */
function nextVotable(): ManifestContest | undefined {
  const mem = state.memory;
  return myContests().find((c) => mem !== null && mem.credentials[c.id] !== undefined && mem.receipts[c.id] === undefined);
}

function go(step: Step): void {
  state.step = step;
  state.message = null;
  state.busy = null;
  main.removeAttribute('aria-busy');
  render();
  focusHeading(main);
}

function remember(): void {
  if (state.electionId !== null && state.memory !== null) saveMemory(state.electionId, state.memory);
}

/**
 * The step's live regions: an alert for failures, a status for work in progress. They are
 * updated in place ({@link showMessage}, {@link setBusy}) so that typed values and focus stay.
 */
function feedback(t: BoothTexts): Child[] {
  return [
    h('div', { id: 'alert', role: 'alert', class: state.message === null ? 'notice error empty' : 'notice error' }, state.message?.(t) ?? ''),
    h('p', { id: 'busy', role: 'status', class: state.busy === null ? 'notice busy empty' : 'notice busy' }, state.busy?.(t) ?? ''),
  ];
}

function showMessage(f: ((t: BoothTexts) => string) | null): void {
  state.message = f;
  const el = main.querySelector('#alert');
  if (el === null) return;
  el.textContent = f?.(texts(BOOTH)) ?? '';
  el.classList.toggle('empty', f === null);
}

function setBusy(f: ((t: BoothTexts) => string) | null): void {
  state.busy = f;
  const el = main.querySelector('#busy');
  if (el !== null) {
    el.textContent = f?.(texts(BOOTH)) ?? '';
    el.classList.toggle('empty', f === null);
  }
  main.setAttribute('aria-busy', String(f !== null));
  for (const b of main.querySelectorAll('button')) b.disabled = f !== null;
}

function progress(t: BoothTexts, n: number): HTMLElement {
  return h('nav', { class: 'progress', 'aria-label': t.steps },
    h('ol', null, t.stepNames.map((name, i) => h('li', {
      class: i + 1 < n ? 'done' : i + 1 === n ? 'current' : '', ...(i + 1 === n && { 'aria-current': 'step' }),
    }, h('span', { class: 'num', 'aria-hidden': 'true' }, String(i + 1)), ` ${name}`))),
    h('p', { class: 'visually-hidden' }, t.stepOf(n, t.stepNames.length)));
}

function button(label: string, onclick: () => void, opts: { primary?: boolean; testid?: string; disabled?: boolean } = {}): HTMLButtonElement {
  return h('button', {
    type: 'button', class: opts.primary ? 'btn primary' : 'btn', onclick, 'data-testid': opts.testid, disabled: opts.disabled || state.busy !== null,
  }, label);
}

// ---- start: load the election ----

async function start(): Promise<void> {
  if (state.electionId === null) {
    await renderElectionChooser(main, 'booth', (p) => p === 'voting' || p === 'tokens');
    return;
  }
  const electionId = state.electionId;
  if (globalThis.crypto?.subtle === undefined) {
    state.fatal = (t) => t.noCrypto;
    go('fatal');
    return;
  }
  try {
    const m = await fetchManifest(publicApi(), electionId);
    if (!m.ok) {
      state.fatal = (t) => t.badManifest(m.detail);
      state.step = 'fatal';
      render();
      return;
    }
    state.manifest = m;
    // The manifest stays after the close: the phase says whether voting is still open
    // (or not yet: the token window hands out tokens only).
    if (!['voting', 'tokens'].includes((await fetchVotingWindow(electionId)).phase)) {
      closeAndRecheck();
      return;
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) {
      const phase = await publicApi().get(`/elections/${encodeURIComponent(electionId)}`)
        .then((x) => String((x as { phase?: unknown }).phase ?? '?')).catch(() => '?');
      state.fatal = (t) => t.notOpen(texts(PHASE_NAMES)[phase] ?? phase);
    } else {
      const text = errorText(e);
      state.fatal = () => text;
    }
    state.step = 'fatal';
    render();
    return;
  }
  state.memory = loadMemory(electionId);
  state.step = 'start';
  render();
  watchForClose();
}

/** Voting is closed: show it, and re-check every receipt this browser kept against the board. */
function closeAndRecheck(): void {
  const electionId = state.electionId!;
  const titles = new Map(state.manifest?.manifest.contests.map((c) => [c.id, c.title]) ?? []);
  state.rechecks = Object.entries(loadReceipts(electionId))
    .filter(([, r]) => r?.electionId === electionId && typeof r.trackingCode === 'string' && Number.isInteger(r.position))
    .map(([contestId, receipt]) => ({ contestTitle: titles.get(contestId) ?? contestId, receipt, status: 'checking' }));
  go('closed');
  void recheckAll(state.rechecks, () => { if (state.step === 'closed') render(); });
}

/** How often a booth left open looks whether voting closed (to re-check its receipts then). */
const CLOSE_POLL_MS = 30_000;

/** A booth left open after casting notices the close and re-checks its receipts. */
function watchForClose(): void {
  const timer = setInterval(() => {
    const busy = state.step !== 'receipt' && state.step !== 'start';
    if (busy || Object.keys(state.memory?.receipts ?? {}).length === 0) return;
    void fetchVotingWindow(state.electionId!).then((w) => {
      if (w.phase === 'voting' || (state.step !== 'receipt' && state.step !== 'start')) return;
      clearInterval(timer);
      closeAndRecheck();
    }, () => undefined);
  }, CLOSE_POLL_MS);
}

// ---- sign in and tokens ----

async function signIn(form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  const email = String(data.get('email') ?? '').trim();
  const password = String(data.get('password') ?? '');
  const keyfile = data.get('keyfile');
  const passphrase = String(data.get('passphrase') ?? '');
  showMessage(null);
  setBusy((t) => t.signingIn);
  try {
    const client = await publicApi().login(email, password);
    const me = (await client.get('/auth/me')) as { id?: string; role?: string; associationId?: string | null };
    if (me.role !== 'association' || typeof me.associationId !== 'string') {
      setBusy(null);
      showMessage((t) => t.notAssociation);
      return;
    }
    // The association's own key signs its token requests: the key file chosen, or the one
    // this browser kept at activation, opened with its passphrase and kept in memory only.
    const unlocked = keyfile instanceof Blob && keyfile.size > 0
      ? await importAccountKeyfileAsync(await keyfile.text(), passphrase)
      : typeof me.id === 'string' ? await unlockStoredAccountKey(me.id, passphrase) : null;
    if (unlocked === null || !unlocked.ok || (typeof me.id === 'string' && unlocked.key.accountId !== me.id)) {
      setBusy(null);
      showMessage((t) => (unlocked === null ? t.keyfileMissing : t.keyfileRefused));
      return;
    }
    const associationId = me.associationId;
    const roll = state.manifest!.manifest.contests.flatMap((c) => c.roll).find((r) => r.associationId === associationId);
    if (roll === undefined) {
      setBusy(null);
      showMessage((t) => t.notOnRoll);
      return;
    }
    const kept = state.memory?.associationId === associationId ? state.memory : null;
    state.memory = kept ?? { associationId, legalName: roll.legalName, credentials: {}, receipts: {} };
    state.accessToken = client.token ?? null;
    state.signingKey = unlocked.key.secretKey;
    remember();
    go('token');
  } catch (e) {
    const text = errorText(e);
    setBusy(null);
    showMessage(() => text);
    main.querySelector<HTMLInputElement>('#email')?.focus();
  }
}

async function getTokens(): Promise<void> {
  const m = state.manifest!;
  const mem = state.memory!;
  const accessToken = state.accessToken;
  const secretKey = state.signingKey;
  if (accessToken === null || secretKey === null) return;
  showMessage(null);
  setBusy((t) => t.gettingToken);
  const problems: ((t: BoothTexts) => string)[] = [];
  for (const c of myContests()) {
    if (mem.credentials[c.id] !== undefined || mem.receipts[c.id] !== undefined) continue;
    try {
      // The contest's issuers sign through the relay (issue 12); this waits for them.
      const attempt = beginIssuedToken(m.decoded, c.id, { associationId: mem.associationId, secretKey });
      const r = await collectIssuedToken(signedApi(accessToken), m.decoded, attempt);
      if (r.ok) putCredentials(mem, c.id, { token: r.token, ballotKeys: r.ballotKeys });
      else problems.push(() => `${c.title}: ${r.detail}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'token_request_conflict') problems.push((t) => `${c.title}: ${t.tokenAlreadyIssued}`);
      else {
        const text = errorText(e);
        problems.push(() => `${c.title}: ${text}`);
      }
    }
  }
  remember();
  // The access token and the key have done their job: from here on nothing in this page identifies the association.
  state.accessToken = null;
  secretKey.fill(0);
  state.signingKey = null;
  state.tokenJustObtained = problems.length === 0;
  state.busy = null;
  state.message = problems.length === 0 ? null : (t) => problems.map((p) => p(t)).join(' ');
  main.removeAttribute('aria-busy');
  render();
  focusHeading(main);
  shell.announce(problems.length === 0 ? texts(BOOTH).tokenObtained : texts(BOOTH).errorTitle);
}

async function restoreFromFile(input: HTMLInputElement): Promise<void> {
  const file = input.files?.[0];
  if (file === undefined || state.manifest === null || state.electionId === null) return;
  const text = await file.text();
  const restored = readTokenFile(state.electionId, state.manifest.manifest.contests.map((c) => c.id), text);
  if (restored === null) {
    showMessage((t) => t.badTokenFile);
    return;
  }
  const previous = state.memory?.associationId === restored.associationId ? state.memory : null;
  state.memory = { ...restored, receipts: previous?.receipts ?? {} };
  remember();
  go('token');
  shell.announce(texts(BOOTH).restored(Object.keys(restored.credentials).length));
}

/** Before each contest's choice: voting may have closed since the page was opened. */
function startVoting(): void {
  void fetchVotingWindow(state.electionId!).then((w) => (w.phase === 'voting' ? chooseNext() : go('closed')), () => chooseNext());
}

function chooseNext(): void {
  const c = nextVotable();
  if (c === undefined) return;
  state.contestId = c.id;
  const sent = state.memory?.sent?.[c.id];
  if (sent !== undefined) {
    // A ballot went out from this tab and no answer came: find that one, never encrypt another.
    state.lost = { contestId: c.id, body: sent, status: 'checking' };
    void searchBoard();
    return;
  }
  state.chosen = new Set();
  state.prepared = null;
  state.audit = null;
  state.audits = 0;
  go('choose');
}

// ---- ballot ----

async function encryptBallot(): Promise<void> {
  setBusy((t) => t.encrypting);
  await nextFrame();
  const m = state.manifest!;
  const contest = currentContest();
  const credentials = credentialsOf(state.memory!, contest.id);
  if (credentials === null) {
    setBusy(null);
    showMessage((t) => t.badTokenFile);
    return;
  }
  const choices = contest.candidates.map((c) => (state.chosen.has(c.id) ? 1 : 0));
  state.prepared = prepareBallot(m.decoded, m.hash, contest.id, choices, credentials);
  go('sealed');
}

function auditNow(): void {
  const m = state.manifest!;
  const prepared = state.prepared!;
  const contest = currentContest();
  const { audit, verdict } = auditBallot(m.decoded, prepared);
  const K = m.decoded.jointPublicKey;
  const rows: AuditRow[] = contest.candidates.map((cand, i) => {
    const choice = prepared.opening.choices[i]!;
    const r = prepared.opening.randomness[i]!;
    const published = audit.ballot.selections[i]!.ciphertext;
    const again = ciphertextToJSON(encrypt(K, choice, r));
    return {
      candidate: cand.fullName, choice, r: scalarToHex(r), published: [published.alpha, published.beta],
      recomputed: [again.alpha, again.beta], same: again.alpha === published.alpha && again.beta === published.beta,
    };
  });
  state.audits += 1;
  state.audit = { ok: verdict.ok, detail: verdict.ok ? '' : verdict.detail, rows, json: `${JSON.stringify(audit, null, 2)}\n` };
  // This ballot's randomness is now known: it must never be cast.
  state.prepared = null;
  go('audit');
}

async function reencrypt(): Promise<void> {
  await encryptBallot();
}

async function cast(): Promise<void> {
  const prepared = state.prepared;
  if (prepared === null) return;
  await send(prepared.contestId, prepared.body);
}

/**
 * Send `body` (the prepared ballot, or the one kept from a lost answer) and settle what
 * comes back. The body is stored first, so that a closed tab still knows what to look for.
 */
async function send(contestId: string, body: CastRequest): Promise<void> {
  const m = state.manifest!;
  const mem = state.memory!;
  showMessage(null);
  setBusy((t) => t.casting);
  (mem.sent ??= {})[contestId] = body;
  remember();
  let r: CastResult;
  try {
    // castBallot sends through an anonymous copy of the client: no Authorization, no cookie.
    r = await castBallot(publicApi(), m.decoded, body);
  } catch (e) {
    const text = errorText(e);
    if (e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.code === 'token_used')) {
      // No answer, and the board could not be read either: the ballot may or may not be recorded.
      state.lost = { contestId, body, status: { unknown: text } };
      go('lost');
      return;
    }
    // A refusal by the server (e.g. an invalid ballot): nothing was recorded.
    delete mem.sent[contestId];
    remember();
    setBusy(null);
    showMessage(() => text);
    return;
  }
  if (r.ok && !r.recovered) {
    mem.receipts[contestId] = r.receipt;
    delete mem.credentials[contestId];
    delete mem.sent[contestId];
    remember();
    state.receipt = r.receipt;
    state.prepared = null;
    state.lost = null;
    state.board = 'pending';
    go('receipt');
    void checkBoard(r.receipt, body);
    return;
  }
  if (!r.ok && (r.reason === 'malformed_receipt' || r.reason === 'bad_receipt_signature' || r.reason === 'receipt_mismatch' || r.reason === 'audited_ballot')) {
    setBusy(null);
    showMessage((t) => t.receiptRefused(r.detail));
    return;
  }
  settle(contestId, body, r);
}

/** Look on the board for the ballot of {@link state.lost}, without sending anything. */
async function searchBoard(): Promise<void> {
  const lost = state.lost;
  if (lost === null) return;
  lost.status = 'checking';
  go('lost');
  main.setAttribute('aria-busy', 'true');
  try {
    settle(lost.contestId, lost.body, await recoverCast(publicApi(), state.manifest!.decoded, lost.body));
  } catch (e) {
    const text = errorText(e);
    lost.status = { unknown: text };
    go('lost');
  }
}

/** What the board says of a ballot whose answer was lost: on it (the vote counts), not on it, or something wrong. */
function settle(contestId: string, body: CastRequest, r: Exclude<CastResult, { recovered: false }>): void {
  const mem = state.memory!;
  const t = texts(BOOTH);
  if (r.ok) {
    const fromBoard = receiptFromBoard(state.electionId!, r);
    mem.receipts[contestId] = fromBoard;
    delete mem.credentials[contestId];
    delete mem.sent?.[contestId];
    remember();
    state.receipt = fromBoard;
    state.prepared = null;
    state.lost = null;
    // The event was found on the chain-checked board and compared with the body sent.
    state.board = 'ok';
    go('receipt');
    shell.announce(t.recoveredTitle);
    return;
  }
  const status: Lost['status'] = r.reason === 'not_found' ? 'not_found'
    : { refused: r.reason === 'token_used_by_other' ? 'other' : 'board', detail: r.detail };
  state.lost = { contestId, body, status };
  go('lost');
}

async function checkBoard(receipt: Receipt, body: CastRequest): Promise<void> {
  try {
    const r = await findTrackingCode(publicApi(), receipt.electionId, receipt.trackingCode, receipt, body);
    state.board = r.ok ? 'ok' : { detail: r.detail };
  } catch (e) {
    state.board = { detail: errorText(e) };
  }
  if (state.step !== 'receipt') return;
  const t = texts(BOOTH);
  const box = main.querySelector('#board-status');
  if (box !== null) replace(box, boardStatus(t));
  shell.announce(state.board === 'ok' ? t.onBoard : t.notOnBoard(typeof state.board === 'object' ? state.board.detail : ''));
}

function boardStatus(t: BoothTexts): Child {
  if (state.board === 'pending') return h('p', { class: 'notice busy' }, t.checkingBoard);
  if (state.board === 'ok') return h('p', { class: 'notice ok', 'data-testid': 'on-board' }, `✓ ${t.onBoard}`);
  return h('p', { class: 'notice error' }, t.notOnBoard(state.board.detail));
}

// ---- rendering ----

function renderStart(t: BoothTexts): Child[] {
  const mem = state.memory;
  const resumable = mem !== null && myContests().some((c) => mem.credentials[c.id] !== undefined || mem.receipts[c.id] !== undefined);
  const form = h('form', { class: 'stack', 'aria-labelledby': 'signin-h', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'email' }, t.email),
      h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true, inputmode: 'email' })),
    h('div', { class: 'field' },
      h('label', { for: 'password' }, t.password),
      h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    h('div', { class: 'field' },
      h('label', { for: 'keyfile' }, t.keyfile),
      h('input', { id: 'keyfile', name: 'keyfile', type: 'file', accept: '.json,application/json' })),
    h('div', { class: 'field' },
      h('label', { for: 'passphrase' }, t.passphrase),
      h('input', { id: 'passphrase', name: 'passphrase', type: 'password', autocomplete: 'off', required: true })),
    h('button', { type: 'submit', class: 'btn primary', 'data-testid': 'signin', disabled: state.busy !== null }, t.signin));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void signIn(form);
  });
  return [
    h('h2', null, state.manifest?.manifest.title ?? t.title),
    h('p', { class: 'lead' }, t.intro),
    deadlineNotice(),
    tokenWindowIntro(),
    resumable ? h('section', { class: 'card', 'aria-labelledby': 'resume-h' },
      h('h3', { id: 'resume-h' }, t.resumeTitle),
      h('p', null, t.resume(mem.legalName)),
      button(t.continueVoting, () => go('token'), { primary: true, testid: 'resume' })) : null,
    h('section', { 'aria-labelledby': 'how-h' },
      h('h3', { id: 'how-h' }, t.howTitle),
      h('ol', { class: 'how' }, t.how.map((x) => h('li', null, x)))),
    ...feedback(t),
    h('section', { class: 'card', 'aria-labelledby': 'signin-h' }, h('h3', { id: 'signin-h' }, t.signinTitle), form),
    inTokenWindow() ? null : restoreSection(t, false),
  ];
}

/** Open a saved token file: on the first step, and on the token step when the server will not issue again. */
function restoreSection(t: BoothTexts, open: boolean): HTMLElement {
  const file = h('input', { id: 'token-file', type: 'file', accept: 'application/json,.json', 'aria-describedby': 'token-file-help' });
  file.addEventListener('change', () => void restoreFromFile(file));
  return h('details', { class: 'card', open, 'data-testid': 'restore' },
    h('summary', null, t.restoreTitle),
    h('p', { id: 'token-file-help' }, t.restoreHelp),
    h('div', { class: 'field' }, h('label', { for: 'token-file' }, t.restoreFile), file));
}

function renderToken(t: BoothTexts): Child[] {
  const mem = state.memory!;
  const contests = myContests();
  const missing = contests.filter((c) => mem.credentials[c.id] === undefined && mem.receipts[c.id] === undefined);
  const held = contests.some((c) => mem.credentials[c.id] !== undefined);
  return [
    progress(t, 1),
    h('h2', null, t.tokenTitle),
    h('p', null, state.accessToken !== null ? t.signedInAs(mem.legalName) : mem.legalName),
    h('section', { class: 'card explain', 'aria-labelledby': 'why-h' },
      h('h3', { id: 'why-h' }, t.whyTitle),
      h('ul', null, t.why.map((x) => h('li', null, x)))),
    h('h3', null, t.contestsFor),
    h('ul', { class: 'status-list', 'data-testid': 'token-status' }, contests.map((c) => {
      const status = mem.receipts[c.id] !== undefined ? t.tokenCast : mem.sent?.[c.id] !== undefined ? t.tokenSent
        : mem.credentials[c.id] !== undefined ? t.tokenHeld : t.tokenMissing;
      return h('li', null, h('strong', null, c.title), ': ', status);
    })),
    ...feedback(t),
    state.tokenJustObtained ? h('div', { class: 'notice ok', role: 'status' }, h('p', null, `✓ ${t.tokenObtained}`), h('p', null, t.signedOut)) : null,
    state.accessToken !== null && missing.length > 0 ? button(t.getToken, () => void getTokens(), { primary: true, testid: 'get-token' }) : null,
    held && !inTokenWindow() ? h('p', { class: 'muted' }, t.keepTab) : null,
    tokenWindowKeep(held),
    missing.length > 0 && state.accessToken === null && !inTokenWindow() ? restoreSection(t, true) : null,
    h('div', { class: 'actions' },
      held ? button(t.saveTokens, () => download(
        `${lang() === 'es' ? 'ficha' : 'token'}-anfora-${state.electionId!.slice(0, 8)}.json`,
        `${JSON.stringify(tokenFile(state.electionId!, mem), null, 2)}\n`), { testid: 'save-token', primary: inTokenWindow() }) : null,
      nextVotable() !== undefined && !inTokenWindow() ? button(t.goVote, startVoting, { primary: true, testid: 'go-vote' }) : null),
  ];
}

/** The manifest's minimum roll (rules.minRollSize; 5, the default, when a version 1 manifest has none). */
function minRollSize(): number {
  const min = state.manifest?.manifest.rules.minRollSize;
  return typeof min === 'number' && Number.isSafeInteger(min) && min >= 1 ? min : 5;
}

/**
 * A contest the committee opened below the minimum roll: said before the voter chooses,
 * since the exact counts of so few ballots may show how each voted.
 */
function smallRollNotice(c: ManifestContest, t: BoothTexts): Child {
  const ack = c.smallRoll;
  if (ack === null || ack === undefined) return null;
  return h('section', { class: 'notice warn', 'aria-labelledby': 'small-roll-h', 'data-testid': 'small-roll-notice' },
    h('h3', { id: 'small-roll-h' }, t.smallRollTitle),
    h('p', null, t.smallRollFew(c.roll.length, minRollSize())),
    h('p', null, t.smallRollRisk),
    h('p', null, t.smallRollDecision(formatTime(ack.decidedAt))),
    h('p', null, h('strong', null, `${t.smallRollReason}: `), h('span', { 'data-testid': 'small-roll-reason' }, ack.reason)));
}

function renderChoose(t: BoothTexts): Child[] {
  const c = currentContest();
  const max = c.maxSelections;
  const count = h('p', { id: 'count', class: 'count', 'aria-live': 'polite' });
  const boxes: HTMLInputElement[] = [];
  const update = (): void => {
    const k = state.chosen.size;
    count.textContent = k >= max ? `${t.chosenCount(k, max)} ${t.limitReached(max)}` : t.chosenCount(k, max);
    for (const b of boxes) b.disabled = !b.checked && k >= max;
  };
  const list = h('ul', { class: 'candidates' }, c.candidates.map((cand, i) => {
    const box = h('input', { type: 'checkbox', id: `cand-${i}`, name: 'choice', value: cand.id, checked: state.chosen.has(cand.id), 'aria-describedby': 'choose-hint' });
    box.addEventListener('change', () => {
      if (box.checked) state.chosen.add(cand.id);
      else state.chosen.delete(cand.id);
      update();
    });
    boxes.push(box);
    return h('li', null, h('label', { for: `cand-${i}`, class: 'choice' }, box, h('span', null, cand.fullName)));
  }));
  update();
  return [
    progress(t, 2),
    h('h2', null, t.chooseTitle(c.title)),
    h('p', { class: 'muted', 'data-testid': 'contest-constituency' }, constituencyLabel(c.constituency, state.manifest ? manifestConstituencies(state.manifest.manifest) : undefined)),
    deadlineNotice(),
    smallRollNotice(c, t),
    h('fieldset', { class: 'card' },
      h('legend', null, t.chooseLegend(c.title, max)),
      h('p', { id: 'choose-hint', class: 'muted' }, t.chooseHint(max)),
      list,
      count),
    ...feedback(t),
    h('div', { class: 'actions' }, button(t.review, () => go('review'), { primary: true, testid: 'review' })),
  ];
}

function renderReview(t: BoothTexts): Child[] {
  const c = currentContest();
  const chosen = c.candidates.filter((x) => state.chosen.has(x.id));
  return [
    progress(t, 3),
    h('h2', null, t.reviewTitle),
    h('p', null, t.reviewLead(c.title)),
    chosen.length === 0
      ? h('div', { class: 'card' }, h('p', { class: 'big' }, t.blank), h('p', { class: 'muted' }, t.blankNote))
      : h('ul', { class: 'card chosen', 'data-testid': 'review-list' }, chosen.map((x) => h('li', null, h('span', { 'aria-hidden': 'true' }, '✓ '), x.fullName))),
    ...feedback(t),
    h('div', { class: 'actions' },
      button(t.change, () => go('choose'), { testid: 'change' }),
      button(t.encrypt, () => void encryptBallot(), { primary: true, testid: 'encrypt' })),
  ];
}

function renderSealed(t: BoothTexts): Child[] {
  const p = state.prepared!;
  const fp = toHex(p.digest);
  // Once sent, the ballot may be on the board: revealing its randomness now would reveal a cast vote.
  const sent = state.memory?.sent?.[p.contestId] !== undefined;
  return [
    progress(t, 4),
    h('h2', null, t.sealedTitle),
    h('p', null, t.sealedLead),
    h('div', { class: 'card' },
      h('p', { class: 'label', id: 'fp-label' }, t.fingerprint),
      h('p', { class: 'hex big-hex', 'aria-labelledby': 'fp-label', 'data-testid': 'fingerprint' }, groupHex(fp.slice(0, 32))),
      h('details', null, h('summary', null, '…'), h('p', { class: 'hex' }, groupHex(fp)))),
    sent ? null : h('p', null, t.castOrAudit),
    sent ? null : h('details', { class: 'card explain', open: state.audits === 0 }, h('summary', null, t.audit), h('p', null, t.auditExplain)),
    state.audits > 0 ? h('p', { class: 'muted', 'data-testid': 'audits-done' }, t.auditsDone(state.audits)) : null,
    ...feedback(t),
    h('div', { class: 'actions' },
      sent ? null : button(t.audit, auditNow, { testid: 'audit' }),
      button(t.cast, () => void cast(), { primary: true, testid: 'cast' })),
  ];
}

function renderAudit(t: BoothTexts): Child[] {
  const a = state.audit!;
  return [
    progress(t, 4),
    h('h2', null, t.auditTitle),
    h('p', { class: `notice ${a.ok ? 'ok' : 'error'}`, role: a.ok ? 'status' : 'alert', 'data-testid': 'audit-verdict' },
      a.ok ? `✓ ${t.auditOk}` : t.auditBad(a.detail)),
    h('p', null, t.auditLead),
    h('ul', { class: 'audit-rows', 'data-testid': 'audit-rows' }, a.rows.map((row) => h('li', { class: 'card' },
      h('p', null, h('strong', null, row.candidate), ' — ', row.choice === 1 ? t.marked : t.notMarked),
      h('dl', null,
        h('dt', null, t.randomness), h('dd', { class: 'hex' }, row.r),
        h('dt', null, t.published), h('dd', { class: 'hex' }, row.published.join(' , ')),
        h('dt', null, t.recomputed), h('dd', { class: 'hex' }, row.recomputed.join(' , '))),
      h('p', { class: row.same ? 'ok-text' : 'error-text' }, row.same ? `✓ ${t.matches}` : `✗ ${t.differs}`)))),
    h('p', { class: 'muted' }, t.auditPrivate),
    ...feedback(t),
    h('div', { class: 'actions' },
      button(t.downloadAudit, () => download(`${lang() === 'es' ? 'auditoria' : 'audit'}-${Date.now()}.json`, a.json), { testid: 'download-audit' }),
      button(t.change, () => go('choose'), { testid: 'change' }),
      button(t.reencrypt, () => void reencrypt(), { primary: true, testid: 'reencrypt' })),
  ];
}

function renderReceipt(t: BoothTexts): Child[] {
  const r = state.receipt!;
  // Without a signed receipt, the board's event (found after a lost answer) is the proof.
  const fromBoard = 'format' in r;
  const contest = state.manifest!.manifest.contests.find((c) => c.id === r.contestId);
  const next = nextVotable();
  const file = fromBoard
    ? `${lang() === 'es' ? 'recibo-tablero' : 'receipt-from-board'}-anfora-${r.trackingCode.slice(0, 8)}.json`
    : `${lang() === 'es' ? 'recibo' : 'receipt'}-anfora-${r.trackingCode.slice(0, 8)}.json`;
  return [
    progress(t, 5),
    h('h2', null, fromBoard ? t.recoveredTitle : t.receiptTitle),
    h('p', null, fromBoard ? t.recoveredLead : t.receiptLead),
    h('div', { class: 'card receipt', 'data-testid': fromBoard ? 'receipt-from-board' : 'receipt' },
      h('p', { class: 'label', id: 'code-label' }, t.trackingCode),
      h('p', { class: 'hex big-hex', 'aria-labelledby': 'code-label', 'data-testid': 'tracking-code', 'data-code': r.trackingCode }, groupHex(r.trackingCode)),
      h('dl', null,
        h('dt', null, t.contest), h('dd', null, contest?.title ?? r.contestId),
        h('dt', null, t.position), h('dd', { 'data-testid': 'position' }, String(r.position)),
        h('dt', null, t.receivedAt), h('dd', null, formatTime(r.receivedAt))),
      fromBoard
        ? [h('p', { class: 'ok-text' }, `✓ ${t.recoveredChecked}`), h('p', { class: 'muted' }, t.noSignedReceipt)]
        : h('p', { class: 'ok-text' }, `✓ ${t.receiptSigned}`)),
    h('div', { id: 'board-status', 'aria-live': 'polite' }, boardStatus(t)),
    h('div', { class: 'actions' },
      button(fromBoard ? t.downloadBoardReceipt : t.downloadReceipt, () => download(file, `${JSON.stringify(r, null, 2)}\n`),
        { primary: true, testid: 'download-receipt' }),
      h('a', { class: 'btn', href: pageUrl('check', { code: r.trackingCode }), 'data-testid': 'check-link' }, t.checkLink)),
    next !== undefined
      ? h('div', { class: 'actions' }, button(t.nextContest(next.title), startVoting, { primary: true, testid: 'next-contest' }))
      : h('p', { class: 'notice ok' }, t.allDone),
  ];
}

/** A ballot sent without a usable answer: what the board says, and the way on. */
function renderLost(t: BoothTexts): Child[] {
  const lost = state.lost!;
  const s = lost.status;
  const unknown = typeof s === 'object' && 'unknown' in s;
  const sendable = s === 'not_found' || unknown;
  let body: Child;
  if (s === 'checking') body = h('p', { class: 'notice busy', role: 'status' }, t.lostChecking);
  else if (s === 'not_found') body = h('p', { class: 'notice warn', 'data-testid': 'not-recorded' }, t.notRecorded);
  else if ('unknown' in s) {
    body = h('div', { class: 'notice warn', 'data-testid': 'lost-unknown' },
      h('p', null, t.lostUnknown), h('p', { class: 'muted' }, s.unknown));
  }
  else {
    body = h('div', { class: 'notice error', role: 'alert', 'data-testid': s.refused === 'other' ? 'used-by-other' : 'board-problem' },
      h('p', null, s.refused === 'other' ? t.usedByOther : t.boardProblem),
      h('p', { class: 'muted' }, `${t.technicalDetail}: ${s.detail}`));
  }
  return [
    progress(t, 5),
    h('h2', null, s === 'not_found' ? t.notRecordedTitle : t.lostTitle),
    body,
    sendable ? h('p', null, t.lostSame) : null,
    ...feedback(t),
    h('div', { class: 'actions' },
      unknown ? button(t.searchBoard, () => void searchBoard(), { testid: 'search-board' }) : null,
      sendable ? button(t.sendAgain, () => void send(lost.contestId, lost.body), { primary: true, testid: 'send-again' }) : null),
  ];
}

function render(): void {
  const t = texts(BOOTH);
  switch (state.step) {
    case 'loading':
      replace(main, h('p', { role: 'status' }, t.loading));
      return;
    case 'fatal':
      replace(main, h('h2', null, t.errorTitle), h('p', { class: 'notice error', role: 'alert' }, state.fatal?.(t) ?? ''));
      return;
    case 'closed': replace(main, ...renderClosed(), ...renderRecheck(state.rechecks, () => void recheckAll(state.rechecks, render))); return;
    case 'start': replace(main, renderStart(t)); return;
    case 'token': replace(main, renderToken(t)); return;
    case 'choose': replace(main, renderChoose(t)); return;
    case 'review': replace(main, renderReview(t)); return;
    case 'sealed': replace(main, renderSealed(t)); return;
    case 'audit': replace(main, renderAudit(t)); return;
    case 'receipt': replace(main, renderReceipt(t)); return;
    case 'lost': replace(main, renderLost(t)); return;
  }
}

render();
void start();
