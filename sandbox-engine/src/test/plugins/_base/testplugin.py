#!/usr/bin/env python3
"""The validator's test plugin: a well-behaved CRM sync plugin with one switchable misbehaviour.

    python3 testplugin.py [--flaw NAME]

Without --flaw it behaves like sample-projects/crm-sync-python (and must pass every check). Each flaw
breaks exactly one publishing rule of DESIGN §6 and nothing else; see ../README.md for the table.
Flaws named after manifest checks (m01-..m04-) and t01-failing-scenario change nothing here: those
folders break their rule in plugin.yaml or in a scenario.

Python 3.11, standard library only. Environment as `sandbox run` gives it: PORT, PLATFORM_API_URL,
PLATFORM_CLIENT_ID, PLATFORM_CLIENT_SECRET, PLATFORM_TENANT, PLATFORM_WEBHOOK_SECRET, HTTP_PROXY, NO_PROXY.
"""

import argparse
import base64
import collections
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

# These must agree with plugin.yaml (webhook:, actions:, egress:) and fixtures/seed.yaml.
WEBHOOK_PATH = "/hooks/platform"
HEALTH_PATH = "/health"
SYNC_NOW_PATH = "/actions/sync-now"
COLLECTION = "contacts"
SUBJECT_FIELD = "subject_id"
CRM_BASE_URL = "http://api.crm.example"

SIGNATURE_TOLERANCE_S = 300  # reject deliveries signed more than 5 minutes ago (replays)
EXTERNAL_TIMEOUT_S = 2.0  # never let a slow CRM hold a worker for long
PLATFORM_TIMEOUT_S = 10.0
MAX_ATTEMPTS = 5  # for calls the Platform API answers with 429 (or 503) and Retry-After
MAX_RETRY_AFTER_S = 30
REMEMBERED_EVENTS = 10_000

# Used by flaws only.
UNDECLARED_HOST_URL = "http://telemetry.leaky.example/v1/ping"  # s05: not under egress: in plugin.yaml
NO_PII_HOST_URL = "http://api.analytics.example/v1/track"  # s06: declared, but with no pii: fields
SLOW_ACK_S = 2.5  # q04

FLAWS = {
    "m01-schema": "none here: plugin.yaml has an unknown top-level key",
    "m02-semver": "none here: plugin.yaml has version 1.4",
    "m03-scope": "none here: plugin.yaml asks for the unknown scope records:everything",
    "m04-platform": "none here: plugin.yaml wants platform ^2.0",
    "r01-unhealthy": "GET /health answers 500, always",
    "r02-ignores-sigterm": "SIGTERM is ignored",
    "s01-unsigned": "a webhook without Platform-Signature is accepted",
    "s02-wrong-signature": "the HMAC in Platform-Signature is not checked (its presence and timestamp are)",
    "s03-replay": "the timestamp in Platform-Signature is not checked (the HMAC is)",
    "s04-undeclared-scope": "calls GET /v1/audit (audit:read, not declared) for every new contact",
    "s05-undeclared-host": "pings telemetry.leaky.example (not declared; no personal data) for every new contact",
    "s06-pii-to-wrong-host": "sends the email to api.analytics.example, declared without pii",
    "s07-logs-pii": "logs the email of every contact it pushes",
    "q01-not-idempotent": "handles every delivery as new: no event-id memory, no check of crm_id",
    "q02-no-retry": "gives up on a 429 from the Platform API instead of waiting Retry-After",
    "q03-crashes-on-5xx": "exits (status 70) when the CRM answers 5xx or does not answer in time",
    "q04-slow-ack": f"waits {SLOW_ACK_S} s before acknowledging each (valid) webhook delivery",
    "c01-no-erasure": "ignores subject.erasure_requested (and plugin.yaml does not subscribe to it)",
    "t01-failing-scenario": "none here: the folder has a scenario that cannot pass",
}
FLAW = None  # set from --flaw in main()


