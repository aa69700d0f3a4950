/** Every word of the partner report page, in both languages, and its one stylesheet. */
import type { PartnerKind } from '../../../contracts/partners.ts';
import type { Lang } from '../../../contracts/surveys.ts';

type Sentiment = 'positive' | 'neutral' | 'negative';

export const TEXT = {
  'zh-CN': {
    otherLang: { lang: 'en', label: 'English' },
    kicker: '合作伙伴报告',
    lockedTitle: '此报告需要访问码',
    lockedLead: '请输入与链接一起收到的访问码。解锁后 30 分钟内有效，只对本链接有效。',
    passcode: '访问码',
    unlock: '查看报告',
    wrongPasscode: (left: number) => (left > 0 ? `访问码不正确，还可以再试 ${left} 次。` : '访问码不正确。'),
    tooMany: (minutes: number) => `错误次数过多，此链接已暂时锁定。请在 ${minutes} 分钟后再试。`,
    reportFor: (org: string) => `${org} 为您整理的客户反馈`,
    period: (from: string, to: string) => `${from} 至 ${to}`,
    periods: (days: number) => `近 ${days} 天`,
    periodLabel: '时间范围',
    kinds: { supplier: '供应商', franchisee: '加盟商', logistics: '物流伙伴', vendor: '服务商' } satisfies Record<PartnerKind, string>,
    nps: '净推荐值 (NPS)',
    csat: '客户满意度 (CSAT)',
    answers: (n: number) => `${n} 份回答`,
    previous: (v: string) => `上一期 ${v}`,
    tooFewAnswers: (min: number) => `回答不足 ${min} 份，暂不显示`,
    themes: '顾客谈到的主题',
    themesNone: '本期还没有被多次提及的主题。',
    mentions: (n: number, pos: number, neg: number) => `${n} 次提及 · ${pos} 正面 · ${neg} 负面`,
    verbatims: '顾客原话',
    verbatimsNote: '已去除电话、邮箱、证件号码和姓名；按随机顺序排列。',
    tooFewComments: (n: number, min: number) => `本期共有 ${n} 条留言。至少有 ${min} 条留言时才显示原话，以保护顾客隐私。`,
    sentiment: { positive: '正面', neutral: '中性', negative: '负面' } satisfies Record<Sentiment, string>,
    ideaTitle: '您的改进建议',
    ideaLead: '看完反馈后，您打算如何改进？您的建议会进入我们的创意看板，并标注为合作伙伴建议。',
    ideaName: '标题',
    ideaBody: '说明（选填）',
    ideaSubmit: '提交建议',
    ideaSent: '谢谢！您的建议已提交。',
    ideaMissing: '请填写建议标题。',
    yourIdeas: '您已提交的建议',
    ideaStatus: { open: '待处理', under_review: '评估中', accepted: '已采纳', in_progress: '实施中', implemented: '已实施', declined: '未采纳', duplicate: '重复' } as Record<string, string>,
    replyTitle: '您对本期反馈的回应',
    replyLead: '读完本期反馈后，您会做出哪些改变？我们会在报告旁看到您的回应。',
    replyBody: '我们将改变的做法',
    replySubmit: '提交回应',
    replySent: '谢谢！您的回应已送达。',
    replyMissing: '请写下您的回应。',
    yourReplies: '您之前的回应',
    replyPeriod: (days: number, on: string) => `针对近 ${days} 天的报告 · ${on}`,
    print: '打印本页时不会包含表单。',
    footer: '本页面不运行任何脚本。报告只包含与您相关的反馈，不含顾客或员工的身份信息。',
    problems: {
      unknown: ['找不到这份报告', '链接可能不完整，或已被撤销。请联系向您发送链接的人。'],
      expired: ['链接已过期', '这份报告的链接已经过期。如需继续查看，请联系向您发送链接的人获取新链接。'],
    } as Record<'unknown' | 'expired', [string, string]>,
  },
  en: {
    otherLang: { lang: 'zh-CN', label: '中文' },
    kicker: 'Partner report',
    lockedTitle: 'This report needs a passcode',
    lockedLead: 'Enter the passcode you received with the link. Once unlocked it works for 30 minutes, on this link only.',
    passcode: 'Passcode',
    unlock: 'View report',
    wrongPasscode: (left: number) => (left > 0 ? `That passcode is wrong; ${left} more ${left === 1 ? 'try' : 'tries'} left.` : 'That passcode is wrong.'),
    tooMany: (minutes: number) => `Too many wrong passcodes: this link is locked for now. Try again in ${minutes} min.`,
    reportFor: (org: string) => `Customer feedback prepared for you by ${org}`,
    period: (from: string, to: string) => `${from} to ${to}`,
    periods: (days: number) => `${days} days`,
    periodLabel: 'Period',
    kinds: { supplier: 'Supplier', franchisee: 'Franchisee', logistics: 'Logistics partner', vendor: 'Vendor' } satisfies Record<PartnerKind, string>,
    nps: 'Net Promoter Score (NPS)',
    csat: 'Customer satisfaction (CSAT)',
    answers: (n: number) => `${n} ${n === 1 ? 'answer' : 'answers'}`,
    previous: (v: string) => `previous period ${v}`,
    tooFewAnswers: (min: number) => `shown from ${min} answers`,
    themes: 'What customers talk about',
    themesNone: 'No theme was mentioned more than once in this period.',
    mentions: (n: number, pos: number, neg: number) => `${n} mentions · ${pos} positive · ${neg} negative`,
    verbatims: 'In customers’ words',
    verbatimsNote: 'Phone numbers, e-mail addresses, ID numbers and names removed; shown in random order.',
    tooFewComments: (n: number, min: number) => `There ${n === 1 ? 'is 1 comment' : `are ${n} comments`} in this period. Customers’ own words are shown from ${min} comments on, to protect their privacy.`,
    sentiment: { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' } satisfies Record<Sentiment, string>,
    ideaTitle: 'Your improvement idea',
    ideaLead: 'Having read the feedback, what will you change? Your idea goes onto our idea board, marked as a partner’s.',
    ideaName: 'Title',
    ideaBody: 'Details (optional)',
    ideaSubmit: 'Send idea',
    ideaSent: 'Thank you! Your idea has been sent.',
    ideaMissing: 'Please give your idea a title.',
    yourIdeas: 'Ideas you have sent',
    ideaStatus: { open: 'Open', under_review: 'Under review', accepted: 'Accepted', in_progress: 'In progress', implemented: 'Implemented', declined: 'Declined', duplicate: 'Duplicate' } as Record<string, string>,
    replyTitle: 'Your response to this period',
    replyLead: 'Having read this period’s feedback, what will you change? We read your response beside the report.',
    replyBody: 'What we will change',
    replySubmit: 'Send response',
    replySent: 'Thank you! Your response has been delivered.',
    replyMissing: 'Please write your response.',
    yourReplies: 'Your earlier responses',
    replyPeriod: (days: number, on: string) => `On the ${days}-day report · ${on}`,
    print: 'Printing this page leaves the forms out.',
    footer: 'This page runs no scripts. The report holds only feedback about your work, without any customer’s or employee’s identity.',
    problems: {
      unknown: ['Report not found', 'The link may be incomplete, or it has been revoked. Please ask the person who sent it to you.'],
      expired: ['This link has expired', 'The link to this report has expired. Ask the person who sent it to you for a new one.'],
    } as Record<'unknown' | 'expired', [string, string]>,
  },
} satisfies Record<Lang, unknown>;

/** Phone first: one column, large touch targets; wider screens get two metric cards side by side. Forms are left out of print. */
export const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2933;background:#f4f6f8}
main{max-width:760px;margin:0 auto;padding:16px}
.top{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between;margin-bottom:8px}
.kicker{font-size:13px;font-weight:600;letter-spacing:.04em;color:#0b6e99;text-transform:uppercase}
a{color:#0b6e99}h1{font-size:24px;line-height:1.3;margin:8px 0 4px}h2{font-size:18px;margin:0 0 12px}
.sub{color:#52606d;margin:0 0 16px}.tag{display:inline-block;font-size:13px;padding:1px 8px;border-radius:10px;background:#e3f1f8;color:#0b6e99;margin-left:6px;vertical-align:middle}
.card{background:#fff;border-radius:12px;padding:16px;margin:0 0 16px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.periods{display:flex;gap:8px;flex-wrap:wrap;margin:0 0 16px}.periods a{padding:8px 14px;border-radius:18px;background:#fff;text-decoration:none;border:1px solid #cbd2d9;min-height:40px}
.periods a[aria-current]{background:#0b6e99;color:#fff;border-color:#0b6e99}
.metrics{display:grid;grid-template-columns:1fr;gap:16px;margin:0 0 16px}@media(min-width:560px){.metrics{grid-template-columns:1fr 1fr}}
.metric{margin:0}.metric b{display:block;font-size:40px;line-height:1.1;margin:4px 0}.metric small,.muted{color:#616e7c;font-size:14px}
.up{color:#1b7f3b}.down{color:#b42318}
.theme{margin:0 0 12px}.theme .bar{height:10px;min-width:8px;border-radius:5px;background:#e4e7eb;display:flex;overflow:hidden;margin:4px 0}.theme .bar i{flex:none}
.theme .pos{background:#2f9e58}.theme .neu{background:#9aa5b1}.theme .neg{background:#d64545}
blockquote{margin:0 0 12px;padding:10px 12px;border-left:4px solid #9aa5b1;background:#f9fafb;border-radius:0 8px 8px 0}
blockquote.positive{border-color:#2f9e58}blockquote.negative{border-color:#d64545}blockquote span{display:block;font-size:13px;color:#616e7c}
label{display:block;font-weight:600;margin:12px 0 4px}input[type=password],input[type=text],textarea{width:100%;font:inherit;padding:10px 12px;border:1px solid #9aa5b1;border-radius:8px}
button{font:inherit;font-weight:600;margin-top:12px;min-height:44px;padding:10px 20px;border:0;border-radius:8px;background:#0b6e99;color:#fff;cursor:pointer;width:100%}
@media(min-width:560px){button{width:auto}}
.err{color:#b42318;font-weight:600}.ok{color:#1b7f3b;font-weight:600}.alt{color:#52606d;border-top:1px solid #e4e7eb;padding-top:12px}
ul.ideas{padding-left:20px;margin:12px 0 0}h2.spaced{margin-top:16px}${Array.from({ length: 21 }, (_, i) => `.w${i * 5}{width:${i * 5}%}`).join('')}.foot{color:#616e7c;font-size:13px;margin:24px 0}
@media print{form,.periods,.top a,.noprint{display:none}body{background:#fff}.card{box-shadow:none;border:1px solid #cbd2d9}}`;
