import { z } from 'zod';
import { IdSchema, nonEmptyText } from './common.ts';

// Channels beyond e-mail: chat robots that post staff news and alerts into group chats,
// and the state of the outbound message channels (SMTP, SMS gateway) for the Distribution page.

/** Group-chat robots Lodestar can post to, each with its own message format (and signing, for DingTalk and Feishu). */
export const CHAT_ROBOT_KINDS = ['wecom', 'dingtalk', 'feishu', 'slack'] as const;
export const ChatRobotKindSchema = z.enum(CHAT_ROBOT_KINDS);
export type ChatRobotKind = z.infer<typeof ChatRobotKindSchema>;
/** The kinds whose robots can verify a signature made with a secret the platform shows when the robot is added. */
export const SIGNING_KINDS: readonly ChatRobotKind[] = ['dingtalk', 'feishu'];

/** Events worth telling a staff group about: praise, new and escalated cases, early warnings, finished improvements, accepted ideas. */
export const CHAT_ROBOT_EVENTS = ['praise.received', 'case.created', 'case.escalated', 'warning.raised', 'improvement.completed', 'idea.accepted'] as const;
export const ChatRobotEventSchema = z.enum(CHAT_ROBOT_EVENTS);

export const ChatRobotLanguageSchema = z.enum(['zh-CN', 'en']);

const RobotUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(1000)
  .meta({ description: 'the webhook address the chat platform gave for the robot; write-only (it carries the access token). Private addresses are refused (400 webhook_url_forbidden)' });
const RobotSecretSchema = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
  .meta({ description: 'DingTalk (SEC…) or Feishu signing secret; write-only. Refused for WeCom and Slack, which do not sign' });

export const CreateChatRobotSchema = z.object({
  kind: ChatRobotKindSchema,
  name: nonEmptyText(100),
  url: RobotUrlSchema,
  secret: RobotSecretSchema.optional(),
  unitId: IdSchema.nullable().default(null).meta({ description: 'only events of this unit and the units below it; null = the whole organisation' }),
  events: z.array(ChatRobotEventSchema).min(1).max(CHAT_ROBOT_EVENTS.length),
  language: ChatRobotLanguageSchema.default('zh-CN'),
  enabled: z.boolean().default(true),
});
export type CreateChatRobot = z.input<typeof CreateChatRobotSchema>;

export const UpdateChatRobotSchema = z.object({
  name: nonEmptyText(100).optional(),
  url: RobotUrlSchema.optional(),
  secret: RobotSecretSchema.nullable().optional().meta({ description: 'a new signing secret, or null to stop signing' }),
  unitId: IdSchema.nullable().optional(),
  events: z.array(ChatRobotEventSchema).min(1).max(CHAT_ROBOT_EVENTS.length).optional(),
  language: ChatRobotLanguageSchema.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateChatRobot = z.input<typeof UpdateChatRobotSchema>;

export const ChatRobotSchema = z.object({
  id: IdSchema,
  kind: ChatRobotKindSchema,
  name: z.string(),
  urlHint: z.string().meta({ description: 'the address with its token masked; the full URL is never returned' }),
  hasSecret: z.boolean(),
  secretHint: z.string().meta({ description: 'the first characters of the signing secret, empty without one' }),
  unitId: IdSchema.nullable(),
  unitName: z.string().nullable(),
  unitNameEn: z.string().nullable(),
  events: z.array(z.string()),
  language: ChatRobotLanguageSchema,
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ChatRobot = z.infer<typeof ChatRobotSchema>;

export const ChatRobotTestResultSchema = z.object({ deliveryId: IdSchema });

/** Whether invitations and reminders leave the outbox by e-mail and by SMS (configured by the operator, never by a tenant). */
export const MessageChannelsSchema = z.object({
  email: z.object({ isConfigured: z.boolean() }),
  sms: z.object({ isConfigured: z.boolean(), gatewayHost: z.string().nullable().meta({ description: 'the SMS gateway host, without path or credentials' }) }),
});
export type MessageChannels = z.infer<typeof MessageChannelsSchema>;
