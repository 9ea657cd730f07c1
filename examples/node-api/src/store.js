import { randomUUID } from 'node:crypto';

export class DuplicateSkuError extends Error {
  constructor(sku) {
    super(`an item with sku ${sku} already exists`);
    this.name = 'DuplicateSkuError';
    this.sku = sku;
  }
}

// In-memory item store. A real deployment would put a database behind the
// same three methods; the HTTP layer does not care.
export class ItemStore {
  #items = new Map();

  list() {
    return [...this.#items.values()];
  }

  get(id) {
    return this.#items.get(id);
  }

  create({ name, sku, quantity }) {
    for (const item of this.#items.values()) {
      if (item.sku === sku) {
        throw new DuplicateSkuError(sku);
      }
    }
    const item = {
      id: randomUUID(),
      name,
      sku,
      quantity,
      createdAt: new Date().toISOString(),
    };
    this.#items.set(item.id, item);
    return item;
  }

  delete(id) {
    return this.#items.delete(id);
  }
}
