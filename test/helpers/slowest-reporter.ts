import type { Reporter, TestModule } from 'vitest/node';

/** Prints the ten slowest test files after a run, so a slow test is seen before it is copied. */
export default class SlowestReporter implements Reporter {
  private readonly durations: { file: string; ms: number; tests: number }[] = [];

  onTestModuleEnd(testModule: TestModule): void {
    const file = testModule.relativeModuleId;
    const ms = testModule.diagnostic().duration;
    this.durations.push({ file, ms, tests: [...testModule.children.allTests()].length });
  }

  onTestRunEnd(): void {
    if (this.durations.length < 10) return;
    const slowest = [...this.durations].sort((a, b) => b.ms - a.ms).slice(0, 10);
    const lines = slowest.map(
      (d) => `  ${(d.ms / 1000).toFixed(1).padStart(6)} s  ${String(d.tests).padStart(4)} tests  ${d.file}`,
    );
    process.stdout.write(`\nTen slowest test files:\n${lines.join('\n')}\n`);
  }
}
