import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An admin step asked once more before it is taken: a group named by its title, what it means (the children), the
 * button that takes it (disabled while `busy`) and Cancel.
 */
export function ConfirmStep({
  id,
  title,
  confirm,
  busy,
  onConfirm,
  onCancel,
  children,
}: {
  id: string;
  title: string;
  confirm: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div role="group" aria-labelledby={id} className="notice">
      <p id={id}>
        <strong>{title}</strong>
      </p>
      {children}
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
          {confirm}
        </button>
        <button type="button" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
    </div>
  );
}
