import { CHAT_ROBOT_EVENTS, CHAT_ROBOT_KINDS, SIGNING_KINDS, type ChatRobot, type ChatRobotKind, type CreateChatRobot, type UpdateChatRobot } from '../../../contracts/channels.ts';
import type { WebhookDelivery } from '../../../contracts/webhooks.ts';
import { apiDelete, apiGet, apiPatch, apiPost, type Page } from '../../shared/api/client.ts';

export type { ChatRobot, ChatRobotKind, CreateChatRobot, UpdateChatRobot, WebhookDelivery };
export { CHAT_ROBOT_EVENTS, CHAT_ROBOT_KINDS, SIGNING_KINDS };

export const listChatRobots = async (signal?: AbortSignal) => (await apiGet<{ items: ChatRobot[] }>('/chat-robots', undefined, signal)).items;
export const createChatRobot = (input: CreateChatRobot) => apiPost<ChatRobot>('/chat-robots', input);
export const updateChatRobot = (id: string, input: UpdateChatRobot) => apiPatch<ChatRobot>(`/chat-robots/${id}`, input);
export const deleteChatRobot = (id: string) => apiDelete(`/chat-robots/${id}`);
export const sendChatRobotTest = (id: string) => apiPost<{ deliveryId: string }>(`/chat-robots/${id}/test`);
/** The newest deliveries of one robot, each with its attempts. */
export const listChatRobotDeliveries = async (id: string, signal?: AbortSignal) =>
  (await apiGet<Page<WebhookDelivery>>(`/chat-robots/${id}/deliveries`, { limit: 100 }, signal)).items;

/** i18n keys cannot hold dots: `praise.received` is labelled by `chatRobots.events.praise_received`. */
export const eventKey = (name: string) => name.replace(/\./g, '_');
