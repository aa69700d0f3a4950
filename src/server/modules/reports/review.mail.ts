/** The words of the monthly review e-mail, in the subscriber's language, with the headline figures in the text itself. */
import type { Lang } from '../../../contracts/surveys.ts';
import { DIGITS, formatChange, formatNumber } from './review.format.ts';
import { reviewCaption } from './review.html.ts';
import type { MonthlyReview } from './review.service.ts';
import { REVIEW_TEXT } from './review.text.ts';

const WORDS = {
  'zh-CN': {
    greeting: '您好！',
    attached: (org: string, month: string, scope: string) => `附件是${org}${month}的月度体验回顾（${scope}），按您本人的数据范围生成。`,
    pdfMissing: 'PDF 暂时无法生成（服务器缺少无头 Chromium 或中文字体），附件是同一份回顾的 HTML 版本，可用浏览器打开并打印。',
    headline: '核心指标：',
    closing: '如需停止接收或更改语言，请联系贵公司的 Lodestar 管理员。',
  },
  en: {
    greeting: 'Hello,',
    attached: (org: string, month: string, scope: string) => `Attached is ${org}'s monthly experience review for ${month} (${scope}), prepared with your own data scope.`,
    pdfMissing: 'The PDF could not be produced this time (the server lacks headless Chromium or CJK fonts), so the same review is attached as HTML: open it in a browser to read or print it.',
    headline: 'Headline metrics:',
    closing: 'To stop receiving it or change its language, ask your Lodestar administrator.',
  },
} as const;

export function reviewMail(review: MonthlyReview, lang: Lang, hasPdf: boolean): { subject: string; text: string } {
  const t = REVIEW_TEXT[lang];
  const w = WORDS[lang];
  const caption = reviewCaption(review, lang);
  const figures = review.headline
    .filter(({ metric }) => metric === 'nps' || metric === 'csat' || metric === 'ces')
    .map(({ metric, result }) => {
      const digits = DIGITS[metric] ?? 1;
      const value = result.rows[0]?.value ?? null;
      const change = result.comparison?.change ?? null;
      return `- ${t.metrics[metric]}: ${value === null ? t.noData : `${formatNumber(value, digits, lang)}${t.suffix[metric]}`} (${t.changeVsBefore} ${formatChange(change, digits, lang)})`;
    });
  const text = [w.greeting, '', w.attached(caption.org, caption.month, caption.scope), ...(hasPdf ? [] : ['', w.pdfMissing]), '', w.headline, ...figures, '', w.closing].join('\n');
  return { subject: `${t.title} · ${caption.month} · ${caption.org}`, text };
}
