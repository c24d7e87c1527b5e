/**
 * The election-record verifier (DESIGN §4), browser-safe: {@link verifyRecord} and its
 * report, and the ballot checker that callers may run elsewhere (worker threads, web
 * workers) and merge. See docs/voting-protocol.md "The election record (export)".
 * @module
 */
export { type StreamVerification, type VerifyOptions, type VerifyStage, verifyRecord, verifyRecordStream } from './verify-record.js';
export { type RecordEnd, type RecordPiece, readRecordStream } from './record-stream.js';
export { formatReport } from './format.js';
export { type ExpectedElection, type ForeignRecord, foreignRecord } from './expected.js';
export {
  type BallotBatch, type BallotCheckContext, type BallotCheckKind, type BallotChecker, type BallotOutcome, type BallotProblem,
  type BallotTask, type CheckBallotsOptions, type ContestSum, checkBallots, mergeBallotBatches,
} from './ballots.js';
export {
  CHECK_KEYS, CHECK_PLAIN, CHECK_TEXTS, checkNumber, type CandidateResult, type Check, type CheckKey, type ComplaintEntry, type ContestCounts,
  type ContestResult, type Failure, type ItemRef, type Lang, type RecordCounts, type RecordStage, type RegionTurnout,
  type ServerReportStatus, type Text, type Turnout, type VerificationReport,
} from './report.js';
export type { BallotSignatureVerifier, TokenVerifier } from '../record/cast-ballot.js';
export { type DuplicateKey, type RecordText, findDuplicateKeys, readRecordText, verifyRecordText } from './text.js';
export { type HtmlOptions, escapeHtml, regionName, reportHtml } from './html.js';
