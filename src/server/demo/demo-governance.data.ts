/**
 * What the demo's experience committee and executive listening hold: who sits
 * on the committee, who listens how often, the sessions of the last five
 * months with what was learnt (in Chinese and English, as managers write),
 * and two past monthly meetings with their decisions. Days are counted back
 * from the seed's "now"; people and units are demo keys (demo-org.ts).
 */
import type { CommitteeRole, DecisionStatus, ListeningKind } from '../../contracts/governance.ts';

export const COMMITTEE: { person: string; role: CommitteeRole }[] = [
  { person: 'guo', role: 'chair' },
  { person: 'lin', role: 'cxo' },
  { person: 'zhou', role: 'member' },
  { person: 'huang', role: 'member' },
  { person: 'he', role: 'member' },
];

export const ROTATION: { person: string; kind: ListeningKind; everyWeeks: number; note: string }[] = [
  { person: 'guo', kind: 'frontline_shift', everyWeeks: 12, note: '每季度一个完整班次 / one full shift a quarter' },
  { person: 'guo', kind: 'customer_call', everyWeeks: 4, note: '' },
  { person: 'lin', kind: 'customer_call', everyWeeks: 2, note: '优先回访贬损客户 / detractors first' },
  { person: 'zhou', kind: 'store_visit', everyWeeks: 4, note: '' },
  { person: 'huang', kind: 'store_visit', everyWeeks: 4, note: '' },
  { person: 'chen', kind: 'customer_call', everyWeeks: 4, note: '' },
  { person: 'luo', kind: 'frontline_shift', everyWeeks: 8, note: '' },
  { person: 'tang', kind: 'frontline_shift', everyWeeks: 8, note: '' },
];

export interface DemoSession {
  person: string;
  kind: ListeningKind;
  unit?: string;
  /** Days ago it was scheduled (negative: ahead). */
  day: number;
  /** What was learnt; absent for a session still planned (or cancelled). */
  learnings?: string;
  cancelled?: boolean;
  ideas?: string[];
  /** Link the improvement project the committee opened (see DECISIONS' `opensProject`). */
  project?: boolean;
  /** Link the demo's closed late-delivery case. */
  lateCase?: boolean;
}

export const SESSIONS: DemoSession[] = [
  { person: 'guo', kind: 'frontline_shift', unit: 'xuhui', day: 150, learnings: '在徐汇门店收银台站了一个晚班：周五 19 点后排队最长 18 分钟，两台自助结账机有一台常年故障。', ideas: ['收银高峰期开放自助结账'] },
  { person: 'lin', kind: 'customer_call', day: 140, learnings: 'Called five detractors from the delivery survey: three said the courier never called before arriving, one had been charged twice.', ideas: ['送达前 10 分钟短信提醒'] },
  { person: 'zhou', kind: 'store_visit', unit: 'xihu', day: 120, learnings: 'West Lake store: staff know their compensation limit but not the exemption rule; nobody had filed an exemption report in a month.' },
  { person: 'lin', kind: 'customer_call', day: 112, learnings: '回访三位生鲜投诉客户：冰袋不足是主因，夏季尤其明显；客户更希望收到部分退款而不是代金券。' },
  { person: 'huang', kind: 'store_visit', unit: 'tianhe', day: 100, learnings: '天河门店新员工不熟悉退款流程，客户平均多等 12 分钟；老员工愿意带教。' },
  { person: 'guo', kind: 'customer_call', day: 90, learnings: 'Spoke with a corporate customer (about 200k CNY a month): they value having one contact person more than any discount.' },
  { person: 'chen', kind: 'customer_call', day: 75, learnings: '雨天配送延误是投诉最多的原因，客户最在意的是有没有提前告知，而不是晚了多久。一位老顾客（13900001234）希望以后雨天先来电确认。', ideas: ['雨天配送时效放宽并主动告知'], project: true },
  { person: 'lin', kind: 'customer_call', day: 60, learnings: 'Customers who got a voucher after a late delivery mostly never used it; a proactive apology call meant more to them.' },
  { person: 'zhou', kind: 'store_visit', unit: 'pudong', day: 55, learnings: '浦东门店配送组晚高峰只有 2 名骑手，订单积压明显；建议弹性排班。', project: true },
  { person: 'luo', kind: 'frontline_shift', unit: 'tianhe-delivery', day: 50, learnings: '跟班配送一天：导航常把骑手带到小区后门，建议在客户地址里记录可进入的门。' },
  { person: 'guo', kind: 'frontline_shift', unit: 'pudong-delivery', day: 40, learnings: 'Rode along on a rainy Saturday: the e-bikes have no rain covers and parcels arrive wet.', ideas: ['电动车加装雨棚，保护货品'] },
  { person: 'tang', kind: 'frontline_shift', unit: 'nanshan', day: 35, learnings: '南山门店前台轮岗：会员更在意积分能否抵现，对生日活动反应平平。' },
  { person: 'tang', kind: 'store_visit', unit: 'nanshan', day: 25, cancelled: true },
  { person: 'lin', kind: 'customer_call', day: 20, learnings: '回访五位贬损客户，两位表示问题已解决、愿意再次购买；一位希望周末再回电。' },
  { person: 'huang', kind: 'store_visit', unit: 'nanshan', day: 18, learnings: 'Nanshan store: staff read the praise wall every morning and asked for the same for couriers.' },
  { person: 'zhou', kind: 'store_visit', unit: 'xuhui', day: 12, learnings: '徐汇门店自助结账已上线，周五晚高峰排队降到 8 分钟以内。' },
  { person: 'lin', kind: 'customer_call', day: 6, learnings: 'Two customers praised the text message before delivery; one asked to pick a delivery window.', ideas: ['送达前 10 分钟短信提醒'] },
  { person: 'lin', kind: 'customer_call', day: 1, learnings: '回访了浦东门店延误配送的客户：重新配送后已满意，但希望延误时主动来电。', lateCase: true },
  // Planned: two past their time and never logged (the Xuhui store manager's and the analyst's workbenches flag them;
  // the analyst, an employee on the committee, logs hers on the listening page), the rest ahead.
  { person: 'chen', kind: 'customer_call', day: 3 },
  { person: 'he', kind: 'customer_call', day: 2 },
  { person: 'guo', kind: 'customer_call', day: -3 },
  { person: 'lin', kind: 'customer_call', day: -5 },
  { person: 'huang', kind: 'store_visit', unit: 'south', day: -9 },
  { person: 'zhou', kind: 'store_visit', unit: 'pudong', day: -10 },
  { person: 'luo', kind: 'frontline_shift', unit: 'tianhe', day: -14 },
];

