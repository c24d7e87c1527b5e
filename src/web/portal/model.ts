/**
 * What the portal reads from the API (as its routes present it) and the actions its
 * views offer.
 * @module
 */
import type { PublicElection } from '../lib/public.js';

export interface Association { id: string; legalName: string; region: string; constituencies: string[] }
export interface Application {
  id: string; contestId: string; associationId: string; status: 'pending' | 'accredited' | 'rejected' | 'appealed'; documents: string;
  reason: string | null; appealText: string | null; appealOutcome: 'upheld' | 'overturned' | null; createdAt: string; decidedAt: string | null;
}
export interface Candidate {
  id: string; contestId: string; associationId: string; fullName: string; employer: string; implementsGlobalFund: boolean;
  consecutiveTerms: number; statement: string; region: string; status: 'nominated' | 'eligible' | 'ineligible'; reason: string | null;
}
export interface ComplaintLog { open: string | null; complaints: { id: string }[] }

export interface Data {
  election: PublicElection; association: Association; applications: Application[]; candidates: Candidate[]; complaints: ComplaintLog;
}

/** The API's NominationIn. */
export interface Nomination {
  contestId: string; fullName: string; employer: string; implementsGlobalFund: boolean; consecutiveTerms: number; statement: string; region: string;
}
/** The API's bounds (src/http/schemas.ts), kept by the form's inputs. */
export const STATEMENT_MAX = 2000;
export const REGION_MAX = 100;
/** The API's complaint body, without attachments (described in the text). */
export interface ComplaintInput { category: string; text: string; showIdentity: boolean }

export interface Handlers {
  apply(contestId: string, documents: string): void;
  appeal(applicationId: string, text: string): void;
  nominate(input: Nomination): void;
  complain(input: ComplaintInput): void;
}
