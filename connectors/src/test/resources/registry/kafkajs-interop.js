// Reads or writes one record through @kafkajs/confluent-schema-registry, a third-party implementation of
// the Confluent wire format and registry client:
//   node kafkajs-interop.js decode REGISTRY_URL HEX        -> the record as JSON
//   node kafkajs-interop.js encode REGISTRY_URL ID JSON    -> the Confluent-framed bytes as hex
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');

const [mode, url, arg, json] = process.argv.slice(2);
const registry = new SchemaRegistry({ host: url });

(async () => {
  if (mode === 'decode') {
    const value = await registry.decode(Buffer.from(arg, 'hex'));
    process.stdout.write(JSON.stringify(value));
  } else if (mode === 'encode') {
    const bytes = await registry.encode(Number(arg), JSON.parse(json));
    process.stdout.write(bytes.toString('hex'));
  } else {
    throw new Error('expected decode or encode, found ' + mode);
  }
})().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
