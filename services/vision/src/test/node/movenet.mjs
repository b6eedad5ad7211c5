// Loads the MoveNet TF.js graph models from local files onto the WebAssembly backend (never tfjs-node).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import fs from 'node:fs';
import path from 'node:path';

export const MODELS = { lightning: 192, thunder: 256, multipose: 256 };

export async function initWasm() {
  await tf.setBackend('wasm');
  await tf.ready();
  return tf;
}

export async function loadModel(modelDir, name) {
  const json = JSON.parse(fs.readFileSync(path.join(modelDir, `movenet-${name}.json`), 'utf8'));
  const bin = fs.readFileSync(path.join(modelDir, `movenet-${name}.bin`));
  // A standalone ArrayBuffer: Node's Buffer may be a view into a larger shared pool.
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return tf.loadGraphModel({
    load: async () => ({
      modelTopology: json.modelTopology,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      signature: json.signature,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      weightData,
    }),
  });
}

export function inputTensor(bytes, size) {
  return tf.tensor(Int32Array.from(bytes), [1, size, size, 3], 'int32');
}
