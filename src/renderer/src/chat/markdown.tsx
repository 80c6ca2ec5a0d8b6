import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { isAllowedExternal } from '../../../shared/external-links';

/**
 * Claude's answers as Markdown with GitHub's tables, task lists and
 * strikethrough (react-markdown + remark-gfm). Nothing in a reply can become
 * markup or script, or make the app load anything:
 * - raw HTML is shown as the text it is (a reply that tries it stays visible);
 * - images are never loaded: they show as their text and address;
 * - a link is a link only to a site the shell would open (https, allow-listed),
 *   and opens in the person's browser through the shell's window-open handler,
 *   which checks the same list again; any other link is its text and address.
 */

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** A remark plugin: raw HTML nodes become text nodes, so they are escaped, not dropped. */
function htmlAsText() {
  const walk = (node: MdNode): void => {
    if (node.type === 'html') node.type = 'text';
    node.children?.forEach(walk);
  };
  return (tree: MdNode): void => walk(tree);
}

const components: Components = {
  img: ({ src, alt }) => (
    <span className="md-image">
      [image not loaded: {alt || 'untitled'} {typeof src === 'string' ? src : ''}]
    </span>
  ),
  a: ({ href, children }) =>
    typeof href === 'string' && isAllowedExternal(href) ? (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    ) : (
      <span className="md-link">
        {children}
        {href ? ` (${href})` : ''}
      </span>
    ),
  h1: ({ children }) => <p className="md-heading">{children}</p>,
  h2: ({ children }) => <p className="md-heading">{children}</p>,
  h3: ({ children }) => <p className="md-heading">{children}</p>,
  h4: ({ children }) => <p className="md-heading">{children}</p>,
  table: ({ children }) => (
    <div className="md-table">
      <table>{children}</table>
    </div>
  ),
};

// Keep the address as written (react-markdown would blank javascript: links): it is shown as text unless allow-listed.
const keepUrl = (url: string): string => url;

export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm, htmlAsText]} components={components} urlTransform={keepUrl}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
