import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { IdleCollector } from '../../server/src/lsp/idle-gc.js';

const MB = 1024 * 1024;

/** A collector over a fake heap: `heap.size` is what V8 would report as committed. */
function fake(): { heap: { size: number }; runs: number[]; collector: IdleCollector } {
  const heap = { size: 100 * MB };
  const runs: number[] = [];
  const collector = new IdleCollector(
    () => {
      runs.push(heap.size);
      heap.size = 90 * MB;
    },
    () => heap.size,
    500,
    64 * MB,
  );
  return { heap, runs, collector };
}

test('idle collection: runs after a quiet spell once the heap has grown enough, and only then', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { heap, runs, collector } = fake();
    // The checking thread tells the server after each collection (stats).
    let told = 0;
    collector.onCollected = () => told++;
    // Grown by less than the threshold: nothing is scheduled.
    heap.size = 150 * MB;
    collector.idle();
    mock.timers.tick(10_000);
    assert.deepEqual(runs, []);
    // Grown enough, but work arrives before the quiet spell ends: postponed.
    heap.size = 170 * MB;
    collector.idle();
    mock.timers.tick(400);
    collector.busy();
    mock.timers.tick(10_000);
    assert.deepEqual(runs, []);
    // Quiet for the whole delay: two full collections, once.
    collector.idle();
    mock.timers.tick(499);
    assert.deepEqual(runs, []);
    mock.timers.tick(1);
    assert.deepEqual(runs, [170 * MB, 90 * MB]);
    assert.equal(collector.collections, 1);
    // The baseline is now the collected size: growth is measured from there.
    heap.size = 140 * MB;
    collector.idle();
    mock.timers.tick(10_000);
    assert.equal(collector.collections, 1);
    heap.size = 160 * MB;
    collector.idle();
    mock.timers.tick(500);
    assert.equal(collector.collections, 2);
    assert.equal(told, 2);
  } finally {
    mock.timers.reset();
  }
});

test('idle collection: this thread can reach the collector', () => {
  const c = IdleCollector.forThisThread();
  assert.ok(c, 'gc is reachable through a new context');
  c.busy();
});
