/** The review's chapters after the headline: targets and goals, root causes and projects, recognition and culture, governance and audit. */
import type { Lang } from '../../../contracts/surveys.ts';
import { barChart, rootCauseChart } from './review.charts.ts';
import { DIGITS, esc, formatChange, formatDate, formatNumber, localName, percent, progressBar, table } from './review.format.ts';
import type { MonthlyReview } from './review.service.ts';
import type { ReviewText } from './review.text.ts';

const h2 = (title: string) => `<h2>${esc(title)}</h2>`;
const h3 = (title: string) => `<h3>${esc(title)}</h3>`;
const empty = (text: string) => `<p class="empty">${esc(text)}</p>`;
const note = (text: string) => `<p class="note">${esc(text)}</p>`;
const tag = (text: string, tone: 'good' | 'warn' | 'bad' | '' = '') => `<span class="tag ${tone}">${esc(text)}</span>`;
const SUFFIX: Record<string, string> = { fcr: ' %', response_rate: ' %', churn_rate: ' %', conversion_rate: ' %' };

export function targetsSection(r: MonthlyReview, t: ReviewText, lang: Lang): string {
  const head = h2(t.sections.targets);
  if (r.kpis === null) return head + empty(t.unavailable);
  if (r.kpis.length === 0) return head + empty(t.noKpis);
  const rows = r.kpis.map((k) => {
    const digits = DIGITS[k.metric] ?? 1;
    const unit = SUFFIX[k.metric] ?? '';
    const attainment = k.current.attainment;
    const status = k.current.met === null ? tag(t.kpi.noValue) : k.current.met ? tag(t.kpi.met, 'good') : tag(t.kpi.notMet, 'bad');
    return [
      esc(lang === 'en' && k.nameEn ? k.nameEn : k.name),
      esc(t.levels[k.level]),
      esc(`${k.direction === 'lower' ? '≤ ' : '≥ '}${formatNumber(k.target, digits, lang)}${unit}`),
      esc(`${formatNumber(k.current.value, digits, lang)}${k.current.value === null ? '' : unit}`),
      `<span class="nowrap">${progressBar(attainment === null ? null : attainment * 100)}${esc(percent(attainment, lang))}</span>`,
      status,
    ];
  });
  return head + table([t.kpi.name, t.kpi.level, t.kpi.target, t.kpi.value, t.kpi.attainment, t.kpi.status], rows);
}

const GOAL_TONE = { achieved: 'good', on_track: 'good', at_risk: 'warn', off_track: 'bad', overdue: 'bad' } as const;

export function goalsSection(r: MonthlyReview, t: ReviewText, lang: Lang): string {
  const head = h2(t.sections.goals);
  if (r.goals === null) return head + empty(t.unavailable);
  if (r.goals.length === 0) return head + empty(t.noGoals);
  const tz = r.period.timeZone;
  const rows = r.goals.map((g) => [
    esc(lang === 'en' && g.titleEn ? g.titleEn : g.title),
    esc(g.ownerName ?? t.none),
    esc(formatDate(`${g.deadline}T12:00:00Z`, tz, lang)),
    `<span class="nowrap">${progressBar(g.computedProgress, g.expectedProgress)}${esc(`${formatNumber(g.computedProgress, 0, lang)} % / ${formatNumber(g.expectedProgress, 0, lang)} %`)}</span>`,
    tag(t.goalStatus[g.status], GOAL_TONE[g.status]),
  ]);
  return head + table([t.goal.title, t.goal.owner, t.goal.deadline, t.goal.progress, t.goal.status], rows) + note(t.goalsNote);
}

export function rootCausesSection(r: MonthlyReview, t: ReviewText, lang: Lang): string {
  const head = h2(t.sections.rootCauses);
  if (r.rootCauses === null) return head + empty(t.unavailable);
  const line = `<p>${esc(t.casesLine(r.rootCauses.opened, r.rootCauses.closed))}</p>`;
  if (r.rootCauses.items.length === 0) return head + line + empty(t.noCauses);
  const rows = r.rootCauses.items.map((c) => ({ name: c.name[lang], closed: c.closed, previous: c.previous }));
  return head + line + `<figure>${rootCauseChart(rows, t)}</figure>`;
}

export function improvementsSection(r: MonthlyReview, t: ReviewText, lang: Lang): string {
  const head = h2(t.sections.improvements);
  if (r.improvements === null) return head + empty(t.unavailable);
  if (r.improvements.length === 0) return head + empty(t.noProjects);
  const rows = r.improvements.map((p) => {
    const e = p.effect;
    const digits = DIGITS[e.metric] ?? 1;
    const after = e.after === null ? t.none : `${formatNumber(e.after.value, digits, lang)}${e.isAfterComplete ? '' : ` (${t.stillMeasuring})`}`;
    const tone = p.status === 'done' ? 'good' : p.status === 'in_progress' ? 'warn' : '';
    const changeTone = e.change === null || e.change === 0 ? 'flat' : e.change > 0 ? 'up' : 'down';
    return [
      esc(p.title),
      tag(t.projectStatus[p.status], tone),
      esc(e.metric.toUpperCase()),
      esc(e.before === null ? t.none : formatNumber(e.before.value, digits, lang)),
      esc(after),
      `<span class="${changeTone}">${esc(formatChange(e.change, digits, lang))}</span>`,
    ];
  });
  return head + table([t.project.title, t.project.status, t.project.metric, t.project.before, t.project.after, t.project.change], rows, 3) + note(t.effectNote(r.improvements[0]!.effect.windowDays));
}

