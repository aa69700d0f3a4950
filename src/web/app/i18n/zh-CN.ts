import type { Messages } from './en.ts';
import { zhCN as surveys } from '../../features/surveys/strings.ts';
import { zhCN as responses } from '../../features/responses/strings.ts';
import { zhCN as distribution } from '../../features/distribution/strings.ts';
import { zhCN as workbench } from '../../features/workbench/strings.ts';
import { zhCN as recognition } from '../../features/recognition/strings.ts';
import { zhCN as dashboards } from '../../features/dashboards/strings.ts';
import { zhCN as board } from '../../features/board/strings.ts';
import { zhCN as webhooks } from '../../features/webhooks/strings.ts';
import { zhCN as chatRobots } from '../../features/chat-robots/strings.ts';
import { zhCN as improvements } from '../../features/improvements/strings.ts';
import { zhCN as journeys } from '../../features/journeys/strings.ts';
import { zhCN as textAnalytics } from '../../features/text-analytics/strings.ts';
import { zhCN as culture } from '../../features/culture/strings.ts';
import { zhCN as partners } from '../../features/partners/strings.ts';
import { zhCN as frontline } from '../../features/frontline/strings.ts';
import { zhCN as learning } from '../../features/learning/strings.ts';
import { zhCN as explainers } from '../../shared/ui/figure-explainer.strings.ts';
import { zhCN as noAccess } from '../../shared/ui/no-access.strings.ts';
import { zhCN as governance } from '../../features/governance/strings.ts';
import { zhCN as audit } from '../../features/audit/strings.ts';
import { zhCN as reports } from '../../features/reports/strings.ts';
import { zhCN as identity } from '../../features/identity/strings.ts';
import { zhCN as privacy } from '../../features/privacy/strings.ts';

/** 简体中文界面文案；术语与 GLOSSARY.md 一致。键集合必须与 en.ts 完全相同（由类型检查保证）。 */
export const zhCN: Messages = {
  brand: {
    name: 'Lodestar 北极星',
    tagline: '让客户体验终极目标落实到每天的工作中',
  },
  common: {
    save: '保存',
    cancel: '取消',
    create: '新建',
    edit: '编辑',
    actions: '操作',
    yes: '是',
    no: '否',
    none: '—',
    retry: '重试',
    loadFailed: '数据加载失败',
    saved: '已保存',
    created: '已创建',
    total: '共 {{count}} 条',
    searchByName: '按名称搜索',
  },
  nav: {
    organisation: '组织',
    units: '组织架构',
    positions: '岗位',
    employees: '员工',
  },
  header: {
    language: '语言',
    logout: '退出登录',
    loggedOut: '已退出登录',
    signedInAs: '当前登录',
  },
  roles: {
    admin: '管理员',
    manager: '经理',
    employee: '员工',
    partner: '合作伙伴',
  },
  login: {
    title: '登录',
    subtitle: '人人参与的体验管理',
    email: '邮箱',
    emailRequired: '请输入邮箱',
    password: '密码',
    passwordRequired: '请输入密码',
    org: '组织',
    orgHelp: '组织标识，仅当您的邮箱属于多个组织时需要填写',
    optional: '选填',
    submit: '登录',
    failed: '登录失败',
  },
  units: {
    title: '组织架构',
    subtitle: '组织单元树：公司、大区、部门、门店与团队',
    tree: '组织单元树',
    empty: '暂无组织单元',
    selectHint: '在左侧选择一个组织单元，查看详情及其员工',
    details: '单元详情',
    name: '名称',
    nameEn: '英文名称',
    kind: '类型',
    parent: '上级单元',
    noParent: '无（顶级单元）',
    employees: '本单元及下级单元的员工',
    addChild: '添加下级单元',
    addRoot: '添加顶级单元',
    edit: '编辑单元',
    nameRequired: '请输入名称',
    kindRequired: '请选择类型',
    kinds: {
      company: '公司',
      region: '大区',
      department: '部门',
      store: '门店',
      team: '团队',
    },
  },
  positions: {
    title: '岗位',
    subtitle: '岗位及其补偿客户的授权额度',
    name: '名称',
    nameEn: '英文名称',
    authorityLimit: '授权额度',
    compensationLimit: '单个工单补偿上限',
    currency: '币种',
    compensationTypes: '补偿方式',
    exemptionAllowed: '流程豁免',
    exemptionAllowedHelp: '可为客户突破流程规则，并在 24 小时内报备',
    allowed: '允许',
    notAllowed: '不允许',
    create: '新建岗位',
    edit: '编辑岗位',
    nameRequired: '请输入名称',
    limitRequired: '请输入额度',
    types: {
      refund: '退款',
      voucher: '代金券',
      upgrade: '升级',
      gift: '礼品',
    },
  },
  employees: {
    title: '员工',
    subtitle: '员工及其所属单元、岗位和直属上级',
    name: '姓名',
    email: '邮箱',
    emailInvalid: '请输入有效的邮箱地址',
    unit: '所属单元',
    position: '岗位',
    manager: '直属上级',
    noManager: '无直属上级',
    filterByUnit: '按单元筛选（含下级单元）',
    create: '新建员工',
    edit: '编辑员工',
    nameRequired: '请输入姓名',
    unitRequired: '请选择所属单元',
    positionRequired: '请选择岗位',
  },
  surveys,
  responses,
  distribution,
  workbench,
  recognition,
  dashboards,
  board,
  webhooks,
  chatRobots,
  improvements,
  journeys,
  textAnalytics,
  culture,
  partners,
  frontline,
  learning,
  explainers,
  noAccess,
  governance,
  audit,
  reports,
  identity,
  privacy,
  errors: {
    invalid_credentials: '邮箱或密码错误',
    organisation_required: '该邮箱属于多个组织，请填写组织标识',
    rate_limited: '尝试次数过多，请稍等一分钟后再试',
    unauthorized: '登录已失效，请重新登录',
    csrf_failed: '页面已过期，请刷新后重试',
    forbidden: '您没有执行此操作的权限',
    not_found: '该记录已不存在，请刷新页面',
    conflict: '已存在相同的记录',
    network_error: '无法连接服务器，请检查网络',
    insufficient_points: '积分不足，无法兑换该奖励',
    monthly_cap_exceeded: '超出本月可奖励积分上限',
    already_voted: '你已为这个创意投过票',
    invalid_transition: '该创意当前状态不能变更为所选状态',
    already_awarded: '该奖项已评出',
    period_not_over: '该评选周期尚未结束',
    already_owned: '已有同事先认领了这张工单',
    claim_first: '请先认领这张工单再处理',
    not_owner: '只有工单负责人或经理可以转交',
    employee_left: '这位同事已离职',
    personal_only: '请用你本人的账号登录后使用关怀支持',
    unsupported_photo: '照片须为 JPEG、PNG 或 WebP 格式',
    photo_too_large: '照片太大',
    already_flagged: '你已标记过这张工单',
    invalid_supporter: '请选择其他人求助',
  },
  notFound: {
    title: '页面不存在',
    description: '您访问的页面不存在或已被移动。',
    backHome: '返回首页',
  },
};
