// Validates deploy/k8s against the JSON schemas of the Kubernetes API (kubernetes-models, generated from the
// API server's OpenAPI) and of KEDA's CRDs (@kubernetes-models/keda, generated from KEDA's CRDs), and lints
// deploy/docker/Dockerfile* with dockerfile-utils (the Dockerfile validator of the VS Code Docker extension).
// Strimzi's kinds are checked in Java against Strimzi's own typed model (StrictManifestParsingTest), as is
// every core kind for fields that its schema does not know.
// Usage: node validate.mjs <repository root>. Prints one line per document; exits 1 on the first failures.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';

const root = process.argv[2] ?? '../..';
const k8sDir = join(root, 'deploy', 'k8s');
const dockerDir = join(root, 'deploy', 'docker');
const STRIMZI_GROUP = 'kafka.strimzi.io/';
const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io/';
const KEDA_GROUP = 'keda.sh/';

function modelModule(apiVersion, kind) {
  if (apiVersion.startsWith(KEDA_GROUP)) {
    return `@kubernetes-models/keda/${apiVersion}/${kind}`;
  }
  return `kubernetes-models/${apiVersion}/${kind}`;
}

let failures = 0;
let validated = 0;
for (const file of readdirSync(k8sDir).filter(f => f.endsWith('.yaml')).sort()) {
  const docs = parseAllDocuments(readFileSync(join(k8sDir, file), 'utf8'));
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      console.log(`FAIL ${file}: YAML: ${doc.errors.map(e => e.message).join('; ')}`);
      failures++;
      continue;
    }
    const obj = doc.toJS();
    if (obj === null) continue;
    const where = `${file} ${obj.kind}/${obj.metadata?.name ?? ''}`;
    if (obj.apiVersion?.startsWith(STRIMZI_GROUP) || obj.apiVersion?.startsWith(KUSTOMIZE_GROUP)) {
      console.log(`skip ${where} (checked in Java)`);
      continue;
    }
    let Model;
    try {
      Model = (await import(modelModule(obj.apiVersion, obj.kind)))[obj.kind];
    } catch (e) {
      console.log(`FAIL ${where}: no schema for apiVersion ${obj.apiVersion} kind ${obj.kind} (${e.message})`);
      failures++;
      continue;
    }
    try {
      new Model(obj).validate();
      console.log(`ok   ${where}`);
      validated++;
    } catch (e) {
      console.log(`FAIL ${where}: ${e.message}`);
      failures++;
    }
  }
}

const lint = join(import.meta.dirname ?? '.', 'node_modules', '.bin', 'dockerfile-utils');
for (const file of readdirSync(dockerDir).filter(f => f.startsWith('Dockerfile')).sort()) {
  const r = spawnSync(lint, ['lint', join(dockerDir, file)], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim() === '') {
    console.log(`ok   ${file} (dockerfile-utils lint)`);
    validated++;
  } else {
    console.log(`FAIL ${file} (dockerfile-utils lint, exit ${r.status}):\n${r.stdout}${r.stderr}`);
    failures++;
  }
}
console.log(`validated=${validated} failures=${failures}`);
process.exit(failures === 0 ? 0 : 1);
