/**
 * Seeds the demo's experience committee and executive listening
 * (demo-governance.data.ts): the committee chaired by the chief executive,
 * two past monthly meetings with agenda, minutes and decisions (done, dropped,
 * open and one overdue) and the next one ahead, the rotation plan, and five
 * months of sessions logged with what was learnt and the ideas, the
 * improvement project and the case they led to, plus planned sessions (one
 * past its time). Everything goes through the governance module as an admin
 * at the time it happened (a shifted clock), like demo-acting.ts.
 */
import type { Actor } from '../platform/actor.ts';
import { DAY, type Clock } from '../platform/clock.ts';
import type { AppContext } from '../platform/context.ts';
import { addCommitteeMember, createMeeting, createRotation, createSession, logSession, updateDecision, updateSession } from '../modules/governance/index.ts';
import { createImprovementProject } from '../modules/improvements/index.ts';
import { COMMITTEE, MEETINGS, NEXT_MEETING, ROTATION, SESSIONS, type DemoMeeting } from './demo-governance.data.ts';

export interface GovernanceCounts {
  meetings: number;
  sessions: number;
}

/** Writes the committee and listening demo; `employeeIds` and `unitIds` map demo keys to ids. */
export async function seedGovernance(ctx: AppContext, admin: Actor, employeeIds: ReadonlyMap<string, string>, unitIds: ReadonlyMap<string, string>): Promise<GovernanceCounts> {
  const base = ctx.clock.now().getTime();
  // Meetings at 14:00 and sessions at 10:00 in Shanghai (UTC+8) on the day `daysAgo` back.
  const moment = (daysAgo: number, utcHour: number) => {
    const d = new Date(base - daysAgo * DAY);
    d.setUTCHours(utcHour, 0, 0, 0);
    return d;
  };
  const at = (when: Date): AppContext => ({ ...ctx, clock: { now: () => new Date(Math.min(when.getTime(), base)) } satisfies Clock });
  const person = (key: string) => employeeIds.get(key)!;
  const day = (daysAgo: number) => moment(daysAgo, 4).toISOString().slice(0, 10);

  for (const m of COMMITTEE) await addCommitteeMember(at(moment(200, 2)), admin, { employeeId: person(m.person), role: m.role });
  for (const r of ROTATION) await createRotation(at(moment(180, 2)), admin, { employeeId: person(r.person), kind: r.kind, everyWeeks: r.everyWeeks, note: r.note });

  let projectId: string | null = null;
  const holdMeeting = async (m: DemoMeeting) => {
    const when = moment(m.day, 6);
    const meeting = await createMeeting(at(when), admin, {
      title: m.title,
      at: when.toISOString(),
      agenda: m.agenda.map((a) => ({ title: a.title, note: a.note ?? '', source: a.source ?? 'manual', ref: null })),
      minutes: m.minutes,
      decisions: m.decisions.map((d) => ({ title: d.title, ownerId: person(d.owner), dueOn: day(d.due), status: 'open' as const })),
    });
    for (const d of m.decisions) {
      if (d.opensProject) {
        const project = await createImprovementProject(at(moment(d.closed!, 3)), admin, {
          title: '晚高峰配送准时率提升 / On-time delivery at the evening peak',
          description: '委员会决议：晚高峰弹性排班、雨天主动告知。/ Committee decision: flexible evening shifts, tell customers early on rainy days.',
          rootCause: 'delivery.late',
          unitId: unitIds.get('east'),
          ownerId: person(d.owner),
          metric: 'nps',
          caseIds: [],
        });
        projectId = project.id;
      }
      if (d.status === 'open') continue;
      const id = meeting.decisions.find((x) => x.title === d.title)!.id;
      await updateDecision(at(moment(d.closed!, 3)), admin, id, { status: d.status });
    }
  };
  for (const m of MEETINGS) await holdMeeting(m);
  const next = moment(NEXT_MEETING.day, 6);
  await createMeeting(at(new Date(base)), admin, { title: NEXT_MEETING.title, at: next.toISOString(), agenda: NEXT_MEETING.agenda.map((a) => ({ ...a, note: '', source: 'manual' as const, ref: null })), minutes: '', decisions: [] });

  const { ideas, lateCase } = await ctx.db.tenant(admin.orgId, async (tx) => ({
    ideas: new Map((await tx.query<{ id: string; title: string }>(`SELECT id, title FROM ideas WHERE org_id = $1`, [admin.orgId])).map((r) => [r.title, r.id])),
    lateCase: (await tx.query<{ id: string }>(`SELECT id FROM cases WHERE org_id = $1 AND root_cause = 'delivery.late' ORDER BY closed_at DESC NULLS LAST, id LIMIT 1`, [admin.orgId]))[0]?.id,
  }));
  for (const s of SESSIONS) {
    const scheduled = moment(s.day, 2);
    // A session ahead was put on the calendar three weeks before; one in the past a week before it took place.
    const created = await createSession(at(new Date(scheduled.getTime() - (s.day < 0 ? 21 : 7) * DAY)), admin, {
      employeeId: person(s.person),
      kind: s.kind,
      unitId: s.unit ? unitIds.get(s.unit) : undefined,
      scheduledAt: scheduled.toISOString(),
    });
    if (s.cancelled) await updateSession(at(new Date(scheduled.getTime() - DAY)), admin, created.id, { status: 'cancelled' });
    if (!s.learnings) continue;
    const heldAt = new Date(scheduled.getTime() + 2 * 3600_000);
    await logSession(at(new Date(heldAt.getTime() + 3 * 3600_000)), admin, created.id, {
      learnings: s.learnings,
      heldAt: heldAt.toISOString(),
      ideaIds: (s.ideas ?? []).flatMap((title) => (ideas.has(title) ? [ideas.get(title)!] : [])),
      improvementIds: s.project && projectId ? [projectId] : [],
      caseIds: s.lateCase && lateCase ? [lateCase] : [],
    });
  }
  return { meetings: MEETINGS.length + 1, sessions: SESSIONS.length };
}
