import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { PublicBoard } from '../../../contracts/dashboards.ts';
import type { MetricName } from '../../../contracts/metrics.ts';
import { API_BASE } from '../../shared/api/client.ts';
import { COUNT_KIND, formatBoardValue, toneOf, unitOf } from './board-metrics.ts';
import './board.css';

type Figure = NonNullable<PublicBoard['overall']['nps']>;
type Load = { state: 'loading' } | { state: 'gone' } | { state: 'ready'; board: PublicBoard; isStale: boolean };
const NO_FIGURE: Figure = { value: null, n: 0 };

function BoardFigure({ metric, figure = NO_FIGURE, size }: { metric: MetricName; figure?: Figure; size: 'hero' | 'team' | 'small' }) {
  const { t } = useTranslation();
  const unit = unitOf(metric);
  return (
    <div className={`board-figure board-figure--${size}`} data-testid={`board-${metric}`}>
      <div className="board-figure__label">{t(`board.metrics.${metric}`)}</div>
      <div className={`board-figure__value board-tone--${toneOf(metric, figure.value)}`}>
        {figure.value === null ? '—' : formatBoardValue(metric, figure.value)}
        {figure.value !== null && unit && <span className="board-figure__unit">{unit === 'min' ? t('board.minutes') : unit}</span>}
      </div>
      <div className="board-figure__n">{figure.value === null && figure.n > 0 ? t('board.tooFew') : t(`board.counts.${COUNT_KIND[metric]}`, { count: figure.n })}</div>
    </div>
  );
}

/**
 * A public board for an office screen (`/board/:token`, no login): the board's
 * metrics (NPS, CSAT and CES unless chosen otherwise, e.g. the mystery-shopping
 * score) overall and per team in numbers readable across a room, refreshed
 * every 30 s. It shows aggregates only; the server sends nothing else.
 * The first metric is the team's headline; four or five metrics shrink the type.
 */
export function PublicBoardPage() {
  const { token = '' } = useParams();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [now, setNow] = useState(() => new Date());
  const lang = params.get('lang');

  useEffect(() => {
    if (lang === 'en' || lang === 'zh-CN') void i18n.changeLanguage(lang);
  }, [lang, i18n]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    let isActive = true;
    const refresh = async () => {
      let next = 30;
      try {
        const res = await fetch(`${API_BASE}/public/boards/${encodeURIComponent(token)}`, { headers: { Accept: 'application/json' }, credentials: 'omit' });
        if (!isActive) return;
        if (res.status === 404) {
          setLoad({ state: 'gone' });
          return;
        }
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const board = (await res.json()) as PublicBoard;
        next = Math.min(60, Math.max(30, board.refreshSeconds));
        setLoad({ state: 'ready', board, isStale: false });
      } catch {
        // Keep the last figures on screen and say they are stale; try again soon.
        setLoad((prev) => (prev.state === 'ready' ? { ...prev, isStale: true } : prev));
      }
      if (isActive) timer = setTimeout(() => void refresh(), next * 1000);
    };
    void refresh();
    const clock = setInterval(() => setNow(new Date()), 1000);
    return () => {
      isActive = false;
      clearTimeout(timer);
      clearInterval(clock);
    };
  }, [token]);

  useEffect(() => {
    if (load.state === 'ready') document.title = `${load.board.name} · ${t('board.title')}`;
  }, [load, t]);

  if (load.state === 'loading') return <div className="board board--message">{t('board.loading')}</div>;
  if (load.state === 'gone') return <div className="board board--message" data-testid="board-gone">{t('board.gone')}</div>;
  const { board, isStale } = load;
  const isEn = i18n.resolvedLanguage === 'en';
  const name = (x: { name: string; nameEn: string | null }) => (isEn && x.nameEn ? x.nameEn : x.name);
  const metrics = board.metrics;
  const density = metrics.length >= 4 ? ' board--dense' : '';
  const onlyAnswers = metrics.every((m) => COUNT_KIND[m] === 'answers');
  return (
    <div className={`board${density}`} data-testid="public-board">
      <header className="board__header">
        <div>
          <div className="board__org">{name(board.organisation)}</div>
          <h1 className="board__title">{board.name}</h1>
        </div>
        <div className="board__meta">
          <div className="board__clock">{now.toLocaleTimeString(isEn ? 'en-GB' : 'zh-CN', { hour: '2-digit', minute: '2-digit' })}</div>
          <div>{t('board.period', { count: board.periodDays })}</div>
          <div className={isStale ? 'board__stale' : undefined}>
            {isStale ? t('board.stale') : t('board.updated', { time: new Date(board.generatedAt).toLocaleTimeString(isEn ? 'en-GB' : 'zh-CN') })}
          </div>
        </div>
      </header>
      <section className="board__hero" style={{ gridTemplateColumns: `repeat(${metrics.length}, 1fr)` }} aria-label={t('board.overall')}>
        {metrics.map((m) => (
          <BoardFigure key={m} metric={m} figure={board.overall[m]} size="hero" />
        ))}
      </section>
      <section className={`board__teams board__teams--${Math.min(board.teams.length, 4)}`} aria-label={t('board.teams')}>
        {board.teams.map((team, i) => (
          <article className="board-team" key={`${team.name}-${i}`} data-testid="board-team">
            <h2 className="board-team__name">{name(team)}</h2>
            <div className="board-team__figures" style={{ gridTemplateColumns: `1.3fr${' 1fr'.repeat(metrics.length - 1)}` }}>
              {metrics.map((m, j) => (
                <BoardFigure key={m} metric={m} figure={team[m]} size={j === 0 ? 'team' : 'small'} />
              ))}
            </div>
          </article>
        ))}
      </section>
      <footer className="board__footer">
        <span>{t(onlyAnswers ? 'board.footnote' : 'board.footnoteMixed', { min: board.minAnswers })}</span>
        <span>Lodestar 北极星</span>
      </footer>
    </div>
  );
}
