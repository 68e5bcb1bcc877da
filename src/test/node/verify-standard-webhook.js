// Verifies one captured postback with the npm standardwebhooks library, used as its README says:
//   node verify-standard-webhook.js SECRET HEADERS.json BODY
// Prints the verified payload as JSON, or the library's error and exits 1. JsonPostbackTest runs it
// with NODE_PATH at examples/receivers/node/node_modules (the version its package-lock.json pins).
const fs = require('node:fs');
const { Webhook } = require('standardwebhooks');

const [secret, headersFile, bodyFile] = process.argv.slice(2);
try {
  const payload = new Webhook(secret).verify(fs.readFileSync(bodyFile), JSON.parse(fs.readFileSync(headersFile, 'utf8')));
  process.stdout.write(JSON.stringify(payload));
} catch (e) {
  process.stdout.write(`${e.name}: ${e.message}`);
  process.exit(1);
}
