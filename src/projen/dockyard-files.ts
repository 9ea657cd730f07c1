import { FileBase, ObjectFile, type IResolver } from 'projen';
import type { IConstruct } from 'constructs';
import type { CiSystem } from '../config/schema/primitives.js';
import { renderYaml } from '../emit/render-yaml.js';
import { targetOf } from '../targets/registry.js';

/** Which dialect a {@link DockyardYamlFile} serialises: GitHub adds the release tag as a comment after pinned `uses:`. */
export type DockyardYamlDialect = CiSystem;

/** Options of {@link DockyardYamlFile}. */
export interface DockyardYamlFileOptions {
  /** The emitted pipeline object (a GitHub workflow or a GitLab CI configuration), as plain data. */
  readonly obj: object;
  /** GitHub (pin comments on `uses:`) or GitLab. */
  readonly dialect: DockyardYamlDialect;
}

/**
 * A projen-managed YAML pipeline file with exactly the body `dockyard synth` writes. It is a projen
 * `ObjectFile` (read-only on disk, listed in `.projen/files.json`, committed, removed by projen when no longer
 * generated, and open to projen's escape hatches `addOverride`, `addDeletionOverride` and `patch`), but it
 * serialises through dockyard's own YAML renderer instead of projen's `YamlFile`, so the output is byte-for-byte
 * what `dockyard synth` renders (literal blocks, no folding, `# v4.2.2` comments after SHA-pinned actions). The
 * only difference is the first line: projen's marker instead of dockyard's three-line marker.
 *
 * @see https://projen.io/docs/concepts/file-types/ (projen file types)
 * @see https://projen.io/docs/concepts/escape-hatches/ (overrides)
 */
export class DockyardYamlFile extends ObjectFile {
  private readonly dialect: DockyardYamlDialect;

  /**
   * @param scope the projen project (or a component of it).
   * @param filePath path relative to the project's outdir, e.g. `.github/workflows/dockyard.yml`.
   */
  constructor(scope: IConstruct, filePath: string, options: DockyardYamlFileOptions) {
    super(scope, filePath, { obj: options.obj, omitEmpty: false });
    this.dialect = options.dialect;
  }

  /** The YAML text: projen's marker as a comment line, then dockyard's rendering of the (overridden) object. */
  protected override synthesizeContent(resolver: IResolver): string | undefined {
    const json = super.synthesizeContent(resolver);
    if (json === undefined) return undefined;
    const body = renderYaml(JSON.parse(json), targetOf(this.dialect).yaml);
    return this.marker ? `# ${this.marker}\n${body}` : body;
  }
}

/** Options of {@link DockyardTextFile}. */
export interface DockyardTextFileOptions {
  /** The file content without any marker. */
  readonly content: string;
  /** Line-comment prefix for the marker line (`//` for JavaScript, `#` for shell and YAML). */
  readonly comment: '#' | '//';
}

/**
 * A projen-managed verbatim text file (the GitLab metadata helper): projen's marker as the first comment line,
 * then the content exactly as `dockyard synth` writes it after its own marker. Read-only like every projen file.
 *
 * @see https://projen.io/docs/concepts/file-types/
 */
export class DockyardTextFile extends FileBase {
  private readonly content: string;
  private readonly comment: '#' | '//';

  /** @param filePath path relative to the project's outdir. */
  constructor(scope: IConstruct, filePath: string, options: DockyardTextFileOptions) {
    super(scope, filePath);
    this.content = options.content;
    this.comment = options.comment;
  }

  /** The marker line (when projen adds markers) followed by the content. */
  protected override synthesizeContent(_resolver: IResolver): string | undefined {
    return this.marker ? `${this.comment} ${this.marker}\n${this.content}` : this.content;
  }
}