def flawed(name):
    return FLAW == name

log = logging.getLogger("test-plugin")


# --------------------------------------------------------------------------------------------
# Platform API client: OAuth client credentials, token cache, 429 handling.
# --------------------------------------------------------------------------------------------


class PlatformError(Exception):
    """A Platform API answer that is not a success. Carries the status and the problem's title only."""

    def __init__(self, status, title):
        super().__init__(f"{status} {title}")
        self.status = status
        self.title = title


class PlatformClient:
    """Calls the Platform API as this plugin's app. Thread-safe."""

    def __init__(self, base_url, client_id, client_secret):
        self.base_url = base_url.rstrip("/")
        self._basic = base64.b64encode(f"{client_id}:{client_secret}".encode()).decode()
        self._token = None
        self._token_expires = 0.0
        self._lock = threading.Lock()
        # The Platform API is local: never send it through the egress proxy.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def get(self, path, params=None):
        if params:
            path += "?" + urllib.parse.urlencode(params)
        return self._call("GET", path)

    def patch(self, path, body, if_match=None):
        headers = {"If-Match": if_match} if if_match else {}
        return self._call("PATCH", path, body, headers)

    def _call(self, method, path, body=None, headers=None):
        """Returns (status, headers, parsed JSON body or None). Retries 429; renews an expired token once."""
        renewed = False
        for attempt in range(1, MAX_ATTEMPTS + 1):
            all_headers = {"Authorization": "Bearer " + self._access_token(), **(headers or {})}
            try:
                return self._send(method, path, body, all_headers)
            except urllib.error.HTTPError as e:
                problem = _json_or_none(e.read())
                retryable = e.code == 429 or (e.code == 503 and e.headers.get("Retry-After"))
                if retryable and attempt < MAX_ATTEMPTS \
                        and not flawed("q02-no-retry"):
                    delay = _retry_after(e.headers)
                    log.info("%s %s answered %d; retrying in %d s", method, _path_only(path), e.code, delay)
                    time.sleep(delay)
                    continue
                if e.code == 401 and not renewed:
                    renewed = True
                    self._forget_token()
                    continue
                raise PlatformError(e.code, (problem or {}).get("title", e.reason)) from None
        raise PlatformError(0, "gave up after %d attempts" % MAX_ATTEMPTS)

    def _access_token(self):
        with self._lock:
            if self._token is None or time.monotonic() >= self._token_expires:
                for attempt in range(1, MAX_ATTEMPTS + 1):
                    try:
                        _, _, answer = self._send(
                            "POST",
                            "/oauth/token",
                            urllib.parse.urlencode({"grant_type": "client_credentials"}).encode(),
                            {"Authorization": "Basic " + self._basic,
                             "Content-Type": "application/x-www-form-urlencoded"},
                            raw=True,
                        )
                        break
                    except urllib.error.HTTPError as e:
                        if e.code == 429 and attempt < MAX_ATTEMPTS and not flawed("q02-no-retry"):
                            time.sleep(_retry_after(e.headers))
                            continue
                        raise PlatformError(e.code, "could not get an access token") from None
                self._token = answer["access_token"]
                # Renew a minute early so that a token never expires in the middle of a call.
                self._token_expires = time.monotonic() + max(int(answer.get("expires_in", 3600)) - 60, 30)
            return self._token

    def _forget_token(self):
        with self._lock:
            self._token = None

    def _send(self, method, path, body, headers, raw=False):
        data = body if raw else (None if body is None else json.dumps(body).encode())
        request = urllib.request.Request(self.base_url + path, data=data, method=method, headers=headers)
        if data is not None and not raw:
            request.add_header("Content-Type", "application/json")
        with self._opener.open(request, timeout=PLATFORM_TIMEOUT_S) as response:
            return response.status, response.headers, _json_or_none(response.read())


def _retry_after(headers):
    try:
        return min(max(int(headers.get("Retry-After", "1")), 0), MAX_RETRY_AFTER_S)
    except ValueError:  # an HTTP date: rare; wait a second
        return 1


