# A postback receiver in Python with Flask, for the multipart mode: the signature is checked over
# request.get_data(), the raw body bytes, before anything in the request is trusted.
#   IMAGECOGNI_WEBHOOK_SECRET=whsec_… flask --app flask_receiver run --port 9000
import base64, hashlib, hmac, os, time

from flask import Flask, request

KEY = base64.b64decode(os.environ["IMAGECOGNI_WEBHOOK_SECRET"].removeprefix("whsec_"))


def verified(headers, body: bytes) -> bool:
    msg_id, timestamp = headers.get("webhook-id"), headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (msg_id and timestamp and signatures) or abs(time.time() - int(timestamp)) > 300:
        return False  # incomplete, replayed or badly delayed
    expected = hmac.new(KEY, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return any(version == "v1" and hmac.compare_digest(base64.b64decode(value), expected)
               for version, _, value in (s.partition(",") for s in signatures.split(" ")))


app = Flask(__name__)


@app.post("/hooks/images")
def postback():
    body = request.get_data(cache=True)  # the exact bytes; request.files/form still work afterwards
    if not verified(request.headers, body):
        return "", 401
    print(f"verified {request.headers['webhook-id']}: job {request.form['jobId']},"
          f" {len(request.files['outputZipFile'].read())} ZIP bytes", flush=True)
    return "", 204
