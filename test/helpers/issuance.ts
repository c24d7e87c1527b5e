/**
 * Voting tokens in the tests (issue 12), the way associations and issuers obtain them:
 * each association posts its signed request to the relay (client/voter.ts
 * `beginIssuedToken`), the test issuers — members 0 (government) and 1 (civil society),
 * holding the fixed test keys of issuer-keys.json, one per contest — run `issueOnce` in this process
 * (client/issuer.ts, checking each request against the board on their side), and the
 * association collects and unblinds the token (`collectIssuedToken`). Before the close
 * each issuer posts its signed log. Everything goes through the API (inject, or a
 * listening app's address); the server never holds an issuing key.
 */
import { expect } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { fetchBoard } from '../../src/client/board.js';
import { type IssuerLogBook, issueOnce, issuerView, postIssuerLog, signedIssuerLog } from '../../src/client/issuer.js';
import { fetchManifest, type LoadedManifest } from '../../src/client/manifest.js';
import { type IssuanceAttempt, type VotingCredentials, beginIssuedToken, collectIssuedToken } from '../../src/client/voter.js';
import { finalizeIssuedToken, requestIssuedToken } from '../../src/crypto/issued-token.js';
import { fromHex, toHex } from '../../src/crypto/group.js';
import { blindedMessageHash, signIssuedTokenRequest } from '../../src/record/statements.js';
import type { TestApp } from './app.js';
import type { ModelElection } from './model-case.js';
import { testIssuerKeysOf, type RollEntry } from './voting.js';

/** The members who issue in the tests (indices into the committee); their keys: voting.ts `testIssuerKeysOf`. */
export const TEST_ISSUERS = [0, 1] as const;

/** A `fetch` that answers through `t.app.inject` (no listening socket). */
export function injectFetch(t: TestApp): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.text();
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => { headers[k] = v; });
    const r = await t.app.inject({ method: req.method as 'GET', url: url.pathname + url.search, headers, ...(body ? { payload: body } : {}) });
    const out = new Headers();
    for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) out.set(k, Array.isArray(v) ? v.join(', ') : String(v));
    return new Response(r.statusCode === 204 ? null : new Uint8Array(r.rawPayload), { status: r.statusCode, headers: out });
  }) as typeof fetch;
}

/** An API client for `token` (or none) over `baseUrl`, or over inject when `baseUrl` is undefined. */
export function apiFor(t: TestApp | undefined, token?: string, baseUrl?: string): ApiClient {
  if (baseUrl !== undefined) return new ApiClient({ baseUrl, ...(token && { token }) });
  if (t === undefined) throw new TypeError('"t" expected a test app when there is no base URL');
  return new ApiClient({ baseUrl: 'http://inject.test', fetch: injectFetch(t), ...(token && { token }) });
}

// What each test issuer signed, per election: its log at the close.
const books = new Map<string, IssuerLogBook[]>();
function booksOf(electionId: string): IssuerLogBook[] {
  let b = books.get(electionId);
  if (!b) books.set(electionId, (b = TEST_ISSUERS.map(() => new Map())));
  return b;
}

/** The manifest as a voter's client accepts it. */
export async function loadManifest(t: TestApp | undefined, electionId: string, baseUrl?: string): Promise<LoadedManifest> {
  const r = await fetchManifest(apiFor(t, undefined, baseUrl), electionId);
  if (!r.ok) throw new Error(`manifest refused: ${r.reason} ${r.detail}`);
  return r;
}

/**
 * Test issuer `j` (index into {@link TEST_ISSUERS}) answers every request pending for it,
 * as `npm run issuer -- once` does; returns how many it signed. What it signs goes into its
 * log (posted at the close by {@link postTestIssuerLogs}).
 */
export async function runTestIssuer(t: TestApp | undefined, m: ModelElection, manifest: LoadedManifest, j: number, baseUrl?: string): Promise<number> {
  const board = await fetchBoard(apiFor(t, undefined, baseUrl), m.electionId);
  if (!board.ok) throw new Error(`board refused: ${board.reason}`);
  const view = issuerView(manifest.decoded, board.events);
  const member = TEST_ISSUERS[j]!;
  const mine = testIssuerKeysOf(m, j);
  let signed = 0;
  for (;;) {
    const b = await issueOnce(apiFor(t, m.members[member], baseUrl), view, m.memberIds[member]!, mine, booksOf(m.electionId)[j]!, 1000);
    expect(b.refused).toEqual([]);
    signed += b.signed;
    if (b.signed < 1000) return signed;
  }
}

/** The test issuers answer every request pending for them (one batch each); returns how many they signed. */
export async function runTestIssuers(t: TestApp | undefined, m: ModelElection, manifest: LoadedManifest, baseUrl?: string): Promise<number> {
  let signed = 0;
  for (const j of TEST_ISSUERS.keys()) signed += await runTestIssuer(t, m, manifest, j, baseUrl);
  return signed;
}

/**
 * The test issuers polling in the background, as `issuer serve` does, until the returned
 * function is called (it resolves once the last batch is done). For pages that wait for
 * their token (the booth). A batch refused by the relay (e.g. after the window) is retried.
 */
