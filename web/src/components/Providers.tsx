/**
 * Everything around the router: antd's theme and locale (following the language), its App context
 * (whose message/notification the API client uses to report failures), and react-query.
 */
import { useEffect, type ReactNode } from 'react';
import { App, ConfigProvider, theme } from 'antd';
import zhCNLocale from 'antd/es/locale/zh_CN';
import enUSLocale from 'antd/es/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { bindFeedback } from '../api/client.ts';
import { queryClient } from '../api/query-client.ts';
import { useLanguage } from '../i18n.ts';

export const BRAND_COLOR = '#1656c9';

function FeedbackBridge() {
  const { message, notification } = App.useApp();
  useEffect(() => bindFeedback({ message, notification }), [message, notification]);
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const language = useLanguage();
  const { t } = useTranslation();
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');

  // antd's own templates (${label}, ${max}); the wording follows "field: problem" like the server's.
  const validateMessages = {
    required: t('validation.required'),
    types: { email: t('validation.email') },
    string: { max: t('validation.max'), len: t('validation.len'), min: t('validation.min') },
  };

  return (
    <ConfigProvider
      locale={language === 'en' ? enUSLocale : zhCNLocale}
      form={{ validateMessages }}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: BRAND_COLOR,
          colorInfo: BRAND_COLOR,
          borderRadius: 6,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
        },
        components: {
          Layout: { siderBg: '#0e2749', triggerBg: '#0a1f3b', headerBg: '#ffffff', headerPadding: '0 20px', bodyBg: '#f3f5f9' },
          Menu: { darkItemBg: '#0e2749', darkSubMenuItemBg: '#0a1f3b', darkItemSelectedBg: BRAND_COLOR },
        },
      }}
    >
      <App>
        <FeedbackBridge />
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </App>
    </ConfigProvider>
  );
}
