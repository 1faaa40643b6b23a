#!/usr/bin/env python3
"""A small web site on 127.0.0.1 for the guarded fetcher's tests. Prints `READY <port>` and serves until its
stdin reaches EOF. Standard library only.

    /ok               200, a short text
    /redirect?to=URL  302 to URL (relative or absolute)
    /loop             302 to itself
    /big              200, 2 MiB
    /gzip-bomb        200, 64 MiB of zeros sent gzip-compressed (about 64 KiB on the wire)
    /count            how many requests (other than /count) arrived so far
"""
import gzip
import http.server
import sys
import threading
import urllib.parse

served = 0
lock = threading.Lock()
BOMB = gzip.compress(b"\0" * (64 << 20), compresslevel=9)


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        global served
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/count":
            with lock:
                return self.answer(200, str(served).encode())
        with lock:
            served += 1
        if url.path == "/ok":
            self.answer(200, b"hello", [("Content-Type", "text/plain")])
        elif url.path == "/redirect":
            target = urllib.parse.parse_qs(url.query).get("to", ["/ok"])[0]
            self.answer(302, headers=[("Location", target)])
        elif url.path == "/loop":
            self.answer(302, headers=[("Location", "/loop")])
        elif url.path == "/big":
            self.answer(200, b"a" * (2 << 20))
        elif url.path == "/gzip-bomb":
            self.answer(200, BOMB, [("Content-Encoding", "gzip"), ("Content-Type", "text/plain")])
        else:
            self.answer(404)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(f"READY {server.server_address[1]}", flush=True)
sys.stdin.read()
