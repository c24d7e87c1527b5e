// The ordered list of migrations. A static list (rather than reading the folder) works the
// same under tsx, vitest and a bundler; add each new migration here.
import type { Migration } from 'kysely';
import * as foundation from './2026-11-23T01-foundation.js';
import * as voting from './2026-11-23T02-voting.js';
import * as complaints from './2026-11-23T03-complaints.js';
import * as issuanceUntimed from './2026-11-23T04-issuance-untimed.js';
import * as ballotBoxIndex from './2026-12-06T01-ballot-box-index.js';
import * as accounts from './2026-12-06T02-accounts.js';
import * as signedDecisions from './2026-12-06T03-signed-decisions.js';
import * as applicationDocuments from './2026-12-06T04-application-documents.js';
import * as constituencies from './2026-12-06T04-constituencies.js';
import * as noServerIssuance from './2026-12-06T05-no-server-issuance.js';
import * as electionLanguages from './2026-12-06T06-election-languages.js';
import * as candidateStatement from './2026-12-06T07-candidate-statement.js';
import * as perAssociationIndexes from './2026-12-06T08-per-association-indexes.js';

export const migrations: Record<string, Migration> = {
  '2026-11-23T01-foundation': foundation,
  '2026-11-23T02-voting': voting,
  '2026-11-23T03-complaints': complaints,
  '2026-11-23T04-issuance-untimed': issuanceUntimed,
  '2026-12-06T01-ballot-box-index': ballotBoxIndex,
  '2026-12-06T02-accounts': accounts,
  '2026-12-06T03-signed-decisions': signedDecisions,
  '2026-12-06T04-application-documents': applicationDocuments,
  '2026-12-06T04-constituencies': constituencies,
  '2026-12-06T05-no-server-issuance': noServerIssuance,
  '2026-12-06T06-election-languages': electionLanguages,
  '2026-12-06T07-candidate-statement': candidateStatement,
  '2026-12-06T08-per-association-indexes': perAssociationIndexes,
};
