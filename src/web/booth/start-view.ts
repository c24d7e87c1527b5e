/**
 * The booth's first steps drawn: the sign-in (with the way back for a browser that kept its
 * token, and the token file), and the token step with each contest's status.
 * @module
 */
import { type Child, download, h } from '../lib/dom.js';
import { lang } from '../lib/i18n.js';
import { button, feedback, go, progress } from './page.js';
import { myContests, nextVotable, state } from './state.js';
import type { BoothTexts } from './strings.js';
import { tokenFile } from './storage.js';
import { getTokens, restoreFromFile, signIn, startVoting } from './token-flow.js';
import { inTokenWindow, tokenWindowIntro, tokenWindowKeep } from './token-window.js';
import { deadlineNotice } from './window.js';

export function renderStart(t: BoothTexts): Child[] {
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

export function renderToken(t: BoothTexts): Child[] {
  const mem = state.memory!;
  const contests = myContests();
  const missing = contests.filter((c) => mem.credentials[c.id] === undefined && mem.receipts[c.id] === undefined);
  const held = contests.some((c) => mem.credentials[c.id] !== undefined);
  // Requests waiting for the issuers' signatures: the token file carries them, to come back later.
  const waiting = contests.some((c) => mem.requests?.[c.id] !== undefined);
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
        : mem.credentials[c.id] !== undefined ? t.tokenHeld : mem.requests?.[c.id] !== undefined ? t.tokenWaiting : t.tokenMissing;
      return h('li', null, h('strong', null, c.title), ': ', status);
    })),
    ...feedback(t),
    state.tokenJustObtained ? h('div', { class: 'notice ok', role: 'status', 'data-testid': 'token-obtained' }, h('p', null, `✓ ${t.tokenObtained}`), h('p', null, t.signedOut)) : null,
    state.accessToken !== null && missing.length > 0 ? button(t.getToken, () => void getTokens(), { primary: true, testid: 'get-token' }) : null,
    state.accessToken === null && waiting ? h('div', { class: 'notice warn', 'data-testid': 'collect' },
      h('p', null, t.signInToCollect), button(t.collectSignIn, () => go('start'), { testid: 'collect-sign-in' })) : null,
    held && !inTokenWindow() ? h('p', { class: 'muted' }, t.keepTab) : null,
    tokenWindowKeep(held),
    missing.length > 0 && state.accessToken === null && !inTokenWindow() ? restoreSection(t, true) : null,
    h('div', { class: 'actions' },
      held || waiting ? button(t.saveTokens, () => download(
        `${lang() === 'es' ? 'ficha' : 'token'}-anfora-${state.electionId!.slice(0, 8)}.json`,
        `${JSON.stringify(tokenFile(state.electionId!, mem), null, 2)}\n`), { testid: 'save-token', primary: inTokenWindow() }) : null,
      nextVotable() !== undefined && !inTokenWindow() ? button(t.goVote, startVoting, { primary: true, testid: 'go-vote' }) : null),
  ];
}
