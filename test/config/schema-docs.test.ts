import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths.js';

/*
 * Every config field carries TSDoc (shown on hover in dockyard.config.ts) and, where it has a zod
 * `.describe()` text (used by the JSON Schema and docs/config-reference.md), the two say the same thing.
 */
const dir = join(ROOT, 'src', 'config', 'schema');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

interface Field {
  file: string;
  line: number;
  name: string;
  doc: string | undefined;
  describe: string | undefined;
}

function describeText(node: ts.Expression): string | undefined {
  let cur: ts.Expression | undefined = node;
  while (cur && ts.isCallExpression(cur)) {
    const callee: ts.Expression = cur.expression;
    const [arg] = cur.arguments;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'describe' && arg && ts.isStringLiteralLike(arg))
      return arg.text;
    cur = ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
  }
  return undefined;
}

function isFieldContainer(obj: ts.ObjectLiteralExpression): boolean {
  const parent = obj.parent;
  if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression))
    return parent.expression.name.text === 'strictObject';
  return ts.isVariableDeclaration(parent) && parent.name.getText() === 'common';
}

function fieldsOf(file: string): Field[] {
  const source = ts.createSourceFile(file, readFileSync(join(dir, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const fields: Field[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isObjectLiteralExpression(node.parent) &&
      isFieldContainer(node.parent) &&
      node.name.getText(source) !== 'type'
    ) {
      const jsDoc = ts.getJSDocCommentsAndTags(node).find(ts.isJSDoc);
      fields.push({
        file,
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        name: node.name.getText(source),
        doc: typeof jsDoc?.comment === 'string' ? jsDoc.comment.replace(/\s+/g, ' ').trim() : undefined,
        describe: describeText(node.initializer),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return fields;
}

const fields = files.flatMap(fieldsOf);

describe('config field documentation', () => {
  it('finds the config fields', () => {
    expect(fields.length).toBeGreaterThan(40);
  });

  it.each(fields.map((f) => [`${f.file}:${f.line} ${f.name}`, f] as const))(
    '%s has TSDoc matching its describe()',
    (_, field) => {
      expect(field.doc, 'TSDoc comment').toBeTruthy();
      if (field.describe !== undefined) expect(field.doc).toBe(field.describe.replace(/\s+/g, ' ').trim());
    },
  );
});
