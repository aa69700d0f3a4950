import { useEffect, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useLanguage } from '../shared/i18n/use-language.ts';
import { BRAND_BLUE } from '../shared/ui/brand.ts';
import { SessionProvider } from '../shared/session.tsx';

/** Everything the pages rely on: antd locale and theme, dayjs locale, message/modal context, the session. */
export function AppProviders({ children }: { children: ReactNode }) {
  const [language] = useLanguage();
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  return (
    <ConfigProvider
      locale={language === 'zh-CN' ? zhCN : enUS}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: BRAND_BLUE, borderRadius: 6 },
        components: {
          Layout: { headerBg: '#ffffff', siderBg: '#ffffff', triggerBg: '#ffffff', triggerColor: '#595959', headerPadding: '0 24px' },
        },
      }}
    >
      <AntApp>
        <SessionProvider>{children}</SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
