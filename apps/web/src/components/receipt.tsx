import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../format';
import { locale } from '../i18n/i18n';

/** The receipt of a cast ballot, focused when it appears, with a copy button and what it proves. */
export function Receipt({ proposalId, receipt, castAt }: { proposalId: string; receipt: string; castAt: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<boolean | undefined>();
  useEffect(() => heading.current?.focus(), [receipt]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(receipt);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <section aria-labelledby="receipt-heading" className="card receipt">
      <h2 id="receipt-heading" tabIndex={-1} ref={heading}>
        {t('receipt.title')}
      </h2>
      <p>{t('receipt.cast', { at: formatDate(castAt, locale()) })}</p>
      <p>
        <code className="receipt-code" data-receipt>
          {receipt}
        </code>
      </p>
      <button type="button" onClick={copy}>
        {t('receipt.copy')}
      </button>
      <span role="status" className="copied">
        {copied === true ? t('receipt.copied') : copied === false ? t('receipt.copyFailed') : ''}
      </span>
      <p>{t('receipt.proves')}</p>
      <p>
        <Link to="/verify" state={{ proposalId, receipt }}>
          {t('receipt.verifyLink')}
        </Link>
      </p>
    </section>
  );
}
