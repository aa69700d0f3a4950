import type { Lang } from '../../../contracts/surveys.ts';

export type LinkProblem = 'unknown' | 'expired' | 'answered' | 'closed';

/** Every word the public pages show, in both languages (glossary terms: 问卷 survey, 专属链接 personal link). */
export const TEXT = {
  'zh-CN': {
    intro: '约 30 秒 · 您的回答将帮助我们改进服务',
    requiredHint: '带 * 的为必答题',
    submit: '提交',
    next: '下一页',
    back: '上一页',
    progress: (page: number, count: number) => `第 ${page} 页，共 ${count} 页`,
    savedHint: '每一页提交后都会保存，您可以稍后用同一链接继续作答。',
    otherLang: { lang: 'en', label: 'English' },
    ends: { nps: ['不太可能', '非常可能'], csat: ['非常不满意', '非常满意'], ces: ['非常困难', '非常容易'], rating: ['很差', '很好'] },
    errorSummary: '请检查以下问题：',
    errorRequired: '请回答此题',
    errorInvalid: '请检查此题的回答',
    footer: '您的回答仅用于改进我们的服务。',
    thanksTitle: '感谢您的反馈！',
    thanksBody: '您的回答已提交。我们会认真阅读每一条意见，并用它改进服务。',
    problems: {
      unknown: ['找不到这份问卷', '链接可能不完整。请检查链接，或联系发给您链接的商家。'],
      expired: ['链接已过期', '这份问卷已不再通过此链接收集回答。感谢您的关注！'],
      answered: ['您已经回答过这份问卷', '每个专属链接只能提交一次。感谢您的反馈！'],
      closed: ['问卷已结束', '这份问卷已停止收集回答。感谢您的关注！'],
    },
  },
  en: {
    intro: 'About 30 seconds · your answers help us improve',
    requiredHint: 'Questions marked * are required',
    submit: 'Submit',
    next: 'Next',
    back: 'Back',
    progress: (page: number, count: number) => `Page ${page} of ${count}`,
    savedHint: 'Each page is saved as you go: you can finish later with the same link.',
    otherLang: { lang: 'zh-CN', label: '中文' },
    ends: {
      nps: ['Not likely', 'Very likely'],
      csat: ['Very dissatisfied', 'Very satisfied'],
      ces: ['Very difficult', 'Very easy'],
      rating: ['Poor', 'Excellent'],
    },
    errorSummary: 'Please check these questions:',
    errorRequired: 'Please answer this question',
    errorInvalid: 'Please check this answer',
    footer: 'Your answers are used only to improve our service.',
    thanksTitle: 'Thank you for your feedback!',
    thanksBody: 'Your answers have been sent. We read every one and use it to improve.',
    problems: {
      unknown: ['We cannot find this survey', 'The link may be incomplete. Please check it, or contact whoever sent it to you.'],
      expired: ['This link has expired', 'This survey no longer takes answers through this link. Thank you for your interest!'],
      answered: ['You have already answered this survey', 'Each personal link can be used once. Thank you for your feedback!'],
      closed: ['This survey has closed', 'This survey is no longer taking answers. Thank you for your interest!'],
    },
  },
} as const satisfies Record<Lang, unknown>;

/** Names of common touchpoint codes for piping `{{touchpoint}}`; other codes are shown as stored, `_` as spaces. */
export const TOUCHPOINT_NAMES: Record<string, Record<Lang, string>> = {
  store_checkout: { 'zh-CN': '门店收银', en: 'store checkout' },
  checkout: { 'zh-CN': '收银', en: 'checkout' },
  home_delivery: { 'zh-CN': '配送上门', en: 'home delivery' },
  delivery: { 'zh-CN': '配送', en: 'delivery' },
  hotline: { 'zh-CN': '客服热线', en: 'customer hotline' },
  mini_program: { 'zh-CN': '小程序', en: 'mini program' },
  returns: { 'zh-CN': '退换货', en: 'returns' },
};

