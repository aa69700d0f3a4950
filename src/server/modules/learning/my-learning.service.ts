/**
 * My learning: the active items assigned to me today (by person, position or
 * unit, joiners included), each with its status, and the items I completed
 * without being assigned them. Overdue first, then what is still to do by due
 * day, then what waits for confirmation, then what is confirmed.
 */
import type { MyLearning, MyLearningEntry, MyLearningStatus } from '../../../contracts/learning.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { dataScopeOf } from '../org/index.ts';
import { COMPLETION_SELECT, toCompletion, type CompletionRow } from './completions.service.ts';
import { ITEM_COLUMNS, ITEM_OWNER_JOIN, toItem, type ItemRow } from './items.service.ts';
import { assignedCtes } from './learning.expansion.ts';
import { orgToday } from './learning.today.ts';

const ORDER: Record<MyLearningStatus, number> = { overdue: 0, to_do: 1, declared: 2, confirmed: 3 };

export async function getMyLearning(ctx: AppContext, actor: Actor): Promise<MyLearning> {
  authorize(actor, 'learning.read');
  const me = actor.employeeId;
  if (me === null) return { employeeId: null, items: [] };
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const scope = await dataScopeOf(tx, actor);
    const today = await orgToday(tx, actor.orgId, ctx.clock.now());
    const items = await tx.query<ItemRow & { is_assigned: boolean; due_on: string | null }>(
      `${assignedCtes('e.id = $2')},
       mine AS (
         SELECT item_id, due_on, true AS is_assigned FROM assigned
         UNION ALL
         SELECT c.item_id, NULL, false FROM learning_completions c
          WHERE c.org_id = $1 AND c.employee_id = $2 AND NOT EXISTS (SELECT 1 FROM assigned a WHERE a.item_id = c.item_id)
       )
       SELECT m.is_assigned, m.due_on::text AS due_on, ${ITEM_COLUMNS}
         FROM mine m JOIN learning_items i ON i.org_id = $1 AND i.id = m.item_id ${ITEM_OWNER_JOIN}
        WHERE i.active`,
      [actor.orgId, me],
    );
    const completions = await tx.query<CompletionRow>(`${COMPLETION_SELECT} WHERE c.org_id = $1 AND c.employee_id = $2`, [actor.orgId, me]);
    const byItem = new Map(completions.map((c) => [c.item_id, toCompletion(actor, scope, c)]));
    const entries: MyLearningEntry[] = items.map((r) => {
      const completion = byItem.get(r.id) ?? null;
      const status: MyLearningStatus = completion ? completion.status : r.due_on !== null && r.due_on < today ? 'overdue' : 'to_do';
      return { item: toItem(r), assigned: r.is_assigned, dueAt: r.due_on, status, completion };
    });
    entries.sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.item.name.en.localeCompare(b.item.name.en));
    return { employeeId: me, items: entries };
  });
}
