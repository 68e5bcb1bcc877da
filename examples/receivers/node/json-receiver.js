// A postback receiver in Node.js for the JSON mode ("postbackFormat": "json"), verified by the
// standardwebhooks library as it is; the ZIP is fetched from result.url only after the event verified.
//   IMAGECOGNI_WEBHOOK_SECRET=whsec_… PORT=9000 node json-receiver.js
const crypto = require('node:crypto');
const express = require('express');
const { Webhook } = require('standardwebhooks');

const webhook = new Webhook(process.env.IMAGECOGNI_WEBHOOK_SECRET);

const app = express();
// the event carries the result's manifest: a job of many sources and sizes makes it larger than express's 100 KB default
app.post('/hooks/images', express.text({ type: 'application/json', limit: '100mb' }), async (req, res) => {
  let event;
  try {
    event = webhook.verify(req.body, req.headers); // throws unless signature and timestamp are right
  } catch (e) {
    return res.sendStatus(401);
  }
  res.sendStatus(204); // answer within the postback timeout, then fetch
  const { jobId, status, result } = event.data;
  try {
    const answer = await fetch(result.url); // no API key: the link is signed
    if (!answer.ok) throw new Error(`the result link answered ${answer.status}`);
    const zip = Buffer.from(await answer.arrayBuffer());
    const sha256 = crypto.createHash('sha256').update(zip).digest('hex');
    console.log(`verified ${req.headers['webhook-id']}: job ${jobId} ${status}, ${zip.length} bytes,`
      + ` sha256 ${sha256 === result.sha256 ? 'ok' : 'MISMATCH'}`);
  } catch (e) {
    console.error(`job ${jobId}: could not fetch its ZIP (${e.cause ? e.cause.message : e.message}); GET /api/v1/jobs/${jobId}/result has it too`);
  }
});
app.listen(Number(process.env.PORT || 9000));
