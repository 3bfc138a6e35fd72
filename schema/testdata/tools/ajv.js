// Compiles a greylint JSON Schema with ajv in its default strict mode, with
// the keywords given (comma-separated) added as a vocabulary, then
// validates each JSON instance given. Prints {"error"} or {"valid": [...]}.
//
//   node ajv.js SCHEMA.json 'x-status,x-rule,...' '{"jobs": []}' ...
const Ajv2020 = require('ajv/dist/2020').default;
const fs = require('fs');
const [, , file, vocabulary, ...instances] = process.argv;
const ajv = new Ajv2020();
if (vocabulary) ajv.addVocabulary(vocabulary.split(','));
let validate;
try {
  validate = ajv.compile(JSON.parse(fs.readFileSync(file, 'utf8')));
} catch (e) {
  console.log(JSON.stringify({ error: e.message }));
  process.exit(0);
}
console.log(JSON.stringify({ valid: instances.map((i) => validate(JSON.parse(i))) }));
