import type {
  AgendaItem,
  CommitteeMember,
  CommitteeRole,
  Coverage,
  CustomerVoice,
  Decision,
  DecisionStatus,
  ListeningKind,
  Meeting,
  MeetingSummary,
  MyListeningDue,
  Rotation,
  Session,
} from '../../../contracts/governance.ts';
import { LISTENING_KINDS } from '../../../contracts/governance.ts';
import { apiDelete, apiGet, apiPatch, apiPost, fetchAllPages, type Page } from '../../shared/api/client.ts';

export type { AgendaItem, CommitteeMember, CommitteeRole, Coverage, CustomerVoice, Decision, DecisionStatus, ListeningKind, Meeting, MeetingSummary, MyListeningDue, Rotation, Session };
export { LISTENING_KINDS };
export const COMMITTEE_ROLES: CommitteeRole[] = ['chair', 'cxo', 'member'];
export const DECISION_STATUSES: DecisionStatus[] = ['open', 'done', 'dropped'];

export interface DecisionInput {
  title: string;
  ownerId?: string | null;
  dueOn: string;
}
export interface SessionInput {
  employeeId: string;
  kind: ListeningKind;
  unitId?: string;
  scheduledAt: string;
}
export interface LogInput {
  learnings: string;
  heldAt?: string;
  ideaIds?: string[];
  improvementIds?: string[];
  caseIds?: string[];
}
/** Something a session can lead to, for the log form's pickers. */
export interface Linkable {
  id: string;
  title: string;
}

const items = async <T>(path: string, query?: Record<string, string | undefined>, signal?: AbortSignal) => (await apiGet<{ items: T[] }>(path, query, signal)).items;

export const listMembers = (signal?: AbortSignal) => items<CommitteeMember>('/committee/members', undefined, signal);
export const addMember = (employeeId: string, role: CommitteeRole) => apiPost<CommitteeMember>('/committee/members', { employeeId, role });
export const changeMemberRole = (employeeId: string, role: CommitteeRole) => apiPatch<CommitteeMember>(`/committee/members/${employeeId}`, { role });
export const removeMember = (employeeId: string) => apiDelete(`/committee/members/${employeeId}`);

/** One page of meetings, latest first; `after` is the previous page's `nextCursor`. */
export const listMeetings = (after: string | null, signal?: AbortSignal) => apiGet<Page<MeetingSummary>>('/committee/meetings', { cursor: after }, signal);
export const getMeeting = (id: string, signal?: AbortSignal) => apiGet<Meeting>(`/committee/meetings/${id}`, undefined, signal);
export const createMeeting = (input: { title: string; at: string }) => apiPost<Meeting>('/committee/meetings', input);
export const updateMeeting = (id: string, input: { title?: string; at?: string; agenda?: AgendaItem[]; minutes?: string }) => apiPatch<Meeting>(`/committee/meetings/${id}`, input);
export const getCustomerVoice = (id: string, signal?: AbortSignal) => apiGet<CustomerVoice>(`/committee/meetings/${id}/customer-voice`, undefined, signal);
export const addDecision = (meetingId: string, input: DecisionInput) => apiPost<Decision>(`/committee/meetings/${meetingId}/decisions`, input);
export const updateDecision = (id: string, input: Partial<DecisionInput> & { status?: DecisionStatus }) => apiPatch<Decision>(`/committee/decisions/${id}`, input);
export const listDecisions = (status: DecisionStatus | undefined, signal?: AbortSignal) => items<Decision>('/committee/decisions', { status }, signal);

export const listRotations = (signal?: AbortSignal) => items<Rotation>('/listening/rotation', undefined, signal);
export const createRotation = (input: { employeeId: string; kind: ListeningKind; everyWeeks: number; note?: string }) => apiPost<Rotation>('/listening/rotation', input);
export const updateRotation = (id: string, input: { everyWeeks?: number; note?: string }) => apiPatch<Rotation>(`/listening/rotation/${id}`, input);
export const deleteRotation = (id: string) => apiDelete(`/listening/rotation/${id}`);

export type SessionQuery = { from?: string; to?: string; status?: 'planned' | 'done' | 'cancelled' | 'overdue' };
/** One page of sessions, newest first; `after` is the previous page's `nextCursor`. */
export const listSessions = (query: SessionQuery, after: string | null, signal?: AbortSignal) => apiGet<Page<Session>>('/listening-sessions', { ...query, cursor: after }, signal);
/** Every session the query matches, page after page. */
export const listAllSessions = (query: SessionQuery, signal?: AbortSignal) => fetchAllPages<Session>('/listening-sessions', query, signal);
export const createSession = (input: SessionInput) => apiPost<Session>('/listening-sessions', input);
export const cancelSession = (id: string) => apiPatch<Session>(`/listening-sessions/${id}`, { status: 'cancelled' });
export const logSession = (id: string, input: LogInput) => apiPost<Session>(`/listening-sessions/${id}/log`, input);
export const getCoverage = (from: string, to: string, signal?: AbortSignal) => apiGet<Coverage>('/listening/coverage', { from, to }, signal);
export const getMyListeningDue = (signal?: AbortSignal) => apiGet<MyListeningDue>('/listening/my-due', undefined, signal);

/**
 * Ideas, improvement projects and cases a session may link, each list empty when the reader may not see it.
 * Projects are asked for only when `projects` says the reader's role reads them: an employee who listens would
 * otherwise be answered 403 on every log form.
 */
export async function listLinkables(projects: boolean, signal?: AbortSignal): Promise<{ ideas: Linkable[]; improvements: Linkable[]; cases: Linkable[] }> {
  const orEmpty = (p: Promise<Linkable[]>) => p.catch((e: unknown) => (e instanceof DOMException ? Promise.reject(e) : []));
  const [ideas, improvements, cases] = await Promise.all([
    orEmpty(fetchAllPages<Linkable>('/ideas', {}, signal)),
    projects ? orEmpty(items<Linkable>('/improvement-projects', undefined, signal)) : Promise.resolve([]),
    orEmpty(fetchAllPages<Linkable>('/cases', {}, signal)),
  ]);
  return { ideas, improvements, cases };
}