export function recognitionSection(r: MonthlyReview, t: ReviewText, lang: Lang): string {
  const head = h2(t.sections.recognition);
  const d = r.recognition;
  if (d === null) return head + empty(t.unavailable);
  const ear = d.goldenEar ? `<p>${tag('★', 'warn')} ${esc(t.goldenEar(d.goldenEar.employeeName))}</p>` : '';
  if (d.praise === 0) return head + ear + empty(t.noPraise);
  const people = table(
    [t.mostPraised, ''],
    d.topPraised.map((p) => [esc(p.unitName ? `${p.employeeName} · ${localName(lang, { name: p.unitName, nameEn: p.unitNameEn })}` : p.employeeName), esc(t.praiseCount(p.praise))]),
    1,
  );
  const quotes = d.quotes
    .map((q) => `<blockquote class="quote">${esc(q.text)}<span class="who">${esc([q.employeeName, t.likes(q.likes)].filter(Boolean).join(' · '))}</span></blockquote>`)
    .join('');
  return `${head}<p>${esc(t.praiseLine(d.praise))}</p>${ear}<div class="two"><div>${people}</div><div>${h3(t.mostLiked)}${quotes}</div></div>`;
}

export function cultureSection(r: MonthlyReview, t: ReviewText, lang: Lang): string {
  const head = h2(t.sections.culture);
  const c = r.culture;
  if (c === null) return head + empty(t.noCulture);
  const o = c.overview;
  if (o.suppressed || o.n === undefined) return head + `<p>${esc(c.name)}</p>` + empty(t.cultureWithheld(o.minGroupSize ?? 5));
  const line = `<p>${esc(t.cultureLine(c.name, formatDate(c.closedAt, r.period.timeZone, lang), o.n))}</p>`;
  const overall = o.maturity?.overall ? `<p>${tag(t.overallMaturity(t.maturity[o.maturity.overall]), 'good')}</p>` : '';
  const pillars = Object.entries(o.pillars ?? {}).map(([pillar, score]) => ({ name: t.pillars[pillar as keyof ReviewText['pillars']] ?? pillar, value: score.index }));
  const chart = pillars.length ? `${h3(t.pillarIndex)}<figure>${barChart(pillars, { min: 0, max: 100 })}</figure>` : '';
  return head + line + overall + chart;
}

export function listeningSection(r: MonthlyReview, t: ReviewText, lang: Lang): string {
  const g = r.governance;
  if (g === null) return h2(t.sections.listening) + empty(t.unavailable);
  const tz = r.period.timeZone;
  const l = g.listening;
  const kinds = Object.entries(l.byKind)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `<span class="stat"><b>${n}</b>${esc(t.kinds[kind] ?? kind)}</span>`)
    .join('');
  const highlights = l.highlights
    .map((h) => `<blockquote class="quote">${esc(h.learnings)}<span class="who">${esc(`${h.employeeName} · ${t.kinds[h.kind] ?? h.kind} · ${formatDate(h.at, tz, lang)}`)}</span></blockquote>`)
    .join('');
  const listening =
    l.done + l.planned + l.overdue === 0
      ? empty(t.noListening)
      : `<p>${esc(t.listeningLine(l.done, l.planned, l.overdue))}</p>${kinds ? `<div class="stats">${kinds}</div>` : ''}${highlights ? h3(t.learnt) + highlights : ''}`;
  const decisionsTaken = g.meetings.reduce((sum, m) => sum + m.decisionCount, 0);
  const decisions = g.decisionsDue.length
    ? table(
        [t.decision.title, t.decision.owner, t.decision.due, t.decision.status],
        g.decisionsDue.map((d) => [
          esc(d.title),
          esc(d.ownerName ?? t.none),
          esc(formatDate(d.dueAt, tz, lang)),
          `${tag(t.decisionStatus[d.status] ?? d.status, d.status === 'done' ? 'good' : '')}${d.overdue ? ` ${tag(t.overdue, 'bad')}` : ''}`,
        ]),
      )
    : empty(t.noDecisions);
  return `${h2(t.sections.listening)}${listening}${h2(t.sections.decisions)}<p>${esc(t.meetingsLine(g.meetings.length, decisionsTaken))}</p>${decisions}`;
}

export function auditSection(r: MonthlyReview, t: ReviewText, lang: Lang): string {
  const head = h2(t.sections.audit);
  const a = r.audit;
  if (a === null) return head + empty(t.unavailable);
  const m = a.mystery;
  const mystery =
    m.visits === 0
      ? empty(t.noMystery)
      : `<p>${esc(t.mysteryLine(m.visits, `${formatNumber(m.averageScore, 1, lang)} %`))}</p>${
          m.lowest.length
            ? h3(t.lowest) + table([t.visit.unit, t.visit.touchpoint, t.visit.score], m.lowest.map((v) => [esc(localName(lang, { name: v.unitName, nameEn: v.unitNameEn })), esc(t.touchpoints[v.touchpoint] ?? v.touchpoint), esc(`${formatNumber(v.score, 1, lang)} %`)]), 2)
            : ''
        }`;
  return `${head}${mystery}<p>${esc(t.auditLine(a.audits.completed, a.audits.gapsOpen))}</p>`;
}
