import { useEffect } from 'react';
import { LoginView } from './auth/login-view';
import { useI18n } from './i18n/locale.store';
import { Shell } from './shell';
import { useStore } from './state/create-store';
import { sessionStore } from './state/session.store';

/** The login gate: the map shell only for a logged-in user, the login view otherwise. */
export default function App() {
  const { locale, t } = useI18n();
  const session = useStore(sessionStore);

  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
    document.title = locale === 'zh' ? '网格图谱 GridAtlas' : 'GridAtlas 网格图谱';
  }, [locale]);

  if (session.status === 'authenticated') return <Shell user={session.user} />;
  if (session.status === 'anonymous') return <LoginView expired={session.expired} />;
  return <div className="map-placeholder">{t('app.loading')}</div>;
}
