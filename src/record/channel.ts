// A single-consumer async queue with backpressure: a producer may wait until the consumer has
// finished with what it pushed (the consumer's loop asked for the next value).

interface Slot<T> {
  value: T;
  done: () => void;
}

/** A FIFO that one `for await` consumer drains; `close()` ends the iteration. */
export class Channel<T> implements AsyncIterable<T> {
  private readonly slots: Array<Slot<T>> = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private inHand: Slot<T> | undefined;
  private closed = false;

  /** Values pushed but not yet taken. */
  get pending(): number {
    return this.slots.length;
  }

  /** Queues `value`; resolves once the consumer has finished with it (or the channel closed). */
  push(value: T): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise<void>((done) => {
      const slot = { value, done };
      const waiter = this.waiting;
      if (waiter) {
        this.waiting = undefined;
        this.inHand = slot;
        waiter({ value, done: false });
      } else {
        this.slots.push(slot);
      }
    });
  }

  /** Ends the iteration once the values already pushed are taken; later pushes are dropped. */
  close(): void {
    this.closed = true;
    const waiter = this.waiting;
    this.waiting = undefined;
    waiter?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        this.inHand?.done(); // the consumer's loop came back: it is done with the previous value
        this.inHand = this.slots.shift();
        if (this.inHand) return Promise.resolve({ value: this.inHand.value, done: false });
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.waiting = resolve;
        });
      },
      return: () => {
        this.inHand?.done();
        this.inHand = undefined;
        for (const slot of this.slots.splice(0)) slot.done();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
