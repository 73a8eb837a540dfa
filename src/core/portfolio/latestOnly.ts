/**
 * Lets only the newest of overlapping scans assign its result. Scans read files one by one and may finish in any
 * order; without this, an older scan finishing last would overwrite newer data.
 */
export class LatestOnly {
  private generation = 0;
  private running = 0;

  /** Runs `scan`; calls `assign` only if no newer scan started and no `invalidate` came meanwhile. */
  async run<T>(scan: () => Promise<T>, assign: (result: T) => void): Promise<boolean> {
    const mine = ++this.generation;
    this.running++;
    try {
      const result = await scan();
      if (mine !== this.generation) return false;
      assign(result);
      return true;
    } finally {
      this.running--;
    }
  }

  /**
   * Newer data arrived another way (an editor change): scans in flight may have read older text, so they must not
   * assign. Returns whether one was in flight, in which case the caller should start a fresh scan.
   */
  invalidate(): boolean {
    this.generation++;
    return this.running > 0;
  }
}
