import { describe, expect, it } from 'vitest';
import { renderPageBody } from './page-body.js';

describe('renderPageBody', () => {
  it('renders Markdown', () => {
    expect(renderPageBody('# Hello\n\nSome **bold** [link](https://example.com).')).toBe(
      '<h1>Hello</h1>\n<p>Some <strong>bold</strong> <a href="https://example.com" rel="noopener noreferrer">link</a>.</p>\n',
    );
  });

  it('drops scripts, event handlers and javascript: links, in raw HTML and in Markdown', () => {
    const html = renderPageBody(
      '<script>alert(1)</script>\n\n<img src="x" onerror="alert(2)">\n\n[click](javascript:alert(3))\n\n<a href="JaVaScRiPt:alert(4)">x</a>\n\n<iframe src="https://evil.example"></iframe>',
    );
    expect(html).not.toMatch(/script|onerror|alert|iframe/i);
    expect(html).toContain('<img src="x" />');
  });

  it('keeps code blocks with their language class and escapes their content', () => {
    expect(renderPageBody('```ts\nconst a = "<b>";\n```')).toBe(
      '<pre><code class="language-ts">const a = "&lt;b&gt;";\n</code></pre>\n',
    );
  });
});
