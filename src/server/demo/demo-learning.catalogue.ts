/**
 * The demo's learning catalogue, in three layers: what every frontline person needs, the specialists' craft and
 * what managers need to lead with the customer in mind. `trainer` is a demo employee key.
 */
import type { LearningFormat, LearningLayer } from '../../contracts/learning.ts';

export interface DemoLearningItem {
  key: string;
  layer: LearningLayer;
  format: LearningFormat;
  minutes: number;
  trainer: string;
  name: { 'zh-CN': string; en: string };
  description: { 'zh-CN': string; en: string };
}

export const DEMO_LEARNING_ITEMS: DemoLearningItem[] = [
  {
    key: 'empathy',
    layer: 'all_staff',
    format: 'workshop',
    minutes: 180,
    trainer: 'he',
    name: { 'zh-CN': '同理心：从客户的角度看问题', en: 'Empathy: seeing it from the customer’s side' },
    description: {
      'zh-CN': '用真实的客户原话练习倾听和复述，分辨客户说出口的需求和没说出口的担心，学会先回应情绪、再解决问题。',
      en: 'Practise listening and playing back with real customer quotes, tell the need a customer states from the worry they leave unsaid, and learn to answer the feeling before fixing the problem.',
    },
  },
  {
    key: 'journey-role-play',
    layer: 'all_staff',
    format: 'role_play',
    minutes: 120,
    trainer: 'chen',
    name: { 'zh-CN': '客户旅程角色扮演', en: 'Customer journey role-play' },
    description: {
      'zh-CN': '两人一组，分别扮演客户和员工，走一遍从下单、到店、配送到售后的完整旅程，找出让客户最费力的三个时刻。',
      en: 'In pairs, one plays the customer and one the colleague, walking the whole journey from ordering and the store visit to delivery and after-sales, and naming the three moments that cost the customer most effort.',
    },
  },
  {
    key: 'nps-report',
    layer: 'all_staff',
    format: 'e_learning',
    minutes: 45,
    trainer: 'he',
    name: { 'zh-CN': '读懂 NPS 报告', en: 'Reading an NPS report' },
    description: {
      'zh-CN': '推荐者、被动者和贬损者怎么算；误差范围和“显著”是什么意思；为什么看趋势比看单月数值更重要。附三道小练习。',
      en: 'How promoters, passives and detractors are counted; what the margin of error and “significant” mean; why the trend matters more than one month’s value. With three short exercises.',
    },
  },
  {
    key: 'complaints',
    layer: 'all_staff',
    format: 'course',
    minutes: 90,
    trainer: 'chen',
    name: { 'zh-CN': '处理客户抱怨的五个步骤', en: 'Five steps for handling a complaint' },
    description: {
      'zh-CN': '倾听、致歉、在授权额度内当场解决、确认客户满意、记录根因。结合门店的真实工单演练。',
      en: 'Listen, apologise, solve it on the spot within your authority, check the customer is satisfied, record the root cause. Practised on real cases from the stores.',
    },
  },
  {
    key: 'service-design',
    layer: 'specialist',
    format: 'workshop',
    minutes: 480,
    trainer: 'he',
    name: { 'zh-CN': '服务设计：服务蓝图与触点', en: 'Service design: blueprints and touchpoints' },
    description: {
      'zh-CN': '画出一项服务的前台和后台：客户行为、员工动作、支持系统和证据。用一次真实的配送延误案例重新设计流程。',
      en: 'Map a service front stage and back stage: customer actions, staff actions, supporting systems and evidence. Redesign the process around a real late-delivery case.',
    },
  },
  {
    key: 'communication-psychology',
    layer: 'specialist',
    format: 'course',
    minutes: 360,
    trainer: 'he',
    name: { 'zh-CN': '客户沟通心理学', en: 'The psychology of customer communication' },
    description: {
      'zh-CN': '峰终定律、损失厌恶和公平感如何影响客户的记忆与评价；在道歉、补偿和等待提示中如何运用这些规律。',
      en: 'How the peak-end rule, loss aversion and the sense of fairness shape what customers remember and how they rate us, and how to use them in apologies, compensation and waiting messages.',
    },
  },
  {
    key: 'experience-decisions',
    layer: 'manager',
    format: 'workshop',
    minutes: 240,
    trainer: 'lin',
    name: { 'zh-CN': '体验驱动的决策', en: 'Experience-driven decisions' },
    description: {
      'zh-CN': '把客户之声放进每周例会：读关键驱动因素，权衡改进的成本与收益，决定先修什么、谁来负责、怎样衡量效果。',
      en: 'Bring the voice of the customer into the weekly meeting: read the key drivers, weigh what an improvement costs against what it brings, and decide what to fix first, who owns it and how to measure the effect.',
    },
  },
  {
    key: 'customer-insight',
    layer: 'manager',
    format: 'coaching',
    minutes: 120,
    trainer: 'lin',
    name: { 'zh-CN': '客户洞察：从声音到行动', en: 'Customer insight: from voice to action' },
    description: {
      'zh-CN': '一对一辅导：每月和首席体验官一起读本单元的评论和工单，挑出一个洞察，写成一项可执行的改进。',
      en: 'One-to-one coaching: each month, read your unit’s comments and cases with the Chief Experience Officer, pick one insight and turn it into an improvement someone can act on.',
    },
  },
];