def _path_only(path):
    return path.split("?", 1)[0]  # query strings may hold filters with personal data


def _json_or_none(data):
    try:
        return json.loads(data) if data else None
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# The CRM, reached through the egress proxy (HTTP_PROXY from the environment).
# --------------------------------------------------------------------------------------------


class CrmError(Exception):
    """The CRM failed or did not answer in time. The message never holds personal data."""


class CrmClient:
    def __init__(self, base_url=CRM_BASE_URL):
        self.base_url = base_url
        # build_opener() reads HTTP_PROXY / HTTPS_PROXY / NO_PROXY from the environment.
        self._opener = urllib.request.build_opener()

    def create_contact(self, name, email):
        """Creates the contact and returns its CRM id (the existing one if the CRM already has it)."""
        first, _, last = (name or "").partition(" ")
        body = {"first_name": first, "last_name": last, "email": email}
        status, answer = self._call("POST", "/v1/contacts", body, "POST /v1/contacts")
        if status == 409 and (answer or {}).get("error", {}).get("existing_id"):
            return answer["error"]["existing_id"]
        if status not in (200, 201) or not (answer or {}).get("id"):
            raise CrmError(f"POST /v1/contacts answered {status}")
        return answer["id"]

    def delete_contact(self, crm_id):
        path = "/v1/contacts/" + urllib.parse.quote(crm_id, safe="")
        status, _ = self._call("DELETE", path, None, "DELETE /v1/contacts/{id}")
        if status not in (200, 202, 204, 404):  # 404: already gone, which is what we want
            raise CrmError(f"DELETE /v1/contacts/{{id}} answered {status}")

    def _call(self, method, path, body, what):
        """Returns (status, parsed body) for 2xx, 404 and 409; raises CrmError for anything else.

        `what` names the call in error messages: never the URL or the body, which may hold personal data.
        """
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with self._opener.open(request, timeout=EXTERNAL_TIMEOUT_S) as response:
                return response.status, _json_or_none(response.read())
        except urllib.error.HTTPError as e:
            if e.code in (404, 409):
                return e.code, _json_or_none(e.read())
            _crash_if_flawed(f"{what} answered {e.code}")
            raise CrmError(f"{what} answered {e.code}") from None
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as e:
            _crash_if_flawed(f"{what} failed: {type(e).__name__}")
            raise CrmError(f"{what} failed: {type(e).__name__}") from None


def _crash_if_flawed(problem):
    if flawed("q03-crashes-on-5xx"):
        log.critical("flaw q03-crashes-on-5xx: %s; exiting", problem)
        logging.shutdown()
        os._exit(70)


def _side_call(url, body):
    """A fire-and-forget call through the egress proxy (flaws s05 and s06). Errors are ignored."""
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.build_opener().open(request, timeout=EXTERNAL_TIMEOUT_S) as response:
            response.read()
    except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError):
        pass


# --------------------------------------------------------------------------------------------
# What the plugin does.
# --------------------------------------------------------------------------------------------


