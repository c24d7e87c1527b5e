/** A named rule that does not hold, described in both languages. */
export interface Failure {
  readonly code: string;
  readonly es: string;
  readonly en: string;
  /** The contest the rule is about, when it is about one (so a client need not parse the text). */
  readonly contestId?: string;
}

export const failure = (code: string, es: string, en: string, subject?: { contestId: string }): Failure =>
  Object.freeze(subject === undefined ? { code, es, en } : { code, es, en, contestId: subject.contestId });
