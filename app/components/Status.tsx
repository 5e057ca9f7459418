import { useI18n } from '../lib/i18n.ts';

export function Loading({ text }: { text?: string }) {
  const { t } = useI18n();
  return (
    <p className="status" role="status" aria-live="polite" data-testid="loading">
      {text ?? t.loading}
    </p>
  );
}

export function ErrorBox({ title, message, onRetry }: { title: string; message: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error-box" role="alert" data-testid="error">
      <p className="error-title">{title}</p>
      <p>{message}</p>
      {onRetry && (
        <button type="button" onClick={onRetry} data-testid="retry">
          {t.retry}
        </button>
      )}
    </div>
  );
}
