import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { appPath } from '../components/notification-link';
import { Page } from '../components/page';
import { Empty, Loading, Problem } from '../components/states';
import { formatDate } from '../format';
import { MarkNotificationsReadDocument, MyNotificationsDocument, UnreadNotificationsDocument } from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';

const PAGE = 20;
/** Marking read changes what every query of notifications shows: they are fetched again. */
const REFRESH = { additionalTypenames: ['Notification'] };

type MarkRead = (ids?: string[]) => Promise<void>;

/** The inbox: every notification, newest first, a page at a time; unread ones marked, and marked read here. */
export function NotificationsPage() {
  const { t } = useTranslation();
  // One page per cursor: "Show more" adds the next page below the ones already shown.
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [unread] = useQuery({ query: UnreadNotificationsDocument, variables: { first: 1 } });
  const [marking, mark] = useMutation(MarkNotificationsReadDocument);
  const [done, setDone] = useState<{ all: boolean; count: number } | undefined>();

  const markRead: MarkRead = async (ids) => {
    const result = await mark({ ids }, REFRESH);
    if (result.data) {
      setDone({ all: !ids, count: result.data.markNotificationsRead });
    }
  };
  const unreadCount = unread.data?.myNotifications.totalCount ?? 0;

  return (
    <Page title={t('mySpace.inbox.title')}>
      <p>
        <Link to="/settings/notifications">{t('mySpace.inbox.settings')}</Link>
      </p>
      <p role="status" className="done">
        {done ? (done.all ? t('mySpace.inbox.markedAll', { count: done.count }) : t('mySpace.inbox.marked')) : ''}
      </p>
      {marking.error ? <Problem error={marking.error} /> : null}
      {unreadCount > 0 ? (
        <button type="button" onClick={() => markRead()} disabled={marking.fetching}>
          {t('mySpace.inbox.markAll')}
        </button>
      ) : null}
      {cursors.map((after, index) => (
        <NotificationsChunk
          key={after ?? 'first'}
          after={after}
          first={index === 0}
          last={index === cursors.length - 1}
          unread={unreadCount}
          busy={marking.fetching}
          markRead={markRead}
          more={(cursor) => setCursors((previous) => [...previous, cursor])}
        />
      ))}
    </Page>
  );
}

function NotificationsChunk(props: {
  after?: string;
  first: boolean;
  last: boolean;
  unread: number;
  busy: boolean;
  markRead: MarkRead;
  more: (cursor: string) => void;
}) {
  const { t } = useTranslation();
  const [{ data, error, fetching }] = useQuery({ query: MyNotificationsDocument, variables: { first: PAGE, after: props.after } });
  const connection = data?.myNotifications;
  return (
    <>
      {error ? <Problem error={error} /> : null}
      {!data && fetching ? <Loading /> : null}
      {props.first && connection ? (
        connection.totalCount === 0 ? (
          <Empty>{t('mySpace.inbox.none')}</Empty>
        ) : (
          <p className="meta">{t('mySpace.inbox.count', { count: connection.totalCount, unread: props.unread })}</p>
        )
      ) : null}
      {connection && connection.edges.length > 0 ? (
        <ul className="list card inbox" aria-label={t('mySpace.inbox.title')}>
          {connection.edges.map(({ node }) => {
            const path = appPath(node.link);
            const unread = !node.readAt;
            return (
              <li key={node.id} className={unread ? 'unread' : undefined}>
                <div className="notification-head">
                  <span className={unread ? 'badge' : 'badge read'}>{unread ? t('mySpace.inbox.unread') : t('mySpace.inbox.read')}</span>{' '}
                  <strong>{node.subject}</strong>
                </div>
                <span className="meta">
                  {t(`mySpace.kind.${node.kind}`)} · {formatDate(node.createdAt, locale())}
                </span>
                <p className="notification-body">{node.body}</p>
                <div className="actions">
                  {path ? (
                    <Link
                      to={path}
                      aria-label={t('mySpace.inbox.openLabel', { subject: node.subject })}
                      onClick={() => (unread ? void props.markRead([node.id]) : undefined)}
                    >
                      {t('mySpace.inbox.open')}
                    </Link>
                  ) : null}
                  {unread ? (
                    <button
                      type="button"
                      onClick={() => props.markRead([node.id])}
                      disabled={props.busy}
                      aria-label={t('mySpace.inbox.markReadLabel', { subject: node.subject })}
                    >
                      {t('mySpace.inbox.markRead')}
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
      {props.last && connection?.pageInfo.hasNextPage && connection.pageInfo.endCursor ? (
        <button type="button" onClick={() => props.more(connection.pageInfo.endCursor!)}>
          {t('list.more')}
        </button>
      ) : null}
    </>
  );
}
