import { diffWords } from 'diff';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useMember } from '../components/member-gate';
import { Empty, Loading, Problem } from '../components/states';
import { formatDate } from '../format';
import {
  AcceptAmendmentDocument,
  AddCommentDocument,
  CommentAddedDocument,
  DeclineAmendmentDocument,
  DeliberationCommentsDocument,
  DeliberationDocument,
  EditCommentDocument,
  ProposeAmendmentDocument,
  PublishProposalDocument,
  PutAmendmentToVoteDocument,
  ReactDocument,
  RemoveCommentDocument,
  ReviseProposalDocument,
  WithdrawAmendmentDocument,
  type AmendmentFieldsFragment,
  type CommentFieldsFragment,
  type DeliberationQuery,
} from '../graphql/generated/graphql';
import { locale } from '../i18n/i18n';
import { renderMarkdown } from './markdown';

const PAGE = 20;
/** The API's fixed set, named for screen readers. */
const EMOJI: Record<string, string> = {
  '👍': 'thumbsUp',
  '👎': 'thumbsDown',
  '❤️': 'heart',
  '🎉': 'party',
  '🤔': 'thinking',
  '👀': 'eyes',
};
const WRITABLE = ['DRAFT', 'DISCUSSION', 'OPEN'];
type Proposal = NonNullable<DeliberationQuery['proposal']>;

/** The discussion around a proposal: publishing, revisions with a diff, amendments and the comment thread. */
export function Deliberation({ proposalId, body }: { proposalId: string; body: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: DeliberationDocument, variables: { id: proposalId, first: PAGE } });
  // "Show more comments" loads the page after the last one by its cursor (the API serves at most 100 a page);
  // each page keeps its own query, so a change to a comment on any of them is read again.
  const [cursors, setCursors] = useState<string[]>([]);
  const [pages, setPages] = useState<Record<string, Comments>>({});
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const proposal = data?.proposal;
  if (error && !data) return <Problem error={error} />;
  if (!data) return fetching ? <Loading /> : null;
  if (!proposal) return null;
  const loaded = [proposal.comments];
  for (const cursor of cursors) {
    const next = pages[cursor];
    if (!next) break;
    loaded.push(next);
  }
  const last = loaded[loaded.length - 1];
  const waiting = loaded.length <= cursors.length;
  const comments = loaded
    .flatMap((page) => page.edges.map((edge) => edge.node))
    .filter((comment, index, all) => all.findIndex((known) => known.id === comment.id) === index);
  return (
    <>
      <Publish proposal={proposal} onDone={reload} />
      <Revise proposal={proposal} body={body} onDone={reload} />
      <Revisions proposal={proposal} body={body} />
      <Amendments proposal={proposal} onDone={reload} />
      {cursors.map((cursor) => (
        <CommentsPage
          key={cursor}
          proposalId={proposalId}
          after={cursor}
          onLoaded={(page) => setPages((known) => ({ ...known, [cursor]: page }))}
        />
      ))}
      <Thread
        proposal={proposal}
        comments={comments}
        totalCount={last.totalCount}
        hasNextPage={last.pageInfo.hasNextPage}
        onDone={reload}
        onMore={() => {
          const cursor = last.pageInfo.endCursor;
          if (cursor) setCursors((known) => (known.includes(cursor) ? known : [...known, cursor]));
        }}
        fetching={fetching || waiting}
      />
    </>
  );
}

type Comments = Proposal['comments'];

/** One further page of the thread, read (and read again when a comment changes) and handed up; it shows nothing itself. */
function CommentsPage({ proposalId, after, onLoaded }: { proposalId: string; after: string; onLoaded: (page: Comments) => void }) {
  const [{ data }] = useQuery({ query: DeliberationCommentsDocument, variables: { id: proposalId, first: PAGE, after } });
  const page = data?.proposal?.comments;
  useEffect(() => {
    if (page) onLoaded(page);
    // Only when the page read changes (onLoaded is a new function each render).
  }, [page]);
  return null;
}

