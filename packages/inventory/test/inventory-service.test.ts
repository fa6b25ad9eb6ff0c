import { expect, it } from 'vitest';
import { describeEachDatabase } from '@orion/testing/vitest';
import { useInventoryHost } from './inventory-test-host.js';
import { rejectionOf } from '../../../test/support/rejection.js';
import { InventoryService, inventoryModule, type InventoryItem } from '../src/index.js';

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describeEachDatabase('InventoryService', (dialect) => {
  const { hosts, start } = useInventoryHost(dialect);

  it('sets stock absolutely, creating the item at location "default" and updating it in place', async () => {
    const { inventory, storeId } = await start();
    const before = new Date().toISOString();
    const created = await inventory.setStock({ storeId, sku: 'TSHIRT-RED-M', quantity: 40 });
    expect(created).toEqual<InventoryItem>({
      id: expect.any(Number),
      storeId,
      sku: 'TSHIRT-RED-M',
      location: 'default',
      quantity: 40,
      reservedQuantity: 0,
      availableQuantity: 40,
      lowStockThreshold: 0,
      updatedAt: expect.stringMatching(isoTimestamp),
    });
    expect(created.updatedAt >= before).toBe(true);

    await inventory.reserveStock({ storeId, sku: 'TSHIRT-RED-M', quantity: 5 });
    await inventory.setLowStockThreshold({ storeId, sku: 'TSHIRT-RED-M', threshold: 8 });
    const updated = await inventory.setStock({ storeId, sku: 'TSHIRT-RED-M', location: 'default', quantity: 12 });
    // Same row; reservations and threshold survive an absolute stock write.
    expect(updated).toMatchObject({
      id: created.id,
      quantity: 12,
      reservedQuantity: 5,
      availableQuantity: 7,
      lowStockThreshold: 8,
    });
    expect(await inventory.getItem({ storeId, sku: 'TSHIRT-RED-M' })).toEqual(updated);

    const withThreshold = await inventory.setStock({
      storeId,
      sku: 'TSHIRT-RED-M',
      quantity: 12,
      lowStockThreshold: 3,
    });
    expect(withThreshold).toMatchObject({ id: created.id, lowStockThreshold: 3 });
    const fresh = await inventory.setStock({ storeId, sku: 'MUG', quantity: 2, lowStockThreshold: 4 });
    expect(fresh).toMatchObject({ quantity: 2, lowStockThreshold: 4 });
  });

  it('keeps one item per store, SKU and location, and allows negative quantities (backorders)', async () => {
    const { inventory, storeId, otherStoreId } = await start();
    const home = await inventory.setStock({ storeId, sku: 'A-1', quantity: 1 });
    const berlin = await inventory.setStock({ storeId, sku: 'A-1', location: 'berlin-1', quantity: -3 });
    const elsewhere = await inventory.setStock({ storeId: otherStoreId, sku: 'A-1', quantity: 7 });
    const lowerCase = await inventory.setStock({ storeId, sku: 'a-1', quantity: 9 });
    expect(new Set([home.id, berlin.id, elsewhere.id, lowerCase.id]).size).toBe(4);
    expect(berlin).toMatchObject({ location: 'berlin-1', quantity: -3, availableQuantity: -3 });

    // Ordered by SKU, then location, in the database's collation (which may put "a-1" before "A-1").
    const listed = (await inventory.listItems({ storeId })).map((item) => [item.sku, item.location, item.quantity]);
    expect(listed).toHaveLength(3);
    expect(listed).toEqual(
      expect.arrayContaining([
        ['A-1', 'berlin-1', -3],
        ['A-1', 'default', 1],
        ['a-1', 'default', 9],
      ]),
    );
    expect(listed.findIndex(([sku, location]) => sku === 'A-1' && location === 'berlin-1')).toBe(
      listed.findIndex(([sku, location]) => sku === 'A-1' && location === 'default') - 1,
    );
    expect((await inventory.listItems({ storeId, sku: 'A-1' })).map((item) => item.location)).toEqual([
      'berlin-1',
      'default',
    ]);
    expect((await inventory.listItems({ storeId, location: 'default' })).map((item) => item.sku).sort()).toEqual([
      'A-1',
      'a-1',
    ]);
    expect(await inventory.listItems({ storeId: otherStoreId, location: 'nowhere' })).toEqual([]);
  });

  it('adjusts stock by a relative delta, through zero into backorders, within ±1,000,000,000', async () => {
    const { inventory, storeId } = await start();
    await inventory.setStock({ storeId, sku: 'A-1', quantity: 5 });
    expect(await inventory.adjustStock({ storeId, sku: 'A-1', delta: 3 })).toMatchObject({ quantity: 8 });
    expect(await inventory.adjustStock({ storeId, sku: 'A-1', delta: -8 })).toMatchObject({ quantity: 0 });
    expect(await inventory.adjustStock({ storeId, sku: 'A-1', delta: -2 })).toMatchObject({
      quantity: -2,
      availableQuantity: -2,
    });

    await inventory.setStock({ storeId, sku: 'BIG', quantity: 999_999_999 });
    const error = await rejectionOf(inventory.adjustStock({ storeId, sku: 'BIG', delta: 2 }));
    expect(error).toMatchObject({
      code: 'ORION_ERR_VALIDATION',
      details: {
        subject: 'stock adjustment',
        reason: 'quantity_out_of_range',
        delta: 2,
        quantity: 999_999_999,
        sku: 'BIG',
      },
    });
    expect(error.message).toContain('would give 1000000001');
    expect(await inventory.getItem({ storeId, sku: 'BIG' })).toMatchObject({ quantity: 999_999_999 });
    await inventory.setStock({ storeId, sku: 'LOW', quantity: -1_000_000_000 });
    expect(await rejectionOf(inventory.adjustStock({ storeId, sku: 'LOW', delta: -1 }))).toMatchObject({
      details: { reason: 'quantity_out_of_range' },
    });
    expect(await inventory.adjustStock({ storeId, sku: 'LOW', delta: 1_000_000_000 })).toMatchObject({ quantity: 0 });
  });

  it('reserves only what is available and refuses more with ORION_ERR_VALIDATION reason insufficient_stock', async () => {
    const { inventory, storeId } = await start();
    await inventory.setStock({ storeId, sku: 'A-1', quantity: 5 });
    expect(await inventory.reserveStock({ storeId, sku: 'A-1', quantity: 3 })).toMatchObject({
      quantity: 5,
      reservedQuantity: 3,
      availableQuantity: 2,
    });

    const error = await rejectionOf(inventory.reserveStock({ storeId, sku: 'A-1', quantity: 3 }));
    expect(error).toMatchObject({
      code: 'ORION_ERR_VALIDATION',
      details: {
        subject: 'reservation',
        reason: 'insufficient_stock',
        requested: 3,
        available: 2,
        storeId,
        sku: 'A-1',
        location: 'default',
        validationIssues: [
          { path: 'quantity', code: 'insufficient_stock', message: expect.stringContaining('only 2 available') },
        ],
      },
    });
    expect(error.message).toBe(
      `Invalid reservation: requested 3 but only 2 available for SKU "A-1" at location "default" of store ${storeId}`,
    );
    expect(await inventory.getItem({ storeId, sku: 'A-1' })).toMatchObject({ reservedQuantity: 3 });

    // Exactly what is available succeeds; then nothing is left.
    expect(await inventory.reserveStock({ storeId, sku: 'A-1', quantity: 2 })).toMatchObject({
      reservedQuantity: 5,
      availableQuantity: 0,
    });
    expect(await rejectionOf(inventory.reserveStock({ storeId, sku: 'A-1', quantity: 1 }))).toMatchObject({
      details: { reason: 'insufficient_stock', available: 0 },
    });

    // Zero and backordered items can not be reserved.
    await inventory.setStock({ storeId, sku: 'NONE', quantity: 0 });
    await inventory.setStock({ storeId, sku: 'OWED', quantity: -4 });
    expect(await rejectionOf(inventory.reserveStock({ storeId, sku: 'NONE', quantity: 1 }))).toMatchObject({
      details: { available: 0 },
    });
    expect(await rejectionOf(inventory.reserveStock({ storeId, sku: 'OWED', quantity: 1 }))).toMatchObject({
      details: { available: -4 },
    });
  });

  it('releases reservations, refusing to release more than is reserved', async () => {
    const { inventory, storeId } = await start();
    await inventory.setStock({ storeId, sku: 'A-1', quantity: 5 });
    await inventory.reserveStock({ storeId, sku: 'A-1', quantity: 4 });
    expect(await inventory.releaseReservation({ storeId, sku: 'A-1', quantity: 1 })).toMatchObject({
      reservedQuantity: 3,
      availableQuantity: 2,
    });
    expect(await rejectionOf(inventory.releaseReservation({ storeId, sku: 'A-1', quantity: 4 }))).toMatchObject({
      code: 'ORION_ERR_VALIDATION',
      details: { subject: 'reservation release', reason: 'exceeds_reservation', requested: 4, reserved: 3 },
    });
    expect(await inventory.releaseReservation({ storeId, sku: 'A-1', quantity: 3 })).toMatchObject({
      reservedQuantity: 0,
    });
  });

  it('lets stock writes take quantity below the reservations (oversold) and blocks new reservations until restocked', async () => {
    const { inventory, storeId } = await start();
    await inventory.setStock({ storeId, sku: 'A-1', quantity: 5 });
    await inventory.reserveStock({ storeId, sku: 'A-1', quantity: 4 });
    expect(await inventory.adjustStock({ storeId, sku: 'A-1', delta: -3 })).toMatchObject({
      quantity: 2,
      reservedQuantity: 4,
      availableQuantity: -2,
    });
    expect(await rejectionOf(inventory.reserveStock({ storeId, sku: 'A-1', quantity: 1 }))).toMatchObject({
      details: { reason: 'insufficient_stock', available: -2 },
    });
    await inventory.setStock({ storeId, sku: 'A-1', quantity: 5 });
    expect(await inventory.reserveStock({ storeId, sku: 'A-1', quantity: 1 })).toMatchObject({
      reservedQuantity: 5,
      availableQuantity: 0,
    });
  });

  it('sets the low-stock threshold of an item', async () => {
    const { inventory, storeId } = await start();
    await inventory.setStock({ storeId, sku: 'A-1', location: 'shop', quantity: 5 });
    expect(await inventory.setLowStockThreshold({ storeId, sku: 'A-1', location: 'shop', threshold: 5 })).toMatchObject(
      {
        lowStockThreshold: 5,
        quantity: 5,
      },
    );
    expect(await inventory.setLowStockThreshold({ storeId, sku: 'A-1', location: 'shop', threshold: 0 })).toMatchObject(
      {
        lowStockThreshold: 0,
      },
    );
  });

  it('answers ORION_ERR_NOT_FOUND for unknown stores and items', async () => {
    const { inventory, storeId, otherStoreId } = await start();
    await inventory.setStock({ storeId, sku: 'A-1', quantity: 5 });
    expect(await rejectionOf(inventory.setStock({ storeId: 987_654, sku: 'A-1', quantity: 1 }))).toMatchObject({
      code: 'ORION_ERR_NOT_FOUND',
      details: { entity: 'Store', id: 987_654 },
    });
    expect(await rejectionOf(inventory.listItems({ storeId: 987_654 }))).toMatchObject({ code: 'ORION_ERR_NOT_FOUND' });

    const missing = [
      { storeId, sku: 'A-1', location: 'elsewhere' },
      { storeId: otherStoreId, sku: 'A-1' },
      { storeId, sku: 'B-2' },
    ];
    for (const key of missing) {
      const calls = [
        () => inventory.getItem(key),
        () => inventory.adjustStock({ ...key, delta: 1 }),
        () => inventory.reserveStock({ ...key, quantity: 1 }),
        () => inventory.releaseReservation({ ...key, quantity: 1 }),
        () => inventory.setLowStockThreshold({ ...key, threshold: 1 }),
      ];
      for (const call of calls) {
        const error = await rejectionOf(call());
        expect(error).toMatchObject({
          code: 'ORION_ERR_NOT_FOUND',
          details: {
            entity: 'Inventory item',
            storeId: key.storeId,
            sku: key.sku,
            location: key.location ?? 'default',
          },
        });
        expect(error.message).toBe(
          `Inventory item SKU "${key.sku}" at location "${key.location ?? 'default'}" of store ${key.storeId} does not exist.`,
        );
      }
    }
    expect(await inventory.listItems({ storeId: otherStoreId })).toEqual([]);
  });

  it('rejects malformed input as ORION_ERR_VALIDATION before touching the database', async () => {
    const { inventory, storeId } = await start();
    const bad: [() => Promise<unknown>, string][] = [
      [() => inventory.setStock({ storeId, sku: '', quantity: 1 }), 'sku'],
      [() => inventory.setStock({ storeId, sku: 'A 1', quantity: 1 }), 'sku'],
      [() => inventory.setStock({ storeId, sku: 'A\u200b1', quantity: 1 }), 'sku'],
      [() => inventory.setStock({ storeId, sku: 'A\n1', quantity: 1 }), 'sku'],
      [() => inventory.setStock({ storeId, sku: 'x'.repeat(65), quantity: 1 }), 'sku'],
      [() => inventory.setStock({ storeId, sku: 'A-1', location: '', quantity: 1 }), 'location'],
      [() => inventory.setStock({ storeId, sku: 'A-1', location: 'x'.repeat(65), quantity: 1 }), 'location'],
      [() => inventory.setStock({ storeId, sku: 'A-1', quantity: 1.5 }), 'quantity'],
      [() => inventory.setStock({ storeId, sku: 'A-1', quantity: 1_000_000_001 }), 'quantity'],
      [() => inventory.setStock({ storeId, sku: 'A-1', quantity: 1, lowStockThreshold: -1 }), 'lowStockThreshold'],
      [() => inventory.setStock({ storeId: 0, sku: 'A-1', quantity: 1 }), 'storeId'],
      [() => inventory.setStock({ storeId, sku: 'A-1', quantity: 1, extra: 1 } as never), ''],
      [() => inventory.adjustStock({ storeId, sku: 'A-1', delta: Number.NaN }), 'delta'],
      [() => inventory.adjustStock({ storeId, sku: 'A-1', delta: 1_000_000_001 }), 'delta'],
      [() => inventory.reserveStock({ storeId, sku: 'A-1', quantity: 0 }), 'quantity'],
      [() => inventory.reserveStock({ storeId, sku: 'A-1', quantity: -1 }), 'quantity'],
      [() => inventory.releaseReservation({ storeId, sku: 'A-1', quantity: 0 }), 'quantity'],
      [() => inventory.setLowStockThreshold({ storeId, sku: 'A-1', threshold: 0.5 }), 'threshold'],
      [() => inventory.getItem({ storeId: 1.5, sku: 'A-1' }), 'storeId'],
      [() => inventory.listItems({ storeId, location: '' }), 'location'],
    ];
    for (const [call, path] of bad) {
      const error = await rejectionOf(call());
      expect(error.code).toBe('ORION_ERR_VALIDATION');
      expect((error.details.validationIssues as { path: string }[]).map((issue) => issue.path)).toContain(path);
    }
    expect(await inventory.listItems({ storeId })).toEqual([]);
  });

  it('loses no update when two hosts adjust, reserve and release the same item concurrently', async () => {
    const { inventory, storeId } = await start();
    const second = new InventoryService((await hosts.start({ modules: [inventoryModule] })).db);
    const services = [inventory, second];
    await inventory.setStock({ storeId, sku: 'A-1', quantity: 1000 });

    const deltas = Array.from({ length: 120 }, (_, i) => (i % 3 === 0 ? -(i % 7) - 1 : (i % 5) + 1));
    await Promise.all(deltas.map((delta, i) => services[i % 2]!.adjustStock({ storeId, sku: 'A-1', delta })));
    const expected = 1000 + deltas.reduce((sum, delta) => sum + delta, 0);
    expect(await inventory.getItem({ storeId, sku: 'A-1' })).toMatchObject({ quantity: expected });

    // 60 concurrent single-unit reservations for 25 available units: exactly 25 succeed.
    await inventory.setStock({ storeId, sku: 'B-2', quantity: 25 });
    const reservations = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => services[i % 2]!.reserveStock({ storeId, sku: 'B-2', quantity: 1 })),
    );
    expect(reservations.filter((result) => result.status === 'fulfilled')).toHaveLength(25);
    for (const result of reservations) {
      if (result.status === 'rejected') {
        expect(result.reason).toMatchObject({
          code: 'ORION_ERR_VALIDATION',
          details: { reason: 'insufficient_stock' },
        });
      }
    }
    expect(await inventory.getItem({ storeId, sku: 'B-2' })).toMatchObject({
      reservedQuantity: 25,
      availableQuantity: 0,
    });

    // Releases and adjustments racing each other still add up.
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) =>
        services[i % 2]!.releaseReservation({ storeId, sku: 'B-2', quantity: 1 }),
      ),
      ...Array.from({ length: 20 }, (_, i) => services[(i + 1) % 2]!.adjustStock({ storeId, sku: 'B-2', delta: 2 })),
    ]);
    expect(await inventory.getItem({ storeId, sku: 'B-2' })).toMatchObject({
      quantity: 65,
      reservedQuantity: 5,
      availableQuantity: 60,
    });
  });
});