export interface DemoDecision {
  title: string;
  owner: string;
  /** Days ago it falls due (negative: ahead). */
  due: number;
  status: DecisionStatus;
  /** Days ago it was done or dropped. */
  closed?: number;
  /** Done by opening an improvement project on late deliveries. */
  opensProject?: boolean;
}

export interface DemoMeeting {
  title: string;
  day: number;
  agenda: { title: string; note?: string; source?: 'manual' | 'nps_mover' | 'root_cause' | 'verbatim' }[];
  minutes: string;
  decisions: DemoDecision[];
}

export const MEETINGS: DemoMeeting[] = [
  {
    title: '体验委员会月度例会 · Monthly experience committee',
    day: 58,
    agenda: [
      { title: '上月净推荐值：徐汇门店下降最多', source: 'nps_mover' },
      { title: '根因“配送延误”：本月工单最多', source: 'root_cause' },
      { title: 'What customers say about queues at the till', note: '“周五晚上排队二十分钟，收银只开了两个。”', source: 'verbatim' },
      { title: '高管倾听：本季度轮值安排' },
    ],
    minutes:
      '郭总：排队和配送延误是本季度的两件大事，必须有人负责、有期限。\n林晓雯：建议先在徐汇门店开放自助结账，并成立晚高峰配送改进项目。\nAgreed: the Xuhui pilot starts within three weeks; Zhou Jianguo owns the delivery project; the birthday-cake idea is dropped for lack of evidence.',
    decisions: [
      { title: '徐汇门店周五晚高峰开放自助结账', owner: 'chen', due: 40, status: 'done', closed: 38 },
      { title: '成立晚高峰配送准时率改进项目', owner: 'zhou', due: 45, status: 'done', closed: 50, opensProject: true },
      { title: 'Birthday cake for members (idea review)', owner: 'he', due: 30, status: 'dropped', closed: 44 },
    ],
  },
  {
    title: '体验委员会月度例会 · Monthly experience committee',
    day: 28,
    agenda: [
      { title: '回顾上次决议：自助结账试点效果' },
      { title: '流程豁免报备逾期：如何让一线敢用、会报' },
      { title: 'Executive listening: who is behind their cadence' },
    ],
    minutes:
      '徐汇自助结账试点后排队时长下降约一半，推广到其他门店前先看两个月数据。\nLin Xiaowen: store managers call too few customers; every store manager should make at least one follow-up call a month.\n天河门店新员工退款流程培训由罗志强负责。',
    decisions: [
      { title: '所有门店店长每月至少一次客户回访电话', owner: 'lin', due: 7, status: 'open' },
      { title: 'Rain covers for e-bikes: pilot at the Pudong delivery team', owner: 'sun', due: -14, status: 'open' },
      { title: '天河门店新员工退款流程培训全覆盖', owner: 'luo', due: 10, status: 'done', closed: 9 },
    ],
  },
];

/** The next meeting, a few days ahead: its customer voice is computed from the month since the last one. */
export const NEXT_MEETING = { title: '体验委员会月度例会 · Monthly experience committee', day: -5, agenda: [{ title: '回顾上次决议进展 / Progress on last month’s decisions' }] };
