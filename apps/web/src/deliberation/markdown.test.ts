import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

/** Parses the rendered HTML the way the browser will, and lists what could run or call out. */
function dangers(html: string): string[] {
  const root = document.createElement('div');
  root.innerHTML = html;
  const found: string[] = [];
  for (const element of Array.from(root.querySelectorAll('*'))) {
    const tag = element.tagName.toLowerCase();
    if (
      ![
        'p',
        'a',
        'em',
        'strong',
        'code',
        'pre',
        'ul',
        'ol',
        'li',
        'blockquote',
        'br',
        'h1',
        'h2',
        'h3',
        'h4',
        'h5',
        'h6',
        'hr',
        's',
        'table',
        'thead',
        'tbody',
        'tr',
        'th',
        'td',
      ].includes(tag)
    )
      found.push(`<${tag}>`);
    for (const attribute of Array.from(element.attributes)) {
      if (!['href', 'rel', 'target', 'title', 'style', 'start', 'class'].includes(attribute.name)) found.push(`${tag}[${attribute.name}]`);
      if (attribute.name === 'style' && !/^text-align:(left|right|center)$/.test(attribute.value))
        found.push(`${tag}[style=${attribute.value}]`);
      if (attribute.name === 'class' && !/^language-[\w-]+$/.test(attribute.value)) found.push(`${tag}[class=${attribute.value}]`);
    }
    if (tag === 'a' && !/^(https?:|mailto:)/i.test(element.getAttribute('href') ?? ''))
      found.push(`a[href=${element.getAttribute('href')}]`);
  }
  return found;
}

const HOSTILE = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.test/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '![x](x" onerror="alert(1))',
  '![pixel](https://evil.test/track.png)',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1))',
  '[click](java&#115;cript:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '<javascript:alert(1)>',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="https://evil.test"></iframe>',
  '<div onclick="alert(1)">hi</div>',
  '<style>body{display:none}</style>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<form action="https://evil.test"><input name=a></form>',
  '<<script>script>alert(1)<</script>/script>',
  '<!-- <script>alert(1)</script> -->',
  '```html\n<script>alert(1)</script>\n```',
  '`<img src=x onerror=alert(1)>`',
  '[a](https://ok.test "title\\" onmouseover=\\"alert(1)")',
  '<details open ontoggle=alert(1)>',
  '**bold <b onmouseover=alert(1)>x</b>**',
];

describe('renderMarkdown', () => {
  it.each(HOSTILE)('renders %j inert', (source) => {
    const html = renderMarkdown(source);
    expect(dangers(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<img|<iframe|<svg|<style|<form|<details|href="javascript|href="data|href="vbscript/i);
  });

  it('shows raw HTML as text rather than dropping it', () => {
    const root = document.createElement('div');
    root.innerHTML = renderMarkdown('<script>alert(1)</script>');
    expect(root.textContent).toContain('<script>alert(1)</script>');
    expect(root.querySelector('script')).toBeNull();
  });

  it('leaves a javascript: link as text, not a link', () => {
    const root = document.createElement('div');
    root.innerHTML = renderMarkdown('[click](javascript:alert(1))');
    expect(root.querySelector('a')).toBeNull();
    expect(root.textContent).toContain('[click](javascript:alert(1))');
  });

  it('renders an image as its alt text, loading nothing', () => {
    const root = document.createElement('div');
    root.innerHTML = renderMarkdown('![a pixel](https://evil.test/track.png)');
    expect(root.querySelector('img')).toBeNull();
  });

  it('renders ordinary Markdown, links marked nofollow ugc noopener', () => {
    const root = document.createElement('div');
    root.innerHTML = renderMarkdown(
      'Some **bold**, _em_, `code`\n\n- one\n- two\n\n[our site](https://coop.test/x) and https://coop.test/y',
    );
    expect(root.querySelector('strong')?.textContent).toBe('bold');
    expect(root.querySelector('em')?.textContent).toBe('em');
    expect(root.querySelectorAll('li')).toHaveLength(2);
    const links = Array.from(root.querySelectorAll('a'));
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['https://coop.test/x', 'https://coop.test/y']);
    for (const link of links) expect(link.getAttribute('rel')).toBe('nofollow ugc noopener');
  });
});
