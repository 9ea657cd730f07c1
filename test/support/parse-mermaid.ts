import { JSDOM } from 'jsdom';

type Mermaid = (typeof import('mermaid'))['default'];
let loaded: Promise<Mermaid> | undefined;

/**
 * Parse a diagram with Mermaid's own parser (`mermaid.parse`, the one the renderers on GitHub and GitLab run), on
 * Node without a browser: Mermaid sanitises labels with DOMPurify, which needs a DOM, so a jsdom window is
 * installed first (once).
 *
 * @returns the diagram type Mermaid detected (`flowchart-v2`).
 * @throws the parser's error (with the line and what it expected) when the text is not valid.
 * @see https://mermaid.js.org/config/usage.html#syntax-validation
 */
export async function parseMermaid(text: string): Promise<string> {
  loaded ??= (async () => {
    const { window } = new JSDOM('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window, document: window.document });
    return (await import('mermaid')).default;
  })();
  const result = await (await loaded).parse(text);
  return result.diagramType;
}
