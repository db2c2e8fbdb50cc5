import type { NotificationKind } from '../entities/notification.entity.js';

export interface MailItem {
  kind: NotificationKind;
  subject: string;
  body: string;
  link: string | null;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const KIND_NAMES: Record<NotificationKind, string> = {
  PROPOSAL_OPENED: 'Votes opened',
  CLOSING_SOON: 'Votes closing soon',
  PROPOSAL_CLOSED: 'Decisions',
  ASSEMBLY_CONVENED: 'General assemblies',
  BUDGET_PHASE_CHANGED: 'Participatory budgets',
  MEMBERSHIP_CHANGED: 'Your membership',
  PROPOSAL_PUBLISHED: 'Proposals up for discussion',
  COMMENT_REPLY: 'Replies to your comments',
  AMENDMENT_PROPOSED: 'Amendments to your proposals',
  AMENDMENT_DECIDED: 'What became of your amendments',
};

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((block) => `<p>${escape(block).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/**
 * One email, in plain text and HTML: a single notification, or a digest grouped by kind. Each kind in it
 * has its unsubscribe link (which mutes that kind, without signing in).
 */
export function composeMail(input: {
  recipientName: string;
  items: MailItem[];
  digest: 'DAILY' | 'WEEKLY' | null;
  unsubscribeUrl: (kind: NotificationKind) => string;
  settingsUrl: string;
}): MailContent {
  const { items, digest } = input;
  const kinds = [...new Set(items.map((item) => item.kind))];
  const subject = digest
    ? `Your ${digest === 'DAILY' ? 'daily' : 'weekly'} Commons digest: ${items.length} ${items.length === 1 ? 'update' : 'updates'}`
    : items[0].subject;
  const text: string[] = [`Hello ${input.recipientName},`, ''];
  const html: string[] = [`<p>Hello ${escape(input.recipientName)},</p>`];
  for (const kind of kinds) {
    const ofKind = items.filter((item) => item.kind === kind);
    if (digest) {
      text.push(`== ${KIND_NAMES[kind]} ==`, '');
      html.push(`<h2>${escape(KIND_NAMES[kind])}</h2>`);
    }
    for (const item of ofKind) {
      if (digest) {
        text.push(`* ${item.subject}`);
        html.push(`<h3>${escape(item.subject)}</h3>`);
      }
      text.push(item.body, ...(item.link ? [`Open: ${item.link}`] : []), '');
      html.push(paragraphs(item.body), ...(item.link ? [`<p><a href="${escape(item.link)}">Open in Commons</a></p>`] : []));
    }
  }
  text.push('--');
  html.push('<hr>');
  for (const kind of kinds) {
    const url = input.unsubscribeUrl(kind);
    text.push(`Stop emails about ${KIND_NAMES[kind].toLowerCase()}: ${url}`);
    html.push(`<p><small><a href="${escape(url)}">Stop emails about ${escape(KIND_NAMES[kind].toLowerCase())}</a></small></p>`);
  }
  text.push(`All your notification settings: ${input.settingsUrl}`);
  html.push(`<p><small><a href="${escape(input.settingsUrl)}">All your notification settings</a></small></p>`);
  return {
    subject,
    text: text.join('\n') + '\n',
    html: `<!doctype html>\n<html><body>\n${html.join('\n')}\n</body></html>\n`,
  };
}
