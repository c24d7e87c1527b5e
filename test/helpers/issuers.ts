/**
 * The contest's issuers in a test (issue 12): members 0 (government) and 1 (civil society),
 * with the fixed test keys, each running `issueOnce` (src/client/issuer.ts) as `npm run
 * issuer -- once` does: a batch of the requests pending for its keys, checked against the
 * board, signed blindly and posted. Either on demand ({@link TestIssuers.once}), or in the
 * background every few hundred milliseconds, as `issuer serve` polls ({@link TestIssuers.start}).
 */
import { ApiClient } from '../../src/client/api.js';
import { fetchBoard } from '../../src/client/board.js';
import { type IssuerBatch, type IssuerLogBook, issueOnce, issuerView } from '../../src/client/issuer.js';
import { fetchManifest } from '../../src/client/manifest.js';
import { testIssuerKeys2, type VotingElection } from './voting.js';

export interface TestIssuers {
  /** One batch of member `member` (0 or 1): what it signed and refused. */
  once(member: number): Promise<IssuerBatch>;
  /** Both members poll in the background until {@link stop}. */
  start(): void;
  stop(): Promise<void>;
}

export function testIssuers(baseUrl: string, v: VotingElection, pollMs = 300): TestIssuers {
  const books: IssuerLogBook[] = [new Map(), new Map()];
  const keys = testIssuerKeys2();
  let running: Promise<void> | null = null;
  let stopped = false;
  const once = async (member: number): Promise<IssuerBatch> => {
    const pub = new ApiClient({ baseUrl });
    const m = await fetchManifest(pub, v.electionId);
    if (!m.ok) throw new Error(m.detail);
    const board = await fetchBoard(pub, v.electionId);
    if (!board.ok) throw new Error(board.reason);
    const own = new Map(Object.values(v.contests).map((c) => [c, keys[member]!]));
    return issueOnce(new ApiClient({ baseUrl, token: v.members[member]! }), issuerView(m.decoded, board.events), v.memberIds[member]!, own, books[member]!);
  };
  return {
    once,
    start() {
      stopped = false;
      running ??= (async () => {
        while (!stopped) {
          for (const member of [0, 1]) await once(member).catch(() => undefined);
          await new Promise((r) => setTimeout(r, pollMs));
        }
      })();
    },
    async stop() {
      stopped = true;
      await running;
      running = null;
    },
  };
}
