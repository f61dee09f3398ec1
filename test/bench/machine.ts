// Which machine a benchmark ran on: results are meaningless without it.
import { cpus, totalmem, type as osType, release, arch, loadavg } from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memory_gb: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  load_1m: number;
  /** 1-minute load average when it ended. */
  load_1m_end?: number;
}

export function loadAverage(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memory_gb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    os: `${osType()} ${release()} ${arch()}`,
    load_1m: loadAverage(),
  };
}
