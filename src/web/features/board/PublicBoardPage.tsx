import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { PublicBoard } from '../../../contracts/dashboards.ts';
import { API_BASE } from '../../shared/api/client.ts';
import './board.css';

type Figure = PublicBoard['overall']['nps'];
type Load = { state: 'loading' } | { state: 'gone' } | { state: 'ready'; board: PublicBoard; isStale: boolean };

/** Red, amber or green for a figure, by the usual reading of each scale. */
function tone(metric: 'nps' | 'csat' | 'ces', value: number | null): string {
  if (value === null) return 'none';
  const [bad, good] = { nps: [0, 30], csat: [3.5, 4.2], ces: [4.5, 5.5] }[metric];
  return value < bad! ? 'bad' : value < good! ? 'mid' : 'good';
}

function BoardFigure({ metric, figure, digits, size }: { metric: 'nps' | 'csat' | 'ces'; figure: Figure; digits: number; size: 'hero' | 'team' | 'small' }) {
  const { t } = useTranslation();
  return (
    <div className={`board-figure board-figure--${size}`} data-testid={`board-${metric}`}>
      <div className="board-figure__label">{t(`board.metrics.${metric}`)}</div>
      <div className={`board-figure__value board-tone--${tone(metric, figure.value)}`}>{figure.value === null ? '—' : figure.value.toFixed(digits)}</div>
      <div className="board-figure__n">{figure.value === null && figure.n > 0 ? t('board.tooFew') : t('board.answers', { count: figure.n })}</div>
    </div>
  );
}

/**
 * A public board for an office screen (`/board/:token`, no login): CSAT, CES
 * and NPS overall and per team in numbers readable across a room, refreshed
 * every 30 s. It shows aggregates only; the server sends nothing else.
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
  return (
    <div className="board" data-testid="public-board">
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
      <section className="board__hero" aria-label={t('board.overall')}>
        <BoardFigure metric="nps" figure={board.overall.nps} digits={0} size="hero" />
        <BoardFigure metric="csat" figure={board.overall.csat} digits={2} size="hero" />
        <BoardFigure metric="ces" figure={board.overall.ces} digits={2} size="hero" />
      </section>
      <section className={`board__teams board__teams--${Math.min(board.teams.length, 4)}`} aria-label={t('board.teams')}>
        {board.teams.map((team, i) => (
          <article className="board-team" key={`${team.name}-${i}`} data-testid="board-team">
            <h2 className="board-team__name">{name(team)}</h2>
            <div className="board-team__figures">
              <BoardFigure metric="nps" figure={team.nps} digits={0} size="team" />
              <BoardFigure metric="csat" figure={team.csat} digits={2} size="small" />
              <BoardFigure metric="ces" figure={team.ces} digits={2} size="small" />
            </div>
          </article>
        ))}
      </section>
      <footer className="board__footer">
        <span>{t('board.footnote', { min: board.minAnswers })}</span>
        <span>Lodestar 北极星</span>
      </footer>
    </div>
  );
}
