/**
 * The built-in assessment templates, version 1 of each, kept in code: `vision-culture` (the full
 * assessment of CULTURE.md §1) and `pulse` (one item per pillar, for re-measuring after an action plan).
 * Every question is written for Lodestar in both languages. Item keys are the shared vocabulary's
 * (vocabulary.ts); the engine, the results and the web app rely on them.
 */
import type { AssessmentItem, AssessmentSection, AssessmentTemplate } from '../../../contracts/culture.ts';
import type { Pillar } from './vocabulary.ts';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const likert = (key: string, zh: string, en: string, pillar?: Pillar): AssessmentItem => ({ key, type: 'likert', text: t(zh, en), ...(pillar ? { pillar } : {}) });

const VISION_STATE: AssessmentItem = {
  key: 'vision_state',
  type: 'single',
  text: t('在您看来，下面哪一句最符合我们品牌愿景的现状？', 'Which sentence comes closest to how our brand vision stands today, as you see it?'),
  options: [
    { value: 'outdated', label: t('愿景已经过时，不再符合我们的现状和方向', 'It has fallen behind: it no longer fits who we are or where we are heading') },
    { value: 'not_understood', label: t('愿景是有的，但大多数同事说不清它是什么', 'It exists, but most colleagues could not say what it means') },
    { value: 'understood', label: t('大多数同事知道它，也大体理解它', 'Most colleagues know it and broadly get it') },
    { value: 'core_dna', label: t('它已融入我们的基因，每天都在影响我们的工作', 'It is part of who we are and shapes our work every day') },
  ],
};

const PILLAR_ITEMS: Record<Pillar, [string, string][]> = {
  empathy: [
    ['我们经常站在客户的角度审视自己的工作。', 'We often look at our own work through the customer’s eyes.'],
    ['这里的领导会亲自花时间接触客户。', 'Leaders here make time to meet customers in person.'],
    ['做任何改变之前，我们都会想一想客户会有什么感受。', 'Before we change anything, we think about how it will feel to the customer.'],
  ],
  data_driven: [
    ['我能看到自己负责领域的客户反馈分数（如 NPS、满意度）。', 'I can see the customer feedback scores (such as NPS or satisfaction) for my area.'],
    ['我们做决定时，会同时参考客户反馈和运营数据。', 'Our decisions draw on customer feedback and operating data together.'],
    ['我知道如何根据客户反馈采取具体行动。', 'I know how to turn what customers tell us into concrete action.'],
  ],
  all_hands: [
    ['无论什么岗位，这里的每个人都把服务客户当作自己的事。', 'Whatever their job, everyone here treats serving customers as part of it.'],
    ['客户遇到问题时，没有人会说“这不归我们部门管”。', 'When a customer has a problem, nobody answers “that is not my department”.'],
    ['为了解决客户的问题，各部门会主动协作。', 'Departments readily work together to sort out a customer’s problem.'],
  ],
  executive_support: [
    ['客户体验写进了公司的战略。', 'Customer experience is written into our company strategy.'],
    ['有高层领导或专门的委员会明确对客户体验负责。', 'A senior leader or a committee is clearly accountable for customer experience.'],
    ['改善客户体验的工作能得到所需的人力和预算。', 'Work on customer experience gets the people and budget it needs.'],
  ],
  empowerment: [
    ['我有权当场解决客户的问题。', 'I am trusted to settle a customer’s problem on the spot.'],
    ['当流程妨碍客户时，我能很快得到例外处理。', 'When a process gets in the customer’s way, I can get an exception quickly.'],
    ['我拥有把客户服务好所需要的工具和信息。', 'I have the tools and information I need to serve customers well.'],
  ],
  kpis: [
    ['客户体验指标是我工作目标的一部分。', 'Customer experience measures are part of my own goals.'],
    ['客户体验在绩效考核和晋升中确实有分量。', 'How customers experience our work really counts in appraisals and promotions.'],
    ['我清楚自己的工作如何影响我们跟踪的客户指标。', 'I understand how my work moves the customer measures we track.'],
  ],
  rituals: [
    ['我们会定期表彰出色的客户服务。', 'We regularly celebrate outstanding service to customers.'],
    ['对优质服务的认可是真诚的，而不是走过场。', 'Recognition for serving customers well feels sincere, not like a formality.'],
    ['我们会在团队会议上分享客户的故事。', 'We share customer stories in our team meetings.'],
  ],
};

const pillarItem = (pillar: Pillar, n: number): AssessmentItem => {
  const [zh, en] = PILLAR_ITEMS[pillar][n - 1]!;
  return likert(`${pillar}_${n}`, zh, en, pillar);
};
const PILLAR_KEYS = Object.keys(PILLAR_ITEMS) as Pillar[];

const COMMENT_SECTION: AssessmentSection = {
  key: 'comment',
  title: t('您的想法', 'In your own words'),
  items: [{ key: 'comment', type: 'text', text: t('什么最能帮助您更好地服务客户？', 'What would help you most to serve customers better?') }],
};

