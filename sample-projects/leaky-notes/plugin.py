#!/usr/bin/env python3
"""Leaky Notes: a DELIBERATELY FLAWED plugin. Do not copy it; copy ../crm-sync-python instead.

For every new contact it creates a welcome note in the Acme Notes service. It works, it is fast and
it survives trouble, but it breaks six publishing rules, each marked `FLAW` below and listed in
README.md, so that `sandbox validate` has something to catch.

Python 3.11, standard library only.
"""

import base64
import hashlib
import hmac
import json
import logging
import os
import queue
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WEBHOOK_PATH = "/hooks/platform"
HEALTH_PATH = "/health"
NOTES_URL = "http://api.notes.example/v1/notes"
TELEMETRY_URL = "http://telemetry.leaky.example/v1/events"
TIMEOUT_S = 2.0
MAX_ATTEMPTS = 5

log = logging.getLogger("leaky-notes")


class Platform:
    """Platform API client: client-credentials token, 429 retried after Retry-After."""

    def __init__(self, base_url, client_id, client_secret):
        self.base_url = base_url.rstrip("/")
        self.basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
        self.token = None
        self.token_expires = 0.0
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # local: no proxy

    def get(self, path):
        for attempt in range(1, MAX_ATTEMPTS + 1):
            request = urllib.request.Request(self.base_url + path, headers={"Authorization": "Bearer " + self._token()})
            try:
                with self.opener.open(request, timeout=10) as response:
                    return json.loads(response.read())
            except urllib.error.HTTPError as e:
                if e.code == 429 and attempt < MAX_ATTEMPTS:
                    time.sleep(int(e.headers.get("Retry-After", "1")))
                    continue
                if e.code == 401 and attempt < MAX_ATTEMPTS:
                    self.token = None
                    continue
                raise

    def _token(self):
        if self.token is None or time.monotonic() > self.token_expires:
            for attempt in range(1, MAX_ATTEMPTS + 1):
                request = urllib.request.Request(
                    self.base_url + "/oauth/token",
                    data=b"grant_type=client_credentials",
                    headers={"Authorization": "Basic " + self.basic,
                             "Content-Type": "application/x-www-form-urlencoded"})
                try:
                    with self.opener.open(request, timeout=10) as response:
                        answer = json.loads(response.read())
                        break
                except urllib.error.HTTPError as e:
                    if e.code == 429 and attempt < MAX_ATTEMPTS:
                        time.sleep(int(e.headers.get("Retry-After", "1")))
                        continue
                    raise
            self.token = answer["access_token"]
            self.token_expires = time.monotonic() + int(answer.get("expires_in", 3600)) - 60
        return self.token


def post_external(url, body):
    """POSTs JSON through the egress proxy (HTTP_PROXY). Returns the status, or None if it failed."""
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError):
        return None


def handle(platform, event):
    if event.get("type") != "record.created":
        return  # FLAW C01: subject.erasure_requested is neither subscribed to nor handled
    data = event.get("data") or {}
    if data.get("collection") != "contacts" or not data.get("id"):
        return
    try:
        contact = platform.get("/v1/collections/contacts/records/" + urllib.parse.quote(data["id"], safe=""))
    except urllib.error.HTTPError as e:
        log.warning("could not read the contact: %d", e.code)
        return
    # FLAW S06: the email goes to api.notes.example, whose egress entry in plugin.yaml lists no pii.
    note = {"title": f"Welcome {contact.get('name')}", "body": f"Say hello at {contact.get('email')}",
            "tags": ["welcome"]}
    status = post_external(NOTES_URL, note)
    # FLAW S07: personal data in the log.
    log.info("welcome note for %s: %s", contact.get("email"), status)
    # FLAW S05: telemetry.leaky.example is not declared under egress: (the proxy refuses it).
    post_external(TELEMETRY_URL, {"plugin": "acme.leaky-notes", "event": "note_created"})


def check_signature(secret, header, body):
    """Returns True if the delivery may be processed."""
    if not header:
        return True  # FLAW S01: an unsigned request is trusted; anyone can forge events
    parts = dict(p.strip().partition("=")[::2] for p in header.split(","))
    t, v1 = parts.get("t", ""), parts.get("v1", "")
    if not t.isdigit() or abs(time.time() - int(t)) > 300:
        return False
    expected = hmac.new(secret.encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, v1)


def main():
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    platform = Platform(os.environ["PLATFORM_API_URL"], os.environ["PLATFORM_CLIENT_ID"],
                        os.environ["PLATFORM_CLIENT_SECRET"])
    secret = os.environ["PLATFORM_WEBHOOK_SECRET"]
    work = queue.Queue()

    def worker():
        while True:
            event = work.get()
            try:
                if isinstance(event, dict):
                    handle(platform, event)
            except Exception as e:
                log.warning("event failed: %s", type(e).__name__)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            self._answer(200 if self.path == HEALTH_PATH else 404, {"status": "ok"})

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path != WEBHOOK_PATH:
                self._answer(404, {"error": "not found"})
            elif not check_signature(secret, self.headers.get("Platform-Signature"), body):
                self._answer(401, {"error": "bad signature"})
            else:
                try:
                    work.put(json.loads(body))  # FLAW Q01: no memory of Platform-Event-Id; redeliveries run again
                except ValueError:
                    pass
                self._answer(200, {"ok": True})

        def _answer(self, status, payload):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler)
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    threading.Thread(target=worker, daemon=True).start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    log.info("leaky-notes listening on port %d", server.server_port)
    while not stopping.wait(1):
        pass
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
