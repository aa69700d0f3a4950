import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { BAND_COLORS, headlineScores, npsGroup, scoreBand, SCORE_RANGES, type ScoreKind } from './scores.ts';

/** One standard score as a tag coloured by how it reads (NPS also names its group in a tooltip). */
export function ScoreTag({ kind, value, withMax = false }: { kind: ScoreKind; value: number; withMax?: boolean }) {
  const { t } = useTranslation();
  const text = withMax ? t('responses.outOf', { value, max: SCORE_RANGES[kind].max }) : value;
  const tag = (
    <Tag color={BAND_COLORS[scoreBand(kind, value)]} variant="filled" className="score-tag" data-band={scoreBand(kind, value)}>
      {t(`responses.scores.${kind}`)} {text}
    </Tag>
  );
  return kind === 'nps' ? <Tooltip title={t(`responses.groups.${npsGroup(value)}`)}>{tag}</Tooltip> : tag;
}

/** The NPS, CSAT and CES a response carries, side by side; a dash when it has none. */
export function ScoreTags({ response }: { response: { nps: number | null; csat: number | null; ces: number | null } }) {
  const { t } = useTranslation();
  const scores = headlineScores(response);
  if (!scores.length) return <>{t('common.none')}</>;
  return (
    <Space size={4} wrap={false}>
      {scores.map((s) => (
        <ScoreTag key={s.kind} kind={s.kind} value={s.value} />
      ))}
    </Space>
  );
}