/**
 * One small stylesheet for every public page, inlined (one request on a slow
 * phone network) and allowed by its hash in the page's CSP. Colours keep text
 * at 4.5:1 or more and control borders at 3:1 or more.
 */
export const CSS = `*{box-sizing:border-box}
body{margin:0;background:#f3f4f6;color:#111827;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:36rem;margin:0 auto;padding:1rem}
.top{display:flex;justify-content:flex-end}
.top a{color:#1d4ed8;padding:.5rem 0}
h1{font-size:1.375rem;line-height:1.3;margin:.25rem 0 .5rem}
.lead{color:#4b5563;margin:0 0 1rem}
.q,.card{background:#fff;border:1px solid #d1d5db;border-radius:12px;padding:1rem;margin:0 0 1rem;min-width:0}
legend{float:left;width:100%;padding:0}
.t{display:block;font-weight:600;margin-bottom:.75rem}
.req{color:#b91c1c}
.scale{clear:left;display:flex;gap:4px}
.scale label{flex:1 1 0;min-width:0;position:relative}
.scale input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0}
.scale span{display:flex;align-items:center;justify-content:center;height:2.75rem;border:1px solid #6b7280;border-radius:8px;background:#fff;font-weight:600}
.scale input:hover+span{background:#eff6ff}
.scale input:checked+span{background:#1d4ed8;border-color:#1d4ed8;color:#fff}
:focus-visible,.scale input:focus-visible+span{outline:3px solid #1d4ed8;outline-offset:2px}
.ends{display:flex;justify-content:space-between;gap:1rem;font-size:.875rem;color:#4b5563;margin-top:.375rem}
.opt{clear:left;display:flex;gap:.75rem;align-items:center;padding:.625rem .75rem;border:1px solid #6b7280;border-radius:8px;margin-top:.5rem}
.opt:has(:checked){border-color:#1d4ed8;background:#eff6ff}
.opt input{width:1.25rem;height:1.25rem;margin:0;flex:none;accent-color:#1d4ed8}
textarea{display:block;width:100%;min-height:6rem;padding:.75rem;border:1px solid #6b7280;border-radius:8px;font:inherit;resize:vertical}
button{width:100%;min-height:3rem;border:0;border-radius:10px;background:#1d4ed8;color:#fff;font:inherit;font-weight:600;cursor:pointer}
button:focus-visible{outline-color:#111827}
.bad{border:2px solid #b91c1c}
.err{clear:left;color:#b91c1c;font-weight:600;margin:.5rem 0 0}
.sum{border:2px solid #b91c1c;background:#fef2f2;border-radius:12px;padding:.75rem 1rem;margin:0 0 1rem}
.sum p{margin:0}
.sum ul{margin:.5rem 0 0;padding-left:1.25rem}
.sum a{color:#b91c1c}
.card{margin-top:2rem}
.card>:last-child{margin-bottom:0}
.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
.alt{color:#4b5563;border-top:1px solid #d1d5db;padding-top:.75rem}
.nav{display:flex;flex-direction:row-reverse;gap:.75rem}
.nav button{flex:1 1 0;border:1px solid #1d4ed8}
.nav .back{background:#fff;color:#1d4ed8}
.top form{margin:0}
.top .lnk{width:auto;min-height:0;background:none;color:#1d4ed8;text-decoration:underline;font-weight:400;padding:.5rem 0}
.prog{display:flex;align-items:center;gap:.75rem;color:#4b5563;font-size:.875rem;margin:0 0 1rem}
.prog progress{flex:1;height:.5rem;accent-color:#1d4ed8}
.foot{color:#4b5563;font-size:.8125rem;text-align:center;margin:1.5rem 0}
@media (max-width:359px){.s11{flex-wrap:wrap}.s11 label{flex:0 0 calc((100% - 20px)/6)}}`;
