import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExportTable } from './export/cells.ts';
import { downloadCsv, downloadXlsx } from './export/download.ts';

/** CSV and XLSX buttons for a dashboard table. */
export function ExportButtons({ table, testId }: { table: ExportTable; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Button size="small" onClick={() => downloadCsv(table)} disabled={!table.rows.length} data-testid={testId && `${testId}-csv`}>
        {t('dashboards.export.csv')}
      </Button>
      <Button size="small" onClick={() => downloadXlsx(table)} disabled={!table.rows.length} data-testid={testId && `${testId}-xlsx`}>
        {t('dashboards.export.xlsx')}
      </Button>
    </Space>
  );
}