const VISION_CULTURE_SECTIONS: AssessmentSection[] = [
  {
    key: 'vision_state',
    title: t('我们的品牌愿景', 'Our brand vision'),
    items: [
      VISION_STATE,
      likert('ideal_cx_in_vision', '我们的愿景清楚描述了希望客户获得怎样的体验。', 'Our vision spells out the experience we want our customers to have.'),
      likert('vision_team', '有专门的团队负责品牌愿景，并与品牌管理紧密配合。', 'A dedicated team looks after the brand vision and works hand in hand with brand management.'),
    ],
  },
  {
    key: 'guidance_by_level',
    title: t('愿景是否在指导行动', 'Does the vision guide what people do?'),
    intro: t('对于下面每一类人，愿景在多大程度上影响他们的决定和行为？', 'For each group below, how far does the vision shape their decisions and behaviour?'),
    items: [
      likert('guidance_c_suite', '愿景指导着最高管理层（CEO 及各位 C 级高管）的决定和行为。', 'The vision guides the decisions and behaviour of our top team (the CEO and C-suite).'),
      likert('guidance_executive', '愿景指导着其他高级管理者的决定和行为。', 'The vision guides the decisions and behaviour of our other senior executives.'),
      likert('guidance_manager', '愿景指导着带团队的经理们的决定和行为。', 'The vision guides the decisions and behaviour of managers who lead teams.'),
      likert('guidance_non_manager', '愿景指导着不担任管理职务的员工的决定和行为。', 'The vision guides the decisions and behaviour of colleagues without a management role.'),
      likert('guidance_support', '愿景指导着支持岗位同事（后台、物流、职能部门）的决定和行为。', 'The vision guides the decisions and behaviour of support staff (back office, logistics, shared services).'),
    ],
  },
  {
    key: 'strategy_alignment',
    title: t('愿景与各项战略', 'Vision and strategies'),
    intro: t('下面这些战略与我们的愿景一致到什么程度？', 'How well does each of these strategies follow from our vision?'),
    items: [
      likert('strategy_business', '公司的整体业务战略源于我们的愿景。', 'Our overall business strategy grows out of the vision.'),
      likert('strategy_marketing', '市场营销战略建立在愿景之上。', 'Our marketing strategy is built on the vision.'),
      likert('strategy_cx', '客户体验战略把愿景落到了实处。', 'Our customer experience strategy puts the vision into practice.'),
      likert('strategy_performance', '我们评估绩效的方式体现了愿景。', 'The way we evaluate performance reflects the vision.'),
      likert('strategy_operations', '运营战略与愿景保持一致。', 'Our operations strategy is in line with the vision.'),
      likert('strategy_sales', '销售战略与愿景保持一致。', 'Our sales strategy is in line with the vision.'),
      likert('strategy_it', 'IT 与技术规划服务于愿景。', 'Our IT and technology plans serve the vision.'),
      likert('strategy_recruiting', '招聘时我们会考虑候选人是否认同愿景。', 'When we recruit, we look for people who fit the vision.'),
    ],
  },
  {
    key: 'embedding',
    title: t('愿景落地到哪里', 'Where the vision is built in'),
    intro: t('您在哪些方面看到愿景真正落地了？', 'Where do you see the vision actually built into what we do?'),
    items: [
      likert('embed_advertising', '我们的广告和营销活动传递了愿景。', 'Our advertising and campaigns carry the vision.'),
      likert('embed_products', '我们的产品、服务和解决方案体现了愿景。', 'Our products, services and solutions are shaped by the vision.'),
      likert('embed_structure', '组织架构有助于实现愿景。', 'The way we are organised helps the vision happen.'),
      likert('embed_support', '客户支持的策略和日常做法体现了愿景。', 'Our customer support strategy and daily practice reflect the vision.'),
      likert('embed_operations_hr', '运营规则和员工政策与愿景一致。', 'Operating rules and employee policies are consistent with the vision.'),
      likert('embed_rnd', '选择研发项目时会考虑愿景。', 'Research and development projects are chosen with the vision in mind.'),
      likert('embed_touchpoints', '客户触点的设计和开发以愿景为指引。', 'Customer touchpoints are designed and built with the vision as a guide.'),
    ],
  },
  {
    key: 'ecosystem',
    title: t('合作伙伴与并购', 'Partners and deals'),
    items: [
      likert('eco_partners', '选择合作伙伴和供应商时，我们会考虑愿景。', 'We weigh the vision when we choose partners and suppliers.'),
      likert('eco_mna', '考虑并购时，愿景是重要的判断依据。', 'The vision counts when we consider mergers and acquisitions.'),
    ],
  },
  {
    key: 'pillars',
    title: t('我们的工作方式', 'How we work'),
    intro: t('请想一想您所在的团队和日常工作。', 'Think of your own team and your everyday work.'),
    items: PILLAR_KEYS.flatMap((p) => [1, 2, 3].map((n) => pillarItem(p, n))),
  },
  COMMENT_SECTION,
];

const PULSE_SECTIONS: AssessmentSection[] = [
  {
    key: 'pillars',
    title: t('我们的工作方式', 'How we work'),
    intro: t('请想一想您所在的团队最近几周的情况。', 'Think of your own team over the last few weeks.'),
    items: PILLAR_KEYS.map((p) => pillarItem(p, 1)),
  },
  COMMENT_SECTION,
];

export const BUILT_IN_TEMPLATES: readonly AssessmentTemplate[] = [
  {
    key: 'vision-culture',
    version: 1,
    name: t('愿景与文化评估', 'Vision and culture assessment'),
    builtIn: true,
    basedOn: null,
    sections: VISION_CULTURE_SECTIONS,
    createdAt: null,
  },
  {
    key: 'pulse',
    version: 1,
    name: t('文化脉搏调查', 'Culture pulse'),
    builtIn: true,
    basedOn: null,
    sections: PULSE_SECTIONS,
    createdAt: null,
  },
];

export const isBuiltInTemplate = (key: string): boolean => BUILT_IN_TEMPLATES.some((x) => x.key === key);
