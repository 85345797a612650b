// Generates participant batches in a worker thread, one batch ahead of the loader, so that
// making rows and COPYing them into the database overlap.
import { parentPort, workerData } from "node:worker_threads";
import { namePools, PersonFactory, type World } from "./generate.ts";
import { Batch, participantTables, type Table } from "./rows.ts";

export interface WorkerInput {
  world: World;
  seed: number;
  persons: number;
  batchSize: number;
}
export interface BatchMessage {
  /** COPY text per table, in pieces whose buffers are transferred with the message. */
  texts: Partial<Record<Table, Uint8Array[]>>;
  counts: Partial<Record<Table, number>>;
  persons: number;
  generateMs: number;
}

const { world, seed, persons, batchSize } = workerData as WorkerInput;
const factory = new PersonFactory(world, namePools(seed), seed);
let made = 0;

parentPort?.on("message", () => {
  const t0 = performance.now();
  // The first batch is small, so that the loader has rows to copy soon.
  const n = Math.min(made === 0 ? Math.min(batchSize, 5000) : batchSize, persons - made);
  const batch = new Batch();
  for (let i = 0; i < n; i++) factory.person(batch);
  made += n;
  const message: BatchMessage = {
    texts: Object.fromEntries(participantTables.map((t) => [t, batch.chunks(t)])),
    counts: Object.fromEntries(participantTables.map((t) => [t, batch.count(t)])),
    persons: n,
    generateMs: performance.now() - t0,
  };
  const buffers = Object.values(message.texts).flatMap((pieces) => pieces.map((p) => p.buffer as ArrayBuffer));
  parentPort?.postMessage(message, buffers);
});
