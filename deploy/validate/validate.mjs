// Validates rendered Kubernetes manifests offline: built-in kinds against the Kubernetes OpenAPI schemas
// (kubernetes-models), and the custom resources of Prometheus Operator, KEDA and CloudNativePG against the
// schemas published with those operators' CRDs. Strimzi's resources are checked by the deploy module's tests
// with Strimzi's own API model (io.strimzi:api); they are listed here as such.
//
//   node validate.mjs rendered.yaml [more.yaml …]      (exit 1 and one line per problem when invalid)
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const packages = {
  "": "kubernetes-models",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "keda.sh": "@kubernetes-models/keda",
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
};
const checkedElsewhere = new Set(["kafka.strimzi.io"]);

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (checkedElsewhere.has(group)) {
    return "elsewhere";
  }
  const builtIn = group === "" || !group.includes(".") || group.endsWith(".k8s.io");
  const pkg = builtIn ? packages[""] : packages[group];
  if (!pkg) {
    return null;
  }
  const path = builtIn ? (group === "" ? `${pkg}/${version}/${kind}` : `${pkg}/${group}/${version}/${kind}`)
      : `${pkg}/${group}/${version}/${kind}`;
  try {
    const module = await import(path);
    return module[kind] ?? module.default;
  } catch (e) {
    return null;
  }
}

const problems = [];
const seen = new Set();
let validated = 0;
const elsewhere = [];
for (const file of process.argv.slice(2)) {
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  for (const document of documents) {
    if (document.errors.length) {
      problems.push(`${file}: YAML: ${document.errors.map((e) => e.message).join("; ")}`);
      continue;
    }
    const object = document.toJS();
    if (object == null) {
      continue;
    }
    const { apiVersion, kind } = object;
    const name = object.metadata?.name;
    const where = `${file}: ${apiVersion}/${kind} ${name ?? "(no name)"}`;
    if (!apiVersion || !kind || !name) {
      problems.push(`${where}: apiVersion, kind and metadata.name are required`);
      continue;
    }
    const identity = `${apiVersion}/${kind}/${object.metadata.namespace ?? ""}/${name}`;
    if (seen.has(identity)) {
      problems.push(`${where}: defined twice`);
    }
    seen.add(identity);
    const Model = await modelOf(apiVersion, kind);
    if (Model === "elsewhere") {
      elsewhere.push(`${kind}/${name}`);
      continue;
    }
    if (!Model) {
      problems.push(`${where}: no schema known for this kind here; add its models package to package.json`);
      continue;
    }
    try {
      new Model(object).validate();
      validated++;
    } catch (e) {
      const details = e.errors ? e.errors.map((x) => `${x.instancePath || "/"} ${x.message}`).join("; ") : e.message;
      problems.push(`${where}: ${details}`);
    }
  }
}
for (const problem of problems) {
  console.error(problem);
}
console.log(JSON.stringify({ validated, problems: problems.length, checkedByStrimziModel: elsewhere }));
process.exit(problems.length ? 1 : 0);
