/**
 * The review's style sheet: A4 pages (the PDF's margins come from page.pdf,
 * the same as @page's for a browser's own printing), CJK fonts first, a page
 * break before each chapter, nothing split across pages that should not be.
 * On screen the same layout sits on a grey desk as sheets of paper.
 */
export const PAGE_MARGIN = { top: '18mm', right: '14mm', bottom: '16mm', left: '14mm' } as const;

/**
 * Latin faces first, CJK after: each glyph takes the first face that has it. Besides reading better, this keeps
 * Latin text in TrueType faces, which Chromium embeds as compact subsets. The Noto CJK collection has CFF outlines,
 * which Chromium embeds as Type 3 fonts at a fixed cost of a second or two per face used, whatever the number of
 * glyphs; so CJK text uses one face, the regular one, at every weight (`Review CJK`, with no synthetic bold):
 * Chinese headings stand out by size and colour instead, and a PDF prints in about half the time.
 */
export const CJK_FACE_CSS = `@font-face { font-family: 'Review CJK'; src: local('NotoSansCJKsc-Regular'), local('Noto Sans CJK SC Regular'), local('Noto Sans CJK SC'); font-weight: 100 900; }`;
export const FONT_STACK = `'Helvetica Neue', Arial, 'Liberation Sans', 'Review CJK', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif`;

export const REVIEW_CSS = `
${CJK_FACE_CSS}
@page { size: A4; margin: ${PAGE_MARGIN.top} ${PAGE_MARGIN.right} ${PAGE_MARGIN.bottom} ${PAGE_MARGIN.left}; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT_STACK}; font-synthesis: none; font-size: 10.5pt; line-height: 1.5; color: #262626; background: #f0f2f5; }
.sheet { width: 210mm; margin: 16px auto; padding: ${PAGE_MARGIN.top} ${PAGE_MARGIN.right} ${PAGE_MARGIN.bottom} ${PAGE_MARGIN.left}; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.12); }
@media print {
  body { background: #fff; }
  .sheet { width: auto; margin: 0; padding: 0; box-shadow: none; }
}
header.cover { border-bottom: 3px solid #1d39c4; padding-bottom: 10px; margin-bottom: 14px; }
header.cover .org { font-size: 10pt; color: #595959; letter-spacing: .02em; }
header.cover h1 { margin: 2px 0 4px; font-size: 21pt; line-height: 1.25; color: #10239e; }
header.cover h1 .month { color: #262626; font-weight: 400; }
header.cover .meta { font-size: 9pt; color: #8c8c8c; display: flex; gap: 16px; flex-wrap: wrap; }
.notice { margin: 8px 0; padding: 6px 10px; border-left: 3px solid #faad14; background: #fffbe6; font-size: 9pt; }
section { margin-bottom: 14px; }
section.chapter { break-before: page; }
.block { break-inside: avoid; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
h2 { font-size: 13.5pt; margin: 0 0 8px; padding-bottom: 4px; color: #10239e; border-bottom: 1px solid #d6e4ff; break-after: avoid; }
h3 { font-size: 11pt; margin: 12px 0 6px; color: #262626; break-after: avoid; }
p { margin: 4px 0 8px; }
.note { font-size: 8.5pt; color: #8c8c8c; margin-top: 4px; }
.empty { color: #8c8c8c; font-style: italic; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; }
.card { border: 1px solid #e8e8e8; border-radius: 6px; padding: 8px 10px; break-inside: avoid; min-height: 86px; }
.card .label { font-size: 8.5pt; color: #595959; }
.card .value { font-size: 17pt; font-weight: 600; line-height: 1.3; color: #10239e; }
.card .value small { font-size: 9pt; font-weight: 400; color: #8c8c8c; }
.card .change { font-size: 8.5pt; white-space: nowrap; }
.card .n { font-size: 8pt; color: #8c8c8c; }
.up { color: #389e0d; } .down { color: #cf1322; } .flat { color: #8c8c8c; }
.sig { display: inline-block; padding: 0 4px; border-radius: 3px; font-size: 7.5pt; margin-left: 4px; }
.sig.yes { background: #f6ffed; color: #389e0d; border: 1px solid #b7eb8f; }
.sig.no { background: #fafafa; color: #8c8c8c; border: 1px solid #e8e8e8; }
figure { margin: 6px 0 10px; break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; margin: 4px 0 8px; }
thead { display: table-header-group; }
th { text-align: left; font-weight: 600; color: #595959; background: #fafafa; border-bottom: 1px solid #e8e8e8; padding: 4px 6px; }
td { border-bottom: 1px solid #f0f0f0; padding: 4px 6px; vertical-align: top; }
tr { break-inside: avoid; }
.num { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.tag { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 8pt; white-space: nowrap; border: 1px solid #d9d9d9; background: #fafafa; }
.tag.good { color: #389e0d; border-color: #b7eb8f; background: #f6ffed; }
.tag.warn { color: #d48806; border-color: #ffe58f; background: #fffbe6; }
.tag.bad { color: #cf1322; border-color: #ffa39e; background: #fff1f0; }
.bar { position: relative; display: inline-block; width: 90px; height: 8px; border-radius: 4px; background: #f0f0f0; vertical-align: middle; margin-right: 6px; }
.bar b { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 4px; background: #2f54eb; }
.bar .expected { position: absolute; top: -3px; width: 2px; height: 14px; background: #262626; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.quote { margin: 6px 0; padding: 6px 10px; border-left: 3px solid #faad14; background: #fffdf5; break-inside: avoid; }
.quote .who { display: block; font-size: 8.5pt; color: #8c8c8c; margin-top: 2px; }
.stats { display: flex; gap: 8px; flex-wrap: wrap; margin: 4px 0 8px; }
.stat { border: 1px solid #e8e8e8; border-radius: 6px; padding: 4px 10px; font-size: 9pt; }
.stat b { font-size: 12pt; color: #10239e; margin-right: 4px; }
`;
