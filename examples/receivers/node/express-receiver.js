// A postback receiver in Node.js with Express, for the multipart mode: it checks the Standard Webhooks
// signature over the raw body bytes, the ZIP included, before it trusts anything in the request.
//   IMAGECOGNI_WEBHOOK_SECRET=whsec_… PORT=9000 node express-receiver.js
const crypto = require('node:crypto');
const express = require('express');

const key = Buffer.from(process.env.IMAGECOGNI_WEBHOOK_SECRET.replace(/^whsec_/, ''), 'base64');

function verified(req) {
  const id = req.get('webhook-id');
  const timestamp = req.get('webhook-timestamp');
  const signatures = req.get('webhook-signature');
  if (!id || !timestamp || !signatures) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false; // replayed or badly delayed
  const expected = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.`).update(req.body).digest();
  return signatures.split(' ').some((signature) => {
    const [version, value] = signature.split(',');
    const given = Buffer.from(value || '', 'base64');
    return version === 'v1' && given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
}

const app = express();
// express.raw keeps the body as the bytes that arrived (a Buffer): a text or JSON parser would change them
app.post('/hooks/images', express.raw({ type: '*/*', limit: '500mb' }), (req, res) => {
  if (!verified(req)) return res.sendStatus(401);
  console.log(`verified ${req.get('webhook-id')}: ${req.body.length} bytes of ${req.get('content-type')}`);
  res.sendStatus(204); // answer first; parse the multipart body (outputZipFile, jobId, configId) after
});
app.listen(Number(process.env.PORT || 9000));
