/** Every word of the assessment answer page, in both languages, and its one stylesheet. */
import type { Lang } from '../../../contracts/surveys.ts';
import type { CultureLevel, TenureBand } from '../../../contracts/culture.ts';
import type { InvitationProblem } from './answers.service.ts';

export const TEXT = {
  'zh-CN': {
    otherLang: { lang: 'en', label: 'English' },
    kicker: '匿名调查',
    lead: (minutes: number, sections: number) => `约 ${minutes} 分钟，共 ${sections} 个部分。请回答每一道打分题和选择题，只有最后的开放问题可以不填。`,
    anonTitle: '我们如何保护您的匿名性',
    thresholdGroup: '人及以上的群体才显示结果',
    thresholdComment: '人及以上的群体才显示留言',
    anon: [
      '您的回答保存时不带姓名、不带此链接，也不记录作答时间。',
      '与回答一起保存的只有三项信息：',
      '人数不足的群体，其结果会被隐藏或与其他群体合并；被隐藏的群体与没有数据的群体看起来完全一样。',
      '文字留言会去掉电话、邮箱、证件号等信息，并以随机顺序展示。',
      '以上门槛在调查开放时已经固定，之后不能再调低。',
      '此链接只能提交一次。只有在最后一页点击“提交”后，回答才会被发送；中途关闭页面不会保存任何内容。',
    ],
    facts: { unit: '部门', level: '职级', tenure: '司龄' },
    closes: (day: string) => `调查开放至 ${day}。`,
    start: '开始作答',
    progress: (i: number, n: number) => `第 ${i} 部分，共 ${n} 部分`,
    next: '下一部分',
    back: '上一部分',
    submit: '提交',
    ends: ['非常不同意', '非常同意'],
    skipHint: '请回答每一道选择题和打分题，这样每个群体的结果才覆盖同样的人；最后的开放问题可以不填。',
    textHint: (max: number) => `最多 ${max} 字。请不要写下能认出您或他人的信息。`,
    errorSummary: '请检查以下问题：',
    errorItem: '请回答此题，或检查您的回答',
    thanksTitle: '感谢您的参与！',
    thanksBody: '您的回答已匿名提交。结果只会以群体为单位展示，我们会据此制定改进行动。',
    footer: '本页面不使用 Cookie，也不运行任何脚本。',
    levels: { c_suite: '最高管理层', executive: '其他高管', manager: '经理', non_manager: '一线及非管理岗位', support: '支持岗位' } satisfies Record<CultureLevel, string>,
    tenure: { lt1: '不满 1 年', y1_3: '1–3 年', y3_5: '3–5 年', y5_plus: '5 年及以上' } satisfies Record<TenureBand, string>,
    tenureUnknown: '未记录',
    problems: {
      unknown: ['找不到这份调查', '链接可能不完整或已被新的链接取代。请使用最新收到的链接，或联系发送链接的同事。'],
      answered: ['您已经提交过了', '每个链接只能提交一次。感谢您的参与！'],
      not_open: ['调查尚未开始', '这份调查还没有开放，请稍后再试。'],
      closed: ['调查已结束', '这份调查已停止收集回答。感谢您的关注！'],
    } satisfies Record<InvitationProblem, [string, string]>,
  },
  en: {
    otherLang: { lang: 'zh-CN', label: '中文' },
    kicker: 'Anonymous assessment',
    lead: (minutes: number, sections: number) => `About ${minutes} minutes, ${sections} short sections. Please answer every rating and choice question; only the open question at the end is optional.`,
    anonTitle: 'How your anonymity is protected',
    thresholdGroup: 'minimum group size for results',
    thresholdComment: 'minimum group size for comments',
    anon: [
      'Your answers are saved without your name, without this link and without the time you answered.',
      'Only three facts are kept with them:',
      'Groups below the threshold are hidden or merged with others, and a hidden group looks exactly like one with no data.',
      'Comments are shown in random order, with phone numbers, e-mail addresses and ID numbers removed.',
      'These thresholds were fixed when the assessment opened and cannot be lowered.',
      'This link works once. Nothing is sent until you press Submit on the last section; closing the page before that keeps nothing.',
    ],
    facts: { unit: 'Unit', level: 'Level', tenure: 'Length of service' },
    closes: (day: string) => `Open until ${day}.`,
    start: 'Start',
    progress: (i: number, n: number) => `Section ${i} of ${n}`,
    next: 'Next section',
    back: 'Back',
    submit: 'Submit',
    ends: ['Strongly disagree', 'Strongly agree'],
    skipHint: 'Please answer every rating and choice question, so each group\'s results cover the same people; the open question at the end is optional.',
    textHint: (max: number) => `Up to ${max} characters. Please leave out anything that would identify you or anyone else.`,
    errorSummary: 'Please check these questions:',
    errorItem: 'Please answer this question, or check your answer',
    thanksTitle: 'Thank you for taking part!',
    thanksBody: 'Your answers were sent anonymously. Results are shown only for groups, and we will act on them.',
    footer: 'This page uses no cookies and runs no scripts.',
    levels: { c_suite: 'Top leadership', executive: 'Other executives', manager: 'Managers', non_manager: 'Front line and non-managers', support: 'Support staff' } satisfies Record<CultureLevel, string>,
    tenure: { lt1: 'Under 1 year', y1_3: '1–3 years', y3_5: '3–5 years', y5_plus: '5 years or more' } satisfies Record<TenureBand, string>,
    tenureUnknown: 'not recorded',
    problems: {
      unknown: ['We cannot find this assessment', 'The link may be incomplete or replaced by a newer one. Please use the latest link you received, or ask whoever sent it.'],
      answered: ['You have already answered', 'Each link can be used once. Thank you for taking part!'],
      not_open: ['Not open yet', 'This assessment has not opened yet. Please try again later.'],
      closed: ['This assessment has closed', 'It is no longer taking answers. Thank you for your interest!'],
    } satisfies Record<InvitationProblem, [string, string]>,
  },
} as const satisfies Record<Lang, unknown>;

