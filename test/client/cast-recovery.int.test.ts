/**
 * A cast whose answer is lost, over real HTTP (the app listening on 127.0.0.1): the request
 * reaches the server and is recorded, but the connection drops before the answer arrives.
 * castBallot finds the ballot on the board — the same tracking code, position and board
 * head as the receipt that never arrived — and the board holds exactly one ballot of that
 * token. A retry of the same body recovers the same event; another ballot under the same
 * token is named as such; a request lost before it reached the server is not on the board,
 * and the same body sent again is recorded once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../../src/client/api.js';
import { fetchBoard } from '../../src/client/board.js';
import { type LoadedManifest, fetchManifest } from '../../src/client/manifest.js';
import {
  type CastRequest, type VotingCredentials, castBallot, checkTrackingEvent, findTrackingCode, prepareBallot,
  receiptFromBoard,
} from '../../src/client/voter.js';
import type { BoardEvent } from '../../src/record/board.js';
import { ReceiptSchema, type Receipt } from '../../src/record/tracking.js';
import { obtainTestToken } from '../helpers/issuance.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { listen } from '../helpers/client-election.js';
import { type VotingElection, openVotingElection } from '../helpers/voting.js';

let t: TestApp;
let baseUrl: string;
let e: VotingElection;
let m: LoadedManifest;
let plwha: string;

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listen(t);
  e = await openVotingElection(t, { plwha: 5, tb: 5 }, 'lost');
  plwha = e.contests.plwha!;
  const loaded = await fetchManifest(new ApiClient({ baseUrl }), e.electionId);
  if (!loaded.ok) throw new Error(loaded.detail);
  m = loaded;
});
afterAll(async () => t?.close());

const isCast = (input: string | URL | Request, init?: RequestInit) => init?.method === 'POST' && String(input).endsWith(`/elections/${e.electionId}/ballots`);

/**
 * A fetch whose first cast reaches the server and is answered, but whose answer is dropped
 * (`kept` holds it, as the server sent it); everything else passes through.
 */
function droppingAnswer() {
  const kept: { status?: number; body?: unknown } = {};
  let casts = 0;
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const response = await globalThis.fetch(input, init);
    if (isCast(input, init) && casts++ === 0) {
      kept.status = response.status;
      kept.body = await response.json();
      throw new TypeError('the connection was reset before the answer arrived');
    }
    return response;
  }) as typeof globalThis.fetch;
  return { fetch, kept, casts: () => casts };
}

async function credentialsOf(i: number): Promise<VotingCredentials> {
  const entry = e.rolls.plwha![i]!;
  return obtainTestToken(undefined, e, plwha, entry, baseUrl, m);
}

/** The ballot events of the board that carry `body`'s ballot key in its contest. */
async function ballotsOfToken(body: CastRequest): Promise<BoardEvent[]> {
  const board = await fetchBoard(new ApiClient({ baseUrl }), e.electionId);
  if (!board.ok) throw new Error(board.detail);
  return board.events.filter((x) => {
    const p = x.payload as { contestId?: string; token?: { ballotPublicKey?: string } };
    return x.kind === 'ballot' && p.contestId === body.contestId && p.token?.ballotPublicKey === body.token.ballotPublicKey;
  });
}

describe('a cast whose answer is lost', () => {
  let credentials: VotingCredentials;
  let body: CastRequest;
  let lost: Receipt;
  let code: string;

  it('the server records the ballot, the answer is dropped: castBallot recovers the tracking code from the board', async () => {
    credentials = await credentialsOf(0);
    body = prepareBallot(m.decoded, m.hash, plwha, [1, 0, 1, 0], credentials).body;
    const drop = droppingAnswer();
    const r = await castBallot(new ApiClient({ baseUrl, fetch: drop.fetch }), m.decoded, body);
    // The server did answer 201 with a receipt; the client never saw it.
    expect(drop.kept.status).toBe(201);
    lost = ReceiptSchema.parse(drop.kept.body);
    expect(drop.casts()).toBe(1);
    if (!r.ok || !r.recovered) throw new Error(`expected a recovered cast, got ${JSON.stringify(r)}`);
    code = r.trackingCode;
    expect({ trackingCode: r.trackingCode, position: r.position, boardHead: r.event.hash, receivedAt: r.event.at })
      .toEqual({ trackingCode: lost.trackingCode, position: lost.position, boardHead: lost.boardHead, receivedAt: lost.receivedAt });
    // The lost receipt checks against the recovered event, and the proof from the board does too.
    expect(checkTrackingEvent(r.event, lost, body)).toMatchObject({ ok: true });
    const proof = receiptFromBoard(e.electionId, r);
    expect(checkTrackingEvent(JSON.parse(JSON.stringify(proof)).event, proof, body)).toMatchObject({ ok: true });
    // The server's own lookup by tracking code finds the same ballot.
    const found = await findTrackingCode(new ApiClient({ baseUrl }), e.electionId, code, undefined, body);
    expect(found.ok && found.event.seq).toBe(r.position);
    expect((await ballotsOfToken(body)).map((x) => x.seq)).toEqual([r.position]);
  });

  it('sending the same body again is refused 409 by the server and recovered by castBallot: still one ballot of the token', async () => {
    const raw = await new ApiClient({ baseUrl }).post(`/elections/${e.electionId}/ballots`, body).catch((x: unknown) => x);
    expect(raw).toBeInstanceOf(ApiError);
    expect((raw as ApiError).code).toBe('token_used');
    const r = await castBallot(new ApiClient({ baseUrl }), m.decoded, body);
    expect(r.ok && r.recovered && r.trackingCode).toBe(code);
    expect(await ballotsOfToken(body)).toHaveLength(1);
  });

  it('another ballot under the same token is refused 409, and castBallot says another ballot of this token is on the board', async () => {
    const other = prepareBallot(m.decoded, m.hash, plwha, [0, 1, 0, 0], credentials).body;
    const r = await castBallot(new ApiClient({ baseUrl }), m.decoded, other);
    expect(r).toMatchObject({ ok: false, reason: 'token_used_by_other' });
    expect((await ballotsOfToken(body)).map((x) => (x.payload as { trackingCode: string }).trackingCode)).toEqual([code]);
  });

  it('a request lost before it reached the server is not on the board; the same body sent again is recorded once, with its receipt', async () => {
    const second = await credentialsOf(1);
    const sent = prepareBallot(m.decoded, m.hash, plwha, [0, 0, 0, 1], second).body;
    let posts = 0;
    const offline = (async (input: string | URL | Request, init?: RequestInit) => {
      if (isCast(input, init)) {
        posts++;
        throw new TypeError('network is unreachable');
      }
      return globalThis.fetch(input, init);
    }) as typeof globalThis.fetch;
    const r = await castBallot(new ApiClient({ baseUrl, fetch: offline }), m.decoded, sent);
    expect(r).toMatchObject({ ok: false, reason: 'not_found' });
    expect(posts).toBe(1);
    expect(await ballotsOfToken(sent)).toHaveLength(0);
    const again = await castBallot(new ApiClient({ baseUrl }), m.decoded, sent);
    if (!again.ok || again.recovered) throw new Error(`expected a receipt, got ${JSON.stringify(again)}`);
    expect((await ballotsOfToken(sent)).map((x) => x.seq)).toEqual([again.receipt.position]);
  });
});
