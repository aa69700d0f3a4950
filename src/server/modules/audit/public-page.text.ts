/** Every word of the mystery shopper's page, in both languages, and its one stylesheet. */
import type { Lang } from '../../../contracts/surveys.ts';
import type { VisitProblem } from './shopper.service.ts';

export const TEXT = {
  'zh-CN': {
    otherLang: { lang: 'en', label: 'English' },
    kicker: '神秘顾客检查',
    facts: { unit: '检查对象', touchpoint: '触点', due: '计划日期', expires: '链接有效期至' },
    touchpoints: { store: '门店', hotline: '电话客服', home_delivery: '送货上门' } as Record<string, string>,
    lead: '请以普通顾客的身份完成这次体验，然后按实际看到的情况为每一项打分。每个分数下都写明了它代表什么，选最接近的一项即可。',
    scaleHint: '0 = 完全没有做到，4 = 始终做到且超出预期',
    noteLabel: '您看到了什么？（选填）',
    visitNotes: '整体印象与建议（选填）',
    notesHint: (max: number) => `最多 ${max} 字。请不要写下顾客或员工的联系方式。`,
    submit: '提交检查结果',
    once: '此链接只能提交一次，提交后无法修改。',
    errorSummary: '还有未完成的项目，请检查：',
    errorItem: '请为此项选择一个分数',
    thanksTitle: '感谢您完成检查！',
    thanksBody: '您的评分已提交，门店负责人会据此改进服务。此链接现已失效。',
    footer: '本页面不使用 Cookie，也不运行任何脚本。',
    problems: {
      unknown: ['找不到这次检查', '链接可能不完整，或已被新的链接取代。请联系发给您链接的人。'],
      used: ['这次检查已经提交', '每个链接只能提交一次。感谢您的参与！'],
      expired: ['链接已过期', '这个链接已超过有效期。如仍需完成检查，请联系发给您链接的人获取新链接。'],
    } satisfies Record<VisitProblem, [string, string]>,
  },
  en: {
    otherLang: { lang: 'zh-CN', label: '中文' },
    kicker: 'Mystery shopping check',
    facts: { unit: 'Where', touchpoint: 'Touchpoint', due: 'Planned for', expires: 'Link valid until' },
    touchpoints: { store: 'Store', hotline: 'Phone hotline', home_delivery: 'Home delivery' } as Record<string, string>,
    lead: 'Go through the experience as an ordinary customer, then score each point by what you actually saw. Each score says what it stands for: pick the closest one.',
    scaleHint: '0 = not done at all, 4 = always done and beyond expectations',
    noteLabel: 'What did you see? (optional)',
    visitNotes: 'Overall impression and suggestions (optional)',
    notesHint: (max: number) => `At most ${max} characters. Please leave out anyone’s contact details.`,
    submit: 'Submit the check',
    once: 'This link works once; the answers cannot be changed after submitting.',
    errorSummary: 'Some points still need a score:',
    errorItem: 'Choose a score for this point',
    thanksTitle: 'Thank you for completing the check!',
    thanksBody: 'Your scores have been sent; the store’s managers will use them to improve the service. This link no longer works.',
    footer: 'This page uses no cookies and runs no scripts.',
    problems: {
      unknown: ['This check cannot be found', 'The link may be incomplete or replaced by a newer one. Please ask whoever sent it to you.'],
      used: ['This check has been submitted', 'Each link can be used once. Thank you for taking part!'],
      expired: ['This link has expired', 'The link is past its validity. If the check still needs doing, ask whoever sent it for a new link.'],
    } satisfies Record<VisitProblem, [string, string]>,
  },
} satisfies Record<Lang, unknown>;

export const CSS = `*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f4f6f8;color:#1f2937;font:16px/1.55 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif}
main{max-width:40rem;margin:0 auto;padding:.75rem 1rem 1.5rem}
.top{display:flex;justify-content:space-between;align-items:center;gap:1rem;min-height:2.75rem}
.kicker{color:#9a3412;font-weight:600;font-size:.875rem}
.top .lnk{width:auto;min-height:0;border:0;background:none;color:#1d4ed8;text-decoration:underline;font-weight:400;padding:.5rem 0}
h1{font-size:1.375rem;line-height:1.3;margin:.25rem 0 .5rem}
h2{font-size:1.0625rem;margin:1.25rem 0 .5rem;color:#374151}
.lead{color:#4b5563;margin:0 0 .75rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem;margin:0 0 .75rem;padding:.625rem .75rem;background:#fff;border:1px solid #e5e7eb;border-radius:10px}
dt{color:#6b7280}
dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.q,.card{background:#fff;border:1px solid #d1d5db;border-radius:12px;padding:1rem;margin:0 0 .875rem;min-width:0}
legend{float:left;width:100%;padding:0;font-weight:600;margin-bottom:.5rem}
.opt{clear:left;display:flex;gap:.625rem;align-items:flex-start;padding:.5rem .625rem;border:1px solid #9ca3af;border-radius:8px;margin-top:.375rem;min-height:2.75rem}
.opt:has(:checked){border-color:#c2410c;background:#fff7ed}
.opt input{width:1.25rem;height:1.25rem;margin:.125rem 0 0;flex:none;accent-color:#c2410c}
.opt b{flex:none;width:1.25rem;text-align:center}
label.n{display:block;font-size:.875rem;color:#4b5563;margin:.75rem 0 .25rem}
textarea{display:block;width:100%;min-height:4.5rem;padding:.625rem;border:1px solid #9ca3af;border-radius:8px;font:inherit;resize:vertical}
.hint{font-size:.8125rem;color:#6b7280;margin:.375rem 0 0}
button{display:flex;align-items:center;justify-content:center;width:100%;min-height:3rem;border:1px solid #c2410c;border-radius:10px;background:#c2410c;color:#fff;font:inherit;font-weight:600;cursor:pointer}
:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
.bad{border:2px solid #b91c1c}
.err{clear:left;color:#b91c1c;font-weight:600;margin:.5rem 0 0}
.sum{border:2px solid #b91c1c;background:#fef2f2;border-radius:12px;padding:.75rem 1rem;margin:0 0 1rem}
.sum p{margin:0}
.sum a{color:#b91c1c}
.once{font-size:.875rem;color:#4b5563;text-align:center}
.alt{color:#4b5563;border-top:1px solid #d1d5db;padding-top:.75rem}
.foot{color:#6b7280;font-size:.8125rem;text-align:center;margin:1.5rem 0 0}`;
