import { Popover, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import './figure-explainer.css';

export type ExplainedFigure = 'nps' | 'marginOfError' | 'significance' | 'favourable' | 'index';

/**
 * An ⓘ beside a figure that opens a short "how to read this": what the figure means in plain words and one worked
 * example (texts in figure-explainer.strings.ts). A real button, so it works by keyboard and names itself to screen readers.
 */
export function FigureExplainer({ figure }: { figure: ExplainedFigure }) {
  const { t } = useTranslation();
  const title = t(`explainers.${figure}.title`);
  const content = (
    <div className="figure-explainer" data-testid={`explainer-${figure}`}>
      <Typography.Paragraph className="figure-explainer__what">{t(`explainers.${figure}.what`)}</Typography.Paragraph>
      <Typography.Paragraph className="figure-explainer__example">
        <Typography.Text strong className="figure-explainer__label">
          {t('explainers.example')}
        </Typography.Text>
        {t(`explainers.${figure}.example`)}
      </Typography.Paragraph>
    </div>
  );
  return (
    <Popover title={title} content={content} trigger="click" placement="bottomLeft">
      <button type="button" className="figure-explainer__button" aria-label={t('explainers.label', { figure: title })} data-testid={`explain-${figure}`}>
        <InfoCircleOutlined />
      </button>
    </Popover>
  );
}
