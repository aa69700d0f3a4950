/**
 * "How to read this" for the figures the dashboards and culture pages show: what the figure means in plain words
 * and one worked example. Both languages side by side; zhCN must have exactly en's keys (i18n.test.ts checks).
 */
export const en = {
  label: 'How to read {{figure}}',
  example: 'Example:',
  nps: {
    title: 'NPS (Net Promoter Score)',
    what: 'Customers answer “How likely are you to recommend us?” from 0 to 10. Those giving 9 or 10 are promoters, 7 or 8 passives, 0 to 6 detractors. NPS is the percentage of promoters minus the percentage of detractors, so it runs from −100 (everyone a detractor) to +100 (everyone a promoter). Passives count in the total but in neither group. Follow its trend and compare like with like: a single value says little on its own.',
    example: 'Of 200 answers, 110 gave 9–10 (55 %), 60 gave 7–8 and 30 gave 0–6 (15 %). NPS = 55 − 15 = 40.',
  },
  marginOfError: {
    title: 'Margin of error (95 %)',
    what: 'A score measured on the customers who answered is an estimate of the score of all customers. The shaded band shows where the true value most likely lies: if we asked new samples the same way 100 times, about 95 of the bands would contain it. Fewer answers give a wider band. When the bands of two months overlap a lot, do not read much into the gap between them.',
    example: 'An NPS of 40 from 200 answers has a margin of about ±10, so the true NPS is most likely between 30 and 50. The same 40 from only 50 answers would be about ±20: anywhere between 20 and 60.',
  },
  significance: {
    title: 'Significant change',
    what: 'The figure is compared with the previous period of the same length. “Significant” means the change is larger than chance alone would easily produce with this many answers: if nothing had really changed, a difference this big would turn up less than 1 time in 20 (p below 0.05). “Not significant” does not mean nothing changed, only that the data cannot yet tell it apart from noise. A significant change can still be small, so look at its size too.',
    example: 'NPS went from 35 to 41 (+6). With 150 answers in each period, p ≈ 0.47: not significant, wait for more answers. With 3,000 answers in each period, the same +6 gives p ≈ 0.001: significant.',
  },
  favourable: {
    title: '% favourable',
    what: 'Each statement is answered from 1 (strongly disagree) to 5 (strongly agree). % favourable is the share of answers of 4 or 5. It is easy to explain but does not show how strongly the others disagree, so read it beside the index.',
    example: '20 people answer: six give 5, eight give 4, three give 3, two give 2 and one gives 1. Favourable = (6 + 8) ÷ 20 = 70 %.',
  },
  index: {
    title: 'Index (0–100)',
    what: 'The index turns every answer into a value from 0 to 100 (1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100) and takes the average, so every answer counts, the lukewarm and the unhappy ones too. The maturity stages are bands of the index: Investigate 0–20, Initiate 20–40, Mobilise 40–60, Scale 60–80, Embed 80–100.',
    example: 'The same 20 answers: (6 × 100 + 8 × 75 + 3 × 50 + 2 × 25 + 1 × 0) ÷ 20 = 70. Had the three neutral answers been 1s instead, favourable would still be 70 % but the index would drop to 62.5.',
  },
};

export const zhCN: typeof en = {
  label: '如何解读：{{figure}}',
  example: '示例：',
  nps: {
    title: '净推荐值（NPS）',
    what: '客户回答“您有多大可能向朋友推荐我们？”，从 0 到 10 打分。打 9–10 分的是推荐者，7–8 分是被动者，0–6 分是贬损者。净推荐值 = 推荐者占比 − 贬损者占比，范围从 −100（全是贬损者）到 +100（全是推荐者）。被动者计入总数，但不属于任何一组。要看趋势、同类比较：单独一个数值说明不了太多。',
    example: '200 份回答中，110 份打 9–10 分（55%），60 份打 7–8 分，30 份打 0–6 分（15%）。净推荐值 = 55 − 15 = 40。',
  },
  marginOfError: {
    title: '误差范围（95%）',
    what: '用已作答客户算出的分数，是对全体客户真实分数的估计。阴影带表示真实值最可能所在的区间：如果用同样方式重新抽样 100 次，大约 95 次的区间会包含真实值。回答越少，区间越宽。两个月的区间大部分重叠时，不要过度解读它们之间的差距。',
    example: '200 份回答得出净推荐值 40，误差约 ±10，真实值很可能在 30 到 50 之间。同样是 40，如果只有 50 份回答，误差约 ±20：可能在 20 到 60 之间的任何位置。',
  },
  significance: {
    title: '显著变化',
    what: '这里与等长的上一周期相比。“显著”表示在当前回答数量下，这一变化大到很难只用偶然来解释：如果实际上什么都没变，出现这么大差异的概率不到 1/20（p 小于 0.05）。“不显著”并不代表没有变化，只是说明数据还无法把它和随机波动区分开。显著的变化也可能很小，所以还要看变化的幅度。',
    example: '净推荐值从 35 升到 41（+6）。如果每个周期各有 150 份回答，p ≈ 0.47，不显著，需要等更多回答；如果每个周期各有 3000 份回答，同样的 +6 对应 p ≈ 0.001，显著。',
  },
  favourable: {
    title: '好评率（%）',
    what: '每个陈述按 1（非常不同意）到 5（非常同意）作答。好评率是打 4 分或 5 分的回答所占的比例。它直观易懂，但看不出其余的人有多不认同，所以要和指数一起看。',
    example: '20 人作答：6 人打 5 分，8 人打 4 分，3 人打 3 分，2 人打 2 分，1 人打 1 分。好评率 = (6 + 8) ÷ 20 = 70%。',
  },
  index: {
    title: '指数（0–100）',
    what: '指数把每个回答换算成 0–100 的数值（1 → 0，2 → 25，3 → 50，4 → 75，5 → 100）再取平均，因此每个回答都算数，包括中立和不满意的回答。成熟度阶段就是指数的区间：探索 0–20、起步 20–40、动员 40–60、推广 60–80、融入 80–100。',
    example: '同样这 20 个回答：(6 × 100 + 8 × 75 + 3 × 50 + 2 × 25 + 1 × 0) ÷ 20 = 70。如果那 3 个中立回答换成 1 分，好评率仍是 70%，指数却会降到 62.5。',
  },
};