class ContactSync:
    """Keeps the CRM in step with the tenant's contacts. One lock: the worker and sync-now never race."""

    def __init__(self, platform, crm):
        self.platform = platform
        self.crm = crm
        self._lock = threading.Lock()
        # What this process pushed. A real plugin keeps these in its own database; in memory is
        # enough for the sandbox. They let erasure find CRM copies after the platform has already
        # deleted the records, and keep a retried push from creating a second CRM contact.
        self._crm_id_by_record = {}
        self._crm_ids_by_subject = collections.defaultdict(set)
        self._erased_subjects = set()

    def on_record_created(self, data):
        if data.get("collection") != COLLECTION:
            return
        record_id = data.get("id") or (data.get("record") or {}).get("id")
        if not record_id:
            return
        if flawed("s05-undeclared-host"):
            _side_call(UNDECLARED_HOST_URL, {"event": "record.created", "plugin": "acme.test-plugin"})
        with self._lock:
            try:
                # Read the record rather than trust the event: it is current, and unmasked (pii:read).
                _, _, record = self.platform.get(f"/v1/collections/{COLLECTION}/records/{_q(record_id)}")
            except PlatformError as e:
                if e.status == 404:
                    log.info("record %s is gone; nothing to push", record_id)
                    return
                raise
            self._push(record)
        if flawed("s04-undeclared-scope"):
            # After the work, so that the call Q02 faults (the first of an event) is still the record read.
            read_audit_log(self.platform)

    def on_erasure_requested(self, subject):
        """Deletes every CRM contact of the subject. The platform erases its own records."""
        if not subject:
            return
        with self._lock:
            self._erased_subjects.add(subject)  # never push this subject again
            crm_ids = set(self._crm_ids_by_subject.pop(subject, set()))
            # The records are normally gone by now (the platform deletes them before it emits the
            # event), hence the links kept above; if some are still there, use theirs too.
            for record in self._records(f'{SUBJECT_FIELD} eq "{_filter_string(subject)}"'):
                if record.get("crm_id"):
                    crm_ids.add(record["crm_id"])
            failed = set()
            for crm_id in sorted(crm_ids):
                try:
                    self.crm.delete_contact(crm_id)
                except CrmError as e:
                    failed.add(crm_id)
                    log.warning("erasure: a CRM contact was not deleted: %s", e)
            if failed:  # keep them, so that a later erasure request for the subject tries again
                self._crm_ids_by_subject[subject] |= failed
            for record_id in [r for r, c in self._crm_id_by_record.items() if c in crm_ids]:
                del self._crm_id_by_record[record_id]
        log.info("erasure: deleted %d CRM contact(s), %d failed", len(crm_ids) - len(failed), len(failed))

    def sync_now(self):
        """Pushes every contact that has no crm_id yet. Returns counts for the action's answer."""
        counts = {"pushed": 0, "skipped": 0, "failed": 0}
        with self._lock:
            for record in self._records("crm_id eq null"):
                try:
                    counts["pushed" if self._push(record) else "skipped"] += 1
                except (PlatformError, CrmError) as e:
                    counts["failed"] += 1
                    log.warning("sync-now: record %s not pushed: %s", record.get("id"), e)
        log.info("sync-now: %(pushed)d pushed, %(skipped)d skipped, %(failed)d failed", counts)
        return counts

    def _push(self, record):
        """Pushes one record and writes the CRM id back. Returns False when there was nothing to do."""
        record_id = record["id"]
        if record.get("crm_id") and not flawed("q01-not-idempotent"):
            return False
        if record.get(SUBJECT_FIELD) in self._erased_subjects:
            return False
        email = record.get("email")
        if not email:
            log.info("record %s has no email; not pushed", record_id)
            return False
        if email == "***":
            log.warning("record %s: email is masked; the plugin needs the pii:read scope", record_id)
            return False
        crm_id = None if flawed("q01-not-idempotent") else self._crm_id_by_record.get(record_id)
        if crm_id is None:  # only ask the CRM once per record, even if the write-back failed before
            crm_id = self.crm.create_contact(record.get("name"), email)
            self._crm_id_by_record[record_id] = crm_id
            if record.get(SUBJECT_FIELD):
                self._crm_ids_by_subject[record[SUBJECT_FIELD]].add(crm_id)
        if flawed("s06-pii-to-wrong-host"):
            _side_call(NO_PII_HOST_URL, {"event": "contact_synced", "email": email})
        self._write_back(record, crm_id)
        if flawed("s07-logs-pii"):
            log.info("record %s (%s) pushed to the CRM as %s", record_id, email, crm_id)
        else:
            log.info("record %s pushed to the CRM as %s", record_id, crm_id)
        return True

    def _write_back(self, record, crm_id):
        path = f"/v1/collections/{COLLECTION}/records/{_q(record['id'])}"
        try:
            self.platform.patch(path, {"crm_id": crm_id}, if_match=f'"{record["version"]}"')
        except PlatformError as e:
            if e.status != 412:
                raise
            # Someone changed the record since we read it: read it again and retry once.
            _, _, fresh = self.platform.get(path)
            if not fresh.get("crm_id"):
                self.platform.patch(path, {"crm_id": crm_id}, if_match=f'"{fresh["version"]}"')

    def _records(self, filter_text):
        cursor = None
        while True:
            params = {"filter": filter_text, "limit": 100}
            if cursor:
                params["cursor"] = cursor
            _, _, page = self.platform.get(f"/v1/collections/{COLLECTION}/records", params)
            yield from page.get("data", [])
            cursor = page.get("next_cursor")
            if not cursor:
                return


