/**
 * Query plans for the tests that show a query's cost is bounded (test/db/*plan*.int.test.ts,
 * board-page, relay-pending): the plan's nodes, flattened, so a test can bound the rows of
 * every node or look for a sequential scan. On PostgreSQL and PGlite alike (PGlite answers
 * the JSON plan as text, PostgreSQL as parsed JSON).
 * @module
 */
import { CompiledQuery, type Kysely } from 'kysely';

/** The fields of an EXPLAIN (FORMAT JSON) node the tests read; `Actual …` only with ANALYZE. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** A node and all its descendants, depth first. */
export const planNodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(planNodes)];

/** Run `q` under EXPLAIN (ANALYZE, FORMAT JSON) on `db`: every node of its plan. */
export async function explainAnalyze(db: Kysely<any>, q: { readonly sql: string; readonly parameters: readonly unknown[] }): Promise<PlanNode[]> {
  const r = await db.executeQuery(CompiledQuery.raw(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.sql}`, [...q.parameters]));
  const cell = (r.rows[0] as Record<string, unknown>)['QUERY PLAN'];
  return planNodes(((typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan: PlanNode }[])[0]!.Plan);
}

/** The most rows any node of the plan returned (per loop, as EXPLAIN counts them). */
export const widestNode = (nodes: readonly PlanNode[]): number => Math.max(...nodes.map((n) => n['Actual Rows'] ?? 0));
