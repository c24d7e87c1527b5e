/**
 * The issuers' page in Chromium: two committee members of two sectors generate and
 * register their issuing keys in their pages (key ceremony phase); in the token window
 * they open their key files (one the page holds, one chosen from disk) and the pages sign
 * the associations' token requests, posted by the client library; each association
 * collects a token that checks. The pages witness the board, and once the token window
 * closes (voting opens) they post the issuance logs, which the close waits for. The key file the page makes opens with the CLI's code; no
 * request body carries a key file, a passphrase or a private key. Both pages, before a key
 * exists, are reached by Tab alone, focus visible.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { fetchManifest } from '../../src/client/manifest.js';
import { beginIssuedToken, collectIssuedToken, issuanceRule } from '../../src/client/voter.js';
import { checkIssuedToken } from '../../src/crypto/issued-token.js';
import { importIssuerKeyfile } from '../../src/crypto/issuer-keyfile.js';
import { rsaPrivateKeyFromPkcs8 } from '../../src/crypto/issuing-key.js';
import { issuanceKeyFromPkcs8, verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import type { TestApp } from '../helpers/app.js';
import { axeViolations, createWebApp, expectKeyboardReachable, expectNoSidewaysScroll, launchBrowser, newContext, screenshot, signInMemberKeepingKey } from '../helpers/browser.js';
import { movePhase, proposeAs, voteAs } from '../helpers/model-case.js';
import { acknowledgeSmallRoll, prepareVotingElection, type VotingElection } from '../helpers/voting.js';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 300_000 });
let t: TestApp;
let baseUrl: string;
let browser: Browser;
let v: VotingElection;
const dir = mkdtempSync(join(tmpdir(), 'anfora-issuer-page-'));
const PASS = (i: number) => `emisor-${i}-frase-larga`;
const ACCOUNT_PASS = 'frase-de-la-cuenta-de-prueba';

interface Member { context: BrowserContext; page: Page; bodies: string[]; files: string[]; pending: Promise<unknown>[] }
const members: Member[] = [];

async function openMember(i: number, width: number, lang: 'es' | 'en'): Promise<Member> {
  const context = await newContext(browser, width);
  const page = await context.newPage();
  const member: Member = { context, page, bodies: [], files: [], pending: [] };
  context.on('request', (r) => { const b = r.postData(); if (b !== null) member.bodies.push(b); });
  page.on('download', (d) => {
    member.pending.push(d.path().then((p) => {
      const kept = join(dir, `m${i}-${member.files.length}-${d.suggestedFilename()}`);
      writeFileSync(kept, readFileSync(p));
      member.files.push(kept);
    }));
  });
  await page.goto(`${baseUrl}/app/issuer.html?election=${v.electionId}&lang=${lang}`);
  const account = v.memberAccounts[i]!;
  // The account key as the activation page keeps it in this browser.
  await signInMemberKeepingKey(page, account, ACCOUNT_PASS);
  return member;
}

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  browser = await launchBrowser();
  v = await prepareVotingElection(t, { plwha: 2, tb: 2 }, 'ip', undefined, undefined, { tokenWindow: true, issuers: false });
});

afterAll(async () => {
  for (const m of members) await m.context.close();
  await browser?.close();
  await t?.close();
});

describe('token issuers in the browser', () => {
  it('two members of two sectors generate and register their keys in their pages', async () => {
    members.push(await openMember(0, 1280, 'es'), await openMember(1, 360, 'en'));
    const [a, b] = members as [Member, Member];
    expect(await a.page.getByTestId('keys').textContent()).toBe('Usted aún no registró claves de emisión en esta elección.');
    expect(await axeViolations(a.page)).toEqual([]);
    await expectKeyboardReachable(a.page);
    await screenshot(a.page, 'issuer-es-1280-01-generate');
    await expectNoSidewaysScroll(b.page);
    await expectKeyboardReachable(b.page);
    await screenshot(b.page, 'issuer-en-360-01-generate');

    // A passphrase that differs is refused in the page, before any work.
    await a.page.locator('#account-passphrase').fill(ACCOUNT_PASS);
    await a.page.locator('#new-passphrase').fill(PASS(0));
    await a.page.locator('#new-passphrase2').fill('otra-frase-distinta');
    await a.page.getByTestId('run-generate').click();
    await a.page.getByTestId('refused').waitFor();
    expect(await a.page.getByTestId('refused').textContent()).toBe('Las dos frases de paso no coinciden.');

    const started = Date.now();
    await Promise.all(members.map(async (m, i) => {
      await m.page.locator('#account-passphrase').fill(ACCOUNT_PASS);
      await m.page.locator('#new-passphrase').fill(PASS(i));
      await m.page.locator('#new-passphrase2').fill(PASS(i));
      await m.page.getByTestId('run-generate').click();
      await m.page.getByTestId('registered').waitFor({ timeout: 300_000 });
      await Promise.all(m.pending);
      expect(m.files).toHaveLength(1);
    }));
    console.log(`issuer page: two members' keys generated, sealed (scrypt N = 2^17) and registered in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(await a.page.getByTestId('registered').textContent()).toContain('Claves registradas para 2 contienda(s).');
    expect(await b.page.getByTestId('keys').getAttribute('data-count')).toBe('2');

    const issuers = (await t.call('GET', `/elections/${v.electionId}/issuers`)).json().issuers as { contestId: string; memberId: string; issuanceKey: { keyId: string } }[];
    expect(issuers.map((i) => `${i.memberId}/${i.contestId}`).sort())
      .toEqual([0, 1].flatMap((i) => Object.values(v.contests).map((c) => `${v.memberIds[i]}/${c}`)).sort());

    // The page's key file opens with the CLI's code and holds the registered keys.
    for (const [i, m] of members.entries()) {
      const r = await importIssuerKeyfile(readFileSync(m.files[0]!, 'utf8'), PASS(i), issuanceKeyFromPkcs8);
      if (!r.ok) throw new Error(r.reason);
      expect(r.secrets.memberId).toBe(v.memberIds[i]);
      const ids = r.secrets.keys.map((k) => Buffer.from(k.key.publicKey.keyId).toString('hex')).sort();
      expect(ids).toEqual(issuers.filter((x) => x.memberId === v.memberIds[i]).map((x) => x.issuanceKey.keyId).sort());
      // The private halves: d and p of each key, in the hex the key file holds.
      const secrets = r.secrets.keys.flatMap((k) => {
        const priv = rsaPrivateKeyFromPkcs8(k.key.pkcs8);
        return [priv.d, priv.p].map((x) => x.toString(16).slice(0, 64));
      });
      for (const body of m.bodies) {
        expect(body).not.toContain(PASS(i));
        expect(body).not.toContain(ACCOUNT_PASS);
        for (const s of secrets) expect(body).not.toContain(s);
        expect(body).not.toContain('anfora-issuer-keyfile');
      }
    }
  });

  it('in the token window the pages sign the associations\' requests; each association collects a token that checks', async () => {
    for (const c of ['plwha', 'tb'] as const) await acknowledgeSmallRoll(t, v, c);
    const open = await proposeAs(t, v, 0, { kind: 'phase_change', to: 'tokens' });
    expect(open.statusCode, open.body).toBe(202);
    expect((await voteAs(t, v, 2, open.json().proposal)).statusCode).toBe(200);
    const [a, b] = members as [Member, Member];

    // Member 1 opens the key file the page holds; member 2 chooses the downloaded file.
    await a.page.getByRole('button', { name: 'Actualizar' }).click();
    await a.page.getByTestId('run-issue').waitFor();
    await b.page.getByRole('button', { name: 'Refresh' }).click();
    await b.page.getByTestId('run-issue').waitFor();
    await b.page.locator('#keyfile').setInputFiles(b.files[0]!);
    for (const [i, m] of members.entries()) {
      await m.page.locator('#keyfile-passphrase').fill(PASS(i));
      await m.page.locator('#account-passphrase').fill(ACCOUNT_PASS);
      await m.page.getByTestId('run-issue').click();
      await m.page.getByTestId('counts').waitFor({ timeout: 120_000 });
    }

    const api = new ApiClient({ baseUrl });
    const loaded = await fetchManifest(api, v.electionId);
    if (!loaded.ok) throw new Error(loaded.reason);
    const manifest = loaded.decoded;
    for (const c of ['plwha', 'tb'] as const) {
      const entry = v.rolls[c]![0]!;
      const attempt = beginIssuedToken(manifest, v.contests[c]!, { associationId: entry.id, secretKey: entry.account.signingSecretKey });
      const posted = await t.call('POST', '/issuance/requests', { token: entry.token, body: attempt.body });
      expect(posted.statusCode, posted.body).toBe(200);
      const got = await collectIssuedToken(new ApiClient({ baseUrl, token: entry.token }), manifest, attempt, { attempts: 4 });
      if (!got.ok) throw new Error(got.reason);
      const contest = manifest.contests.get(v.contests[c]!)!;
      expect(await checkIssuedToken(contest.issuers, issuanceRule(manifest), got.token, { electionId: v.electionId, contestId: v.contests[c]! }, verifyRsaPssNode)).toEqual({ ok: true });
    }
    for (const m of members) {
      await expect.poll(() => m.page.getByTestId('counts').getAttribute('data-signed'), { timeout: 30_000 }).toBe('2');
      expect(await m.page.getByTestId('counts').getAttribute('data-refused')).toBe('0');
      await m.page.getByTestId('witnessed').waitFor();
    }
    expect(await a.page.getByTestId('counts').textContent()).toBe('Firmadas: 2. Rechazadas: 0.');
    expect(await b.page.getByTestId('counts').textContent()).toBe('Signed: 2. Refused: 0.');
    const witnesses = (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=500`)).json().events.filter((e: { kind: string }) => e.kind === 'head_witnessed');
    expect(witnesses.length).toBeGreaterThanOrEqual(2);
    expect(await axeViolations(a.page)).toEqual([]);
    await screenshot(a.page, 'issuer-es-1280-02-signing');
    await expectNoSidewaysScroll(b.page);
    expect(await axeViolations(b.page)).toEqual([]);
    await screenshot(b.page, 'issuer-en-360-02-signing');
    // The other language of each width.
    await a.page.locator('#lang-switch').click();
    await a.page.getByText('Signed: 2. Refused: 0.').waitFor();
    await screenshot(a.page, 'issuer-en-1280-02-signing');
    await b.page.locator('#lang-switch').click();
    await b.page.getByText('Firmadas: 2. Rechazadas: 0.').waitFor();
    await screenshot(b.page, 'issuer-es-360-02-signing');
  });

  it('once the token window closes the pages post the issuance logs, and then voting can close', async () => {
    await movePhase(t, v, 'voting');
    for (const m of members) await m.page.getByTestId('logs').waitFor({ timeout: 60_000 });
    expect(await members[0]!.page.getByTestId('logs').textContent()).toBe('The token window closed: 2 issuance log(s) posted.');
    const logs = (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=500`)).json().events
      .filter((e: { kind: string }) => e.kind === 'issuer_log').map((e: { payload: { log: { memberId: string; entries: unknown[] } } }) => e.payload.log);
    expect(logs).toHaveLength(4);
    for (const log of logs) expect(log.entries).toHaveLength(1);
    await screenshot(members[1]!.page, 'issuer-es-360-03-logs');
    await movePhase(t, v, 'closed');
    expect((await t.call('GET', `/elections/${v.electionId}`)).json().phase).toBe('closed');
  });
});
