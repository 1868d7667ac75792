/**
 * Runs async tasks one at a time. A Durable Object serialises calls only until the first
 * await on I/O (its input gate opens for D1 and fetch), so read-modify-write sequences that
 * span a D1 write need this to avoid losing an update.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task);
    this.#tail = result.catch(() => {});
    return result;
  }
}
