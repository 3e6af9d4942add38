// Writes the google provider's schema, as the official CDKTF bindings (@cdktf/provider-google)
// record it, to the file named by argv[2]: for each resource and data source, its attributes
// (required or not) and nested blocks, recursively. The bindings are generated from the
// provider's published schema; package.json records which provider version (cdktf.provider).
"use strict";
const fs = require("fs");
const path = require("path");

const pkgDir = path.dirname(require.resolve("@cdktf/provider-google/package.json"));
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
const out = process.argv[2];

const assembly = JSON.parse(fs.readFileSync(path.join(pkgDir, ".jsii"), "utf8"));
const types = assembly.types;

// The Terraform name is in each property's registry link: ".../cloudfunctions2_function#build_config".
function terraformName(property) {
  const match = /#([a-z0-9_]+) /.exec((property.docs && property.docs.remarks) || "");
  return match ? match[1] : property.name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

function structOf(type) {
  if (type.fqn && types[type.fqn] && types[type.fqn].datatype) return type.fqn;
  if (type.collection && type.collection.elementtype.fqn && types[type.collection.elementtype.fqn]?.datatype) {
    return type.collection.elementtype.fqn;
  }
  if (type.union) {
    for (const option of type.union.types) {
      const found = structOf(option);
      if (found) return found;
    }
  }
  return null;
}

function block(fqn, seen) {
  const result = { attributes: {}, blocks: {} };
  if (seen.includes(fqn)) return result; // recursive schemas (rare) stop here
  for (const property of types[fqn].properties || []) {
    const name = terraformName(property);
    const required = !property.optional;
    const nested = structOf(property.type);
    if (nested) {
      result.blocks[name] = { required, ...block(nested, seen.concat(fqn)) };
    } else {
      result.attributes[name] = { required };
    }
  }
  return result;
}

const schema = { provider: pkg.cdktf.provider, package: `${pkg.name}@${pkg.version}`, resource: {}, data: {} };
for (const [fqn, type] of Object.entries(types)) {
  if (type.kind !== "interface" || !(type.interfaces || []).includes("cdktf.TerraformMetaArguments")) continue;
  const resourceClass = types[fqn.replace(/Config$/, "")];
  const link = /\/docs\/(resources|data-sources)\/[a-z0-9_]+ (google_[a-z0-9_]+)\}/.exec(resourceClass?.docs?.summary || "");
  if (!link) continue; // the provider configuration itself
  schema[link[1] === "resources" ? "resource" : "data"][link[2]] = block(fqn, []);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(schema));
console.log(`schema of ${schema.provider.name} ${schema.provider.version} (${schema.package}): ` +
  `${Object.keys(schema.resource).length} resources, ${Object.keys(schema.data).length} data sources -> ${out}`);
