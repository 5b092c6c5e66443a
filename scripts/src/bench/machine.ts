/** Names the machine a benchmark ran on, printed beside every figure. */
import { cpus, totalmem, type } from 'node:os';

export function machineLine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  return `${type()} · ${model} · ${cpu.length} cores · ${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.version}`;
}
