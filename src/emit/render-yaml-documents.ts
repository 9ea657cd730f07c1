import { Document } from 'yaml';

/**
 * Serialise several plain objects as one multi-document YAML stream (`---` before every document after the
 * first), with the same output options as `renderYaml`. Each document is a yaml `Document` built from its object;
 * used for GitLab component templates (a `spec:` header document, then the pipeline).
 *
 * @see https://eemeli.org/yaml/#documents
 * @see https://docs.gitlab.com/ci/inputs/#define-input-parameters-with-specinputs
 */
export function renderYamlDocuments(values: readonly unknown[]): string {
  return values
    .map((value, i) => {
      const doc = new Document(value, { aliasDuplicateObjects: false });
      doc.directives!.docStart = i > 0 ? true : null;
      return doc.toString({ lineWidth: 0, blockQuote: 'literal', indentSeq: true });
    })
    .join('');
}