export function serveTestIssuers(m: ModelElection, manifest: LoadedManifest, baseUrl: string, pollMs = 300): () => Promise<void> {
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      await runTestIssuers(undefined, m, manifest, baseUrl).catch(() => undefined);
      await new Promise((r) => setTimeout(r, pollMs));
    }
  })();
  return async () => {
    stopped = true;
    await running;
  };
}

/** Who asks: a roll entry and the contest; `naming` makes the token message name another election or contest (the request still names this one). */
export interface TokenAsk {
  readonly contestId: string;
  readonly who: RollEntry;
  readonly naming?: { readonly electionId?: string; readonly contestId?: string };
}

/** `beginIssuedToken`, but with the token message naming `naming` (for refusal tests). */
function beginNaming(manifest: LoadedManifest, a: TokenAsk): IssuanceAttempt {
  const honest = beginIssuedToken(manifest.decoded, a.contestId, { associationId: a.who.id, secretKey: a.who.account.signingSecretKey });
  if (a.naming === undefined) return honest;
  const contest = manifest.decoded.contests.get(a.contestId)!;
  const request = requestIssuedToken(contest.issuers.map((i) => i.key), a.naming.electionId ?? manifest.manifest.electionId, a.naming.contestId ?? a.contestId);
  const blinded = [...request.blinded].sort((x, y) => (toHex(x.keyId) < toHex(y.keyId) ? -1 : 1));
  const signed = { ...honest.body.request, blindedMessages: blinded.map((b) => ({ keyId: toHex(b.keyId), blindedMessageHash: blindedMessageHash(b.blindedMessage) })) };
  return {
    request,
    body: {
      electionId: honest.body.electionId, request: signed, blindedMessages: blinded.map((b) => ({ keyId: toHex(b.keyId), blindedMessage: toHex(b.blindedMessage) })),
      signature: signIssuedTokenRequest(a.who.account.signingSecretKey, signed),
    },
  };
}

/**
 * Tokens for several associations at once: every request posted, the issuers run once,
 * then each token collected. In the order asked.
 */
export async function obtainTestTokens(t: TestApp | undefined, m: ModelElection, asks: readonly TokenAsk[], baseUrl?: string, manifest?: LoadedManifest): Promise<VotingCredentials[]> {
  const loaded = manifest ?? await loadManifest(t, m.electionId, baseUrl);
  const attempts: IssuanceAttempt[] = [];
  for (const a of asks) {
    const attempt = beginNaming(loaded, a);
    await apiFor(t, a.who.token, baseUrl).post('/issuance/requests', attempt.body);
    attempts.push(attempt);
  }
  await runTestIssuers(t, m, loaded, baseUrl);
  const out: VotingCredentials[] = [];
  for (const [i, a] of asks.entries()) {
    const attempt = attempts[i]!;
    if (a.naming !== undefined) {
      // collectIssuedToken would look for the contest the token names: unblind here.
      const state = await apiFor(t, a.who.token, baseUrl).post('/issuance/requests', attempt.body) as { blindSignatures: { keyId: string; blindSignature: string }[] };
      const keys = loaded.decoded.contests.get(a.contestId)!.issuers.map((x) => x.key);
      const { token } = await finalizeIssuedToken(keys, attempt.request, new Map(state.blindSignatures.map((b) => [b.keyId, fromHex(b.blindSignature)])));
      out.push({ token, ballotKeys: attempt.request.ballotKeys });
      continue;
    }
    const got = await collectIssuedToken(apiFor(t, a.who.token, baseUrl), loaded.decoded, attempt, { attempts: 1 });
    if (!got.ok) throw new Error(`token not collected: ${got.reason} ${got.detail}`);
    out.push({ token: got.token, ballotKeys: got.ballotKeys });
  }
  return out;
}

/** One association's token (see {@link obtainTestTokens}). */
export async function obtainTestToken(
  t: TestApp | undefined, m: ModelElection, contestId: string, who: RollEntry, baseUrl?: string, manifest?: LoadedManifest, naming?: TokenAsk['naming'],
): Promise<VotingCredentials> {
  return (await obtainTestTokens(t, m, [{ contestId, who, ...(naming && { naming }) }], baseUrl, manifest))[0]!;
}

/**
 * Each test issuer posts its signed log of every contest (what it signed in this process),
 * as the close requires. Call while voting is open, before closing. `only`: these test
 * issuers (indices into {@link TEST_ISSUERS}) and not the others.
 */
export async function postTestIssuerLogs(t: TestApp | undefined, m: ModelElection, baseUrl?: string, only?: readonly number[]): Promise<void> {
  const own = booksOf(m.electionId);
  for (const [j, member] of TEST_ISSUERS.entries()) {
    if (only !== undefined && !only.includes(j)) continue;
    for (const [contestId, key] of testIssuerKeysOf(m, j)) {
      const signed = signedIssuerLog(m.electionId, contestId, m.memberIds[member]!, key, own[j]!, m.memberAccounts[member]!.signingSecretKey);
      await postIssuerLog(apiFor(t, m.members[member], baseUrl), signed);
    }
  }
}
