// Peer side of `repstream bench pose`: one MoveNet model in TF.js on the WebAssembly backend, over the model
// inputs the Java benchmark wrote. TF.js runs these batch-of-one graphs one image per execute() call, so the figure
// is per image whatever the batch size on the Java side.
// Usage: node peer-bench.mjs MODEL_DIR INPUT_DIR MODEL
// Then, for each line "round" read on stdin, runs every input once and prints one JSON line
// {"ms_per_image", "cpu_ms_per_image"}; the Java side alternates these rounds with its own so both see the same
// machine load. "quit" (or end of input) stops.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { MODELS, initWasm, loadModel, inputTensor } from './movenet.mjs';

const [modelDir, inputDir, name] = process.argv.slice(2);
if (!name || !(name in MODELS)) {
  console.error('usage: node peer-bench.mjs MODEL_DIR INPUT_DIR lightning|thunder|multipose');
  process.exit(2);
}
const size = MODELS[name];
await initWasm();
const index = JSON.parse(fs.readFileSync(path.join(inputDir, 'index.json'), 'utf8'));
const inputs = index.map((f) => inputTensor(fs.readFileSync(path.join(inputDir, f.inputs[String(size)].file)), size));
const model = await loadModel(modelDir, name);

async function once(x) {
  const y = model.execute(x);
  await y.data();
  y.dispose();
}

await once(inputs[0]); // warm-up: kernel setup and weight upload
console.log(JSON.stringify({ ready: true, images: inputs.length }));
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line.trim() !== 'round') break;
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (const x of inputs) await once(x);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({
    ms_per_image: wall / inputs.length,
    cpu_ms_per_image: (used.user + used.system) / 1000 / inputs.length,
  }));
}
process.exit(0);