def read_audit_log(platform):
    """Flaw s04: GET /v1/audit needs audit:read, which plugin.yaml does not ask for."""
    try:
        platform.get("/v1/audit", {"limit": 1})
    except PlatformError as e:
        log.info("flaw s04-undeclared-scope: GET /v1/audit answered %d", e.status)


def _q(value):
    return urllib.parse.quote(str(value), safe="")


def _filter_string(value):
    return value.replace("\\", "\\\\").replace('"', '\\"')


# --------------------------------------------------------------------------------------------
# Webhooks: signature check, de-duplication, a queue and one worker.
# --------------------------------------------------------------------------------------------


def verify_signature(secret, header, body, now=None, tolerance=SIGNATURE_TOLERANCE_S):
    """Checks `Platform-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.

    Returns None when the signature is good, else the reason it is not.
    """
    if not header:
        return "no Platform-Signature header"
    timestamp, signatures = None, []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            timestamp = value
        elif key == "v1":
            signatures.append(value)
    if not timestamp or not timestamp.isdigit() or not signatures:
        return "malformed Platform-Signature header"
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    if not any(hmac.compare_digest(expected, s) for s in signatures) and not flawed("s02-wrong-signature"):
        return "signature does not match"
    now = time.time() if now is None else now
    if abs(now - int(timestamp)) > tolerance and not flawed("s03-replay"):
        return "timestamp outside the %d s tolerance" % tolerance
    return None


class EventInbox:
    """Remembers the event ids it has accepted, and hands new events to one worker thread."""

    def __init__(self, sync):
        self.sync = sync
        self._seen = collections.OrderedDict()
        self._seen_lock = threading.Lock()
        self._queue = queue.Queue()
        self._stopping = threading.Event()
        self._worker = threading.Thread(target=self._work, name="worker", daemon=True)

    def start(self):
        self._worker.start()

    def accept(self, event_id, event):
        """Queues the event; returns False when this event id was accepted before (a redelivery)."""
        with self._seen_lock:
            if event_id in self._seen and not flawed("q01-not-idempotent"):
                return False
            self._seen[event_id] = True
            if len(self._seen) > REMEMBERED_EVENTS:
                self._seen.popitem(last=False)
        self._queue.put((event_id, event))
        return True

    def stop(self, timeout):
        """Lets the event in hand finish; the ones still queued are dropped (sync-now catches up)."""
        self._stopping.set()
        self._queue.put(None)
        self._worker.join(timeout)
        dropped = self._queue.qsize() - 1
        if dropped > 0:
            log.info("stopped with %d event(s) not handled", dropped)

    def _work(self):
        while not self._stopping.is_set():
            item = self._queue.get()
            if item is None:
                return
            event_id, event = item
            try:
                kind = event.get("type")
                if kind == "record.created":
                    self.sync.on_record_created(event.get("data") or {})
                elif kind == "subject.erasure_requested" and not flawed("c01-no-erasure"):
                    self.sync.on_erasure_requested(event.get("subject") or (event.get("data") or {}).get("subject"))
            except (PlatformError, CrmError) as e:
                # Not retried here: the sync-now action picks up contacts that were not pushed.
                log.warning("event %s (%s) failed: %s", event_id, event.get("type"), e)
            except Exception as e:  # keep the worker alive whatever happens
                log.error("event %s (%s) failed unexpectedly: %s", event_id, event.get("type"), type(e).__name__)


