// Validation for the payload of POST /api/items.
//
// validateItem() never throws: it returns either { value } with the
// normalised item fields or { errors } with one entry per offending field,
// so the API can report every problem in a single 400 response.

export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,31}$/;
export const MAX_NAME_LENGTH = 100;
export const MAX_QUANTITY = 1_000_000;

const ALLOWED_FIELDS = new Set(['name', 'sku', 'quantity']);

export function validateItem(input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { errors: [{ field: '(body)', message: 'must be a JSON object' }] };
  }

  const errors = [];

  for (const key of Object.keys(input)) {
    if (!ALLOWED_FIELDS.has(key)) {
      errors.push({ field: key, message: 'unknown field' });
    }
  }

  const name = typeof input.name === 'string' ? input.name.trim() : undefined;
  if (name === undefined) {
    errors.push({ field: 'name', message: 'is required and must be a string' });
  } else if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
    errors.push({ field: 'name', message: `must be 1-${MAX_NAME_LENGTH} characters` });
  }

  const sku = input.sku;
  if (typeof sku !== 'string') {
    errors.push({ field: 'sku', message: 'is required and must be a string' });
  } else if (!SKU_PATTERN.test(sku)) {
    errors.push({ field: 'sku', message: 'must be 3-32 upper-case letters, digits or dashes' });
  }

  const quantity = input.quantity;
  if (!Number.isInteger(quantity)) {
    errors.push({ field: 'quantity', message: 'is required and must be an integer' });
  } else if (quantity < 0 || quantity > MAX_QUANTITY) {
    errors.push({ field: 'quantity', message: `must be between 0 and ${MAX_QUANTITY}` });
  }

  if (errors.length > 0) {
    return { errors };
  }
  return { value: { name, sku, quantity } };
}
