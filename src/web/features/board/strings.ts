/** This feature's UI strings in both languages; zhCN must have exactly en's keys (checked by the type and by i18n.test.ts). */
export const en = {
  title: 'Public board',
  loading: 'Loading…',
  gone: 'This board link is no longer valid',
  overall: 'Overall',
  teams: 'Teams',
  metrics: { nps: 'NPS', csat: 'Satisfaction (CSAT)', ces: 'Effort (CES)' },
  answers: '{{count}} answers',
  tooFew: 'too few answers',
  period: 'Last {{count}} days',
  updated: 'Updated {{time}}',
  stale: 'Connection lost: showing the last figures',
  footnote: 'Aggregates only. A figure over fewer than {{min}} answers is not shown.',
};

export const zhCN: typeof en = {
  title: '公开看板',
  loading: '加载中…',
  gone: '此看板链接已失效',
  overall: '总体',
  teams: '各团队',
  metrics: { nps: '净推荐值', csat: '满意度', ces: '费力度' },
  answers: '{{count}} 份回答',
  tooFew: '样本不足',
  period: '最近 {{count}} 天',
  updated: '更新于 {{time}}',
  stale: '连接中断：显示的是最近一次的数据',
  footnote: '仅显示汇总数据；少于 {{min}} 份回答的数值不予显示。',
};
