/**
 * A reward may be a training place: when a redemption of such a reward is
 * approved (recognition's `redemption.decided`), the person is enrolled with a
 * personal assignment of the learning item. Once per redemption: the outbox runs
 * the handler once, and the same person and item are never assigned twice.
 */
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { RedemptionDecided } from '../recognition/index.ts';
import { insertAssignment } from './assignments.service.ts';

export const TRAINING_PLACE_HANDLER = 'learning.training-place';

export function registerLearningEvents(ctx: AppContext): void {
  ctx.events.on<RedemptionDecided>('redemption.decided', TRAINING_PLACE_HANDLER, (event, tx) => enrolOnTrainingPlace(ctx, tx, event.payload));
}

async function enrolOnTrainingPlace(ctx: AppContext, tx: Tx, decided: RedemptionDecided): Promise<void> {
  if (decided.status !== 'approved' || !decided.learningItemId) return;
  await insertAssignment(ctx, tx, null, { itemId: decided.learningItemId, employeeId: decided.employeeId, source: 'reward', redemptionId: decided.redemptionId });
}
