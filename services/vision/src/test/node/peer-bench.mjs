// Peer benchmark for `repstream bench pose`: times one MoveNet model in TF.js on the WebAssembly backend over the
// model inputs the Java benchmark wrote. TF.js runs these batch-of-one graphs one image per execute() call, so the
// figure is milliseconds per image whatever the batch size on the Java side.
// Usage: node peer-bench.mjs MODEL_DIR INPUT_DIR MODEL ROUNDS
// Prints one JSON line: {"model", "images", "rounds", "ms_per_image" (median over rounds), "backend"}.
import fs from 'node:fs';
import path from 'node:path';
import { MODELS, initWasm, loadModel, inputTensor } from './movenet.mjs';

const [modelDir, inputDir, name, roundsArg] = process.argv.slice(2);
if (!name || !(name in MODELS)) {
  console.error('usage: node peer-bench.mjs MODEL_DIR INPUT_DIR lightning|thunder|multipose ROUNDS');
  process.exit(2);
}
const rounds = Number(roundsArg || 3);
const size = MODELS[name];
const tf = await initWasm();
const index = JSON.parse(fs.readFileSync(path.join(inputDir, 'index.json'), 'utf8'));
const inputs = index.map((f) => inputTensor(fs.readFileSync(path.join(inputDir, f.inputs[String(size)].file)), size));
const model = await loadModel(modelDir, name);

async function once(x) {
  const y = model.execute(x);
  await y.data();
  y.dispose();
}

await once(inputs[0]); // warm-up: kernel setup and weight upload
const perImage = [];
for (let r = 0; r < rounds; r++) {
  const start = performance.now();
  for (const x of inputs) await once(x);
  perImage.push((performance.now() - start) / inputs.length);
}
perImage.sort((a, b) => a - b);
console.log(JSON.stringify({
  model: name,
  images: inputs.length,
  rounds,
  ms_per_image: perImage[Math.floor(perImage.length / 2)],
  backend: tf.getBackend(),
}));