def make_handler(secret, inbox, sync):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            if urllib.parse.urlsplit(self.path).path == HEALTH_PATH:
                if flawed("r01-unhealthy"):
                    self._answer(500, {"status": "broken", "flaw": FLAW})
                else:
                    self._answer(200, {"status": "ok"})
            else:
                self._answer(404, {"error": "not found"})

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            path = urllib.parse.urlsplit(self.path).path
            if path == WEBHOOK_PATH:
                self._webhook(body)
            elif path == SYNC_NOW_PATH:
                self._answer(200, sync.sync_now())
            else:
                self._answer(404, {"error": "not found"})

        def _webhook(self, body):
            header = self.headers.get("Platform-Signature")
            if flawed("s01-unsigned") and not header:
                problem = None
            else:
                problem = verify_signature(secret, header, body)
            if problem:
                log.warning("webhook refused: %s", problem)
                self._answer(401, {"error": problem})
                return
            event = _json_or_none(body)
            event_id = self.headers.get("Platform-Event-Id") or (event.get("id") if isinstance(event, dict) else None)
            if not isinstance(event, dict) or not event_id:
                # Signed, so it comes from the platform; a retry would not make it any better.
                self._answer(200, {"ignored": "not an event envelope"})
                return
            accepted = inbox.accept(event_id, event)
            if flawed("q04-slow-ack"):
                time.sleep(SLOW_ACK_S)
            if accepted:
                self._answer(200, {"received": event_id})
            else:
                self._answer(200, {"received": event_id, "duplicate": True})

        def _answer(self, status, payload):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format, *args):
            pass  # no access log: it adds nothing here and would flood the console in a burst

    return Handler


# --------------------------------------------------------------------------------------------
# Start and stop.
# --------------------------------------------------------------------------------------------


def main():
    global FLAW
    parser = argparse.ArgumentParser(description="The validator's test plugin.")
    parser.add_argument("--flaw", choices=sorted(FLAWS), help="the one rule to break")
    FLAW = parser.parse_args().flaw
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    required = ["PORT", "PLATFORM_API_URL", "PLATFORM_CLIENT_ID", "PLATFORM_CLIENT_SECRET", "PLATFORM_WEBHOOK_SECRET"]
    missing = [name for name in required if not os.environ.get(name)]
    if missing:
        log.error("missing environment variables: %s (start me with `sandbox run`)", ", ".join(missing))
        return 2

    platform = PlatformClient(
        os.environ["PLATFORM_API_URL"], os.environ["PLATFORM_CLIENT_ID"], os.environ["PLATFORM_CLIENT_SECRET"])
    sync = ContactSync(platform, CrmClient())
    inbox = EventInbox(sync)
    server = ThreadingHTTPServer(
        ("127.0.0.1", int(os.environ["PORT"])), make_handler(os.environ["PLATFORM_WEBHOOK_SECRET"], inbox, sync))

    stopping = threading.Event()
    if flawed("r02-ignores-sigterm"):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    else:
        signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())

    inbox.start()
    if flawed("s04-undeclared-scope"):  # also once at start, like a careless self-check
        threading.Thread(target=read_audit_log, args=(platform,), daemon=True).start()
    threading.Thread(target=server.serve_forever, name="http", daemon=True).start()
    log.info("test plugin listening on 127.0.0.1:%d (tenant %s), flaw: %s",
             server.server_port, os.environ.get("PLATFORM_TENANT", "?"), FLAW or "none")
    while not stopping.wait(1):
        pass
    log.info("stopping")
    server.shutdown()
    server.server_close()
    inbox.stop(timeout=5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
