import MarkdownIt from 'markdown-it';

/**
 * Comments are Markdown stored exactly as written; this is the one place it becomes HTML. markdown-it with
 * `html: false` escapes every raw tag (so no script, no attributes of our own writing), only http(s) and mailto
 * links survive (no javascript:, data:, vbscript:), images are shown as their alt text (no requests to anywhere,
 * no onerror), and every link is marked rel="nofollow ugc noopener" and opens in a new tab.
 */
const markdown = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false });
markdown.disable(['image']);

const SAFE_LINK = /^(https?:|mailto:)/i;
markdown.validateLink = (url: string): boolean => SAFE_LINK.test(url.trim());

markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index]!;
  token.attrSet('rel', 'nofollow ugc noopener');
  token.attrSet('target', '_blank');
  return self.renderToken(tokens, index, options);
};

/** Sanitised HTML for a comment's Markdown. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
