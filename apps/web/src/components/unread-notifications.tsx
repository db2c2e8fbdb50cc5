import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { formatDate } from '../format';
import { UnreadNotificationsDocument } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';
import { appPath } from './notification-link';
import { Empty, Loading, Problem } from './states';

/** The home page's card: how many notifications are unread, the latest few, and the way to the inbox. */
export function UnreadNotifications() {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: UnreadNotificationsDocument, variables: { first: 3 } });
  const unread = data?.myNotifications.totalCount ?? 0;
  return (
    <section aria-labelledby="unread-notifications" className="card">
      <h2 id="unread-notifications">{t('mySpace.home.title')}</h2>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {data && unread === 0 ? <Empty>{t('mySpace.home.none')}</Empty> : null}
      {data && unread > 0 ? <p className="unread-count">{t('mySpace.home.unread', { count: unread })}</p> : null}
      <ul className="list">
        {data?.myNotifications.edges.map(({ node }) => {
          const path = appPath(node.link);
          return (
            <li key={node.id}>
              {path ? <Link to={path}>{node.subject}</Link> : node.subject}
              <span className="meta">
                {t(`mySpace.kind.${node.kind}`)} · {formatDate(node.createdAt, locale())}
              </span>
            </li>
          );
        })}
      </ul>
      <p>
        <Link to="/notifications">{t('mySpace.home.inbox')}</Link>
      </p>
    </section>
  );
}