function Publish({ proposal, onDone }: { proposal: Proposal; onDone: () => void }) {
  const { t } = useTranslation();
  const member = useMember();
  const [result, publish] = useMutation(PublishProposalDocument);
  const allowed = proposal.author.id === member.id || member.roles.includes('ADMIN');
  if (proposal.status === 'DISCUSSION')
    return (
      <p className="notice">
        {t('deliberation.inDiscussion')}
        {proposal.publishedAt ? ` ${t('deliberation.publishedAt', { date: formatDate(proposal.publishedAt, locale()) })}` : ''}
      </p>
    );
  if (proposal.status !== 'DRAFT' || !allowed) return null;
  return (
    <section aria-labelledby="publish-heading" className="card">
      <h2 id="publish-heading">{t('deliberation.publishTitle')}</h2>
      <p>{t('deliberation.publishBody')}</p>
      <button type="button" disabled={result.fetching} onClick={async () => (await publish({ id: proposal.id })).data && onDone()}>
        {t('deliberation.publish')}
      </button>
      {result.error ? <Problem error={result.error} /> : null}
    </section>
  );
}

/**
 * The author changes the text of their DRAFT or proposal in DISCUSSION: they edit it, see what changes, and
 * confirm it as the next revision (the revisions list and diff below then show it).
 */
function Revise({ proposal, body, onDone }: { proposal: Proposal; body: string; onDone: () => void }) {
  const { t } = useTranslation();
  const member = useMember();
  const [result, revise] = useMutation(ReviseProposalDocument);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [text, setText] = useState(body);
  const [saved, setSaved] = useState('');
  const next = (proposal.revisions.at(-1)?.number ?? 1) + 1;
  if (proposal.author.id !== member.id || !['DRAFT', 'DISCUSSION'].includes(proposal.status)) return null;
  function start() {
    setText(body);
    setEditing(true);
    setConfirming(false);
    setSaved('');
  }
  async function save() {
    const outcome = await revise({ id: proposal.id, body: text });
    if (outcome.data) {
      setEditing(false);
      setConfirming(false);
      setSaved(t('deliberation.revised', { number: next }));
      onDone();
    }
  }
  return (
    <section aria-labelledby="revise-heading" className="card">
      <h2 id="revise-heading">{t('deliberation.reviseTitle')}</h2>
      <p>{t('deliberation.reviseBody')}</p>
      {!editing ? (
        <button type="button" onClick={start}>
          {t('deliberation.revise')}
        </button>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setConfirming(true);
          }}
        >
          <label htmlFor="revise-body">{t('deliberation.reviseText')}</label>
          <textarea
            id="revise-body"
            required
            rows={8}
            value={text}
            readOnly={confirming}
            onChange={(event) => setText(event.target.value)}
          />
          {!confirming ? (
            <div className="actions">
              <button type="submit" disabled={text.trim() === '' || text === body}>
                {t('deliberation.reviseReview')}
              </button>{' '}
              <button type="button" onClick={() => setEditing(false)}>
                {t('deliberation.cancel')}
              </button>
            </div>
          ) : (
            <div role="group" aria-labelledby="revise-confirm" className="notice">
              <p id="revise-confirm">
                <strong>{t('deliberation.reviseConfirm', { number: next })}</strong>
              </p>
              <WordDiff before={body} after={text} />
              <div className="actions">
                <button type="button" className="primary" disabled={result.fetching} onClick={() => void save()}>
                  {t('deliberation.reviseSave', { number: next })}
                </button>{' '}
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('deliberation.reviseBack')}
                </button>
              </div>
            </div>
          )}
        </form>
      )}
      {result.error ? <Problem error={result.error} /> : null}
      <p role="status" className="done">
        {saved}
      </p>
    </section>
  );
}

