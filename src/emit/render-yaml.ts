import { Document, isPair, isScalar, visit } from 'yaml';

/** Options for {@link renderYaml}. */
export interface RenderYamlOptions {
  /** Return a trailing comment for a `uses:` value (e.g. the pinned release tag), or undefined. */
  readonly usesComment?: (uses: string) => string | undefined;
}

/**
 * Serialise a plain object to YAML: no line folding, literal blocks for multi-line strings, no anchors or
 * aliases, and optional trailing comments on `uses:` values. YAML text is only ever produced here.
 *
 * @see https://eemeli.org/yaml/#tostring-options
 */
export function renderYaml(value: unknown, options: RenderYamlOptions = {}): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  if (options.usesComment) {
    const commentFor = options.usesComment;
    visit(doc, {
      Pair(_, pair) {
        if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'uses' && isScalar(pair.value)) {
          const comment = commentFor(String(pair.value.value));
          if (comment) pair.value.comment = ` ${comment}`;
        }
      },
    });
  }
  return doc.toString({ lineWidth: 0, blockQuote: 'literal', indentSeq: true });
}
