// The token relay database's migrations (issue 12), apart from the ballots database's.
import type { Migration } from 'kysely';
import * as relay from './2026-12-06T10-relay.js';
import * as pendingSignatures from './2026-12-06T20-pending-signatures.js';

export const relayMigrations: Record<string, Migration> = {
  '2026-12-06T10-relay': relay,
  '2026-12-06T20-pending-signatures': pendingSignatures,
};
