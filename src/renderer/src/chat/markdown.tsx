import { Fragment, type ReactNode } from 'react';

/**
 * A small Markdown reader for Claude's answers: paragraphs, headings, bullet
 * and numbered lists, fenced code, **bold**, *italic* and `code`. It builds
 * React elements and never HTML from strings, so nothing in a reply (or in
 * a contract name Claude quotes) can become markup or script.
 */
export function Markdown({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.startsWith('```')) {
      const code: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] ?? '').startsWith('```')) code.push(lines[i++] ?? '');
      i += 1;
      blocks.push(
        <pre key={blocks.length}>
          <code>{code.join('\n')}</code>
        </pre>,
      );
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push(
        <p key={blocks.length} className="md-heading">
          {inline(heading[2] ?? '')}
        </p>,
      );
      i += 1;
      continue;
    }
    if (/^\s*([-*•]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d+[.)]/.test(line);
      const items: string[] = [];
      while (i < lines.length && /^\s*([-*•]|\d+[.)])\s+/.test(lines[i] ?? '')) items.push((lines[i++] ?? '').replace(/^\s*([-*•]|\d+[.)])\s+/, ''));
      const ListTag = ordered ? 'ol' : 'ul';
      blocks.push(
        <ListTag key={blocks.length}>
          {items.map((item, n) => (
            <li key={n}>{inline(item)}</li>
          ))}
        </ListTag>,
      );
      continue;
    }
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && (lines[i] ?? '').trim() !== '' && !/^(```|#{1,4}\s|\s*([-*•]|\d+[.)])\s)/.test(lines[i] ?? '')) paragraph.push(lines[i++] ?? '');
    blocks.push(<p key={blocks.length}>{inline(paragraph.join(' '))}</p>);
  }
  return <div className="markdown">{blocks}</div>;
}

function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const pattern = /(\*\*[^*]+\*\*|`[^`]+`|\*[^*\s][^*]*\*)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (at > last) out.push(<Fragment key={out.length}>{text.slice(last, at)}</Fragment>);
    const token = match[0];
    if (token.startsWith('**')) out.push(<strong key={out.length}>{token.slice(2, -2)}</strong>);
    else if (token.startsWith('`')) out.push(<code key={out.length}>{token.slice(1, -1)}</code>);
    else out.push(<em key={out.length}>{token.slice(1, -1)}</em>);
    last = at + token.length;
  }
  if (last < text.length) out.push(<Fragment key={out.length}>{text.slice(last)}</Fragment>);
  return out;
}
