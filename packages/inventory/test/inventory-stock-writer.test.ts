import { expect, it } from 'vitest';
import { inventoryStockWriterRef, type InventoryStockInput } from '@orion/contracts';
import { describeEachDatabase } from '@orion/testing/vitest';
import { useInventoryHost } from './inventory-test-host.js';
import { rejectionOf } from '../../../test/support/rejection.js';
import { InventoryService, InventoryStockWriterService } from '../src/index.js';

describeEachDatabase('InventoryStockWriterService', (dialect) => {
  const { start } = useInventoryHost(dialect);

  async function stock(inventory: InventoryService, storeId: number) {
    return (await inventory.listItems({ storeId })).map((item) => [item.sku, item.location, item.quantity]);
  }

  it('is what the module provides under inventoryStockWriterRef', async () => {
    const { orion } = await start();
    expect(orion.services.providerOf(inventoryStockWriterRef)).toBe('inventory');
    const writer = await orion.services.require(inventoryStockWriterRef);
    expect(writer).toBeInstanceOf(InventoryStockWriterService);
  });

  it('creates missing items and sets existing ones, with exact created and updated counts', async () => {
    const { orion, inventory, storeId, otherStoreId } = await start();
    const writer = await orion.services.require(inventoryStockWriterRef);

    expect(
      await writer.setStock(orion.db, storeId, [
        { sku: 'A-1', quantity: 5 },
        { sku: 'A-1', location: 'berlin-1', quantity: 0 },
        { sku: 'B-2', location: 'default', quantity: -2 },
      ]),
    ).toEqual({ created: 3, updated: 0 });
    expect(await stock(inventory, storeId)).toEqual([
      ['A-1', 'berlin-1', 0],
      ['A-1', 'default', 5],
      ['B-2', 'default', -2],
    ]);

    // Reservations and thresholds of existing items survive; an unchanged quantity still counts as updated.
    await inventory.reserveStock({ storeId, sku: 'A-1', quantity: 2 });
    await inventory.setLowStockThreshold({ storeId, sku: 'A-1', threshold: 4 });
    expect(
      await writer.setStock(orion.db, storeId, [
        { sku: 'A-1', quantity: 9 },
        { sku: 'B-2', quantity: -2 },
        { sku: 'C-3', location: 'berlin-1', quantity: 1 },
      ]),
    ).toEqual({ created: 1, updated: 2 });
    expect(await inventory.getItem({ storeId, sku: 'A-1' })).toMatchObject({
      quantity: 9,
      reservedQuantity: 2,
      lowStockThreshold: 4,
    });
    expect(await stock(inventory, storeId)).toEqual([
      ['A-1', 'berlin-1', 0],
      ['A-1', 'default', 9],
      ['B-2', 'default', -2],
      ['C-3', 'berlin-1', 1],
    ]);

    // The same SKU in another store is another item.
    expect(await writer.setStock(orion.db, otherStoreId, [{ sku: 'A-1', quantity: 1 }])).toEqual({
      created: 1,
      updated: 0,
    });
    expect(await writer.setStock(orion.db, otherStoreId, [])).toEqual({ created: 0, updated: 0 });
  });

  it('counts exactly across batches of 500 rows', async () => {
    const { orion, inventory, storeId } = await start();
    const writer = await orion.services.require(inventoryStockWriterRef);
    const items = (from: number, to: number, quantity: (i: number) => number): InventoryStockInput[] =>
      Array.from({ length: to - from }, (_, k) => ({
        sku: `SKU-${from + k}`,
        location: (from + k) % 3 === 0 ? 'shop' : undefined,
        quantity: quantity(from + k),
      }));

    expect(
      await writer.setStock(
        orion.db,
        storeId,
        items(0, 1200, (i) => i),
      ),
    ).toEqual({ created: 1200, updated: 0 });
    // 0..899 exist, 1200..1499 are new; new and existing items interleave within each batch.
    const mixed = [...items(300, 900, (i) => -i), ...items(1200, 1500, (i) => i)].sort((a, b) =>
      a.sku.localeCompare(b.sku),
    );
    mixed.push(...items(0, 300, () => 7));
    expect(await writer.setStock(orion.db, storeId, mixed)).toEqual({ created: 300, updated: 900 });

    const all = await inventory.listItems({ storeId });
    expect(all).toHaveLength(1500);
    const bySku = new Map(all.map((item) => [item.sku, item]));
    expect(bySku.get('SKU-3')).toMatchObject({ location: 'shop', quantity: 7 });
    expect(bySku.get('SKU-301')).toMatchObject({ location: 'default', quantity: -301 });
    expect(bySku.get('SKU-1000')).toMatchObject({ quantity: 1000 });
    expect(bySku.get('SKU-1499')).toMatchObject({ quantity: 1499 });
  });

  it('writes inside the caller’s transaction and rolls back with it', async () => {
    const { orion, inventory, storeId } = await start();
    const writer = await orion.services.require(inventoryStockWriterRef);
    await writer.setStock(orion.db, storeId, [{ sku: 'A-1', quantity: 5 }]);

    const failure = new Error('publishing failed after the stock was written');
    await expect(
      orion.db.transaction().execute(async (trx) => {
        expect(
          await writer.setStock(trx, storeId, [
            { sku: 'A-1', quantity: 50 },
            { sku: 'B-2', quantity: 3 },
          ]),
        ).toEqual({ created: 1, updated: 1 });
        // Visible inside the transaction…
        expect(await new InventoryService(trx).listItems({ storeId })).toHaveLength(2);
        throw failure;
      }),
    ).rejects.toBe(failure);
    // …and gone with its rollback.
    expect(await stock(inventory, storeId)).toEqual([['A-1', 'default', 5]]);

    await orion.db.transaction().execute(async (trx) => {
      await writer.setStock(trx, storeId, [{ sku: 'B-2', quantity: 3 }]);
    });
    expect(await stock(inventory, storeId)).toEqual([
      ['A-1', 'default', 5],
      ['B-2', 'default', 3],
    ]);
  });

  it('rejects bad input and unknown stores before writing anything', async () => {
    const { orion, inventory, storeId } = await start();
    const writer = new InventoryStockWriterService();
    const bad: [() => Promise<unknown>, string][] = [
      [() => writer.setStock(orion.db, 0, [{ sku: 'A-1', quantity: 1 }]), ''],
      [() => writer.setStock(orion.db, storeId, [{ sku: '', quantity: 1 }]), '0.sku'],
      [() => writer.setStock(orion.db, storeId, [{ sku: 'A-1', quantity: 1.5 }]), '0.quantity'],
      [() => writer.setStock(orion.db, storeId, [{ sku: 'A-1', location: ' x', quantity: 1 }]), '0.location'],
      [() => writer.setStock(orion.db, storeId, [{ sku: 'A-1', quantity: 1, price: 3 } as InventoryStockInput]), '0'],
      [() => writer.setStock(orion.db, storeId, 'A-1' as never), ''],
      // The same item twice in one call: "default" named or implied.
      [
        () =>
          writer.setStock(orion.db, storeId, [
            { sku: 'OK', quantity: 1 },
            { sku: 'A-1', quantity: 1 },
            { sku: 'A-1', location: 'default', quantity: 2 },
          ]),
        '2',
      ],
    ];
    for (const [call, path] of bad) {
      const error = await rejectionOf(call());
      expect(error.code).toBe('ORION_ERR_VALIDATION');
      expect((error.details.validationIssues as { path: string }[]).map((issue) => issue.path)).toContain(path);
    }
    expect(await rejectionOf(writer.setStock(orion.db, 987_654, [{ sku: 'A-1', quantity: 1 }]))).toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Store', id: 987_654 },
    });
    expect(await inventory.listItems({ storeId })).toEqual([]);
  });

  it('counts each item once when two writers set the same new items concurrently', async () => {
    const { orion, inventory, storeId } = await start();
    const writer = new InventoryStockWriterService();
    const items = Array.from({ length: 80 }, (_, i) => ({ sku: `SKU-${i}`, quantity: i }));
    const results = await Promise.all([
      orion.db.transaction().execute((trx) => writer.setStock(trx, storeId, items)),
      orion.db.transaction().execute((trx) => writer.setStock(trx, storeId, [...items].reverse())),
      writer.setStock(orion.db, storeId, items.slice(0, 40)),
    ]);
    const created = results.reduce((sum, result) => sum + result.created, 0);
    const updated = results.reduce((sum, result) => sum + result.updated, 0);
    expect({ created, updated }).toEqual({ created: 80, updated: 120 });
    expect(await inventory.listItems({ storeId })).toHaveLength(80);
  });
});
