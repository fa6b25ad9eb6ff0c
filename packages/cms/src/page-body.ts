/**
 * A page's Markdown to the HTML a storefront may show as it is: rendered with `marked`, then
 * sanitised with `sanitize-html` (an allow-list of tags, attributes and URL schemes), so raw HTML
 * or a `javascript:` link in the Markdown never reaches a reader's browser.
 */
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'del'],
  allowedAttributes: {
    a: ['href', 'title', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['align'],
    td: ['align'],
    code: ['class'],
  },
  allowedClasses: { code: [/^language-[a-z0-9-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

/** Renders `markdown` to sanitised HTML. */
export function renderPageBody(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return sanitizeHtml(html, sanitizeOptions);
}
