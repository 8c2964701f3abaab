// satellite.js side of the SGP4 benchmark: the same TLEs (written by bench_sgp4 --write-tle) and
// the same times (0..99 min after epoch, satellite by satellite) as sgp4_bench.cpp, through
// satellite.js's sgp4(satrec, minutesSinceEpoch), on one thread.
// Usage: node satellitejs_bench.mjs FILE.tle  -> prints "cpu_us_per_sat_step <value>" and
// "us_per_sat_step <value>" (process CPU time and wall time, best of 5 runs)
import { readFileSync } from 'node:fs';
import { sgp4, twoline2satrec } from 'satellite.js';

const STEPS = 100;
const STEP_MINUTES = 1.0;

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.trim() !== '');
const satrecs = [];
for (let i = 0; i + 1 < lines.length; i += 2) satrecs.push(twoline2satrec(lines[i], lines[i + 1]));

function propagateAll() {
  let sum = 0;
  for (const satrec of satrecs) {
    for (let step = 0; step < STEPS; step++) {
      const state = sgp4(satrec, step * STEP_MINUTES);
      sum += state.position.x;
    }
  }
  return sum;
}

propagateAll();  // warm-up: let the JIT compile the hot path
let bestWall = Infinity;
let bestCpu = Infinity;
let checksum = 0;
for (let run = 0; run < 5; run++) {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  checksum += propagateAll();
  const cpu = process.cpuUsage(cpuStart);
  bestWall = Math.min(bestWall, Number(process.hrtime.bigint() - start) / 1e9);
  bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1e6);
}
const steps = satrecs.length * STEPS;
console.log(`satellites ${satrecs.length} steps ${STEPS} checksum ${checksum.toExponential(6)}`);
console.log(`cpu_us_per_sat_step ${((bestCpu / steps) * 1e6).toFixed(4)}`);
console.log(`us_per_sat_step ${((bestWall / steps) * 1e6).toFixed(4)}`);