/** Word differences, readable by screen readers (ins/del are not announced by all, so each says what it is). */
export function WordDiff({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation();
  const parts = useMemo(() => diffWords(before, after), [before, after]);
  return (
    <div className="diff">
      {parts.map((part, index) =>
        part.added ? (
          <ins key={index}>
            <span className="visually-hidden">{t('deliberation.inserted')} </span>
            {part.value}
          </ins>
        ) : part.removed ? (
          <del key={index}>
            <span className="visually-hidden">{t('deliberation.deleted')} </span>
            {part.value}
          </del>
        ) : (
          <span key={index}>{part.value}</span>
        ),
      )}
    </div>
  );
}

function Revisions({ proposal, body }: { proposal: Proposal; body: string }) {
  const { t } = useTranslation();
  const revisions = proposal.revisions.length > 0 ? proposal.revisions : [];
  const last = revisions.at(-1)?.number ?? 1;
  const [from, setFrom] = useState(Math.max(1, last - 1));
  const [to, setTo] = useState(last);
  useEffect(() => {
    setFrom(Math.max(1, last - 1));
    setTo(last);
  }, [last]);
  const text = (number: number) => revisions.find((revision) => revision.number === number)?.body ?? body;
  return (
    <section aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">{t('deliberation.revisions')}</h2>
      {revisions.length <= 1 ? (
        <Empty>{t('deliberation.noRevisions')}</Empty>
      ) : (
        <>
          <ol className="revisions">
            {revisions.map((revision) => (
              <li key={revision.number}>
                {t('deliberation.revision', {
                  number: revision.number,
                  name: revision.author.name,
                  date: formatDate(revision.createdAt, locale()),
                })}
                {revision.amendment ? ` · ${t('deliberation.fromAmendment')}` : ''}
              </li>
            ))}
          </ol>
          <div className="diff-choice">
            <label>
              {t('deliberation.compareFrom')}{' '}
              <select value={from} onChange={(event) => setFrom(Number(event.target.value))}>
                {revisions.map((revision) => (
                  <option key={revision.number} value={revision.number}>
                    {revision.number}
                  </option>
                ))}
              </select>
            </label>{' '}
            <label>
              {t('deliberation.compareTo')}{' '}
              <select value={to} onChange={(event) => setTo(Number(event.target.value))}>
                {revisions.map((revision) => (
                  <option key={revision.number} value={revision.number}>
                    {revision.number}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <h3>{t('deliberation.diffHeading', { from, to })}</h3>
          <WordDiff before={text(from)} after={text(to)} />
        </>
      )}
    </section>
  );
}

function Amendments({ proposal, onDone }: { proposal: Proposal; onDone: () => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [rationale, setRationale] = useState('');
  const [result, propose] = useMutation(ProposeAmendmentDocument);
  const open = proposal.status === 'DISCUSSION';
  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await propose({ proposalId: proposal.id, body, rationale: rationale.trim() || undefined });
    if (outcome.data) {
      setBody('');
      setRationale('');
      onDone();
    }
  }
  if (!open && proposal.amendments.length === 0) return null;
  return (
    <section aria-labelledby="amendments-heading">
      <h2 id="amendments-heading">{t('deliberation.amendments')}</h2>
      {proposal.amendments.length === 0 ? <Empty>{t('deliberation.noAmendments')}</Empty> : null}
      <ul className="amendments">
        {proposal.amendments.map((amendment) => (
          <AmendmentItem key={amendment.id} amendment={amendment} proposal={proposal} onDone={onDone} />
        ))}
      </ul>
      {open ? (
        <form onSubmit={submit} aria-labelledby="propose-heading" className="card">
          <h3 id="propose-heading">{t('deliberation.propose')}</h3>
          <label htmlFor="amendment-body">{t('deliberation.amendmentText')}</label>
          <textarea id="amendment-body" required rows={6} value={body} onChange={(event) => setBody(event.target.value)} />
          <label htmlFor="amendment-rationale">{t('deliberation.rationale')}</label>
          <textarea id="amendment-rationale" rows={3} value={rationale} onChange={(event) => setRationale(event.target.value)} />
          <button type="submit" disabled={result.fetching || body.trim() === ''}>
            {t('deliberation.proposeSubmit')}
          </button>
          {result.error ? <Problem error={result.error} /> : null}
        </form>
      ) : null}
    </section>
  );
}

function AmendmentItem({ amendment, proposal, onDone }: { amendment: AmendmentFieldsFragment; proposal: Proposal; onDone: () => void }) {
  const { t } = useTranslation();
  const member = useMember();
  const [accepted, accept] = useMutation(AcceptAmendmentDocument);
  const [declined, decline] = useMutation(DeclineAmendmentDocument);
  const [voted, putToVote] = useMutation(PutAmendmentToVoteDocument);
  const [withdrawn, withdraw] = useMutation(WithdrawAmendmentDocument);
  const [declining, setDeclining] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const base = proposal.revisions.find((revision) => revision.number === amendment.baseRevision)?.body;
  const mayDecide = proposal.status === 'DISCUSSION' && amendment.status === 'PROPOSED' && proposal.author.id === member.id;
  const mayPut = proposal.status === 'DISCUSSION' && amendment.status === 'DECLINED' && amendment.author.id === member.id;
  const mayWithdraw = amendment.author.id === member.id && ['PROPOSED', 'DECLINED', 'PUT_TO_VOTE'].includes(amendment.status);
  const error = accepted.error ?? declined.error ?? voted.error ?? withdrawn.error;
  const done = (outcome: { data?: unknown }) => outcome.data && onDone();
  return (
    <li className="card amendment" aria-labelledby={`amendment-${amendment.id}`}>
      <h3 id={`amendment-${amendment.id}`}>
        {t('deliberation.amendmentBy', { name: amendment.author.name })} · {t(`deliberation.amendmentStatus.${amendment.status}`)}
      </h3>
      <p className="meta">
        {t('deliberation.against', { number: amendment.baseRevision, date: formatDate(amendment.createdAt, locale()) })}
      </p>
      {amendment.rationale ? (
        <p>
          <strong>{t('deliberation.rationale')}:</strong> {amendment.rationale}
        </p>
      ) : null}
      {base !== undefined ? <WordDiff before={base} after={amendment.body} /> : <div className="diff">{amendment.body}</div>}
      {amendment.declineReason ? <p>{t('deliberation.declinedBecause', { reason: amendment.declineReason })}</p> : null}
      {amendment.note ? <p className="meta">{amendment.note}</p> : null}
      {amendment.vote ? (
        <p>
          <Link to={`/proposals/${amendment.vote.id}`}>{t('deliberation.seeVote', { status: t(`status.${amendment.vote.status}`) })}</Link>
        </p>
      ) : null}
      {mayDecide && !declining ? (
        <div className="actions">
          <button type="button" disabled={accepted.fetching} onClick={async () => done(await accept({ id: amendment.id }))}>
            {t('deliberation.accept')}
          </button>{' '}
          <button type="button" onClick={() => setDeclining(true)}>
            {t('deliberation.decline')}
          </button>
        </div>
      ) : null}
      {mayDecide && declining ? (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            done(await decline({ id: amendment.id, reason: reason.trim() || undefined }));
          }}
        >
          <label htmlFor={`decline-${amendment.id}`}>{t('deliberation.declineReason')}</label>
          <textarea id={`decline-${amendment.id}`} rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
          <button type="submit" disabled={declined.fetching}>
            {t('deliberation.declineSubmit')}
          </button>{' '}
          <button type="button" onClick={() => setDeclining(false)}>
            {t('deliberation.cancel')}
          </button>
        </form>
      ) : null}
      {(mayPut || mayWithdraw) && !withdrawing ? (
        <div className="actions">
          {mayPut ? (
            <button type="button" disabled={voted.fetching} onClick={async () => done(await putToVote({ id: amendment.id }))}>
              {t('deliberation.putToVote')}
            </button>
          ) : null}{' '}
          {mayWithdraw ? (
            <button type="button" onClick={() => setWithdrawing(true)}>
              {t('deliberation.withdraw')}
            </button>
          ) : null}
        </div>
      ) : null}
      {mayWithdraw && withdrawing ? (
        <div role="group" aria-labelledby={`withdraw-${amendment.id}`} className="notice">
          <p id={`withdraw-${amendment.id}`}>
            <strong>{t('deliberation.withdrawConfirm')}</strong>
          </p>
          <p>{t(amendment.status === 'PUT_TO_VOTE' ? 'deliberation.withdrawVote' : 'deliberation.withdrawFinal')}</p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={withdrawn.fetching}
              onClick={async () => {
                const outcome = await withdraw({ id: amendment.id });
                if (outcome.data) {
                  setWithdrawing(false);
                  onDone();
                }
              }}
            >
              {t('deliberation.withdrawSubmit')}
            </button>{' '}
            <button type="button" onClick={() => setWithdrawing(false)}>
              {t('deliberation.withdrawKeep')}
            </button>
          </div>
        </div>
      ) : null}
      {error ? <Problem error={error} /> : null}
    </li>
  );
}

function Thread({
  proposal,
  comments: loaded,
  totalCount,
  hasNextPage,
  onDone,
  onMore,
  fetching,
}: {
  proposal: Proposal;
  comments: CommentFieldsFragment[];
  totalCount: number;
  hasNextPage: boolean;
  onDone: () => void;
  onMore: () => void;
  fetching: boolean;
}) {
  const { t } = useTranslation();
  const [live, setLive] = useState<CommentFieldsFragment[]>([]);
  const [announcement, setAnnouncement] = useState('');
  useSubscription({ query: CommentAddedDocument, variables: { proposalId: proposal.id } }, (_previous, event) => {
    const comment = event.commentAdded;
    setLive((current) => (current.some((known) => known.id === comment.id) ? current : [...current, comment]));
    setAnnouncement(t('deliberation.newComment', { name: comment.author.name }));
    return event;
  });
  const all = hasNextPage ? loaded : [...loaded, ...live.filter((comment) => !loaded.some((known) => known.id === comment.id))];
  const threads = all.filter((comment) => !comment.parent);
  const replies = (id: string) => all.filter((comment) => comment.parent?.id === id);
  const writable = WRITABLE.includes(proposal.status);
  return (
    <section aria-labelledby="discussion-heading">
      <h2 id="discussion-heading">{t('deliberation.discussion', { count: Math.max(totalCount, all.length) })}</h2>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {all.length === 0 ? <Empty>{t('deliberation.noComments')}</Empty> : null}
      <ol className="thread">
        {threads.map((comment) => (
          <li key={comment.id}>
            <CommentView comment={comment} proposal={proposal} onDone={onDone} canReply={writable && !comment.removed} />
            {replies(comment.id).length > 0 ? (
              <ol className="replies" aria-label={t('deliberation.repliesTo', { name: comment.author.name })}>
                {replies(comment.id).map((reply) => (
                  <li key={reply.id}>
                    <CommentView comment={reply} proposal={proposal} onDone={onDone} canReply={false} />
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ol>
      {hasNextPage ? (
        <button type="button" disabled={fetching} onClick={onMore}>
          {t('deliberation.more')}
        </button>
      ) : null}
      {writable ? <CommentForm proposalId={proposal.id} onDone={onDone} /> : <p className="meta">{t('deliberation.readOnly')}</p>}
    </section>
  );
}

function CommentForm({
  proposalId,
  parentId,
  onDone,
  onCancel,
}: {
  proposalId: string;
  parentId?: string;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [result, add] = useMutation(AddCommentDocument);
  const id = `comment-${parentId ?? 'new'}`;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await add({ proposalId, body, parentId });
    if (outcome.data) {
      setBody('');
      onDone();
      onCancel?.();
    }
  }
  return (
    <form onSubmit={submit} className="comment-form">
      <label htmlFor={id}>{parentId ? t('deliberation.reply') : t('deliberation.addComment')}</label>
      <textarea
        id={id}
        rows={4}
        maxLength={10000}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        aria-describedby={`${id}-hint`}
      />
      <p className="meta" id={`${id}-hint`}>
        {t('deliberation.markdownHint')}
      </p>
      <button type="submit" disabled={result.fetching || body.trim() === ''}>
        {parentId ? t('deliberation.replySubmit') : t('deliberation.commentSubmit')}
      </button>
      {onCancel ? (
        <>
          {' '}
          <button type="button" onClick={onCancel}>
            {t('deliberation.cancel')}
          </button>
        </>
      ) : null}
      {result.error ? <Problem error={result.error} /> : null}
    </form>
  );
}

function CommentView({
  comment,
  proposal,
  onDone,
  canReply,
}: {
  comment: CommentFieldsFragment;
  proposal: Proposal;
  onDone: () => void;
  canReply: boolean;
}) {
  const { t } = useTranslation();
  const member = useMember();
  const [mode, setMode] = useState<'view' | 'edit' | 'reply' | 'moderate'>('view');
  const [draft, setDraft] = useState(comment.body);
  const [reason, setReason] = useState('');
  const [edited, edit] = useMutation(EditCommentDocument);
  const [removed, remove] = useMutation(RemoveCommentDocument);
  const [reacted, react] = useMutation(ReactDocument);
  const html = useMemo(() => renderMarkdown(comment.body), [comment.body]);
  const mine = comment.author.id === member.id;
  const admin = member.roles.includes('ADMIN');
  const open = WRITABLE.includes(proposal.status);
  const error = edited.error ?? removed.error ?? reacted.error;
  const done = (outcome: { data?: unknown }) => {
    if (outcome.data) {
      setMode('view');
      onDone();
    }
  };
  return (
    <article className="comment" aria-labelledby={`by-${comment.id}`}>
      <p className="meta" id={`by-${comment.id}`}>
        <strong>{comment.author.name}</strong> · <time dateTime={comment.createdAt}>{formatDate(comment.createdAt, locale())}</time>
        {comment.editedAt && !comment.removed ? ` · ${t('deliberation.edited')}` : ''}
      </p>
      {comment.removed ? (
        <p className="removed">
          {comment.removedByModerator
            ? t('deliberation.removedByModerator', { reason: comment.removalReason ?? '' })
            : t('deliberation.removedByAuthor')}
        </p>
      ) : mode === 'edit' ? (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            done(await edit({ id: comment.id, body: draft }));
          }}
        >
          <label htmlFor={`edit-${comment.id}`}>{t('deliberation.editLabel')}</label>
          <textarea id={`edit-${comment.id}`} rows={4} value={draft} onChange={(event) => setDraft(event.target.value)} />
          <button type="submit" disabled={edited.fetching || draft.trim() === ''}>
            {t('deliberation.save')}
          </button>{' '}
          <button type="button" onClick={() => setMode('view')}>
            {t('deliberation.cancel')}
          </button>
        </form>
      ) : (
        <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />
      )}
      {!comment.removed ? (
        <div className="reactions" role="group" aria-label={t('deliberation.reactions')}>
          {comment.reactions.map((reaction) => (
            <button
              key={reaction.emoji}
              type="button"
              aria-pressed={reaction.mine}
              aria-label={t('deliberation.reaction', {
                name: EMOJI[reaction.emoji] ? t(`deliberation.emoji.${EMOJI[reaction.emoji]}`) : reaction.emoji,
                count: reaction.count,
              })}
              disabled={!open || reacted.fetching}
              onClick={async () => done(await react({ commentId: comment.id, emoji: reaction.emoji }))}
            >
              <span aria-hidden="true">{reaction.emoji}</span> {reaction.count}
            </button>
          ))}
        </div>
      ) : null}
      {!comment.removed && mode === 'view' ? (
        <div className="actions">
          {canReply ? (
            <button type="button" onClick={() => setMode('reply')}>
              {t('deliberation.replyTo', { name: comment.author.name })}
            </button>
          ) : null}
          {mine && open ? (
            <>
              <button type="button" onClick={() => (setDraft(comment.body), setMode('edit'))}>
                {t('deliberation.edit')}
              </button>
              <button
                type="button"
                disabled={removed.fetching}
                onClick={async () => window.confirm(t('deliberation.removeConfirm')) && done(await remove({ id: comment.id }))}
              >
                {t('deliberation.remove')}
              </button>
            </>
          ) : null}
          {admin && !mine ? (
            <button type="button" onClick={() => setMode('moderate')}>
              {t('deliberation.moderate')}
            </button>
          ) : null}
        </div>
      ) : null}
      {mode === 'moderate' ? (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            done(await remove({ id: comment.id, reason }));
          }}
        >
          <label htmlFor={`reason-${comment.id}`}>{t('deliberation.moderationReason')}</label>
          <input id={`reason-${comment.id}`} required value={reason} onChange={(event) => setReason(event.target.value)} />
          <button type="submit" disabled={removed.fetching || reason.trim() === ''}>
            {t('deliberation.moderateSubmit')}
          </button>{' '}
          <button type="button" onClick={() => setMode('view')}>
            {t('deliberation.cancel')}
          </button>
        </form>
      ) : null}
      {mode === 'reply' ? (
        <CommentForm proposalId={proposal.id} parentId={comment.id} onDone={onDone} onCancel={() => setMode('view')} />
      ) : null}
      {error ? <Problem error={error} /> : null}
    </article>
  );
}
