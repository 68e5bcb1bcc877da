# A postback receiver in Python with FastAPI, for the multipart mode: the signature is checked over
# await request.body(), the raw body bytes, before anything in the request is trusted.
#   IMAGECOGNI_WEBHOOK_SECRET=whsec_… uvicorn fastapi_receiver:app --port 9000
import base64, hashlib, hmac, os, time

from fastapi import FastAPI, Request, Response

KEY = base64.b64decode(os.environ["IMAGECOGNI_WEBHOOK_SECRET"].removeprefix("whsec_"))


def verified(headers, body: bytes) -> bool:
    msg_id, timestamp = headers.get("webhook-id"), headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (msg_id and timestamp and signatures) or abs(time.time() - int(timestamp)) > 300:
        return False  # incomplete, replayed or badly delayed
    expected = hmac.new(KEY, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return any(version == "v1" and hmac.compare_digest(base64.b64decode(value), expected)
               for version, _, value in (s.partition(",") for s in signatures.split(" ")))


app = FastAPI()


@app.post("/hooks/images")
async def postback(request: Request):
    body = await request.body()  # the exact bytes, read before any form parsing
    if not verified(request.headers, body):
        return Response(status_code=401)
    print(f"verified {request.headers['webhook-id']}: {len(body)} bytes", flush=True)
    return Response(status_code=204)
