// Computes the MoveNet golden reference: every model on every exported frame input, with TF.js 4.22 on the
// WebAssembly backend. Usage: node reference.mjs MODEL_DIR INPUT_DIR OUT_JSON
// (MODEL_DIR: services/vision/target/classes/movenet; INPUT_DIR: written by GoldenInputsExport.)
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { MODELS, initWasm, loadModel, inputTensor } from './movenet.mjs';

const [modelDir, inputDir, outJson] = process.argv.slice(2);
if (!outJson) {
  console.error('usage: node reference.mjs MODEL_DIR INPUT_DIR OUT_JSON');
  process.exit(2);
}
const tf = await initWasm();
const index = JSON.parse(fs.readFileSync(path.join(inputDir, 'index.json'), 'utf8'));
const frames = index.map((f) => ({ id: f.id, clip: f.clip, frame: f.frame, models: {} }));
for (const [name, size] of Object.entries(MODELS)) {
  const model = await loadModel(modelDir, name);
  for (let i = 0; i < index.length; i++) {
    const spec = index[i].inputs[String(size)];
    const bytes = fs.readFileSync(path.join(inputDir, spec.file));
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    if (sha !== spec.sha256) throw new Error(`${spec.file}: sha256 ${sha} differs from the index`);
    const x = inputTensor(bytes, size);
    const y = model.execute(x);
    const output = Array.from(await y.data()).map((v) => Number(v.toFixed(6)));
    frames[i].models[name] = { inputSha256: sha, shape: y.shape, output };
    tf.dispose([x, y]);
  }
  model.dispose();
  console.log(`${name}: ${index.length} frames`);
}
const reference = {
  description: 'MoveNet outputs computed by TF.js on the WebAssembly backend; see services/vision/src/test/node/README.md',
  tfjs: tf.version.tfjs,
  backend: tf.getBackend(),
  frames,
};
fs.writeFileSync(outJson, JSON.stringify(reference) + '\n');
console.log(`wrote ${outJson}`);
