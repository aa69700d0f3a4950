import type { CommentAnalysis } from '../../../contracts/responses.ts';
import type { Queryable } from '../../platform/db/database.ts';

/** The stored analysis of one response's comments, for other modules to show beside the response. */
export async function findCommentAnalysis(tx: Queryable, orgId: string, responseId: string): Promise<CommentAnalysis | null> {
  const [row] = await tx.query<{ sentiment: CommentAnalysis['sentiment']; score: number; keywords: string[]; topics: string[]; is_praise: boolean }>(
    `SELECT sentiment, score, keywords, topics, is_praise FROM text_analyses WHERE org_id = $1 AND response_id = $2`,
    [orgId, responseId],
  );
  return row ? { sentiment: row.sentiment, score: Number(row.score), keywords: row.keywords, topics: row.topics, isPraise: row.is_praise } : null;
}
