// Date overrides of a doctor's schedule (admin): leave days and replacement sessions.
import type { InvokeMap } from '../../shared/ipc-contract.js';
import type { ScheduleOverrideView } from '../../shared/views.js';
import type { HandlerDeps } from './deps.js';
import { withRetry } from './retry.js';
import { overrideView, required } from './to-view.js';

type Req<K extends keyof InvokeMap> = InvokeMap[K]['request'];

export function overrideHandlers(deps: HandlerDeps) {
  const allocation = deps.clients.allocation;
  return {
    async listOverrides(request: Req<'listOverrides'>): Promise<ScheduleOverrideView[]> {
      const overrides: ScheduleOverrideView[] = [];
      let pageToken = '';
      do {
        const page = await withRetry(() =>
          allocation.listScheduleOverrides({ ...request, pageSize: 500, pageToken }),
        );
        overrides.push(...page.scheduleOverrides.map(overrideView));
        pageToken = page.nextPageToken;
      } while (pageToken !== '');
      return overrides;
    },

    async setOverride(request: Req<'setOverride'>) {
      const plan = request.plan;
      const answer = await withRetry(() =>
        allocation.setScheduleOverride({
          requestId: request.requestId,
          doctorId: request.doctorId,
          date: request.date,
          reason: request.reason.trim(),
          dayPlan:
            plan.kind === 'leave'
              ? { $case: 'leave', value: {} }
              : { $case: 'sessions', value: { sessions: plan.sessions.map((s) => ({ ...s })) } },
        }),
      );
      return {
        override: overrideView(required(answer.scheduleOverride, 'the override')),
        promotions: answer.promotions.length,
      };
    },

    async deleteOverride(request: Req<'deleteOverride'>) {
      const answer = await withRetry(() => allocation.deleteScheduleOverride(request));
      return { promotions: answer.promotions.length };
    },
  };
}
