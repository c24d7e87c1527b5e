/**
 * The issuer CLI's logs without the token window (issue 13), in process against a
 * listening API: tokens are issued while voting is open; `issuer logs` ends member 0's
 * issuance and posts its signed logs at once; `issuer serve` of member 1, once the
 * timeline's end of voting has passed, signs nothing more, posts its logs and exits.
 * Then nothing blocks the close.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/issuer.js';
import { beginIssuedToken } from '../../src/client/voter.js';
import { exportAccountKeyfile } from '../../src/crypto/account-keyfile.js';
import { exportIssuerKeyfile } from '../../src/crypto/issuer-keyfile.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { listen } from '../helpers/client-election.js';
import { loadManifest } from '../helpers/issuance.js';
import { movePhase } from '../helpers/model-case.js';
import { openVotingElection, testIssuerKeysOf, type VotingElection } from '../helpers/voting.js';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });
const PASS = 'frase-de-paso-del-emisor';
const ACCOUNT_PASS = 'frase-de-la-cuenta';
let t: TestApp;
let baseUrl: string;
let v: VotingElection;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listen(t);
  v = await openVotingElection(t, { plwha: 2, tb: 2 }, 'clilog');
  dir = await mkdtemp(join(tmpdir(), 'anfora-issuer-logs-'));
  for (const member of [0, 1]) {
    const secrets = { electionId: v.electionId, memberId: v.memberIds[member]!, keys: [...testIssuerKeysOf(v, member)].map(([contestId, key]) => ({ contestId, key })) };
    await writeFile(join(dir, `issuer-${member}.json`), await exportIssuerKeyfile(secrets, PASS, { scrypt: { N: 2 ** 10, r: 8, p: 1 } }));
    const account = v.memberAccounts[member]!;
    await writeFile(join(dir, `account-${member}.json`), exportAccountKeyfile(account.accountId, account.signingSecretKey, ACCOUNT_PASS, { scrypt: { N: 2 ** 10, r: 8, p: 1 } }));
  }
  Object.assign(process.env, { ISSUER_PASSPHRASE: PASS, ACCOUNT_PASSPHRASE: ACCOUNT_PASS });
});
afterAll(async () => {
  process.env = saved;
  if (dir) await rm(dir, { recursive: true, force: true });
  await t?.close();
});

/** Run the CLI as member `member`; its exit code and what it printed. */
async function issuer(member: number, command: string, ...extra: string[]): Promise<{ code: number; out: string }> {
  process.env.ISSUER_PASSWORD = v.memberAccounts[member]!.password;
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { lines.push(String(s)); return true; });
  try {
    const code = await main([command, '--api', baseUrl, '--election', v.electionId, '--email', v.memberAccounts[member]!.email,
      '--keyfile', join(dir, `issuer-${member}.json`), '--account-key', join(dir, `account-${member}.json`), '--lang', 'en', ...extra]);
    return { code, out: lines.join('') };
  } finally {
    spy.mockRestore();
  }
}

const logsOnBoard = async () => (await t.call('GET', `/elections/${v.electionId}/board?from=0&limit=500`)).json().events
  .filter((e: { kind: string }) => e.kind === 'issuer_log').map((e: { payload: { log: { memberId: string; entries: unknown[] } } }) => [v.memberIds.indexOf(e.payload.log.memberId), e.payload.log.entries.length]);

describe('issuer logs from the CLI without the token window', () => {
  it('`logs` ends issuance and posts the logs; `serve` does so by itself after the timeline\'s end of voting', async () => {
    const manifest = await loadManifest(t, v.electionId);
    const who = v.rolls.plwha![0]!;
    const attempt = beginIssuedToken(manifest.decoded, v.contests.plwha!, { associationId: who.id, secretKey: who.account.signingSecretKey });
    expect((await t.call('POST', '/issuance/requests', { token: who.token, body: attempt.body })).statusCode).toBe(200);
    for (const member of [0, 1]) {
      const once = await issuer(member, 'once');
      expect(once.code).toBe(0);
      expect(once.out).toContain('1 request(s) blindly signed; 0 refused.');
    }

    const ended = await issuer(0, 'logs');
    expect(ended.code).toBe(0);
    expect(ended.out).toContain('Signed issuance logs posted: 2.');
    expect((await logsOnBoard()).sort()).toEqual([[0, 0], [0, 1]]);
    expect(((await t.call('GET', `/elections/${v.electionId}/phase`)).json().blockers as { code: string }[]).map((b) => b.code)).toEqual(['issuer_logs_missing', 'issuer_logs_missing']);

    // The timeline's end of voting has passed: `serve` posts member 1's logs and exits.
    await t.database.db.updateTable('elections').set({ timeline: JSON.stringify({ votingCloses: '2020-01-01T00:00:00.000Z' }) }).where('id', '=', v.electionId).execute();
    const served = await issuer(1, 'serve', '--interval', '0.2');
    expect(served.code).toBe(0);
    expect(served.out).toContain('Signed issuance logs posted: 2.');
    expect(served.out).toContain('Issuance is over');
    expect((await logsOnBoard()).sort()).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
    expect((await t.call('GET', `/elections/${v.electionId}/phase`)).json().blockers).toEqual([]);
    await movePhase(t, v, 'closed');
    expect((await t.call('GET', `/elections/${v.electionId}`)).json().phase).toBe('closed');
  });
});
