import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MAX_NAME_LENGTH, MAX_QUANTITY, validateItem } from '../src/validate.js';

test('accepts a valid item and trims its name', () => {
  assert.deepEqual(validateItem({ name: ' Bolt ', sku: 'BLT-10', quantity: 0 }), {
    value: { name: 'Bolt', sku: 'BLT-10', quantity: 0 },
  });
});

test('rejects bodies that are not objects', () => {
  for (const body of [null, [], 'item', 42]) {
    const { errors } = validateItem(body);
    assert.deepEqual(errors, [{ field: '(body)', message: 'must be a JSON object' }]);
  }
});

test('requires every field', () => {
  const { errors } = validateItem({});
  assert.deepEqual(errors.map((e) => e.field), ['name', 'sku', 'quantity']);
});

test('enforces the name length', () => {
  assert.ok(validateItem({ name: 'n'.repeat(MAX_NAME_LENGTH), sku: 'ABC', quantity: 1 }).value);
  const { errors } = validateItem({ name: 'n'.repeat(MAX_NAME_LENGTH + 1), sku: 'ABC', quantity: 1 });
  assert.equal(errors[0].field, 'name');
});

test('enforces the sku format', () => {
  for (const sku of ['AB', 'abc-1', '-ABC', 'A'.repeat(33), 'AB C']) {
    const { errors } = validateItem({ name: 'x', sku, quantity: 1 });
    assert.deepEqual(errors.map((e) => e.field), ['sku'], `sku ${JSON.stringify(sku)}`);
  }
});

test('requires an integer quantity within bounds', () => {
  for (const quantity of [1.5, '3', -1, MAX_QUANTITY + 1, Number.NaN]) {
    const { errors } = validateItem({ name: 'x', sku: 'ABC', quantity });
    assert.deepEqual(errors.map((e) => e.field), ['quantity'], `quantity ${String(quantity)}`);
  }
  assert.ok(validateItem({ name: 'x', sku: 'ABC', quantity: MAX_QUANTITY }).value);
});
