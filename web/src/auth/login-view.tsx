import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-client';
import { useI18n, type Translate } from '../i18n/locale.store';
import { LocaleSwitch } from '../panel/locale-switch';
import { logIn } from '../state/session.store';

interface LoginProblem {
  /** Our own sentence in the UI language. */
  summary: string;
  /** The server's `error.message`, written for people; shown under the summary. */
  detail: string | null;
}

function describe(t: Translate, error: unknown): LoginProblem {
  if (!(error instanceof ApiError)) return { summary: t('login.failed'), detail: error instanceof Error ? error.message : null };
  if (error.status === 401) return { summary: t('login.wrong'), detail: error.message };
  if (error.status === 429) {
    return { summary: t('login.throttled', { seconds: error.retryAfter ?? '?' }), detail: error.message };
  }
  return { summary: t('login.failed'), detail: error.message };
}

/**
 * The only view before login. The API says nothing about demo mode before login (health
 * has no such field), so the demo accounts are not listed here: a neutral hint points to
 * the start log, which prints them in demo mode only.
 */
export function LoginView({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<LoginProblem | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await logIn(username.trim(), password);
    } catch (error) {
      setProblem(describe(t, error));
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <div className="login-page" data-testid="login-view">
      <div className="login-locale">
        <LocaleSwitch />
      </div>
      <main className="login-card">
        <h1 className="login-brand">
          <span className="brand-zh">网格图谱</span> <span className="brand-en">GridAtlas</span>
        </h1>
        <p className="login-tagline">{t('login.tagline')}</p>
        {expired && !problem && (
          <p className="login-notice" role="status" data-testid="login-expired">
            {t('login.expired')}
          </p>
        )}
        <form onSubmit={(e) => void submit(e)} aria-label={t('login.title')}>
          <label className="login-field">
            <span>{t('login.username')}</span>
            <input
              name="username"
              autoComplete="username"
              required
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              data-testid="login-username"
            />
          </label>
          <label className="login-field">
            <span>{t('login.password')}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="login-password"
            />
          </label>
          {problem && (
            <div className="login-error" role="alert" data-testid="login-error">
              <strong>{problem.summary}</strong>
              {problem.detail && <small lang="en">{problem.detail}</small>}
            </div>
          )}
          <button type="submit" className="login-submit" disabled={busy} data-testid="login-submit">
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p className="login-hint" data-testid="login-hint">
          {t('login.demoHint')}
        </p>
      </main>
    </div>
  );
}
