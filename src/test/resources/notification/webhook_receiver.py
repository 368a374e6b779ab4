#!/usr/bin/python3
"""A webhook receiver for the notification tests, standard library only.

Usage: webhook_receiver.py PORT OUTPUT_FILE  (the shared secret in the environment variable WEBHOOK_SECRET)

Listens on 127.0.0.1:PORT. For every POST it checks X-Gatehouse-Signature (sha256=<hex HMAC-SHA256 of the body>)
against the secret in constant time, appends one JSON line to OUTPUT_FILE with the path, the headers, the body as
text and whether the signature was valid, and answers 204 when it was valid, 401 when it was not.
"""
import hashlib
import hmac
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = os.environ["WEBHOOK_SECRET"].encode("utf-8")
OUTPUT = sys.argv[2]


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        expected = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
        given = self.headers.get("X-Gatehouse-Signature", "")
        valid = hmac.compare_digest(expected, given)
        record = {
            "path": self.path,
            "headers": {k: v for k, v in self.headers.items()},
            "body": body.decode("utf-8"),
            "signature_valid": valid,
        }
        with open(OUTPUT, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
        self.send_response(204 if valid else 401)
        self.end_headers()

    def log_message(self, format, *args):
        sys.stderr.write("webhook_receiver: " + (format % args) + "\n")


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver)
    print("listening", flush=True)
    server.serve_forever()
