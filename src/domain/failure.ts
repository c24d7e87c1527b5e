/** A named rule that does not hold, described in both languages. */
export interface Failure {
  readonly code: string;
  readonly es: string;
  readonly en: string;
}

export const failure = (code: string, es: string, en: string): Failure => Object.freeze({ code, es, en });
