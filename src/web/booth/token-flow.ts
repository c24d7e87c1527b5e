/**
 * The booth's token steps: sign in as the association (its account key unlocked in this
 * page's memory only), obtain a voting token for each of its contests, or open a saved
 * token file; then go to the next contest to vote in.
 * @module
 */
import { importAccountKeyfileAsync } from '../../crypto/account-keyfile.js';
import { unlockStoredAccountKey } from '../lib/account-key.js';
import { ApiError, errorText, publicApi, signedApi } from '../lib/api.js';
import { texts } from '../lib/i18n.js';
import { focusHeading } from '../lib/shell.js';
import { searchBoard } from './ballot-flow.js';
import { tokenFromIssuers } from './issuance-flow.js';
import { go, main, render, setBusy, shell, showMessage } from './page.js';
import { myContests, nextVotable, remember, state } from './state.js';
import { putCredentials, readTokenFile } from './storage.js';
import { BOOTH, type BoothTexts } from './strings.js';
import { fetchVotingWindow } from './window.js';

export async function signIn(form: HTMLFormElement): Promise<void> {
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

export async function getTokens(): Promise<void> {
  const mem = state.memory!;
  const accessToken = state.accessToken;
  const secretKey = state.signingKey;
  if (accessToken === null || secretKey === null) return;
  showMessage(null);
  setBusy((t) => t.gettingToken);
  const problems: ((t: BoothTexts) => string)[] = [];
  const signer = { associationId: mem.associationId, secretKey };
  for (const c of myContests()) {
    if (mem.credentials[c.id] !== undefined || mem.receipts[c.id] !== undefined) continue;
    try {
      const got = await tokenFromIssuers(signedApi(accessToken), c.id, signer);
      if (!got.ok) problems.push((t) => `${c.title}: ${t.issuersSlow(got.received, got.needed)}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'token_request_conflict') {
        // Another request of this association is the one the issuers answer: this one is of no use.
        delete mem.requests?.[c.id];
        problems.push((t) => `${c.title}: ${t.tokenAlreadyIssued}`);
      }
      else {
        const text = errorText(e);
        problems.push(() => `${c.title}: ${text}`);
      }
    }
  }
  remember();
  if (Object.keys(mem.requests ?? {}).length === 0) {
    // The access token and the key have done their job: from here on nothing in this page identifies the association.
    state.accessToken = null;
    secretKey.fill(0);
    state.signingKey = null;
  }
  state.tokenJustObtained = problems.length === 0;
  state.busy = null;
  state.message = problems.length === 0 ? null : (t) => problems.map((p) => p(t)).join(' ');
  main.removeAttribute('aria-busy');
  render();
  focusHeading(main);
  shell.announce(problems.length === 0 ? texts(BOOTH).tokenObtained : texts(BOOTH).errorTitle);
}

export async function restoreFromFile(input: HTMLInputElement): Promise<void> {
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
  const contests = new Set([restored.credentials, restored.requests ?? {}].flatMap((x) => Object.keys(x)));
  shell.announce(texts(BOOTH).restored(contests.size));
}

/** Before each contest's choice: voting may have closed since the page was opened. */
export function startVoting(): void {
  void fetchVotingWindow(state.electionId!).then((w) => (w.phase === 'voting' ? chooseNext() : go('closed')), () => chooseNext());
}

export function chooseNext(): void {
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
