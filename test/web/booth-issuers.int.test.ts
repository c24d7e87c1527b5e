/**
 * The booth obtains its token from the committee's issuers through the relay (issue 12),
 * in a real browser (Debian's Chromium): it sends the signed request (one blinded message
 * per issuer) and says, live, how many of the issuers' signatures have arrived, with what
 * to do if it takes long (the token file); the issuers, run in the test with `issueOnce`
 * (src/client/issuer.ts), sign one after the other and the count follows; the token is
 * then assembled and kept. A lost answer and a reload both send the SAME request again
 * (the same blinded messages, kept in the tab's storage), never a new one, and the token
 * still comes. The token kept verifies under the manifest's issuers and rule; altered, it
 * does not.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/client/api.js';
import { fetchManifest, type LoadedManifest } from '../../src/client/manifest.js';
import { issuanceRule } from '../../src/client/voter.js';
import { checkIssuedToken, issuedTokenFromJSON } from '../../src/crypto/issued-token.js';
import { fromHex } from '../../src/crypto/group.js';
import { verifyRsaPssNode } from '../../src/crypto/token-issuer.js';
import type { TestApp } from '../helpers/app.js';
import { axeViolations, createWebApp, keepKeyAndTypePassphrase, launchBrowser, newContext, pressOn, screenshot } from '../helpers/browser.js';
import { type ClientElection, openClientElection } from '../helpers/client-election.js';
import { runTestIssuer } from '../helpers/issuance.js';
import { BULK_PASSWORD } from '../helpers/voting.js';

let t: TestApp;
let baseUrl: string;
let browser: Browser;
let election: ClientElection;
let manifest: LoadedManifest;

beforeAll(async () => {
  ({ t, baseUrl } = await createWebApp());
  election = await openClientElection(t, baseUrl, { plwha: 2, tb: 2 }, 'biss', { tokenWindow: true });
  const m = await fetchManifest(new ApiClient({ baseUrl }), election.electionId);
  if (!m.ok) throw new Error(m.detail);
  manifest = m;
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page, who: ClientElection['rolls'][string][number]): Promise<void> {
  await page.locator('#email').fill(who.account.email);
  await page.locator('#password').fill(BULK_PASSWORD);
  await keepKeyAndTypePassphrase(page, who.account);
  await page.locator('#password').press('Enter');
  await page.getByTestId('get-token').waitFor();
}

const busy = (page: Page) => page.locator('#busy').textContent();

describe('the booth and the committee\'s issuers', () => {
  it('waits for the issuers with a live count, resends the same request after a lost answer and a reload, and keeps the token they signed', async () => {
    const who = election.rolls.plwha![0]!;
    const contestId = election.contests.plwha!;
    const context = await newContext(browser, 360);
    const page = await context.newPage();
    const sent: string[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/issuance/requests')) sent.push(r.postData() ?? ''); });
    await page.goto(`${baseUrl}/app/booth.html?election=${election.electionId}`);
    await signIn(page, who);

    // The first answer is lost: the relay stores the request, the connection drops.
    let lose = true;
    await page.route('**/issuance/requests', async (route) => {
      if (!lose) return route.continue();
      lose = false;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await pressOn(page, page.getByTestId('get-token'));
    await expect.poll(() => page.locator('#alert').textContent(), { timeout: 30_000 }).not.toBe('');
    expect(sent).toHaveLength(1);
    expect(await page.getByTestId('token-status').textContent()).toContain('solicitud enviada a los emisores del comité');

    // Again, from the same tab: the same request, now waiting for the issuers.
    await pressOn(page, page.getByTestId('get-token'));
    await expect.poll(() => busy(page), { timeout: 30_000 }).toContain('Esperando las firmas de los emisores del comité: 0 de 2…');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(await busy(page)).toContain('guarde el archivo de la ficha');
    // The token file may be saved while waiting: it carries the request, to come back later.
    const save = page.getByTestId('save-token');
    expect(await save.isDisabled()).toBe(false);
    const saved = page.waitForEvent('download');
    await pressOn(page, save);
    const file = JSON.parse(readFileSync((await (await saved).path())!, 'utf8'));
    expect(file.requests[contestId].body).toEqual(JSON.parse(sent[0]!));
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'booth-issuers-es-360-01-waiting');

    // A reload: the tab's storage still holds the request; signing in again sends it once more.
    await page.reload();
    await signIn(page, who);
    expect(await page.getByTestId('token-status').textContent()).toContain('solicitud enviada a los emisores del comité');
    await pressOn(page, page.getByTestId('get-token'));
    await expect.poll(() => busy(page), { timeout: 30_000 }).toContain('0 de 2');
    expect(sent).toHaveLength(3);
    expect(sent[2]).toBe(sent[0]);
    expect((await t.relay.counts(election.electionId)).find((c) => c.contestId === contestId)?.requested).toBe(1);

    // The issuers sign, one after the other; the page follows.
    expect(await runTestIssuer(undefined, election, manifest, 0, baseUrl)).toBe(1);
    await expect.poll(() => busy(page), { timeout: 30_000 }).toContain('Esperando las firmas de los emisores del comité: 1 de 2…');
    await screenshot(page, 'booth-issuers-es-360-02-one-of-two');
    expect(await runTestIssuer(undefined, election, manifest, 1, baseUrl)).toBe(1);
    await page.getByTestId('token-obtained').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('token-status').textContent()).toContain('ficha de voto guardada en este navegador');
    await screenshot(page, 'booth-issuers-es-360-03-token');

    // The token kept verifies under the manifest's issuers and rule; the request is gone.
    const memory = JSON.parse((await page.evaluate((k) => sessionStorage.getItem(k), `anfora.booth.${election.electionId}`))!);
    expect(memory.requests[contestId]).toBeUndefined();
    const kept = memory.credentials[contestId];
    const token = issuedTokenFromJSON(kept.token);
    const contest = manifest.decoded.contests.get(contestId)!;
    const expected = { electionId: election.electionId, contestId, ballotPublicKey: fromHex(kept.ballotPublicKey, 'ballotPublicKey', 32) };
    expect(token.signatures).toHaveLength(2);
    expect(await checkIssuedToken(contest.issuers, issuanceRule(manifest.decoded), token, expected, verifyRsaPssNode)).toEqual({ ok: true });
    const s0 = token.signatures[0]!;
    const altered = { ...token, signatures: [{ keyId: s0.keyId, signature: s0.signature.map((b, i) => (i === 0 ? b ^ 1 : b)) }, token.signatures[1]!] };
    expect((await checkIssuedToken(contest.issuers, issuanceRule(manifest.decoded), altered, expected, verifyRsaPssNode)).ok).toBe(false);
    await context.close();
  });
});