/**
 * Inlined (one request on a slow phone network) and allowed by its hash in the page's CSP; mobile first,
 * text at 4.5:1 or more, controls at 3:1 or more, tap targets at least 44 px high.
 */
export const CSS = `*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#111827;font:16px/1.55 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:38rem;margin:0 auto;padding:.75rem 1rem 1.5rem}
.top{display:flex;justify-content:space-between;align-items:center;gap:1rem;min-height:2.75rem}
.kicker{color:#0f766e;font-weight:600;font-size:.875rem;letter-spacing:.02em}
.top a,.lnk{color:#1d4ed8;padding:.5rem 0}
h1{font-size:1.375rem;line-height:1.3;margin:.25rem 0 .5rem}
h2{font-size:1.125rem;margin:0 0 .75rem}
.lead{color:#4b5563;margin:0 0 1rem}
.card,.q{background:#fff;border:1px solid #d1d5db;border-radius:12px;padding:1rem;margin:0 0 1rem;min-width:0}
.thr{display:flex;gap:.75rem;margin:0 0 1rem}
.thr div{flex:1 1 0;background:#f0fdfa;border:1px solid #99f6e4;border-radius:10px;padding:.625rem .75rem;font-size:.875rem;color:#134e4a}
.thr b{display:block;font-size:1.75rem;line-height:1.1;color:#0f766e}
.card ul{margin:.25rem 0 0;padding-left:1.25rem}
.card li{margin:.375rem 0}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem;margin:.5rem 0;padding:.5rem .75rem;background:#f9fafb;border-radius:8px}
dt{color:#4b5563}
dd{margin:0;font-weight:600}
legend{float:left;width:100%;padding:0}
.t{display:block;font-weight:600;margin-bottom:.75rem}
.scale{clear:left;display:flex;gap:6px}
.scale label{flex:1 1 0;min-width:0;position:relative}
.scale input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0}
.scale span{display:flex;align-items:center;justify-content:center;height:2.75rem;border:1px solid #6b7280;border-radius:8px;background:#fff;font-weight:600}
.scale input:checked+span{background:#0f766e;border-color:#0f766e;color:#fff}
:focus-visible,.scale input:focus-visible+span{outline:3px solid #1d4ed8;outline-offset:2px}
.ends{display:flex;justify-content:space-between;gap:1rem;font-size:.8125rem;color:#4b5563;margin-top:.375rem}
.opt{clear:left;display:flex;gap:.75rem;align-items:center;padding:.625rem .75rem;border:1px solid #6b7280;border-radius:8px;margin-top:.5rem;min-height:2.75rem}
.opt:has(:checked){border-color:#0f766e;background:#f0fdfa}
.opt input{width:1.25rem;height:1.25rem;margin:0;flex:none;accent-color:#0f766e}
textarea{display:block;width:100%;min-height:7rem;padding:.75rem;border:1px solid #6b7280;border-radius:8px;font:inherit;resize:vertical}
.hint{font-size:.8125rem;color:#4b5563;margin:.375rem 0 0}
button,.btn{display:flex;align-items:center;justify-content:center;width:100%;min-height:3rem;border:1px solid #0f766e;border-radius:10px;background:#0f766e;color:#fff;font:inherit;font-weight:600;text-decoration:none;cursor:pointer}
.nav{display:flex;flex-direction:row-reverse;gap:.75rem}
.nav button{flex:1 1 0}
.nav .back{background:#fff;color:#0f766e}
.top form{margin:0}
.top .lnk{width:auto;min-height:0;border:0;background:none;text-decoration:underline;font-weight:400}
.bad{border:2px solid #b91c1c}
.err{clear:left;color:#b91c1c;font-weight:600;margin:.5rem 0 0}
.sum{border:2px solid #b91c1c;background:#fef2f2;border-radius:12px;padding:.75rem 1rem;margin:0 0 1rem}
.sum p{margin:0}
.sum a{color:#b91c1c}
.prog{display:flex;align-items:center;gap:.75rem;color:#4b5563;font-size:.875rem;margin:0 0 .75rem}
.prog progress{flex:1;height:.5rem;accent-color:#0f766e}
.alt{color:#4b5563;border-top:1px solid #d1d5db;padding-top:.75rem}
.foot{color:#6b7280;font-size:.8125rem;text-align:center;margin:1.5rem 0 0}`;
