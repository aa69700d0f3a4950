/**
 * The demo's experience audit: what the baseline found (score, evidence, who owns the gap) and where the
 * re-audit three months later stood. Items not listed score 2 in both; owners are demo employee keys.
 */
export interface DemoFinding {
  baseline: number;
  reaudit: number;
  evidence?: string;
  links?: string[];
  owner?: string;
}

export const FINDINGS: Record<string, DemoFinding> = {
  brand_guidelines: { baseline: 3, reaudit: 3, evidence: '《星辰零售品牌手册》2024 版覆盖门店物料与线上页面，新物料上线前由市场部核对。', links: ['https://wiki.xingchen.example/brand/handbook'] },
  brand_promise: { baseline: 1, reaudit: 3, evidence: '抽问 12 名一线员工，只有 3 人能说出“当日达、有问题当场解决”。复审时 10 人能说出。', owner: 'lin' },
  brand_consistency: { baseline: 2, reaudit: 2, evidence: '外包热线的开场白与门店不一致。', owner: 'he' },
  channel_store: { baseline: 3, reaudit: 3, evidence: '门店服务标准已统一，店长每周抽查；神秘顾客按月检查。' },
  channel_web: { baseline: 2, reaudit: 2, evidence: '手机端门店查询页加载慢（4 秒以上）。', owner: 'he' },
  channel_app: { baseline: 2, reaudit: 3, evidence: '小程序差评无人回复；复审时已由客服组每日回复。', links: ['https://wiki.xingchen.example/app/review-replies'], owner: 'he' },
  channel_phone: { baseline: 1, reaudit: 2, evidence: '晚高峰平均等待 4 分 20 秒，转接两次以上占 18%。', owner: 'huang' },
  channel_delivery: { baseline: 1, reaudit: 3, evidence: '晚高峰准时率 81%；送达前不联系客户。复审：弹性排班后准时率 94%，送达前短信通知。', owner: 'zhou' },
  channel_returns: { baseline: 1, reaudit: 3, evidence: '退货需客户先打热线再到店，平均联系 2.6 次。', owner: 'chen' },
  channel_social: { baseline: 2, reaudit: 2, evidence: '点评平台回复平均 3 天。', owner: 'he' },
  analytics_feedback: { baseline: 2, reaudit: 4, evidence: '基线时只有门店结账后有回访；复审时配送、热线、小程序都在交互后即时邀请，并有打扰频率控制。', owner: 'he' },
  analytics_journey: { baseline: 2, reaudit: 3, evidence: '“下单到收货”旅程已定义关键时刻和目标。', owner: 'he' },
  analytics_xo: { baseline: 1, reaudit: 2, evidence: '回访结果无法关联订单与配送记录。', owner: 'he' },
  tech_customer_view: { baseline: 2, reaudit: 2, evidence: '会员系统与配送系统仍分开，店员需切换两个界面。', owner: 'lin' },
  tech_closed_loop: { baseline: 2, reaudit: 3, evidence: '贬损者自动生成工单，24 小时内首次响应。', owner: 'he' },
  comm_internal: { baseline: 2, reaudit: 3, evidence: '晨会开始读前一天的客户原话；表扬墙上线。', owner: 'zhou' },
  comm_customer: { baseline: 0, reaudit: 1, evidence: '从未公开过“您说，我们做”。复审：小程序首页发布了第一期。', owner: 'lin' },
  seo_search: { baseline: 3, reaudit: 3, evidence: '主要搜索引擎与电商平台信息准确。' },
  seo_listings: { baseline: 3, reaudit: 2, evidence: '复审时发现两家门店在地图上的营业时间未随冬季调整。', owner: 'huang' },
  comp_benchmark: { baseline: 1, reaudit: 2, evidence: '仅凭印象比较；复审时已对两家竞品做了神秘顾客对标。', owner: 'lin' },
  comp_monitoring: { baseline: 2, reaudit: 2, owner: 'he' },
};

/** Gaps of the baseline that became improvement projects. */
export const GAP_PROJECTS = ['channel_returns', 'channel_delivery'];

/** Shoppers' notes for a low score on a mystery-shopping item. */
export const VISIT_NOTES: Record<string, string[]> = {
  greeting: ['进店两分钟没人打招呼，店员在整理货架。', '店员在聊天，看到我才停下。'],
  needs_discovery: ['直接推荐了最贵的款式，没有问用途。'],
  wait_time: ['结账排了 9 分钟，只开了一个收银台。', '等了 7 分钟，没人解释。'],
  cleanliness: ['试用区台面有污渍，价签缺了三处。'],
  complaint_handling: ['提出商品有划痕，店员说“下单时没说”，让我找客服。', '请主管处理，等了 10 分钟。'],
  answer_speed: ['等待 3 分 40 秒才接通。'],
  accuracy: ['退货时限说成 15 天，实际是 7 天。'],
  on_time: ['比约定时间晚了 1 小时 40 分。'],
  advance_notice: ['到门口才打电话。'],
  returns_offer: ['让我自己打客服电话退货。'],
};
