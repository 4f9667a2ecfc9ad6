// Validates an OpenAPI document with swagger-parser: its schema (OpenAPI 3.1) and every $ref.
// Usage: node validate.mjs <document>
import SwaggerParser from "@apidevtools/swagger-parser";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: node validate.mjs <openapi.json>");
  process.exit(2);
}

try {
  const api = await SwaggerParser.validate(file);
  console.log(`valid: ${api.info.title} ${api.info.version} (OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths)`);
} catch (error) {
  console.error(`invalid: ${error.message}`);
  process.exit(1);
}
